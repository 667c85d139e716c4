import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDigestBuilder } from '../../../adapters/digest/index.ts';
import { ACTIONS, checkMessage } from '../../../adapters/slack/render/index.ts';
import { buildDigest, createEngineTagCompliance } from '../../../src/digest/content/index.ts';
import { runDueDigests } from '../../../src/digest/schedule/index.ts';
import { createSubscriptionStore, type Subscription } from '../../../src/digest/subscriptions/index.ts';
import type { Answer } from '../../../src/domain/index.ts';
import type { RecordedCall } from '../../support/slack-web-api-loopback.ts';
import { blockAction, CHANNEL, slashCommand, TEAM } from '../slack/support/payloads.ts';
import { sendCommand, sendInteraction } from '../slack/support/signed-requests.ts';
import { APPROVER, DEMO_NOW, type SlackHarness, startSlackHarness } from '../slack/support/slack-harness.ts';

const OTHER_CHANNEL = 'C0COSTS002';
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

type BlockLike = { type: string; elements?: Array<{ action_id?: string; value?: string }> };

function approveValues(call: RecordedCall): string[] {
  return ((call.args.blocks ?? []) as BlockLike[]).flatMap((block) =>
    (block.elements ?? [])
      .filter((element) => element.action_id === ACTIONS.approve)
      .map((element) => element.value ?? ''),
  );
}

/** Every dollar figure written in a text: "$12,345.67", "-$80.00". */
function moneyIn(text: string): string[] {
  return [...text.matchAll(/\$[\d,]+(?:\.\d+)?/g)].map((match) => match[0]);
}

