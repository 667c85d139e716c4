import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTeamsApp,
  createTeamsDigestPoster,
  createTeamsHttpServer,
  MESSAGES_PATH,
  readCard,
  readConversationReference,
  type TeamsDigestPoster,
  VERBS,
} from '../../../adapters/teams/index.ts';
import type { Runtime } from '../../../src/composition-root.ts';
import { buildDigest, createEngineTagCompliance } from '../../../src/digest/content/index.ts';
import { digestPeriod, runDueDigests } from '../../../src/digest/schedule/index.ts';
import {
  createSubscriptionStore,
  type Subscription,
  type SubscriptionStore,
} from '../../../src/digest/subscriptions/index.ts';
import type { Answer, TimeRange } from '../../../src/domain/index.ts';
import { FinopsError } from '../../../src/errors.ts';
import type { RecommendationService } from '../../../src/recommendations/index.ts';
import type { StateStore } from '../../../src/state/index.ts';
import { startDemoRuntime } from '../slack/support/slack-harness.ts';
import { channelMention, personalMessage, post, TENANT } from './support/activities.ts';
import { type BotConnectorLoopback, startBotConnectorLoopback } from './support/bot-connector-loopback.ts';
import { adaptiveCardProblems } from './support/card-checks.ts';

const CHANNEL = '19:finops-channel@thread.tacv2';
const PERSONAL = 'a:digest-personal';
/** Monday 23 Nov 2026, 07:00 in Berlin: two hours before the first Monday 09:00 digest. */
const SUBSCRIBED_AT = new Date('2026-11-23T06:00:00Z');
/** 09:00 CET is 08:00 UTC; half a minute later the scheduler's tick runs. */
const FIRST_SLOT = '2026-11-23T08:00:00.000Z';
const TICK = new Date('2026-11-23T08:00:30Z');
/** What Teams counts against its message size limit: the card JSON without data-URI images. */
const BUDGET_BYTES = 24 * 1024;

type Json = Record<string, unknown>;
type Fact = { title: string; value: string };

