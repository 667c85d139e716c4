import { createServer } from 'node:net';
import { createSlackApp, SLACK_EVENTS_PATH, type SlackApp } from '../../../../adapters/slack/index.ts';
import type { SlackLog } from '../../../../adapters/slack/slack-app-dependencies.ts';
import { type Agents, createAgents } from '../../../../agents/create-agents.ts';
import type { Orchestrator } from '../../../../agents/orchestrator/orchestrator-port.ts';
import { renderChart } from '../../../../charts/index.ts';
import { createRuntime, type Runtime } from '../../../../src/composition-root.ts';
import { loadConfig } from '../../../../src/config.ts';
import { generateDemoOrganisation } from '../../../../src/demo/index.ts';
import type { RecommendationService } from '../../../../src/recommendations/index.ts';
import { createMemoryStateStore, type StateStore } from '../../../../src/state/index.ts';
import {
  type SlackWebApiLoopback,
  startSlackWebApiLoopback,
} from '../../../support/slack-web-api-loopback.ts';
import { SIGNING_SECRET } from './signed-requests.ts';

export const DEMO_NOW = '2026-11-24T12:00:00Z';
export const APPROVER = { id: 'U0APPROVE1', name: 'maria' };
export const BYSTANDER = { id: 'U0BYSTAND1', name: 'bob' };
/** A user who is an approver only through this Slack user group (FINOPS_APPROVER_GROUPS). */
export const APPROVER_GROUP = 'S0FINOPSAP';
export const GROUP_MEMBER = { id: 'U0GROUPMEM', name: 'gita' };

export interface SlackHarness {
  url: string;
  api: SlackWebApiLoopback;
  slack: SlackApp;
  runtime: Runtime;
  store: StateStore;
  recommendations: RecommendationService;
  agents: Agents;
  orchestrator: Orchestrator;
  logs: Parameters<SlackLog>[0][];
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The demo organisation (seed 42) in memory with its recommendations refreshed into `store`. */
export async function startDemoRuntime(
  env: Record<string, string> = {},
): Promise<{ runtime: Runtime; store: StateStore; recommendations: RecommendationService }> {
  const config = loadConfig({ dataDir: ':memory:', now: DEMO_NOW }, env);
  const runtime = await createRuntime(config);
  await generateDemoOrganisation(runtime.db, { now: config.now, seed: 42 });
  const store = createMemoryStateStore({ now: () => config.now });
  const recommendations = runtime.recommendations(store);
  await recommendations.refresh();
  return { runtime, store, recommendations };
}

/**
 * The demo organisation answered by the real agents (createAgents: the orchestrator, the seven
 * specialists on the in-process bus, MCP servers over the embedded data), the Slack app on Bolt's
 * HTTP receiver on a free port, and the real WebClient pointed at the loopback Web API.
 */
export async function startSlackHarness(
  options: {
    orchestrator?: (base: Orchestrator) => Orchestrator;
    /** The app's wall clock (subscriptions' timestamps, next run times); default the real one. */
    clock?: () => Date;
  } = {},
): Promise<SlackHarness> {
  const { runtime, store, recommendations } = await startDemoRuntime({
    FINOPS_APPROVERS: APPROVER.id,
    FINOPS_APPROVER_GROUPS: APPROVER_GROUP,
  });
  const agents = await createAgents({ runtime, stateStore: store });
  const orchestrator = options.orchestrator ? options.orchestrator(agents.orchestrator) : agents.orchestrator;
  const api = await startSlackWebApiLoopback();
  api.setUserGroup(APPROVER_GROUP, [GROUP_MEMBER.id, 'U0SOMEONE2']);
  const port = await freePort();
  const logs: Parameters<SlackLog>[0][] = [];
  const slack = createSlackApp(
    {
      orchestrator,
      recommendations,
      stateStore: store,
      catalog: () => runtime.engine.catalog(),
      renderChart: (request) => renderChart(request),
      log: (entry) => logs.push(entry),
      ...(options.clock ? { clock: options.clock } : {}),
    },
    {
      botToken: 'xoxb-test-bot-token',
      apiUrl: api.apiUrl,
      receiver: { kind: 'http', signingSecret: SIGNING_SECRET, port },
      approverGroups: [APPROVER_GROUP],
      // The five-minute cache is tested on its own; here each click asks the loopback afresh.
      userGroupCacheMs: 0,
      // Pacing is tested on its own; here it would only slow the suite down.
      channelIntervalMs: 0,
      retryConfig: { retries: 2, minTimeout: 10, maxTimeout: 50 },
      imageRetryDelaysMs: [20],
    },
  );
  await slack.start();
  return {
    url: `http://127.0.0.1:${port}${SLACK_EVENTS_PATH}`,
    api,
    slack,
    runtime,
    store,
    recommendations,
    agents,
    orchestrator,
    logs,
    async close() {
      await slack.stop();
      await agents.close();
      await api.close();
      runtime.close();
    },
  };
}
