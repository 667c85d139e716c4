import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { approverGroupsOf, SLACK_EVENTS_PATH, startSlackFromRuntime } from '../../../adapters/slack/index.ts';
import type { SlackLog } from '../../../adapters/slack/slack-app-dependencies.ts';
import type { Runtime } from '../../../src/composition-root.ts';
import { authorisationPolicySchema } from '../../../src/recommendations/index.ts';
import type { StateStore } from '../../../src/state/index.ts';
import { type SlackWebApiLoopback, startSlackWebApiLoopback } from '../../support/slack-web-api-loopback.ts';
import { appMention, CHANNEL, eventEnvelope } from './support/payloads.ts';
import { SIGNING_SECRET, sendEvent } from './support/signed-requests.ts';
import { freePort, startDemoRuntime } from './support/slack-harness.ts';
import { type SocketModeServer, startSocketModeServer } from './support/socket-mode-server.ts';

const money = (value: number) =>
  `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('startSlackFromRuntime', () => {
  let runtime: Runtime;
  let store: StateStore;
  let api: SlackWebApiLoopback;
  let novemberTotal: number;
  const logs: Parameters<SlackLog>[0][] = [];

  beforeAll(async () => {
    ({ runtime, store } = await startDemoRuntime());
    api = await startSlackWebApiLoopback();
    const [row] = await runtime.db.all<{ total: number }>(
      `SELECT SUM(EffectiveCost) AS total FROM line_items WHERE ChargePeriodStart >= TIMESTAMP '2026-11-01'`,
    );
    novemberTotal = row?.total ?? Number.NaN;
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    runtime?.close();
  });
  beforeEach(() => {
    api.reset();
    logs.length = 0;
  });

  it('should answer a signed mention over HTTP on the configured port, and close the port on stop', async () => {
    const port = await freePort();
    const running = await startSlackFromRuntime({
      runtime,
      stateStore: store,
      slackConfig: {
        botToken: 'xoxb-test-bot-token',
        signingSecret: SIGNING_SECRET,
        apiUrl: api.apiUrl,
        port,
        channelIntervalMs: 0,
      },
      log: (entry) => logs.push(entry),
    });
    const url = `http://127.0.0.1:${port}${SLACK_EVENTS_PATH}`;
    try {
      expect(running.mode).toBe('http');
      const event = appMention('spend this month');
      const response = await sendEvent(url, eventEnvelope(event));
      expect(response.status).toBe(200);
      const update = await waitFor(() => api.callsOf('chat.update')[0], 'the answer');
      expect(api.callsOf('chat.postMessage')[0]?.args.thread_ts).toBe(event.ts);
      expect(update.args.channel).toBe(CHANNEL);
      expect(JSON.stringify(update.args.blocks)).toContain(money(novemberTotal));
    } finally {
      await running.stop();
    }
    await expect(fetch(url, { method: 'POST', body: '{}' })).rejects.toThrow();
    expect(logs.some((entry) => entry.event === 'slack.connected' && entry.mode === 'http')).toBe(true);
    expect(JSON.stringify(logs)).not.toContain('xoxb-test-bot-token');
    expect(JSON.stringify(logs)).not.toContain(SIGNING_SECRET);
  });

  describe('in Socket Mode', () => {
    let socket: SocketModeServer;

    beforeAll(async () => {
      socket = await startSocketModeServer();
      api.setSocketModeUrl(socket.url);
    });
    afterAll(async () => {
      await socket?.close();
    });

    it('should connect through apps.connections.open, acknowledge an events_api envelope and answer at the Web API', async () => {
      const running = await startSlackFromRuntime({
        runtime,
        stateStore: store,
        slackConfig: {
          botToken: 'xoxb-test-bot-token',
          appToken: 'xapp-1-test-app-token',
          apiUrl: api.apiUrl,
          port: 0,
          channelIntervalMs: 0,
        },
        log: (entry) => logs.push(entry),
      });
      try {
        expect(running.mode).toBe('socket-mode');
        const open = api.callsOf('apps.connections.open');
        expect(open.map((call) => call.token)).toEqual(['xapp-1-test-app-token']);
        await socket.connected();

        const event = appMention('spend this month');
        const envelopeId = 'dbdd0ef3-1543-4f94-bfb4-133d0e6c1545';
        socket.send({
          envelope_id: envelopeId,
          payload: eventEnvelope(event),
          type: 'events_api',
          accepts_response_payload: false,
          retry_attempt: 0,
          retry_reason: '',
        });
        const ack = await socket.waitFor((message) => message.envelope_id === envelopeId);
        expect(ack.envelope_id).toBe(envelopeId);

        const update = await waitFor(() => api.callsOf('chat.update')[0], 'the answer');
        const [placeholder] = api.callsOf('chat.postMessage');
        expect(placeholder?.args.thread_ts).toBe(event.ts);
        expect(placeholder?.token).toBe('xoxb-test-bot-token');
        expect(JSON.stringify(update.args.blocks)).toContain(money(novemberTotal));
        // Acknowledged before the placeholder went out: the ack is not held back by the work.
        const ackIndex = socket.received.findIndex((message) => message.envelope_id === envelopeId);
        expect(socket.receivedAt[ackIndex]).toBeLessThanOrEqual(placeholder?.at ?? 0);
      } finally {
        await running.stop();
      }
      expect(JSON.stringify(logs)).not.toContain('xapp-1-test-app-token');
    });
  });

  it('should collect approver groups from the policy’s default and its scopes, once each', () => {
    const policy = authorisationPolicySchema.parse({
      default: { approvers: { groups: ['S0FINOPS01', 'finops-admins'] } },
      scopes: [
        { workspace: 'T1', policy: { approvers: { groups: ['S0PLATFORM'] } } },
        { workspace: 'T2', channel: 'C1', policy: { approvers: { groups: ['S0FINOPS01'] } } },
      ],
    });
    expect(approverGroupsOf(policy)).toEqual(['S0FINOPS01', 'finops-admins', 'S0PLATFORM']);
  });
});
