import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type AdaptiveCard,
  type RunningTeams,
  startTeams,
  storeCard,
  type TeamsLog,
} from '../../../adapters/teams/index.ts';
import type { Runtime } from '../../../src/composition-root.ts';
import type { RecommendationService } from '../../../src/recommendations/index.ts';
import type { StateStore } from '../../../src/state/index.ts';
import { startDemoRuntime } from '../slack/support/slack-harness.ts';
import {
  APPROVER,
  actionExecute,
  actionSubmit,
  BYSTANDER,
  channelMention,
  personalMessage,
  post,
  SECOND_APPROVER,
} from './support/activities.ts';
import { type BotConnectorLoopback, startBotConnectorLoopback } from './support/bot-connector-loopback.ts';
import { actionsOf, adaptiveCardProblems, elementsOf } from './support/card-checks.ts';

const money = (value: number) =>
  `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

type Card = { type: string; version: string; body: Record<string, unknown>[] };

function cardsOf(connector: BotConnectorLoopback): Card[] {
  return connector.calls
    .filter((call) => call.activity.type === 'message')
    .flatMap(
      (call) => (call.activity.attachments as { contentType: string; content: Card }[] | undefined) ?? [],
    )
    .filter((attachment) => attachment.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((attachment) => attachment.content);
}

async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The Dismiss Action.Execute (inside its "Dismiss…" ShowCard) of the answer's index-th recommendation. */
function dismissAction(cards: Card[], index: number): Record<string, unknown> {
  const dismisses = cards
    .flatMap((card) => actionsOf(card))
    .filter((action) => action.type === 'Action.Execute' && action.verb === 'dismiss');
  const action = dismisses[index];
  if (!action) throw new Error('no Dismiss button in the answer');
  return action;
}

/** The Approve action's data on the first recommendation container of the answer's cards. */
function approveData(cards: Card[], index = 0): Record<string, unknown> {
  const approves = cards.flatMap((card) => actionsOf(card)).filter((action) => action.verb === 'approve');
  const action = approves[index];
  if (!action) throw new Error('no Approve button in the answer');
  return action.data as Record<string, unknown>;
}

describe('the Teams agent (startTeams, anonymous local mode)', () => {
  let runtime: Runtime;
  let store: StateStore;
  let recommendations: RecommendationService;
  let connector: BotConnectorLoopback;
  let teams: RunningTeams;
  let novemberTotal: number;
  const logs: Parameters<TeamsLog>[0][] = [];

  beforeAll(async () => {
    ({ runtime, store, recommendations } = await startDemoRuntime({
      FINOPS_APPROVERS: `${APPROVER.aadObjectId},${SECOND_APPROVER.aadObjectId}`,
    }));
    connector = await startBotConnectorLoopback();
    teams = await startTeams({
      runtime,
      stateStore: store,
      teamsConfig: { port: 0 },
      port: 0,
      log: (entry) => logs.push(entry),
    });
    const [row] = await runtime.db.all<{ total: number }>(
      `SELECT SUM(EffectiveCost) AS total FROM line_items WHERE ChargePeriodStart >= TIMESTAMP '2026-11-01'`,
    );
    novemberTotal = row?.total ?? Number.NaN;
  }, 60_000);
  afterAll(async () => {
    await teams?.stop();
    await connector?.close();
    runtime?.close();
  });
  beforeEach(() => {
    connector.reset();
    logs.length = 0;
  });

  it('should listen on loopback at /api/messages', () => {
    expect(teams.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/messages$/);
  });

  it('should answer a personal message with a typing indicator, then an Adaptive Card 1.5 with SQL figures and the chart', async () => {
    const message = personalMessage(connector.serviceUrl, 'spend this month');
    const response = await post(teams.endpoint, message);
    expect(response.status).toBe(200);
    const [first, second] = connector.calls;
    expect(first?.activity.type).toBe('typing');
    expect(second?.activity.type).toBe('message');
    // Replies in a turn go to the Bot Connector's reply-to-activity route for the question.
    expect(first?.kind).toBe('reply');
    expect(first?.activityId).toBe(message.id);
    expect(first?.conversationId).toBe('a:personal-chat-1');
    const cards = cardsOf(connector);
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) expect(adaptiveCardProblems(card)).toEqual([]);
    const facts = elementsOf(cards[0]).filter((element) => element.type === 'FactSet');
    expect(JSON.stringify(facts)).toContain(money(novemberTotal));
    const image = elementsOf(cards[0]).find((element) => element.type === 'Image');
    expect(String(image?.url)).toMatch(/^data:image\/png;base64,/);
    const png = Buffer.from(String(image?.url).split(',')[1] ?? '', 'base64');
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    // IHDR width and height: at most 1024 × 1024 as Teams asks of card images.
    expect(png.readUInt32BE(16)).toBeLessThanOrEqual(1024);
    expect(png.readUInt32BE(20)).toBeLessThanOrEqual(1024);
  });

  it('should answer an @mention in a channel without the mention text, in the thread', async () => {
    const message = channelMention(connector.serviceUrl, 'spend this month');
    const response = await post(teams.endpoint, message);
    expect(response.status).toBe(200);
    const reply = connector.calls.find((call) => call.activity.type === 'message');
    expect(reply?.conversationId).toBe(message.conversation.id);
    const cards = cardsOf(connector);
    expect(JSON.stringify(cards[0])).toContain(money(novemberTotal));
    expect(JSON.stringify(cards)).not.toContain('<at>');
  });

  describe('Approve and Dismiss', () => {
    let cards: Card[];

    beforeAll(async () => {
      connector.reset();
      const response = await post(
        teams.endpoint,
        personalMessage(connector.serviceUrl, 'savings opportunities'),
      );
      expect(response.status).toBe(200);
      cards = cardsOf(connector);
    }, 30_000);

    it('should split a long answer into several cards, each under the message size budget', () => {
      expect(cards.length).toBeGreaterThan(1);
      for (const call of connector.calls.filter((entry) => entry.activity.type === 'message')) {
        // Teams counts the activity without Base64 images; 28 KB is the smallest limit it has documented.
        const weight = Buffer.byteLength(
          JSON.stringify(call.activity).replace(/data:image\/png;base64,[A-Za-z0-9+/=]+/g, ''),
        );
        expect(weight).toBeLessThan(28 * 1024);
      }
      const ids = cards.flatMap((card) => actionsOf(card)).filter((action) => action.verb === 'approve');
      const unique = new Set(
        ids.map((action) => (action.data as { recommendationId: string }).recommendationId),
      );
      expect(unique.size).toBe(ids.length);
    });

    it('should render each recommendation with Approve and a "Dismiss…" ShowCard holding the reason, the snooze choice and Dismiss, with Action.Submit fallbacks', async () => {
      expect(cards.length).toBeGreaterThan(0);
      for (const card of cards) expect(adaptiveCardProblems(card)).toEqual([]);
      const open = await recommendations.list();
      const data = approveData(cards);
      const id = String(data.recommendationId);
      expect(open.map((stored) => stored.recommendation.id)).toContain(id);
      // The container is named by the recommendation id itself (rec- and 16 hex), not rec-rec-….
      expect(id).toMatch(/^rec-[0-9a-f]{16}$/);
      const container = cards[0]?.body.find((element) => element.id === id);
      expect(container?.type).toBe('Container');
      const items = (container?.items ?? []) as Record<string, unknown>[];
      // Nothing to fill in until Dismiss… is opened: the answer stays short.
      expect(items.filter((item) => String(item.type).startsWith('Input.'))).toEqual([]);
      const buttons = (items.find((item) => item.type === 'ActionSet')?.actions ?? []) as Record<
        string,
        unknown
      >[];
      expect(buttons.map((button) => [button.type, button.title])).toEqual([
        ['Action.Execute', 'Approve'],
        ['Action.ShowCard', 'Dismiss…'],
      ]);
      expect(buttons[0]).toMatchObject({
        verb: 'approve',
        data: { recommendationId: id, cardKey: data.cardKey },
        fallback: { type: 'Action.Submit', data: { verb: 'approve', recommendationId: id } },
      });
      const shown = buttons[1]?.card as { body: Record<string, unknown>[]; actions: unknown[] };
      expect(shown.body.map((element) => [element.type, element.id])).toEqual([
        ['Input.Text', `reason-${id}`],
        ['Input.ChoiceSet', `snooze-${id}`],
      ]);
      expect(shown.actions).toEqual([
        expect.objectContaining({
          type: 'Action.Execute',
          title: 'Dismiss',
          verb: 'dismiss',
          data: { recommendationId: id, cardKey: data.cardKey },
          fallback: {
            type: 'Action.Submit',
            title: 'Dismiss',
            data: { verb: 'dismiss', recommendationId: id, cardKey: data.cardKey },
          },
        }),
      ]);
      // The Agents Playground warns about full-width cards, and Teams does not need it.
      for (const card of cards) expect(card).not.toHaveProperty('msteams');
    });

    it('should approve for an authorised Entra object id and answer the invoke with the refreshed card', async () => {
      const data = approveData(cards, 0);
      const id = String(data.recommendationId);
      const response = await post(teams.endpoint, actionExecute(connector.serviceUrl, 'approve', data));
      expect(response.status).toBe(200);
      expect(response.json).toMatchObject({
        statusCode: 200,
        type: 'application/vnd.microsoft.card.adaptive',
      });
      const card = response.json?.value as Card;
      expect(adaptiveCardProblems(card)).toEqual([]);
      const container = elementsOf(card).find((element) => element.id === id);
      const text = JSON.stringify(container);
      expect(text).toContain(`Approved by ${APPROVER.name} at 2026-11-24`);
      expect(text).not.toContain('Action.Execute');
      // The rest of the answer stays on the card.
      const factSets = (c: unknown) =>
        JSON.stringify(elementsOf(c).filter((element) => element.type === 'FactSet'));
      expect(factSets(card)).toBe(factSets(cards[0]));
      const audit = await recommendations.audit(id);
      expect(audit.find((record) => record.outcome === 'applied')).toMatchObject({
        action: 'approve',
        actor: { id: APPROVER.aadObjectId, platform: 'teams' },
        toStatus: 'approved',
        scope: { workspace: expect.any(String) },
      });
    });

    it('should refuse someone who may not approve, say why and change nothing', async () => {
      const data = approveData(cards, 1);
      const id = String(data.recommendationId);
      const response = await post(
        teams.endpoint,
        actionExecute(connector.serviceUrl, 'approve', data, { from: BYSTANDER }),
      );
      expect(response.status).toBe(200);
      const card = response.json?.value as Card;
      const container = elementsOf(card).find((element) => element.id === id);
      expect(JSON.stringify(container)).toMatch(/not allowed|may not|approver/i);
      // Nothing changed, so the buttons are still there for someone who may.
      expect(JSON.stringify(container)).toContain('Action.Execute');
      const stillOpen = await recommendations.list();
      expect(stillOpen.some((stored) => stored.recommendation.id === id)).toBe(true);
      const audit = await recommendations.audit(id);
      expect(audit.map((record) => [record.outcome, record.code])).toEqual([['refused', 'not_authorised']]);
    });

    it('should give two concurrent clicks one decision and an "Already approved by" to the other', async () => {
      const data = approveData(cards, 2);
      const id = String(data.recommendationId);
      const [first, second] = await Promise.all([
        post(teams.endpoint, actionExecute(connector.serviceUrl, 'approve', data, { from: APPROVER })),
        post(teams.endpoint, actionExecute(connector.serviceUrl, 'approve', data, { from: SECOND_APPROVER })),
      ]);
      const texts = [first, second].map((response) =>
        JSON.stringify(elementsOf(response.json?.value).find((element) => element.id === id)),
      );
      const applied = (await recommendations.audit(id)).filter((record) => record.outcome === 'applied');
      expect(applied).toHaveLength(1);
      const winner = applied[0]?.actor.id === APPROVER.aadObjectId ? APPROVER : SECOND_APPROVER;
      expect(texts.filter((text) => text.includes('Already approved by'))).toHaveLength(1);
      expect(
        texts.every((text) => text.toLowerCase().includes(`approved by ${winner.name}`.toLowerCase())),
      ).toBe(true);
    });

    it('should dismiss with the reason typed on the card', async () => {
      const data = approveData(cards, 3);
      const id = String(data.recommendationId);
      const response = await post(
        teams.endpoint,
        actionExecute(connector.serviceUrl, 'dismiss', {
          ...data,
          [`reason-${id}`]: 'batch host, idle by design',
          [`snooze-${id}`]: 'dismiss',
        }),
      );
      const container = elementsOf(response.json?.value).find((element) => element.id === id);
      expect(JSON.stringify(container)).toContain(`Dismissed by ${APPROVER.name}`);
      expect(JSON.stringify(container)).toContain('batch host, idle by design');
      const dismissed = await recommendations.list({ status: 'dismissed' });
      expect(dismissed.find((stored) => stored.recommendation.id === id)?.decision).toMatchObject({
        action: 'dismiss',
        reason: 'batch host, idle by design',
        actor: { id: APPROVER.aadObjectId },
      });
    });

    it('should snooze for the chosen number of days from the business date', async () => {
      const data = approveData(cards, 4);
      const id = String(data.recommendationId);
      await post(
        teams.endpoint,
        actionExecute(connector.serviceUrl, 'dismiss', { ...data, [`snooze-${id}`]: '30' }),
      );
      const snoozed = await recommendations.list({ status: 'snoozed' });
      // 2026-11-24 + 30 days
      expect(snoozed.find((stored) => stored.recommendation.id === id)?.decision?.snoozeUntil).toBe(
        '2026-12-24T00:00:00.000Z',
      );
    });

    it('should take the Action.Submit fallback through the same decision and update the message', async () => {
      const data = approveData(cards, 5);
      const id = String(data.recommendationId);
      const response = await post(
        teams.endpoint,
        actionSubmit(connector.serviceUrl, { verb: 'approve', ...data }, { replyToId: 'bot-activity-77' }),
      );
      expect(response.status).toBe(200);
      const update = await waitFor(
        () => connector.calls.find((call) => call.kind === 'update'),
        'the update',
      );
      expect(update.activityId).toBe('bot-activity-77');
      expect(JSON.stringify(update.activity)).toContain(`Approved by ${APPROVER.name}`);
      const approved = await recommendations.list({ status: 'approved' });
      expect(approved.some((stored) => stored.recommendation.id === id)).toBe(true);
    });

    it('should take the Dismiss fallback from inside the ShowCard with the inputs beside it', async () => {
      const dismiss = dismissAction(cards, 8);
      const fallback = dismiss.fallback as { data: Record<string, unknown> };
      const id = String(fallback.data.recommendationId);
      const response = await post(
        teams.endpoint,
        actionSubmit(
          connector.serviceUrl,
          { ...fallback.data, [`reason-${id}`]: 'owned by the data team', [`snooze-${id}`]: '90' },
          { replyToId: 'bot-activity-88' },
        ),
      );
      expect(response.status).toBe(200);
      const update = await waitFor(
        () => connector.calls.find((call) => call.kind === 'update'),
        'the update',
      );
      expect(JSON.stringify(update.activity)).toContain(`Snoozed until 2027-02-22 by ${APPROVER.name}`);
      const snoozed = await recommendations.list({ status: 'snoozed' });
      // 2026-11-24 + 90 days
      expect(snoozed.find((stored) => stored.recommendation.id === id)?.decision).toMatchObject({
        reason: 'owned by the data team',
        snoozeUntil: '2027-02-22T00:00:00.000Z',
      });
    });

    it('should still find recommendations on a card stored with the old rec-rec-… container ids', async () => {
      const clicked = String(approveData(cards, 6).recommendationId);
      const decidedSince = approveData(cards, 7);
      const untouched = String(approveData(cards, 9).recommendationId);
      const key = 'clegacy-0';
      // A card as the renderer stored it before: container id `rec-` + the id, inputs inline, full width.
      const legacyContainer = (id: string) => ({
        type: 'Container',
        id: `rec-${id}`,
        items: [
          { type: 'TextBlock', text: `legacy ${id}` },
          {
            type: 'Input.ChoiceSet',
            id: `snooze-${id}`,
            choices: [{ title: 'Dismiss for good', value: 'dismiss' }],
          },
          { type: 'Input.Text', id: `reason-${id}` },
          {
            type: 'ActionSet',
            actions: [
              {
                type: 'Action.Execute',
                title: 'Approve',
                verb: 'approve',
                data: { recommendationId: id, cardKey: key },
              },
            ],
          },
        ],
      });
      const legacy = {
        type: 'AdaptiveCard',
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        version: '1.5',
        body: [
          { type: 'TextBlock', text: 'Savings from an older answer' },
          legacyContainer(clicked),
          legacyContainer(String(decidedSince.recommendationId)),
          legacyContainer(untouched),
        ],
        msteams: { width: 'Full' },
      } as unknown as AdaptiveCard;
      await storeCard(store, key, legacy, new Date('2026-11-24T12:00:00Z'));
      await post(teams.endpoint, actionExecute(connector.serviceUrl, 'approve', decidedSince));

      const response = await post(
        teams.endpoint,
        actionExecute(connector.serviceUrl, 'approve', { recommendationId: clicked, cardKey: key }),
      );
      const card = response.json?.value as Card;
      expect(adaptiveCardProblems(card)).toEqual([]);
      expect(card).not.toHaveProperty('msteams');
      const body = card.body;
      expect(body).toHaveLength(4);
      expect(body[0]).toMatchObject({ type: 'TextBlock', text: 'Savings from an older answer' });
      // The clicked one and the one decided since are re-rendered under the new ids, in place.
      expect(body[1]?.id).toBe(clicked);
      expect(JSON.stringify(body[1])).toContain(`Approved by ${APPROVER.name}`);
      expect(body[2]?.id).toBe(decidedSince.recommendationId);
      expect(JSON.stringify(body[2])).toContain(`Approved by ${APPROVER.name}`);
      // Still open: left as stored, so its buttons keep working.
      expect(body[3]).toEqual(legacyContainer(untouched));
    });

    it('should show decisions made since on the rest of a stored card', async () => {
      const first = approveData(cards, 0);
      const sameCard = actionsOf(cards[0]).filter((action) => action.verb === 'approve');
      const later = sameCard[sameCard.length - 1]?.data as Record<string, unknown>;
      const response = await post(teams.endpoint, actionExecute(connector.serviceUrl, 'approve', later));
      const card = response.json?.value;
      const earlier = elementsOf(card).find((element) => element.id === String(first.recommendationId));
      expect(JSON.stringify(earlier)).toContain(`Approved by ${APPROVER.name}`);
    });
  });

  it('should host the chart at /charts/<id>.png when a public URL is configured', async () => {
    const hosted = await startTeams({
      runtime,
      stateStore: store,
      teamsConfig: { port: 0, publicUrl: 'https://finops.example.com' },
      port: 0,
    });
    try {
      await post(hosted.endpoint, personalMessage(connector.serviceUrl, 'spend this month'));
      const image = elementsOf(cardsOf(connector)[0]).find((element) => element.type === 'Image');
      const match = /^https:\/\/finops\.example\.com(\/charts\/[A-Za-z0-9-]+\.png)$/.exec(String(image?.url));
      expect(match).not.toBeNull();
      const response = await fetch(hosted.endpoint.replace('/api/messages', match?.[1] ?? ''));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
      const png = Buffer.from(await response.arrayBuffer());
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect(png.readUInt32BE(16)).toBeLessThanOrEqual(1024);
      expect(
        (await fetch(hosted.endpoint.replace('/api/messages', '/charts/not-a-chart-id.png'))).status,
      ).toBe(404);
    } finally {
      await hosted.stop();
    }
  });

  it('should log no secrets and close the port on stop', async () => {
    const running = await startTeams({
      runtime,
      stateStore: store,
      teamsConfig: { port: 0 },
      port: 0,
      log: (entry) => logs.push(entry),
    });
    await running.stop();
    await expect(fetch(running.endpoint, { method: 'POST', body: '{}' })).rejects.toThrow();
  });
});