const money = (value: number) =>
  `${value < 0 ? '-' : ''}$${Math.abs(value).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

function cardsOf(activity: Json): Json[] {
  const attachments = (activity.attachments ?? []) as { contentType: string; content: Json }[];
  return attachments
    .filter((attachment) => attachment.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((attachment) => attachment.content);
}

/** Every element of a card, depth first, including those inside containers. */
function elements(items: unknown[]): Json[] {
  return (items as Json[]).flatMap((item) => [item, ...elements((item.items as unknown[]) ?? [])]);
}

function factsOf(card: Json): Fact[] {
  return elements(card.body as unknown[])
    .filter((element) => element.type === 'FactSet')
    .flatMap((element) => element.facts as Fact[]);
}

function textOf(card: Json): string {
  return elements(card.body as unknown[])
    .filter((element) => element.type === 'TextBlock')
    .map((element) => String(element.text))
    .join('\n');
}

describe('the weekly digest in Teams', () => {
  let runtime: Runtime;
  let store: StateStore;
  let recommendations: RecommendationService;
  let connector: BotConnectorLoopback;
  let endpoint: string;
  let closeServer: () => Promise<void>;
  let poster: TeamsDigestPoster;
  let subscriptions: SubscriptionStore;
  const now = SUBSCRIBED_AT;

  async function say(activity: Json): Promise<Json> {
    connector.reset();
    const response = await post(endpoint, activity);
    expect(response.status).toBe(200);
    const replies = connector.calls.filter((call) => call.activity.type === 'message');
    expect(replies).toHaveLength(1);
    const [card] = cardsOf(replies[0]?.activity ?? {});
    expect(card).toBeDefined();
    expect(adaptiveCardProblems(card)).toEqual([]);
    return card as Json;
  }

  const build = (subscription: Subscription, period: TimeRange): Promise<Answer> =>
    buildDigest({
      engine: runtime.engine,
      recommendations,
      tagCompliance: createEngineTagCompliance({
        engine: runtime.engine,
        requiredTags: runtime.config.requiredTags,
      }),
      today: period.end,
      scope: subscription.scope,
      period,
    });

  beforeAll(async () => {
    ({ runtime, store, recommendations } = await startDemoRuntime());
    connector = await startBotConnectorLoopback();
    const app = createTeamsApp(
      {
        // A digest command never reaches the copilot.
        orchestrator: {
          ask: () => Promise.reject(new Error('a digest command was sent to the orchestrator')),
          preview: () => Promise.reject(new Error('a digest command was sent to the orchestrator')),
        },
        recommendations,
        stateStore: store,
        catalog: () => runtime.engine.catalog(),
        clock: () => now,
        today: () => now,
      },
      { port: 0 },
    );
    const server = createTeamsHttpServer({
      adapter: app.adapter,
      logic: (context) => app.agent.run(context),
      log: () => {},
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}${MESSAGES_PATH}`;
    closeServer = () => new Promise<void>((resolve) => server.close(() => resolve()));
    poster = createTeamsDigestPoster({ app, stateStore: store });
    subscriptions = createSubscriptionStore(store);
  }, 60_000);
  afterAll(async () => {
    await closeServer?.();
    await connector?.close();
    runtime?.close();
  });

  it('should subscribe a channel by @mention, store the subscription and the reference, and reply with the next run', async () => {
    const card = await say(
      channelMention(connector.serviceUrl, 'digest weekly mon 09:00 Europe/Berlin for team=payments'),
    );
    const all = await subscriptions.listAll();
    expect(all).toHaveLength(1);
    const [subscription] = all;
    expect(subscription).toMatchObject({
      platform: 'teams',
      workspace: TENANT,
      // The channel, not the thread the command was typed in.
      channel: CHANNEL,
      cadence: 'weekly',
      weekday: 'mon',
      time: '09:00',
      timeZone: 'Europe/Berlin',
      paused: false,
      scope: { label: 'team=payments', filters: [{ dimension: 'tag:team', op: 'in', values: ['payments'] }] },
    });
    expect(textOf(card)).toMatch(/^Subscribed: a weekly cost digest for team=payments/);
    expect(factsOf(card)).toEqual([
      {
        title: subscription?.id,
        value: 'weekly mon 09:00 Europe/Berlin for team=payments; next Mon, 23 Nov 2026, 09:00 CET',
      },
    ]);
    const reference = await readConversationReference(store, CHANNEL);
    expect(reference).toMatchObject({
      serviceUrl: connector.serviceUrl,
      channelId: 'msteams',
      conversation: { id: CHANNEL },
    });
    // A digest is a new post in the channel, not a reply to the command.
    expect(reference?.activityId).toBeUndefined();
  });

  it('should list the channel’s digests with their next run in their own time zone', async () => {
    const card = await say(channelMention(connector.serviceUrl, 'digest list'));
    const [subscription] = await subscriptions.listAll();
    expect(textOf(card)).toContain('Digest subscriptions here (1)');
    expect(factsOf(card)).toEqual([
      {
        title: subscription?.id,
        value: 'weekly mon 09:00 Europe/Berlin for team=payments; next Mon, 23 Nov 2026, 09:00 CET',
      },
    ]);
  });

  it('should answer a bad weekday with an error card and store nothing', async () => {
    const card = await say(channelMention(connector.serviceUrl, 'digest weekly funday 09:00 Europe/Berlin'));
    const [first] = card.body as Json[];
    expect(first?.color).toBe('Attention');
    expect(textOf(card)).toContain(
      "a weekly digest needs a weekday (mon, tue, wed, thu, fri, sat, sun) before the time, got 'funday'",
    );
    expect(textOf(card)).toContain('Usage: `digest weekly mon 09:00 Europe/Berlin');
    expect(textOf(card)).not.toContain('/finops');
    expect(await subscriptions.listAll()).toHaveLength(1);
  });

  it('should pause a personal chat’s digest and say an unknown id is unknown', async () => {
    const subscribed = await say(
      personalMessage(connector.serviceUrl, 'digest daily 08:30 UTC', undefined, PERSONAL),
    );
    expect(factsOf(subscribed)[0]?.value).toBe(
      'daily 08:30 UTC for all accounts; next Mon, 23 Nov 2026, 08:30 UTC',
    );
    const paused = await say(personalMessage(connector.serviceUrl, 'digest pause', undefined, PERSONAL));
    const mine = (await subscriptions.listAll()).filter((subscription) => subscription.channel === PERSONAL);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.paused).toBe(true);
    expect(textOf(paused)).toContain('Paused:');
    expect(factsOf(paused)[0]?.value).toBe(
      'daily 08:30 UTC for all accounts (paused); paused, no digest until resumed',
    );
    const unknown = await say(
      personalMessage(connector.serviceUrl, 'digest pause 00000000', undefined, PERSONAL),
    );
    expect(textOf(unknown)).toContain("has no digest subscription '00000000'; `digest list` shows its ids");
  });

  it('should post the digest proactively to the channel as cards whose facts are the digest’s', async () => {
    const subscription = (await subscriptions.listAll()).find((item) => item.channel === CHANNEL);
    if (!subscription) throw new Error('the channel subscription is missing');
    const period: TimeRange = { start: '2026-11-16', end: '2026-11-23' };
    const digest = await build(subscription, period);
    connector.reset();
    await poster(subscription, digest);

    expect(connector.calls.length).toBeGreaterThan(0);
    for (const call of connector.calls) {
      expect(call).toMatchObject({ method: 'POST', kind: 'send', conversationId: CHANNEL });
    }
    const cards = connector.calls.flatMap((call) => cardsOf(call.activity));
    expect(cards).toHaveLength(connector.calls.length);
    for (const card of cards) {
      expect(adaptiveCardProblems(card)).toEqual([]);
      const counted = JSON.stringify(card, (key, value) =>
        key === 'url' && typeof value === 'string' && value.startsWith('data:') ? '' : value,
      );
      expect(Buffer.byteLength(counted, 'utf8')).toBeLessThanOrEqual(BUDGET_BYTES);
    }
    const posted = cards.flatMap(factsOf);
    expect(posted.map((fact) => fact.title)).toEqual(digest.facts.map((fact) => fact.label));

    // The week's spend, summed here from the line items, is the figure on the card.
    const [row] = await runtime.db.all<{ total: number }>(
      `SELECT SUM(EffectiveCost) AS total FROM line_items
       WHERE ChargePeriodStart >= TIMESTAMP '2026-11-16' AND ChargePeriodStart < TIMESTAMP '2026-11-23'
         AND Tags['team'] = 'payments'`,
    );
    const week = posted.find((fact) => fact.title.startsWith('Spend, Nov 16'));
    expect(week?.value).toBe(money(row?.total ?? Number.NaN));

    // The open recommendations come with Approve and Dismiss, and their card is kept for the refresh.
    expect(digest.recommendations.length).toBeGreaterThan(0);
    const withButtons = cards.find((card) => JSON.stringify(card).includes(`"verb":"${VERBS.approve}"`));
    expect(withButtons).toBeDefined();
    const cardKey = /"cardKey":"([^"]+)"/.exec(JSON.stringify(withButtons))?.[1];
    expect(cardKey).toBeDefined();
    expect(await readCard(store, cardKey ?? '')).toBeDefined();
  });

  it('should fail clearly when the conversation has no stored reference', async () => {
    const subscription = (await subscriptions.listAll()).find((item) => item.channel === CHANNEL);
    if (!subscription) throw new Error('the channel subscription is missing');
    const elsewhere: Subscription = {
      ...subscription,
      id: 'feedbeef',
      channel: '19:never-spoken@thread.tacv2',
    };
    const digest = await build(subscription, { start: '2026-11-16', end: '2026-11-23' });
    connector.reset();
    const failure = poster(elsewhere, digest);
    await expect(failure).rejects.toBeInstanceOf(FinopsError);
    await expect(failure).rejects.toThrow(/no Teams conversation reference for digest feedbeef/);
    expect(connector.calls).toEqual([]);
  });

  it('should post a due digest once through runDueDigests, and nothing on the next run', async () => {
    const due = async () =>
      runDueDigests({
        subscriptions: await subscriptions.listAll(),
        store,
        now: TICK,
        build,
        post: poster,
        log: { info: () => {}, warn: () => {}, error: () => {} },
      });
    connector.reset();
    const first = await due();
    const channel = (await subscriptions.listAll()).find((item) => item.channel === CHANNEL);
    expect(first.find((outcome) => outcome.subscriptionId === channel?.id)).toEqual({
      subscriptionId: channel?.id,
      slot: FIRST_SLOT,
      kind: 'posted',
    });
    expect(first.filter((outcome) => outcome.kind === 'posted')).toHaveLength(1);
    expect(first.filter((outcome) => outcome.kind === 'paused')).toHaveLength(1);
    const posts = connector.calls.length;
    expect(posts).toBeGreaterThan(0);
    expect(connector.calls.every((call) => call.conversationId === CHANNEL)).toBe(true);
    // The week before the 09:00 Monday slot, as the scheduler defines it.
    const period = digestPeriod(channel as Subscription, new Date(FIRST_SLOT));
    expect(period).toEqual({ start: '2026-11-16', end: '2026-11-23' });
    const heading = textOf(cardsOf(connector.calls[0]?.activity ?? {})[0] ?? {});
    expect(heading).toContain('Weekly cost digest: team=payments');

    const second = await due();
    expect(second.find((outcome) => outcome.subscriptionId === channel?.id)?.kind).toBe('already_sent');
    expect(connector.calls).toHaveLength(posts);
  });
});
