import { z } from 'zod';
import { parsedQuestionSchema } from '../../src/questions/parse/index.ts';
import type { StateStore, StateValue } from '../../src/state/index.ts';
import { skillCallSchema } from './skill-call.ts';

/**
 * What a thread remembers of its last answered turn, so a follow-up ("and last month?", "break
 * that down by account", "only prod", "why?") can start from it instead of from nothing.
 */
export const rememberedTurnSchema = z.object({
  question: z.string(),
  intent: z.string(),
  /** The resolved cost plan of the turn (period, comparison, filters, grouping, metric). */
  plan: parsedQuestionSchema.optional(),
  /** The specialist calls the turn made, in order. */
  calls: z.array(skillCallSchema),
  /** When the turn asked the person to clarify: the question it asked, so a short reply can answer it. */
  clarification: z.string().optional(),
});
export type RememberedTurn = z.infer<typeof rememberedTurnSchema>;

export const conversationContextSchema = rememberedTurnSchema.extend({
  contextId: z.string(),
  /** 1 for the thread's first answered turn. */
  turn: z.number().int().positive(),
  updatedAt: z.string(),
});
export type ConversationContext = z.infer<typeof conversationContextSchema>;

export interface ContextStore {
  get(contextId: string): Promise<ConversationContext | undefined>;
  save(contextId: string, remembered: RememberedTurn): Promise<ConversationContext>;
}

export interface ContextStoreOptions {
  store: StateStore;
  now: () => Date;
  /** How long a quiet thread keeps its context; default 7 days (a chat thread goes cold). */
  ttlSeconds?: number | undefined;
}

const DEFAULT_TTL_SECONDS = 7 * 24 * 3600;

/**
 * Thread context in the StateStore (embedded file or DynamoDB), so a follow-up works whichever
 * process or Lambda instance receives it. One item per thread; the latest turn wins.
 */
export function createContextStore(options: ContextStoreOptions): ContextStore {
  const ttl = options.ttlSeconds ?? DEFAULT_TTL_SECONDS;
  const key = (contextId: string) => ({ partition: `conversation#${contextId}`, sort: 'latest' });
  async function get(contextId: string): Promise<ConversationContext | undefined> {
    const item = await options.store.get(key(contextId).partition, key(contextId).sort);
    if (!item) return undefined;
    const parsed = conversationContextSchema.safeParse(item.value);
    // A context written by an older version is dropped, not trusted: the turn starts fresh.
    return parsed.success ? parsed.data : undefined;
  }
  return {
    get,
    async save(contextId, remembered) {
      const previous = await get(contextId);
      const now = options.now();
      const context: ConversationContext = {
        ...rememberedTurnSchema.parse(remembered),
        contextId,
        turn: (previous?.turn ?? 0) + 1,
        updatedAt: now.toISOString(),
      };
      await options.store.put({
        ...key(contextId),
        value: JSON.parse(JSON.stringify(context)) as StateValue,
        expiresAt: Math.floor(now.getTime() / 1000) + ttl,
      });
      return context;
    },
  };
}