describe('the weekly digest in Slack', () => {
  let harness: SlackHarness;

  beforeAll(async () => {
    // The app's clock is the demo's "now" (Tuesday 24 Nov 2026, 12:00 UTC): subscriptions made now.
    harness = await startSlackHarness({ clock: () => new Date(DEMO_NOW) });
  }, 60_000);

  afterAll(async () => {
    await harness?.close();
  });

  beforeEach(() => {
    harness.api.reset();
  });

  async function digestCommand(args: string, channel = CHANNEL) {
    const response = await sendCommand(
      harness.url,
      slashCommand(`digest ${args}`, harness.api.responseUrl('d'), { channel }),
    );
    expect(response.status).toBe(200);
    const body = JSON.parse(response.text) as { response_type: string; text: string; blocks: unknown[] };
    expect(checkMessage({ text: body.text, blocks: body.blocks })).toEqual([]);
    return body;
  }

  const subscriptions = () => createSubscriptionStore(harness.store);
  const inChannel = (channel = CHANNEL) =>
    subscriptions().list({ platform: 'slack', workspace: TEAM, channel });

  function runAt(now: string, subscriptionList: Subscription[], posted: Answer[] = []) {
    const build = createDigestBuilder({ runtime: harness.runtime, stateStore: harness.store });
    return runDueDigests({
      subscriptions: subscriptionList,
      store: harness.store,
      now: new Date(now),
      build,
      post: async (subscription, digest) => {
        posted.push(digest);
        await harness.slack.postDigest(subscription, digest);
      },
      log: quiet,
    });
  }

  it('should subscribe the channel and say, in the channel, when the first digest comes', async () => {
    const reply = await digestCommand('weekly mon 09:00 Europe/Berlin for team=payments');
    expect(reply.response_type).toBe('in_channel');
    expect(reply.text).toContain('Subscribed');
    // The Monday after Tuesday 24 Nov at 09:00 Berlin time, which in November is CET (UTC+1).
    expect(reply.text).toContain('Mon, 30 Nov 2026, 09:00 CET');
    const [stored, ...others] = await inChannel();
    expect(others).toEqual([]);
    expect(stored).toMatchObject({
      platform: 'slack',
      workspace: TEAM,
      channel: CHANNEL,
      cadence: 'weekly',
      weekday: 'mon',
      time: '09:00',
      timeZone: 'Europe/Berlin',
      paused: false,
      createdBy: 'U0ASKER001',
      scope: { label: 'team=payments', filters: [{ dimension: 'tag:team', op: 'in', values: ['payments'] }] },
    });
    expect(reply.text).toContain(stored?.id);
  });

  it('should list the channel’s digests to the asker only', async () => {
    const [stored] = await inChannel();
    const reply = await digestCommand('list');
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain(`\`${stored?.id}\``);
    expect(reply.text).toContain('weekly mon 09:00 Europe/Berlin for team=payments');
  });

  it('should refuse an unknown time zone with a clear reason and store nothing', async () => {
    const reply = await digestCommand('weekly mon 09:00 Mars/Olympus_Mons', OTHER_CHANNEL);
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain("unknown time zone 'Mars/Olympus_Mons'");
    expect(reply.text).toContain('Europe/Berlin');
    expect(await inChannel(OTHER_CHANNEL)).toEqual([]);
  });

  it('should post the digest once, just after its slot, with the figures buildDigest gives', async () => {
    const listed = await inChannel();
    const subscription = listed[0] as Subscription;
    const posted: Answer[] = [];
    // Monday 30 Nov, 09:00:30 in Berlin.
    const outcomes = await runAt('2026-11-30T08:00:30Z', listed, posted);
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['posted']);
    expect(harness.api.rejected).toEqual([]);
    const messages = harness.api.callsOf('chat.postMessage');
    expect(messages.length).toBeGreaterThan(0);
    const [first, ...rest] = messages as [RecordedCall, ...RecordedCall[]];
    expect(first.args.channel).toBe(CHANNEL);
    expect(first.args.thread_ts).toBeUndefined();
    for (const call of rest) expect(call.args.thread_ts).toBe('1764000000.000001');
    for (const call of messages) {
      expect(checkMessage({ text: call.args.text, blocks: call.args.blocks })).toEqual([]);
    }

    // The same week, scope and data built directly: Monday to Sunday before the slot's day.
    const direct = await buildDigest({
      engine: harness.runtime.engine,
      recommendations: harness.runtime.recommendations(harness.store),
      tagCompliance: createEngineTagCompliance({
        engine: harness.runtime.engine,
        requiredTags: harness.runtime.config.requiredTags,
      }),
      today: '2026-11-30',
      scope: subscription.scope,
      period: { start: '2026-11-23', end: '2026-11-30' },
    });
    expect(posted).toHaveLength(1);
    // And the headline figure from the line items themselves: the payments team's spend that week.
    const [week] = await harness.runtime.db.all<{ total: number }>(
      `SELECT SUM(EffectiveCost) AS total FROM line_items
        WHERE Tags['team'] = 'payments'
          AND ChargePeriodStart >= TIMESTAMP '2026-11-23' AND ChargePeriodStart < TIMESTAMP '2026-11-30'`,
    );
    expect(week?.total).toBeGreaterThan(0);
    expect(posted[0]?.facts[0]?.value).toBeCloseTo(week?.total ?? Number.NaN, 6);
    expect(posted[0]?.facts).toEqual(direct.facts);
    expect(posted[0]?.text).toBe(direct.text);
    const shown = messages.map((call) => JSON.stringify(call.args.blocks)).join('\n');
    const figures = moneyIn(direct.text);
    expect(figures.length).toBeGreaterThan(0);
    for (const figure of figures) expect(shown).toContain(figure);
  });

  it('should post nothing when run again for the same slot', async () => {
    const outcomes = await runAt('2026-11-30T08:05:00Z', await inChannel());
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['already_sent']);
    expect(harness.api.callsOf('chat.postMessage')).toEqual([]);
  });

  it('should post once when two schedulers run at the same moment', async () => {
    const reply = await digestCommand('daily 08:30 UTC', OTHER_CHANNEL);
    expect(reply.text).toContain('Wed, 25 Nov 2026, 08:30 UTC');
    harness.api.reset();
    const listed = await inChannel(OTHER_CHANNEL);
    const [one, two] = await Promise.all([
      runAt('2026-11-25T08:30:10Z', listed),
      runAt('2026-11-25T08:30:10Z', listed),
    ]);
    expect([...(one ?? []), ...(two ?? [])].map((outcome) => outcome.kind).sort()).toEqual([
      'in_progress',
      'posted',
    ]);
    const topLevel = harness.api
      .callsOf('chat.postMessage')
      .filter((call) => call.args.thread_ts === undefined);
    expect(topLevel.map((call) => call.args.channel)).toEqual([OTHER_CHANNEL]);
  });

  it('should let an approver approve a recommendation from the digest’s cards', async () => {
    const listed = await inChannel(OTHER_CHANNEL);
    // The next day's digest of the daily subscription.
    await runAt('2026-11-26T08:30:10Z', listed);
    const withCards = harness.api.callsOf('chat.postMessage').find((call) => approveValues(call).length > 0);
    if (!withCards) throw new Error('the digest showed no Approve / Dismiss cards');
    const id = approveValues(withCards)[0] as string;
    const open = await harness.recommendations.list({ status: 'open' });
    expect(open.map((item) => item.recommendation.id)).toContain(id);
    harness.api.reset();
    const response = await sendInteraction(
      harness.url,
      blockAction({
        actionId: ACTIONS.approve,
        value: id,
        user: APPROVER,
        channel: OTHER_CHANNEL,
        message: {
          ts: '1764000000.000001',
          text: String(withCards.args.text),
          blocks: withCards.args.blocks as unknown[],
        },
        responseUrl: harness.api.responseUrl('a'),
      }),
    );
    expect(response.status).toBe(200);
    await harness.slack.idle();
    for (let waited = 0; waited < 5000 && harness.api.callsOf('chat.update').length === 0; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const audit = await harness.recommendations.audit(id);
    expect(
      audit
        .filter((record) => record.outcome === 'applied')
        .map((record) => [record.action, record.actor.id]),
    ).toEqual([['approve', APPROVER.id]]);
  });

  it('should pause and unsubscribe, after which nothing is posted', async () => {
    const [stored] = await inChannel();
    const paused = await digestCommand('pause');
    expect(paused.response_type).toBe('in_channel');
    expect(paused.text).toContain('Paused');
    expect((await inChannel())[0]?.paused).toBe(true);
    // The next Monday's slot passes while paused.
    const outcomes = await runAt('2026-12-07T08:00:30Z', await inChannel());
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['paused']);
    expect(harness.api.callsOf('chat.postMessage')).toEqual([]);

    const removed = await digestCommand(`unsubscribe ${stored?.id}`);
    expect(removed.text).toContain('Unsubscribed');
    expect(await inChannel()).toEqual([]);
    const again = await digestCommand(`unsubscribe ${stored?.id}`);
    expect(again.response_type).toBe('ephemeral');
    expect(again.text).toContain(`no digest subscription '${stored?.id}'`);
  });
});
