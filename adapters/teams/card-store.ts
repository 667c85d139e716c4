import { z } from 'zod';
import type { StateStore, StateValue } from '../../src/state/index.ts';
import type { AdaptiveCard } from './render/adaptive-card.ts';

/**
 * Answer cards sent with recommendations are kept so an Approve / Dismiss refresh can return the whole
 * card with one container changed: Teams replaces the entire card with the invoke response, and the
 * invoke does not carry the card it came from.
 */
export const CARD_PARTITION = 'teams-card';
/** Buttons on an older card still work; the refresh then shows the decided item alone. */
export const CARD_TTL_SECONDS = 30 * 86_400;

const storedCardSchema = z.object({
  card: z.looseObject({ type: z.literal('AdaptiveCard'), body: z.array(z.unknown()) }),
});

export async function storeCard(
  store: StateStore,
  key: string,
  card: AdaptiveCard,
  now: Date,
): Promise<void> {
  await store.put({
    partition: CARD_PARTITION,
    sort: key,
    value: { card: JSON.parse(JSON.stringify(card)) } as StateValue,
    expiresAt: Math.floor(now.getTime() / 1000) + CARD_TTL_SECONDS,
  });
}

export async function readCard(store: StateStore, key: string): Promise<AdaptiveCard | undefined> {
  const item = await store.get(CARD_PARTITION, key);
  if (!item) return undefined;
  const parsed = storedCardSchema.safeParse(item.value);
  return parsed.success ? (parsed.data.card as unknown as AdaptiveCard) : undefined;
}
