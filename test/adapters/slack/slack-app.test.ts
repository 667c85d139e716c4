import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACTIONS, checkMessage, DISMISS_MODAL_CALLBACK } from '../../../adapters/slack/render/index.ts';
import type { RecordedCall } from '../../support/slack-web-api-loopback.ts';
import {
  appHomeOpened,
  appMention,
  blockAction,
  CHANNEL,
  DM_CHANNEL,
  directMessage,
  eventEnvelope,
  slashCommand,
  viewSubmission,
} from './support/payloads.ts';
import { sendCommand, sendEvent, sendInteraction, signature } from './support/signed-requests.ts';
import {
  APPROVER,
  APPROVER_GROUP,
  BYSTANDER,
  GROUP_MEMBER,
  type SlackHarness,
  startSlackHarness,
} from './support/slack-harness.ts';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

type BlockLike = {
  type: string;
  block_id?: string;
  elements?: Array<{ action_id?: string; value?: string }>;
  slack_file?: { id?: string };
};

function blocksOf(call: RecordedCall): BlockLike[] {
  return (call.args.blocks ?? []) as BlockLike[];
}

function approveValues(blocks: BlockLike[]): string[] {
  return blocks.flatMap((block) =>
    (block.elements ?? [])
      .filter((element) => element.action_id === ACTIONS.approve)
      .map((element) => element.value ?? ''),
  );
}

