import { createServer } from 'node:net';
import { createSlackApp, SLACK_EVENTS_PATH, type SlackApp } from '../../../../adapters/slack/index.ts';
import type { SlackLog } from '../../../../adapters/slack/slack-app-dependencies.ts';
import { summariseStored } from '../../../../adapters/slack/stored-summary.ts';
import type { Orchestrator } from '../../../../agents/orchestrator/orchestrator-port.ts';
import { renderChart } from '../../../../charts/index.ts';
import { createRuntime, type Runtime } from '../../../../src/composition-root.ts';
import { loadConfig } from '../../../../src/config.ts';
import { generateDemoOrganisation } from '../../../../src/demo/index.ts';
import type { Answer } from '../../../../src/domain/index.ts';
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

/** Questions that ask about savings get the stored recommendations as cards, as the savings specialist gives them. */
const SAVINGS_QUESTION = /\b(save|saving|savings|recommend\w*)\b/i;

/**
 * The copilot behind the Orchestrator port for these tests: the runtime's deterministic copilot
 * answers every cost question on the demo data, and savings questions carry the stored open
 * recommendations as cards (what the savings specialist returns through the agents).
 */
export function runtimeOrchestrator(runtime: Runtime, recommendations: RecommendationService): Orchestrator {
  return {
    cards: [],
    describe: { planner: 'deterministic', bus: 'none' },
    async preview(input) {
      return `Looking at “${input.question.slice(0, 80)}”…`;
    },
    async ask(input): Promise<Answer> {
      const answer = await runtime.copilot.ask(input.question);
      if (!SAVINGS_QUESTION.test(input.question)) return answer;
      const open = await recommendations.list({ status: 'open' });
      if (/\bin detail\b/i.test(input.question)) {
        // One line per open recommendation: far more text than one Slack message holds.
        const lines = open.map(
          (item) =>
            `• ${item.recommendation.title} (${item.recommendation.service}, ${item.recommendation.accountId}, ${item.recommendation.region}, ${item.recommendation.resourceId}): ${item.recommendation.rationale}`,
        );
        const { clarification: _asked, ...rest } = answer;
        return {
          ...rest,
          intent: 'savings',
          text: lines.join('\n'),
          facts: [],
          charts: [],
          recommendations: [],
          followUps: [],
        };
      }
      // The terminal copilot asks to clarify a savings question; the savings specialist lists them.
      const { clarification: _asked, ...rest } = answer;
      return {
        ...rest,
        intent: 'savings',
        text: `${open.length} open recommendations.`,
        facts: [],
        charts: [],
        recommendations: open.map(summariseStored),
        followUps: [],
      };
    },
  };
}

export interface SlackHarness {
  url: string;
  api: SlackWebApiLoopback;
  slack: SlackApp;
  runtime: Runtime;
  store: StateStore;
  recommendations: RecommendationService;
  orchestrator: Orchestrator;
  logs: Parameters<SlackLog>[0][];
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
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

/**
 * The demo organisation (seed 42) in memory, recommendations refreshed into an in-memory StateStore,
 * the Slack app on Bolt's HTTP receiver on a free port, and the real WebClient pointed at the loopback.
 */
export async function startSlackHarness(
  options: { orchestrator?: (base: Orchestrator) => Orchestrator } = {},
): Promise<SlackHarness> {
  const config = loadConfig({ dataDir: ':memory:', now: DEMO_NOW }, { FINOPS_APPROVERS: APPROVER.id });
  const runtime = await createRuntime(config);
  await generateDemoOrganisation(runtime.db, { now: config.now, seed: 42 });
  const store = createMemoryStateStore();
  const recommendations = runtime.recommendations(store);
  await recommendations.refresh();
  const base = runtimeOrchestrator(runtime, recommendations);
  const orchestrator = options.orchestrator ? options.orchestrator(base) : base;
  const api = await startSlackWebApiLoopback();
  const port = await freePort();
  const logs: Parameters<SlackLog>[0][] = [];
  const slack = createSlackApp(
    {
      orchestrator,
      recommendations,
      stateStore: store,
      renderChart: (request) => renderChart(request),
      log: (entry) => logs.push(entry),
    },
    {
      botToken: 'xoxb-test-bot-token',
      apiUrl: api.apiUrl,
      receiver: { kind: 'http', signingSecret: SIGNING_SECRET, port },
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
    orchestrator,
    logs,
    async close() {
      await slack.stop();
      await api.close();
      runtime.close();
    },
  };
}
