/**
 * Activities as Teams sends them to a bot, after the Bot Framework Activity schema and Teams' own
 * channelData (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/conversation-messages),
 * with the serviceUrl pointed at a loopback Bot Connector.
 */
export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const BOT = { id: '28:bot-app-id', name: 'FinOps Copilot' };
export const APPROVER = {
  id: '29:approver',
  name: 'Maria Approver',
  aadObjectId: 'a1b2c3d4-0000-4000-8000-00000000a001',
};
export const BYSTANDER = {
  id: '29:bystander',
  name: 'Bob Bystander',
  aadObjectId: 'a1b2c3d4-0000-4000-8000-00000000b002',
};
export const SECOND_APPROVER = {
  id: '29:second',
  name: 'Gita Approver',
  aadObjectId: 'a1b2c3d4-0000-4000-8000-00000000c003',
};

type Person = { id: string; name: string; aadObjectId: string };
let counter = 0;
const nextId = () => `1700000000${String(++counter).padStart(3, '0')}`;

export function personalMessage(
  serviceUrl: string,
  text: string,
  from: Person = APPROVER,
  conversationId = 'a:personal-chat-1',
) {
  return {
    type: 'message',
    id: nextId(),
    timestamp: '2026-11-24T12:00:00.000Z',
    channelId: 'msteams',
    serviceUrl,
    from,
    recipient: BOT,
    conversation: { id: conversationId, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    text,
    textFormat: 'plain',
    locale: 'en-GB',
  };
}

export function channelMention(serviceUrl: string, question: string, from: Person = APPROVER) {
  const channel = '19:finops-channel@thread.tacv2';
  const id = nextId();
  const mention = `<at>${BOT.name}</at>`;
  return {
    type: 'message',
    id,
    timestamp: '2026-11-24T12:00:00.000Z',
    channelId: 'msteams',
    serviceUrl,
    from,
    recipient: BOT,
    conversation: {
      id: `${channel};messageid=${id}`,
      conversationType: 'channel',
      isGroup: true,
      tenantId: TENANT,
    },
    channelData: { tenant: { id: TENANT }, team: { id: '19:team@thread.tacv2' }, channel: { id: channel } },
    text: `${mention} ${question}`,
    entities: [{ type: 'mention', text: mention, mentioned: { id: BOT.id, name: BOT.name } }],
    textFormat: 'plain',
  };
}

export function actionExecute(
  serviceUrl: string,
  verb: string,
  data: Record<string, unknown>,
  options: { from?: Person; replyToId?: string; conversationId?: string } = {},
) {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: nextId(),
    channelId: 'msteams',
    serviceUrl,
    from: options.from ?? APPROVER,
    recipient: BOT,
    replyToId: options.replyToId ?? 'bot-activity-2',
    conversation: {
      id: options.conversationId ?? 'a:personal-chat-1',
      conversationType: 'personal',
      tenantId: TENANT,
    },
    channelData: { tenant: { id: TENANT } },
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

export function actionSubmit(
  serviceUrl: string,
  value: Record<string, unknown>,
  options: { from?: Person; replyToId: string },
) {
  return {
    type: 'message',
    id: nextId(),
    channelId: 'msteams',
    serviceUrl,
    from: options.from ?? APPROVER,
    recipient: BOT,
    replyToId: options.replyToId,
    conversation: { id: 'a:personal-chat-1', conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    value,
  };
}

export async function post(endpoint: string, activity: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
  const text = await response.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json, contentType: response.headers.get('content-type') ?? '' };
}
