import { createHash } from 'node:crypto';

/** InvokeAgent / InvokeInlineAgent `sessionId`: 2–100 characters of `[0-9a-zA-Z._:-]`. */
const SESSION_ID = /^[0-9a-zA-Z._:-]{2,100}$/;

/**
 * The Bedrock session of a chat thread, so the model keeps the thread's memory across turns.
 * A contextId that already fits Bedrock's pattern is used as is (readable in traces); any other
 * (Slack "C123/1700000000.000100", Teams ids with `;` and `@`, long ids) becomes a stable hash.
 */
export function bedrockSessionId(contextId: string): string {
  if (SESSION_ID.test(contextId)) return contextId;
  return `thread-${createHash('sha256').update(contextId, 'utf8').digest('hex').slice(0, 48)}`;
}
