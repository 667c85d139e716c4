import { join } from 'node:path';
import type { Runtime } from '../../../src/composition-root.ts';
import { FinopsError } from '../../../src/errors.ts';
import type { StateStore } from '../../../src/state/index.ts';
import { startDigests, structuredDigestLog } from '../../digest/index.ts';
import { type RunningSlack, slackConfigFromEnv, startSlackFromRuntime } from '../../slack/index.ts';
import { openStateStore } from '../../state/open-state-store.ts';
import { type RunningTeams, startTeams, type TeamsLog, teamsConfigFromEnv } from '../../teams/index.ts';
import {
  launchPlayground,
  type RunningPlayground,
  resolvePlaygroundCli,
} from '../../teams/playground/launch-playground.ts';
import { hasNoApprovers, withPlaygroundApprover } from '../../teams/playground/playground-user.ts';
import type { CommandContext } from '../main.ts';
import { openRuntimeWithData } from './ensure-data.ts';

/** The Playground's own log, kept beside the database for when the chat page misbehaves. */
export const PLAYGROUND_LOG_FILE = 'agents-playground.log';

export interface StartCopilotOptions {
  /** The Teams endpoint's port; default TEAMS_PORT or 3978; 0 = any free port. */
  teamsPort?: number | undefined;
  /** The Playground chat page's port; default 56150; 0 = any free port. */
  playgroundPort?: number | undefined;
  log: TeamsLog;
}

export interface StartedCopilot {
  /** The Playground chat page; absent when Teams runs authenticated (real Teams posts to it instead). */
  chatUrl?: string | undefined;
  teamsEndpoint: string;
  /** The data and state the agents answer from (tests and the bench read decisions through them). */
  runtime: Runtime;
  stateStore: StateStore;
  playground?: RunningPlayground | undefined;
  slack?: RunningSlack | undefined;
  /** True when the Playground's user was made an approver because no policy names one. */
  playgroundApprover: boolean;
  /** Stops the Playground, then Teams and Slack (answers in progress finish), the store and the database. */
  stop(): Promise<void>;
}

/** Runs every step even when one fails, then reports the first failure. */
async function stopAll(steps: Array<() => Promise<void> | void>): Promise<void> {
  let first: unknown;
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      first ??= error;
    }
  }
  if (first !== undefined) throw first;
}

/**
 * What `npm start` runs: the copilot on the loaded data (the demo on first run), the Teams agent on
 * localhost with the Agents Playground pointed at it (anonymous local mode), and Slack beside them when
 * SLACK_* tokens are set. With TEAMS_CLIENT_ID set the Teams agent is authenticated for real Teams and
 * the Playground, which cannot present a Bot Connector token, is not started.
 */
export async function startCopilot(
  context: CommandContext,
  options: StartCopilotOptions,
): Promise<StartedCopilot> {
  // Bad TEAMS_* or SLACK_* settings fail before anything is opened or generated.
  const teamsConfig = teamsConfigFromEnv(context.config.teamsEnvironment);
  const slackConfig = slackConfigFromEnv(context.config.slackEnvironment);
  const local = !teamsConfig.clientId;
  // A production install has no Playground: say so before generating data or opening ports.
  const playgroundCli = local ? resolvePlaygroundCli() : undefined;
  const playgroundApprover = local && hasNoApprovers(context.config.authorisation);
  const config = playgroundApprover
    ? { ...context.config, authorisation: withPlaygroundApprover(context.config.authorisation) }
    : context.config;

  const cleanup: Array<() => Promise<void> | void> = [];
  const stop = () => stopAll([...cleanup].reverse());
  try {
    const runtime: Runtime = await openRuntimeWithData({ ...context, config });
    cleanup.push(() => runtime.close());
    const stateStore: StateStore = await openStateStore(config.stateStore, () => config.now);
    cleanup.push(() => stateStore.close());
    const teams: RunningTeams = await startTeams({
      runtime,
      stateStore,
      teamsConfig,
      log: options.log,
      ...(options.teamsPort !== undefined ? { port: options.teamsPort } : {}),
    });
    cleanup.push(() => teams.stop());
    let slack: RunningSlack | undefined;
    if (slackConfig) {
      slack = await startSlackFromRuntime({ runtime, stateStore, slackConfig, log: options.log });
      const started = slack;
      cleanup.push(() => started.stop());
    }
    let playground: RunningPlayground | undefined;
    if (local) {
      playground = await launchPlayground({
        botEndpoint: teams.endpoint,
        port: options.playgroundPort,
        log: options.log,
        cliPath: playgroundCli,
        ...(config.dataDir === ':memory:' ? {} : { logFile: join(config.dataDir, PLAYGROUND_LOG_FILE) }),
      });
      const started = playground;
      // Stopped right after the digests (cleanup runs in reverse): no new turns arrive while the agents drain.
      cleanup.push(() => started.stop());
    }
    // Digests for whichever of Slack and Teams runs here; stopped before everything else.
    const digests = startDigests({
      runtime,
      stateStore,
      posters: { teams: teams.digestPoster, ...(slack ? { slack: slack.postDigest } : {}) },
      log: structuredDigestLog(options.log),
    });
    cleanup.push(() => digests.stop());
    return {
      chatUrl: playground?.url,
      teamsEndpoint: teams.endpoint,
      runtime,
      stateStore,
      playground,
      slack,
      playgroundApprover,
      stop,
    };
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
}

function parsePort(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new FinopsError(
      'finops_invalid_input',
      `--port must be the chat page's port, a whole number from 0 to 65535 (got "${text}")`,
    );
  }
  return port;
}

/**
 * `finops start` (`npm start`): starts everything, prints the chat page's URL and runs until SIGINT
 * or SIGTERM, then stops it all in order and exits 0.
 */
export async function commandStart(context: CommandContext): Promise<number> {
  const playgroundPort = parsePort(context.flags.port);
  // Listening from the start: a Ctrl-C while the demo is generated still stops what has started.
  const stopRequested = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  const debug = Boolean(process.env.FINOPS_DEBUG);
  const log: TeamsLog = (entry) => {
    if (entry.level !== 'info' || debug) context.err(JSON.stringify(entry));
  };
  const started = await startCopilot(context, { playgroundPort, log });
  if (started.slack) {
    context.err(
      `Slack connected (${started.slack.mode === 'socket-mode' ? 'Socket Mode' : 'HTTP, path /slack/events'}).`,
    );
  }
  if (started.chatUrl) {
    if (started.playgroundApprover) {
      context.err(
        'No approvers are configured (FINOPS_APPROVERS), so the Playground user Alex Wilber may approve in this local chat.',
      );
    }
    context.out(`Open ${started.chatUrl} to chat with the copilot (Ctrl-C stops it).`);
  } else {
    context.out(
      `The Teams agent is listening at ${started.teamsEndpoint} for the Azure Bot (TEAMS_CLIENT_ID is set, so the local Playground is not started; see docs/teams.md). Ctrl-C stops it.`,
    );
  }
  const signal = await stopRequested;
  // A second Ctrl-C while answers in progress finish: leave at once, but take the Playground along.
  const forceQuit = () => {
    if (started.playground) {
      try {
        process.kill(-started.playground.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    process.exit(130);
  };
  process.once('SIGINT', forceQuit);
  process.once('SIGTERM', forceQuit);
  context.err(`${signal}: stopping… (Ctrl-C again to quit at once)`);
  try {
    await started.stop();
  } finally {
    process.off('SIGINT', forceQuit);
    process.off('SIGTERM', forceQuit);
  }
  return 0;
}