describe('Slack app over the HTTP receiver', () => {
  let harness: SlackHarness;

  beforeAll(async () => {
    harness = await startSlackHarness();
  }, 60_000);

  afterAll(async () => {
    await harness?.close();
  });

  beforeEach(() => {
    harness.api.reset();
  });

  /** A mention asking about savings, answered in full; returns the answer's chat.update call. */
  async function answerMention(text: string): Promise<{ update: RecordedCall; threadTs: string }> {
    const event = appMention(text);
    const response = await sendEvent(harness.url, eventEnvelope(event));
    expect(response.status).toBe(200);
    await harness.slack.idle();
    const update = harness.api.callsOf('chat.update')[0];
    if (!update) throw new Error(`no chat.update; rejected: ${JSON.stringify(harness.api.rejected)}`);
    return { update, threadTs: event.ts };
  }

  it('should answer a mention in its thread: placeholder first, then the answer with the chart and cards', async () => {
    const event = appMention('EC2 spend last week by account');
    const response = await sendEvent(harness.url, eventEnvelope(event));
    expect(response.status).toBe(200);
    await harness.slack.idle();

    const methods = harness.api.calls.map((call) => call.method).filter((method) => method !== 'auth.test');
    expect(methods).toEqual([
      'chat.postMessage',
      'files.getUploadURLExternal',
      'files.completeUploadExternal',
      'chat.update',
    ]);
    const [placeholder] = harness.api.callsOf('chat.postMessage');
    expect(placeholder?.args.channel).toBe(CHANNEL);
    expect(placeholder?.args.thread_ts).toBe(event.ts);
    expect(placeholder?.token).toBe('xoxb-test-bot-token');

    const upload = harness.api.callsOf('files.getUploadURLExternal')[0];
    const fileId = [...harness.api.uploads.keys()][0] ?? '';
    const bytes = harness.api.uploads.get(fileId) ?? Buffer.alloc(0);
    expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(Number(upload?.args.length)).toBe(bytes.length);
    // Completed with no channel: the file is private to the app and shown only in the image block.
    expect(harness.api.callsOf('files.completeUploadExternal')[0]?.args.channel_id).toBeUndefined();

    const update = harness.api.callsOf('chat.update')[0] as RecordedCall;
    expect(update.args.ts).toBe('1764000000.000001');
    expect(checkMessage({ text: update.args.text, blocks: update.args.blocks })).toEqual([]);
    const image = blocksOf(update).find((block) => block.type === 'image');
    expect(image?.slack_file?.id).toBe(fileId);
    // The demo's own figure for EC2 last week, as the terminal gives it.
    const direct = await harness.runtime.copilot.ask('EC2 spend last week by account');
    const total = direct.facts[0]?.value ?? Number.NaN;
    const shown = `$${total.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    expect(JSON.stringify(update.args.blocks)).toContain(shown);
  });

  it('should show one card per recommendation from the savings specialists, with Approve and Dismiss', async () => {
    const { update, threadTs } = await answerMention('what can we save?');
    const rest = harness.api.callsOf('chat.postMessage').slice(1);
    for (const call of rest) expect(call.args.thread_ts).toBe(threadTs);
    const shownIds = [update, ...rest].flatMap((call) => approveValues(blocksOf(call)));
    const open = await harness.recommendations.list({ status: 'open' });
    const openIds = new Set(open.map((item) => item.recommendation.id));
    // Only ids the system stored can be decided: every card is one of them, shown once.
    expect(shownIds.filter((id) => !openIds.has(id))).toEqual([]);
    expect(new Set(shownIds).size).toBe(shownIds.length);
    // At most ten cards in the thread; the rest wait behind "show more".
    expect(shownIds.length).toBe(10);
    // The ec2, s3 and rds specialists were asked: each service's largest open saving has a card.
    const services = [
      'Amazon Elastic Compute Cloud',
      'Amazon Simple Storage Service',
      'Amazon Relational Database Service',
    ];
    for (const service of services) {
      const [largest] = open
        .filter((item) => item.recommendation.service === service)
        .sort(
          (a, b) =>
            (b.recommendation.estimatedMonthlySavings ?? 0) - (a.recommendation.estimatedMonthlySavings ?? 0),
        );
      expect(largest, service).toBeDefined();
      expect(shownIds).toContain(largest?.recommendation.id);
    }
  });

  it('should answer a thread follow-up ("and last month?") in the same thread with October’s figures', async () => {
    const first = appMention('top 5 accounts this month');
    await sendEvent(harness.url, eventEnvelope(first));
    await harness.slack.idle();
    harness.api.reset();
    // A reply in the thread that mentions the bot arrives as an app_mention carrying thread_ts.
    const reply = appMention('and last month?', { threadTs: first.ts });
    await sendEvent(harness.url, eventEnvelope(reply));
    await harness.slack.idle();
    const [placeholder] = harness.api.callsOf('chat.postMessage');
    expect(placeholder?.args.thread_ts).toBe(first.ts);
    const update = harness.api.callsOf('chat.update')[0] as RecordedCall;
    expect(update.args.channel).toBe(CHANNEL);
    const shown = JSON.stringify(update.args.blocks);
    const money = (value: number) =>
      `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    const october = await harness.runtime.db.all<{ total: number }>(
      `SELECT SUM(EffectiveCost) AS total FROM line_items
        WHERE ChargePeriodStart >= TIMESTAMP '2026-10-01' AND ChargePeriodStart < TIMESTAMP '2026-11-01'
        GROUP BY SubAccountId ORDER BY total DESC LIMIT 5`,
    );
    expect(october).toHaveLength(5);
    for (const row of october) expect(shown).toContain(money(row.total));
    expect(shown).toContain('October 2026');
    // And not November's: the follow-up changed the period, not just repeated the first answer.
    const [novemberTop] = await harness.runtime.db.all<{ total: number }>(
      `SELECT SUM(EffectiveCost) AS total FROM line_items WHERE ChargePeriodStart >= TIMESTAMP '2026-11-01'
        GROUP BY SubAccountId ORDER BY total DESC LIMIT 1`,
    );
    expect(shown).not.toContain(money(novemberTop?.total ?? Number.NaN));
  });

  it('should answer a direct message at the top level of the DM', async () => {
    const response = await sendEvent(harness.url, eventEnvelope(directMessage('spend this month')));
    expect(response.status).toBe(200);
    await harness.slack.idle();
    const [placeholder] = harness.api.callsOf('chat.postMessage');
    expect(placeholder?.args.channel).toBe(DM_CHANNEL);
    expect(placeholder?.args.thread_ts).toBeUndefined();
    const update = harness.api.callsOf('chat.update')[0];
    expect(update?.args.channel).toBe(DM_CHANNEL);
    const [row] = await harness.runtime.db.all<{ total: number }>(
      `SELECT SUM(EffectiveCost) AS total FROM line_items
        WHERE CAST(ChargePeriodStart AS DATE) BETWEEN DATE '2026-11-01' AND DATE '2026-11-23'`,
    );
    const shown = `$${(row?.total ?? Number.NaN).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    expect(JSON.stringify(update?.args.blocks)).toContain(shown);
  });

  it('should ignore the bot’s own DM edits and other message subtypes', async () => {
    const edited = { ...directMessage('spend this month'), subtype: 'message_changed' };
    await sendEvent(harness.url, eventEnvelope(edited));
    await harness.slack.idle();
    expect(harness.api.callsOf('chat.postMessage')).toEqual([]);
  });

  it('should answer a slash command with a new message naming who asked, then the answer', async () => {
    const response = await sendCommand(
      harness.url,
      slashCommand('top 5 services this month', harness.api.responseUrl('q')),
    );
    expect(response.status).toBe(200);
    await harness.slack.idle();
    const [placeholder] = harness.api.callsOf('chat.postMessage');
    expect(placeholder?.args.thread_ts).toBeUndefined();
    expect(String(placeholder?.args.text)).toContain('<@U0ASKER001> asked');
    expect(harness.api.callsOf('chat.update')).toHaveLength(1);
  });

  it('should reply to /finops help and /finops digest in the acknowledgement, posting nothing', async () => {
    const help = await sendCommand(harness.url, slashCommand('help', harness.api.responseUrl('h')));
    expect(help.status).toBe(200);
    expect(JSON.parse(help.text).response_type).toBe('ephemeral');
    expect(checkMessage(JSON.parse(help.text))).toEqual([]);
    const digest = await sendCommand(
      harness.url,
      slashCommand('digest weekly mon 09:00', harness.api.responseUrl('d')),
    );
    // No time zone: a mistake, told only to the asker, with the usage.
    expect(JSON.parse(digest.text).response_type).toBe('ephemeral');
    expect(JSON.parse(digest.text).text).toContain('add a time zone after the time');
    await harness.slack.idle();
    expect(harness.api.callsOf('chat.postMessage')).toEqual([]);
  });

  it('should list the open recommendations for /finops recommendations', async () => {
    await sendCommand(harness.url, slashCommand('recommendations', harness.api.responseUrl('r')));
    const post = await waitFor(() => harness.api.callsOf('chat.postMessage')[0], 'the list');
    const open = await harness.recommendations.list({ status: 'open' });
    expect(String(post.args.text)).toContain(`${open.length} open recommendations`);
    expect(approveValues(blocksOf(post)).length).toBe(Math.min(10, open.length));
  });

  it('should publish the Home tab with month-to-date spend, forecast and top recommendations', async () => {
    await sendEvent(harness.url, eventEnvelope(appHomeOpened('U0ASKER001')));
    const publish = await waitFor(() => harness.api.callsOf('views.publish')[0], 'views.publish');
    expect(publish.args.user_id).toBe('U0ASKER001');
    const view = publish.args.view as { type: string; blocks: BlockLike[] };
    expect(view.type).toBe('home');
    const forecast = await harness.runtime.copilot.ask('forecast this month');
    const projected = forecast.facts[0]?.value ?? Number.NaN;
    const text = JSON.stringify(view.blocks);
    expect(text).toContain(
      `$${projected.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`,
    );
    expect(approveValues(view.blocks).length).toBeGreaterThan(0);
  });

  describe('decisions', () => {
    async function cardMessage() {
      const { update } = await answerMention('what can we save?');
      const ids = approveValues(blocksOf(update));
      harness.api.reset();
      return {
        ids,
        message: { ts: String(update.args.ts), text: String(update.args.text), blocks: blocksOf(update) },
      };
    }

    it('should approve for an authorised user, update the card in place without buttons and audit it', async () => {
      const { ids, message } = await cardMessage();
      const id = ids[0] as string;
      const response = await sendInteraction(
        harness.url,
        blockAction({
          actionId: ACTIONS.approve,
          value: id,
          user: APPROVER,
          message,
          responseUrl: harness.api.responseUrl('a'),
        }),
      );
      expect(response.status).toBe(200);
      const update = await waitFor(() => harness.api.callsOf('chat.update')[0], 'the card update');
      expect(update.args.ts).toBe(message.ts);
      const blocks = blocksOf(update);
      expect(approveValues(blocks)).not.toContain(id);
      expect(approveValues(blocks)).toEqual(ids.slice(1));
      expect(JSON.stringify(blocks)).toContain(`Approved by <@${APPROVER.id}>`);
      const audit = await harness.recommendations.audit(id);
      expect(
        audit
          .filter((record) => record.outcome === 'applied')
          .map((record) => [record.action, record.actor.id]),
      ).toEqual([['approve', APPROVER.id]]);
      expect(harness.api.callsOf('chat.postEphemeral')).toEqual([]);
    });

    it('should tell an unauthorised user why, privately, and change nothing', async () => {
      const { ids, message } = await cardMessage();
      const id = ids[1] as string;
      await sendInteraction(
        harness.url,
        blockAction({
          actionId: ACTIONS.approve,
          value: id,
          user: BYSTANDER,
          message,
          responseUrl: harness.api.responseUrl('b'),
        }),
      );
      const ephemeral = await waitFor(() => harness.api.callsOf('chat.postEphemeral')[0], 'the ephemeral');
      expect(ephemeral.args.user).toBe(BYSTANDER.id);
      expect(String(ephemeral.args.text).length).toBeGreaterThan(10);
      expect(harness.api.callsOf('chat.update')).toEqual([]);
      const stored = (await harness.recommendations.list({ status: 'all' })).find(
        (item) => item.recommendation.id === id,
      );
      expect(stored?.status).toBe('open');
      const audit = await harness.recommendations.audit(id);
      expect(audit.map((record) => [record.outcome, record.code])).toEqual([['refused', 'not_authorised']]);
    });

    it('should give one decision for a double click: the second gets "already approved by"', async () => {
      const { ids, message } = await cardMessage();
      const id = ids[2] as string;
      const click = () =>
        sendInteraction(
          harness.url,
          blockAction({
            actionId: ACTIONS.approve,
            value: id,
            user: APPROVER,
            message,
            responseUrl: harness.api.responseUrl('c'),
          }),
        );
      const responses = await Promise.all([click(), click()]);
      expect(responses.map((response) => response.status)).toEqual([200, 200]);
      const ephemeral = await waitFor(
        () => harness.api.callsOf('chat.postEphemeral')[0],
        'the second click’s answer',
      );
      expect(String(ephemeral.args.text)).toMatch(/^Already approved by maria/);
      const audit = await harness.recommendations.audit(id);
      expect(audit.filter((record) => record.outcome === 'applied')).toHaveLength(1);
      expect(audit.filter((record) => record.code === 'already_decided')).toHaveLength(1);
    });

    it('should open the dismiss modal, and on submission snooze with the reason and update the card', async () => {
      const { ids, message } = await cardMessage();
      const id = ids[3] as string;
      await sendInteraction(
        harness.url,
        blockAction({
          actionId: ACTIONS.dismiss,
          value: id,
          user: APPROVER,
          message,
          responseUrl: harness.api.responseUrl('d'),
        }),
      );
      const open = await waitFor(() => harness.api.callsOf('views.open')[0], 'views.open');
      const view = open.args.view as { callback_id: string; private_metadata: string };
      expect(view.callback_id).toBe(DISMISS_MODAL_CALLBACK);

      const submit = await sendInteraction(
        harness.url,
        viewSubmission({ user: APPROVER, view, reason: 'reserved for the Q1 launch', snooze: '30' }),
      );
      expect(submit.status).toBe(200);
      const update = await waitFor(() => harness.api.callsOf('chat.update')[0], 'the card update');
      expect(update.args.ts).toBe(message.ts);
      expect(approveValues(blocksOf(update))).not.toContain(id);
      expect(JSON.stringify(update.args.blocks)).toContain('reserved for the Q1 launch');
      const stored = (await harness.recommendations.list({ status: 'all' })).find(
        (item) => item.recommendation.id === id,
      );
      expect(stored?.status).toBe('snoozed');
      // 30 days after the real clock's today (the app's clock), as a day.
      const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
      expect(stored?.decision?.snoozeUntil?.slice(0, 10)).toBe(until);
      expect(stored?.decision?.reason).toBe('reserved for the Q1 launch');
    });

    it('should refuse a group-only approver while the user-group lookup fails, then approve once it answers', async () => {
      const { ids, message } = await cardMessage();
      const id = ids[5] as string;
      const click = () =>
        sendInteraction(
          harness.url,
          blockAction({
            actionId: ACTIONS.approve,
            value: id,
            user: GROUP_MEMBER,
            message,
            responseUrl: harness.api.responseUrl('g'),
          }),
        );
      harness.api.failNext('usergroups.users.list', { error: 'missing_scope' });
      await click();
      const ephemeral = await waitFor(() => harness.api.callsOf('chat.postEphemeral')[0], 'the refusal');
      expect(ephemeral.args.user).toBe(GROUP_MEMBER.id);
      expect(String(ephemeral.args.text)).toContain('is not an approver here');
      expect(String(ephemeral.args.text)).toContain('could not check your Slack user groups');
      expect(String(ephemeral.args.text)).toContain('usergroups:read');
      expect(harness.api.callsOf('chat.update')).toEqual([]);
      const before = (await harness.recommendations.list({ status: 'all' })).find(
        (item) => item.recommendation.id === id,
      );
      expect(before?.status).toBe('open');

      harness.api.reset();
      await click();
      const update = await waitFor(() => harness.api.callsOf('chat.update')[0], 'the card update');
      expect(harness.api.callsOf('usergroups.users.list')[0]?.args.usergroup).toBe(APPROVER_GROUP);
      expect(JSON.stringify(update.args.blocks)).toContain(`Approved by <@${GROUP_MEMBER.id}>`);
      const audit = await harness.recommendations.audit(id);
      const outcomes = audit.map((record) => [
        record.outcome,
        record.code ?? null,
        record.authorisedAs ?? null,
      ]);
      expect(outcomes).toHaveLength(2);
      expect(outcomes).toEqual(
        expect.arrayContaining([
          ['refused', 'not_authorised', null],
          ['applied', null, `group:${APPROVER_GROUP}`],
        ]),
      );
      expect(harness.api.callsOf('chat.postEphemeral')).toEqual([]);
    });

    it('should show an unauthorised dismissal’s reason in the modal and change nothing', async () => {
      const { ids, message } = await cardMessage();
      const id = ids[4] as string;
      await sendInteraction(
        harness.url,
        blockAction({
          actionId: ACTIONS.dismiss,
          value: id,
          user: BYSTANDER,
          message,
          responseUrl: harness.api.responseUrl('e'),
        }),
      );
      const open = await waitFor(() => harness.api.callsOf('views.open')[0], 'views.open');
      const submit = await sendInteraction(
        harness.url,
        viewSubmission({
          user: BYSTANDER,
          view: open.args.view as { callback_id: string; private_metadata: string },
          reason: 'no',
          snooze: 'none',
        }),
      );
      const body = JSON.parse(submit.text) as { response_action: string; errors: Record<string, string> };
      expect(body.response_action).toBe('errors');
      expect(Object.keys(body.errors)).toEqual(['reason']);
      const stored = (await harness.recommendations.list({ status: 'all' })).find(
        (item) => item.recommendation.id === id,
      );
      expect(stored?.status).toBe('open');
    });
  });

  it('should split an answer too large for one message into several valid messages in the thread', async () => {
    const event = appMention('top 100 resources last month');
    await sendEvent(harness.url, eventEnvelope(event));
    await harness.slack.idle();
    const update = harness.api.callsOf('chat.update')[0] as RecordedCall;
    const rest = harness.api.callsOf('chat.postMessage').slice(1);
    expect(harness.api.rejected).toEqual([]);
    expect(rest.length).toBeGreaterThan(0);
    for (const call of rest) expect(call.args.thread_ts).toBe(event.ts);
    // Nothing lost: each of October's 100 largest resources, by SQL, is named in the messages.
    const top = await harness.runtime.db.all<{ resource: string | null }>(
      `SELECT ResourceId AS resource FROM line_items
        WHERE ChargePeriodStart >= TIMESTAMP '2026-10-01' AND ChargePeriodStart < TIMESTAMP '2026-11-01'
        GROUP BY ResourceId ORDER BY SUM(EffectiveCost) DESC LIMIT 100`,
    );
    const all = [update, ...rest].map((call) => JSON.stringify(call.args.blocks)).join('');
    const named = top.flatMap((row) => (row.resource ? [row.resource] : []));
    expect(named.length).toBeGreaterThan(90);
    expect(named.filter((resource) => !all.includes(resource))).toEqual([]);
  });

  it('should answer a retried event once', async () => {
    const envelope = eventEnvelope(appMention('spend this month'));
    const first = await sendEvent(harness.url, envelope);
    const retry = await sendEvent(harness.url, envelope, { retryNum: 1 });
    const again = await sendEvent(harness.url, envelope, { retryNum: 2 });
    expect([first.status, retry.status, again.status]).toEqual([200, 200, 200]);
    await harness.slack.idle();
    expect(harness.api.callsOf('chat.postMessage')).toHaveLength(1);
    expect(harness.api.callsOf('chat.update')).toHaveLength(1);
  });

  it('should refuse a request with a bad signature with 401 and process nothing', async () => {
    const envelope = eventEnvelope(appMention('spend this month'));
    const body = JSON.stringify(envelope);
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await sendEvent(harness.url, envelope, {
      timestamp,
      signature: signature(body, timestamp, 'not-the-signing-secret'),
    });
    expect(response.status).toBe(401);
    await harness.slack.idle();
    expect(harness.api.calls.filter((call) => call.method !== 'auth.test')).toEqual([]);
  });

  it('should refuse a correctly signed request older than five minutes', async () => {
    const response = await sendEvent(harness.url, eventEnvelope(appMention('spend this month')), {
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(response.status).toBe(401);
    await harness.slack.idle();
    expect(harness.api.calls.filter((call) => call.method !== 'auth.test')).toEqual([]);
  });

  describe('Slack errors', () => {
    it('should wait out ratelimited (429 + Retry-After) and still deliver the answer', async () => {
      harness.api.failNext('chat.update', { error: 'ratelimited', retryAfterSeconds: 1 });
      const { update } = await answerMention('spend this month');
      expect(harness.api.rejected.map((item) => item.error)).toEqual(['ratelimited']);
      const updates = harness.api.callsOf('chat.update');
      expect(updates).toHaveLength(2);
      expect((updates[1]?.at ?? 0) - (updates[0]?.at ?? 0)).toBeGreaterThanOrEqual(1000);
      expect(checkMessage({ text: update.args.text, blocks: update.args.blocks })).toEqual([]);
    });

    it.each(['not_in_channel', 'channel_not_found'])(
      'should explain %s through the slash command’s response_url and post nothing else',
      async (error) => {
        harness.api.failNext('chat.postMessage', { error });
        await sendCommand(harness.url, slashCommand('spend this month', harness.api.responseUrl(error)));
        await harness.slack.idle();
        expect(harness.api.responses).toHaveLength(1);
        const reply = harness.api.responses[0]?.body as { response_type: string; text: string };
        expect(reply.response_type).toBe('ephemeral');
        expect(reply.text).toMatch(
          error === 'not_in_channel' ? /not a member/ : /cannot see this conversation/,
        );
        expect(harness.api.calls.filter((call) => call.method === 'chat.update')).toEqual([]);
        expect(
          harness.logs.some((entry) => entry.event === 'slack.answer_failed' && entry.slackError === error),
        ).toBe(true);
      },
    );

    it('should turn a failure after the placeholder into one short message with a reference id', async () => {
      harness.api.failNext('files.getUploadURLExternal', { error: 'not_allowed_token_type' });
      harness.api.failNext('chat.update', { error: 'msg_too_long' });
      await sendEvent(harness.url, eventEnvelope(appMention('EC2 spend last week by account')));
      await harness.slack.idle();
      const updates = harness.api.callsOf('chat.update');
      expect(updates).toHaveLength(2);
      const text = String(updates[1]?.args.text);
      const reference = /ref ([0-9a-f]{8})/.exec(text)?.[1];
      expect(reference).toBeDefined();
      const logged = harness.logs.find(
        (entry) => entry.event === 'slack.answer_failed' && entry.reference === reference,
      );
      expect(logged?.slackError).toBe('msg_too_long');
      expect(JSON.stringify(harness.logs)).not.toContain('xoxb-test-bot-token');
    });
  });
});
