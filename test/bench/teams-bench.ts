import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADAPTIVE_CARD_CONTENT_TYPE, startTeams } from '../../adapters/teams/index.ts';
import { PLAYGROUND_DEFAULT_USER } from '../../adapters/teams/playground/playground-user.ts';
import { createRuntime } from '../../src/composition-root.ts';
import { loadConfig } from '../../src/config.ts';
import { generateDemoOrganisation } from '../../src/demo/index.ts';
import { createMemoryStateStore } from '../../src/state/index.ts';
import { percentile } from './stats.ts';

export interface TeamsBenchRow {
  what: string;
  p50Ms: number;
  p95Ms: number;
  samples: number;
}

/** A plain total, a breakdown with a chart, savings with recommendation cards, a ranking. */
const QUESTIONS = [
  'spend this month',
  'EC2 spend last week by account',
  'how can we cut EC2 and S3 costs?',
  'top 5 accounts this month',
];
const WARM_UP_ROUNDS = 1;
const DEMO_NOW = '2026-11-24';
const BOT = { id: '28:finops-bench-bot', name: 'FinOps Copilot' };
const TENANT = '00000000-0000-0000-0000-0000000000001';
/** A proactive answer (the turn outlasted the inline budget) ends when no card has arrived for this long. */
const QUIET_MS = 250;
const PROACTIVE_TIMEOUT_MS = 60_000;

interface Arrival {
  at: number;
  type: string;
  hasCard: boolean;
}

/** The Bot Connector the bot replies to (the Playground's `/_connector` in `npm start`), timing each arrival. */
async function startTimedConnector(): Promise<{
  serviceUrl: string;
  arrivals: Arrival[];
  close(): Promise<void>;
}> {
  const arrivals: Arrival[] = [];
  let next = 1;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const at = performance.now();
      const activity = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
        type?: string;
        attachments?: Array<{ contentType?: string }>;
      };
      arrivals.push({
        at,
        type: activity.type ?? 'unknown',
        hasCard: (activity.attachments ?? []).some(
          (attachment) => attachment.contentType === ADAPTIVE_CARD_CONTENT_TYPE,
        ),
      });
      response.writeHead(request.method === 'PUT' ? 200 : 201, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: `bench-activity-${next++}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/_connector`,
    arrivals,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A personal-chat message shaped as the Agents Playground sends it (anonymous local mode). */
function playgroundMessage(serviceUrl: string, conversationId: string, text: string) {
  return {
    type: 'message',
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    locale: 'en-US',
    from: {
      id: PLAYGROUND_DEFAULT_USER.id,
      name: PLAYGROUND_DEFAULT_USER.name,
      aadObjectId: PLAYGROUND_DEFAULT_USER.aadObjectId,
    },
    recipient: BOT,
    conversation: { id: conversationId, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    textFormat: 'plain',
    text,
  };
}

async function waitForQuietCards(arrivals: Arrival[], since: number): Promise<number> {
  const deadline = performance.now() + PROACTIVE_TIMEOUT_MS;
  for (;;) {
    const cards = arrivals.filter((arrival) => arrival.hasCard && arrival.at >= since);
    const last = cards[cards.length - 1];
    if (last && performance.now() - last.at >= QUIET_MS) return last.at;
    if (performance.now() > deadline) throw new Error('no answer card arrived within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The Teams agent as `npm start` runs it (startTeams: the real agents on the demo organisation, the
 * Agents SDK's CloudAdapter in anonymous local mode, its HTTP server) with activities posted straight
 * to `/api/messages` as the Playground posts them, and the bot's replies received by a loopback Bot
 * Connector: time until the first activity (the typing indicator) and until the answer's last card.
 * Wall clock on this machine, without the Playground or a browser.
 */
export async function benchTeams(options: { iterations: number }): Promise<TeamsBenchRow[]> {
  const config = loadConfig(
    { dataDir: ':memory:', now: DEMO_NOW },
    { FINOPS_APPROVERS: PLAYGROUND_DEFAULT_USER.aadObjectId },
  );
  const runtime = await createRuntime(config);
  const connector = await startTimedConnector();
  let teams: Awaited<ReturnType<typeof startTeams>> | undefined;
  const first: number[] = [];
  const full: number[] = [];
  const byQuestion = new Map<string, number[]>(QUESTIONS.map((question) => [question, []]));
  let proactive = 0;
  try {
    await generateDemoOrganisation(runtime.db, { now: config.now, seed: 42 });
    const stateStore = createMemoryStateStore({ now: () => config.now });
    await runtime.recommendations(stateStore).refresh();
    teams = await startTeams({ runtime, stateStore, teamsConfig: { port: 0 }, port: 0 });
    const rounds = WARM_UP_ROUNDS + Math.max(1, Math.ceil(options.iterations / QUESTIONS.length));
    for (let round = 0; round < rounds; round++) {
      for (const question of QUESTIONS) {
        connector.arrivals.length = 0;
        // A conversation per question: each is a fresh question, never a follow-up.
        const conversationId = `a:bench-${round}-${randomUUID()}`;
        const started = performance.now();
        const response = await fetch(teams.endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(playgroundMessage(connector.serviceUrl, conversationId, question)),
        });
        await response.body?.cancel();
        if (!response.ok) throw new Error(`the bot answered HTTP ${response.status} to "${question}"`);
        const cards = connector.arrivals.filter((arrival) => arrival.hasCard);
        const placeholder = connector.arrivals.some(
          (arrival) => arrival.type === 'message' && !arrival.hasCard,
        );
        // An inline answer is complete when the turn's HTTP response is; a proactive one arrives later.
        const lastCard = placeholder
          ? await waitForQuietCards(connector.arrivals, started)
          : cards.at(-1)?.at;
        const firstActivity = connector.arrivals[0]?.at;
        if (lastCard === undefined || firstActivity === undefined) {
          throw new Error(`"${question}" was not answered with a card`);
        }
        if (round < WARM_UP_ROUNDS) continue;
        if (placeholder) proactive += 1;
        first.push(firstActivity - started);
        full.push(lastCard - started);
        byQuestion.get(question)?.push(lastCard - started);
      }
    }
  } finally {
    await teams?.stop();
    await connector.close();
    runtime.close();
  }
  const row = (what: string, values: number[]): TeamsBenchRow => ({
    what,
    p50Ms: percentile(values, 50),
    p95Ms: percentile(values, 95),
    samples: values.length,
  });
  return [
    row('time to first activity (typing)', first),
    row(`time to full answer (all questions; ${proactive} answered proactively)`, full),
    ...QUESTIONS.map((question) => row(`time to full answer: "${question}"`, byQuestion.get(question) ?? [])),
  ];
}
