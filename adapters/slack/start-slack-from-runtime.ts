import { type Agents, createAgents } from '../../agents/create-agents.ts';
import { renderChart } from '../../charts/index.ts';
import type { Runtime } from '../../src/composition-root.ts';
import type { AuthorisationPolicy } from '../../src/recommendations/index.ts';
import type { StateStore } from '../../src/state/index.ts';
import type { SlackLog } from './slack-app-dependencies.ts';
import type { SlackConfig } from './slack-config.ts';
import type { DigestCommandHandler } from './slash-command.ts';
import { type RunningSlack, startSlack } from './start-slack.ts';

export interface StartSlackFromRuntimeOptions {
  runtime: Runtime;
  /** Recommendations and decisions, thread context, event de-duplication, stored "show more" pages. */
  stateStore: StateStore;
  /** From `slackConfigFromEnv(process.env)`; the caller starts Slack only when that is defined. */
  slackConfig: SlackConfig;
  log?: SlackLog | undefined;
  /** `/finops digest …`; default subscriptions in `stateStore` over the runtime's catalog. */
  digest?: DigestCommandHandler | undefined;
}

/**
 * The one call `npm start` makes to put the copilot in Slack: creates the agents over the runtime
 * (orchestrator, specialists, bus), connects Slack (Socket Mode with SLACK_APP_TOKEN, else HTTP on
 * SLACK_PORT), and on `stop()` stops receiving, waits for answers in progress and closes the agents.
 */
export async function startSlackFromRuntime(options: StartSlackFromRuntimeOptions): Promise<RunningSlack> {
  const { runtime, stateStore, slackConfig } = options;
  const log: SlackLog = options.log ?? (() => {});
  const agents: Agents = await createAgents({
    runtime,
    stateStore,
    log: (entry) =>
      log({ level: /error/i.test(entry.event) ? 'warn' : 'info', ...entry, event: `agents.${entry.event}` }),
  });
  let running: RunningSlack;
  try {
    running = await startSlack(
      {
        orchestrator: agents.orchestrator,
        recommendations: runtime.recommendations(stateStore),
        stateStore,
        catalog: () => runtime.engine.catalog(),
        renderChart: (request) => renderChart(request),
        log,
      },
      slackConfig,
      {
        turnTimeoutMs: runtime.config.agents.turnTimeoutMs,
        approverGroups: approverGroupsOf(runtime.config.authorisation),
        digest: options.digest,
      },
    );
  } catch (error) {
    // Nothing is listening, so nothing else will close the agents.
    await agents.close();
    throw error;
  }
  return {
    ...running,
    async stop() {
      try {
        await running.stop();
      } finally {
        await agents.close();
      }
    },
  };
}

/** Every approver group the policy names, in its default and in any workspace or channel scope. */
export function approverGroupsOf(policy: AuthorisationPolicy): string[] {
  return [
    ...new Set([
      ...policy.default.approvers.groups,
      ...policy.scopes.flatMap((scope) => scope.policy.approvers.groups),
    ]),
  ];
}
