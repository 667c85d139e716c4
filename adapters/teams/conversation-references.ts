import type { ConversationReference } from '@microsoft/agents-activity';
import { z } from 'zod';
import type { StateStore, StateValue } from '../../src/state/index.ts';

/**
 * Where a slow answer goes once it is ready: the conversation reference Teams gave on the question,
 * kept in the StateStore (as the design keeps every Teams reference) so the answer is delivered with
 * `adapter.continueConversation` after the turn that asked has ended.
 */
export const REFERENCE_PARTITION = 'teams-conversation';

const accountSchema = z.looseObject({ id: z.string(), name: z.string().optional() });
const referenceSchema = z.looseObject({
  serviceUrl: z.string().min(1),
  channelId: z.string().min(1),
  conversation: z.looseObject({ id: z.string().min(1) }),
  user: accountSchema.optional(),
  agent: accountSchema.optional().nullable(),
  activityId: z.string().optional(),
  locale: z.string().optional(),
});

const storedReferenceSchema = z.object({ reference: referenceSchema, storedAt: z.string() });

export async function storeConversationReference(
  store: StateStore,
  reference: ConversationReference,
  now: Date,
): Promise<void> {
  await store.put({
    partition: REFERENCE_PARTITION,
    sort: reference.conversation.id,
    value: { reference: JSON.parse(JSON.stringify(reference)), storedAt: now.toISOString() } as StateValue,
  });
}

export async function readConversationReference(
  store: StateStore,
  conversationId: string,
): Promise<ConversationReference | undefined> {
  const item = await store.get(REFERENCE_PARTITION, conversationId);
  if (!item) return undefined;
  const parsed = storedReferenceSchema.safeParse(item.value);
  return parsed.success ? (parsed.data.reference as unknown as ConversationReference) : undefined;
}
