import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type Agents, createAgents } from '../../agents/create-agents.ts';
import { renderChart } from '../../charts/index.ts';
import type { Runtime } from '../../src/composition-root.ts';
import type { StateStore } from '../../src/state/index.ts';
import { createChartHost } from './chart-host.ts';
import { createTeamsApp } from './create-teams-app.ts';
import { createTeamsDigestPoster, type TeamsDigestPoster } from './digest-poster.ts';
import { createTeamsHttpServer, MESSAGES_PATH } from './http-server.ts';
import type { TeamsLog } from './teams-app-dependencies.ts';
import { describeTeamsConfig, type TeamsConfig } from './teams-config.ts';

export interface StartTeamsOptions {
  runtime: Runtime;
  /** Recommendations and decisions, thread context, conversation references, stored answer cards. */
  stateStore: StateStore;
  /** From `teamsConfigFromEnv(runtime.config.teamsEnvironment)`. */
  teamsConfig: TeamsConfig;
  log?: TeamsLog | undefined;
  /** Overrides `teamsConfig.port`; 0 picks a free port. */
  port?: number | undefined;
  /** Default 127.0.0.1 in anonymous mode (nothing outside this machine may talk to it), else 0.0.0.0. */
  host?: string | undefined;
  /** How long a turn waits before answering proactively (tests make it short). */
  inlineBudgetMs?: number | undefined;
}

export interface RunningTeams {
  /** `http://127.0.0.1:<port>/api/messages`: where the Bot Connector (or the Agents Playground) posts. */
  endpoint: string;
  /** Posts a digest to a subscribed Teams conversation: `startDigests({ posters: { teams: digestPoster } })`. */
  digestPoster: TeamsDigestPoster;
  /** Stops listening, waits for answers in progress, closes the agents. */
  stop(): Promise<void>;
}

/**
 * The one call `npm start` makes to put the copilot in Teams: creates the agents over the runtime,
 * the Agents SDK app and adapter, and an HTTP server on the configured port.
 */
export async function startTeams(options: StartTeamsOptions): Promise<RunningTeams> {
  const { runtime, stateStore, teamsConfig } = options;
  const log: TeamsLog = options.log ?? (() => {});
  const agents: Agents = await createAgents({
    runtime,
    stateStore,
    log: (entry) =>
      log({ level: /error/i.test(entry.event) ? 'warn' : 'info', ...entry, event: `agents.${entry.event}` }),
  });
  try {
    const chartHost = teamsConfig.publicUrl
      ? createChartHost({ publicUrl: teamsConfig.publicUrl, generateId: () => randomUUID() })
      : undefined;
    const app = createTeamsApp(
      {
        orchestrator: agents.orchestrator,
        recommendations: runtime.recommendations(stateStore),
        stateStore,
        catalog: () => runtime.engine.catalog(),
        renderChart: (request, scale) => renderChart(request, { scale }),
        log,
        today: () => runtime.config.now,
      },
      teamsConfig,
      {
        chartHost,
        turnTimeoutMs: runtime.config.agents.turnTimeoutMs,
        inlineBudgetMs: options.inlineBudgetMs,
      },
    );
    const server = createTeamsHttpServer({
      adapter: app.adapter,
      logic: (context) => app.agent.run(context),
      chartHost,
      log,
    });
    const host = options.host ?? (teamsConfig.clientId ? '0.0.0.0' : '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? teamsConfig.port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const port = (server.address() as AddressInfo).port;
    const endpoint = `http://127.0.0.1:${port}${MESSAGES_PATH}`;
    log({
      level: 'info',
      event: 'teams.listening',
      endpoint,
      ...describeTeamsConfig({ ...teamsConfig, port }),
    });
    let stopped: Promise<void> | undefined;
    return {
      endpoint,
      digestPoster: createTeamsDigestPoster({ app, stateStore, log }),
      stop() {
        stopped ??= (async () => {
          try {
            await new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            });
            await app.drain();
          } finally {
            await agents.close();
          }
        })();
        return stopped;
      },
    };
  } catch (error) {
    // Nothing is listening, so nothing else will close the agents.
    await agents.close();
    throw error;
  }
}
