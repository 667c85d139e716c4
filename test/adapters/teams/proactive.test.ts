import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTeamsApp,
  createTeamsHttpServer,
  MESSAGES_PATH,
  readConversationReference,
  type TeamsLog,
} from '../../../adapters/teams/index.ts';
import { type Agents, createAgents } from '../../../agents/create-agents.ts';
import type { Orchestrator } from '../../../agents/orchestrator/orchestrator-port.ts';
import type { Runtime } from '../../../src/composition-root.ts';
import type { StateStore } from '../../../src/state/index.ts';
import { startDemoRuntime } from '../slack/support/slack-harness.ts';
import { personalMessage, post } from './support/activities.ts';
import { type BotConnectorLoopback, startBotConnectorLoopback } from './support/bot-connector-loopback.ts';

const money = (value: number) =>
  `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a slow answer in Teams', () => {
  let runtime: Runtime;
  let store: StateStore;
  let agents: Agents;
  let connector: BotConnectorLoopback;
  let novemberTotal: number;
  let endpoint: string;
  let closeServer: () => Promise<void>;
  let drain: () => Promise<void>;
  let release: () => void = () => {};
  const logs: Parameters<TeamsLog>[0][] = [];

  beforeAll(async () => {
    ({ runtime, store } = await startDemoRuntime());
    agents = await createAgents({ runtime, stateStore: store });
    connector = await startBotConnectorLoopback();
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The real answer, held back until the test lets it go: longer than the turn waits.
    const slow: Pick<Orchestrator, 'ask' | 'preview'> = {
      ask: async (input) => {
        const answer = await agents.orchestrator.ask(input);
        await gate;
        return answer;
      },
      preview: (input) => agents.orchestrator.preview(input),
    };
    const app = createTeamsApp(
      {
        orchestrator: slow,
        recommendations: runtime.recommendations(store),
        stateStore: store,
        log: (e) => logs.push(e),
      },
      { port: 0 },
      { inlineBudgetMs: 50 },
    );
    drain = app.drain;
    const server = createTeamsHttpServer({
      adapter: app.adapter,
      logic: (context) => app.agent.run(context),
      log: () => {},
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}${MESSAGES_PATH}`;
    closeServer = () => new Promise<void>((resolve) => server.close(() => resolve()));
    const [row] = await runtime.db.all<{ total: number }>(
      `SELECT SUM(EffectiveCost) AS total FROM line_items WHERE ChargePeriodStart >= TIMESTAMP '2026-11-01'`,
    );
    novemberTotal = row?.total ?? Number.NaN;
  }, 60_000);
  afterAll(async () => {
    release();
    await closeServer?.();
    await agents?.close();
    await connector?.close();
    runtime?.close();
  });

  it('should reply at once, store the conversation reference and post the answer through continueConversation', async () => {
    const message = personalMessage(connector.serviceUrl, 'spend this month', undefined, 'a:slow-chat');
    const response = await post(endpoint, message);
    // The turn has ended with a typing indicator and the "Looking at …" placeholder, and no answer yet.
    expect(response.status).toBe(200);
    expect(connector.calls.map((call) => call.activity.type)).toEqual(['typing', 'message']);
    expect(String(connector.calls[1]?.activity.text)).toMatch(/^Looking at .*I will post the answer here/);
    const reference = await readConversationReference(store, 'a:slow-chat');
    expect(reference).toMatchObject({
      serviceUrl: connector.serviceUrl,
      channelId: 'msteams',
      conversation: { id: 'a:slow-chat' },
      activityId: message.id,
    });

    release();
    const answer = await waitFor(
      () => connector.calls.find((call) => Array.isArray(call.activity.attachments)),
      'the proactive answer',
    );
    await drain();
    // POST /v3/conversations/{id}/activities[/{replyToId}] at the stored serviceUrl, for the stored conversation.
    expect(answer.method).toBe('POST');
    expect(answer.conversationId).toBe('a:slow-chat');
    expect(JSON.stringify(answer.activity.attachments)).toContain(money(novemberTotal));
    expect(logs.some((entry) => entry.event === 'teams.answered' && entry.proactive === true)).toBe(true);
  });
});
