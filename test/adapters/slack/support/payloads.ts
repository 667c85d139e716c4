/**
 * Slack payloads as Slack sends them. Shapes follow Slack's documentation, field for field:
 * - Events API envelope: api.slack.com/types/event (JSON schema: token, team_id, api_app_id, event,
 *   type `event_callback`, event_id, event_time, authorizations) and docs.slack.dev/apis/events-api;
 * - app_mention: docs.slack.dev/reference/events/app_mention (user, text with `<@U…>`, ts, channel, event_ts);
 * - message.im: docs.slack.dev/reference/events/message.im (channel_type `im`);
 * - app_home_opened: docs.slack.dev/reference/events/app_home_opened (user, channel, tab, event_ts);
 * - slash command: docs.slack.dev/interactivity/implementing-slash-commands and bolt-js's
 *   `SlashCommand` interface (src/types/command/index.ts);
 * - block_actions: docs.slack.dev/reference/interaction-payloads/block_actions-payload (type, user with
 *   username/name/team_id, container with message_ts/channel_id, trigger_id, team, channel, message
 *   with its blocks, response_url, actions with action_id/block_id/value/type/action_ts);
 * - view_submission: docs.slack.dev/reference/interaction-payloads/view-interactions-payload
 *   (view.state.values[block_id][action_id] holding `value` for plain_text_input and
 *   `selected_option` for static_select).
 */
export const TEAM = 'T0TESTTEAM';
export const APP_ID = 'A0FINOPS01';
export const CHANNEL = 'C0COSTS001';
export const DM_CHANNEL = 'D0DIRECT01';
export const BOT_USER = 'UBOTFINOPS';

let counter = 0;
const nextId = () => {
  counter += 1;
  return counter;
};

export function eventEnvelope(
  event: Record<string, unknown>,
  eventId = `Ev${String(nextId()).padStart(8, '0')}`,
) {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM,
    api_app_id: APP_ID,
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: 1764000000,
    authorizations: [
      { enterprise_id: null, team_id: TEAM, user_id: BOT_USER, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
    event_context: '4-eyJldCI6ImFwcF9tZW50aW9uIn0',
  };
}

export function appMention(text: string, options: { user?: string; ts?: string; threadTs?: string } = {}) {
  const ts = options.ts ?? `1764000100.${String(nextId()).padStart(6, '0')}`;
  return {
    type: 'app_mention',
    user: options.user ?? 'U0ASKER001',
    text: `<@${BOT_USER}> ${text}`,
    ts,
    ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
    channel: CHANNEL,
    event_ts: ts,
    team: TEAM,
  };
}

export function directMessage(text: string, options: { user?: string } = {}) {
  const ts = `1764000200.${String(nextId()).padStart(6, '0')}`;
  return {
    type: 'message',
    channel: DM_CHANNEL,
    user: options.user ?? 'U0ASKER001',
    text,
    ts,
    event_ts: ts,
    channel_type: 'im',
    team: TEAM,
  };
}

export function appHomeOpened(user: string) {
  return { type: 'app_home_opened', user, channel: 'D0HOME0001', tab: 'home', event_ts: '1764000300.000100' };
}

export function slashCommand(
  text: string,
  responseUrl: string,
  options: { user?: string; channel?: string } = {},
) {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM,
    team_domain: 'acme',
    channel_id: options.channel ?? CHANNEL,
    channel_name: 'costs',
    user_id: options.user ?? 'U0ASKER001',
    user_name: 'asker',
    command: '/finops',
    text,
    api_app_id: APP_ID,
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: `${nextId()}.1234.abcdef`,
  };
}

export function blockAction(input: {
  actionId: string;
  value: string;
  user: { id: string; name: string };
  message: { ts: string; text: string; blocks: unknown[]; thread_ts?: string };
  channel?: string;
  responseUrl: string;
}) {
  const channel = input.channel ?? CHANNEL;
  return {
    type: 'block_actions',
    user: { id: input.user.id, username: input.user.name, name: input.user.name, team_id: TEAM },
    api_app_id: APP_ID,
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: input.message.ts, channel_id: channel, is_ephemeral: false },
    trigger_id: `${nextId()}.1234.trigger`,
    team: { id: TEAM, domain: 'acme' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channel, name: 'costs' },
    message: { type: 'message', user: BOT_USER, bot_id: 'BBOTFINOPS', team: TEAM, ...input.message },
    state: { values: {} },
    response_url: input.responseUrl,
    actions: [
      {
        action_id: input.actionId,
        block_id: 'actions',
        text: { type: 'plain_text', text: 'Click', emoji: true },
        value: input.value,
        type: 'button',
        action_ts: '1764000400.000100',
      },
    ],
  };
}

export function viewSubmission(input: {
  user: { id: string; name: string };
  view: { callback_id: string; private_metadata: string };
  reason: string;
  snooze: string;
}) {
  return {
    type: 'view_submission',
    team: { id: TEAM, domain: 'acme' },
    user: { id: input.user.id, username: input.user.name, name: input.user.name, team_id: TEAM },
    api_app_id: APP_ID,
    token: 'legacy-verification-token',
    trigger_id: `${nextId()}.1234.view`,
    view: {
      id: 'V0MODAL001',
      team_id: TEAM,
      type: 'modal',
      callback_id: input.view.callback_id,
      private_metadata: input.view.private_metadata,
      hash: '1764000500.abcdef',
      state: {
        values: {
          reason: { reason: { type: 'plain_text_input', value: input.reason } },
          snooze: {
            snooze: {
              type: 'static_select',
              selected_option: { text: { type: 'plain_text', text: input.snooze }, value: input.snooze },
            },
          },
        },
      },
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}
