import { z } from 'zod';
import { type RecommendationSummary, recommendationSummarySchema } from '../../src/domain/index.ts';
import type { StateStore } from '../../src/state/index.ts';

/** Where an answer's recommendations wait for "show more" clicks; a month is longer than anyone scrolls back. */
export const ANSWER_PAGE_PARTITION = 'slack-answer';
const ANSWER_PAGE_TTL_SECONDS = 30 * 24 * 60 * 60;
/** A StateStore value is kept under 400 KB (DynamoDB's item limit); summaries are ~0.5 KB each. */
const MAX_STORED_RECOMMENDATIONS = 500;

const storedPageSchema = z.object({ recommendations: z.array(recommendationSummarySchema) });

export async function storeAnswerPage(
  store: StateStore,
  key: string,
  recommendations: readonly RecommendationSummary[],
  now: Date,
): Promise<void> {
  await store.put({
    partition: ANSWER_PAGE_PARTITION,
    sort: key,
    value: {
      recommendations: JSON.parse(JSON.stringify(recommendations.slice(0, MAX_STORED_RECOMMENDATIONS))),
    },
    expiresAt: Math.floor(now.getTime() / 1000) + ANSWER_PAGE_TTL_SECONDS,
  });
}

export async function readAnswerPage(
  store: StateStore,
  key: string,
): Promise<RecommendationSummary[] | undefined> {
  const item = await store.get(ANSWER_PAGE_PARTITION, key);
  if (!item) return undefined;
  const parsed = storedPageSchema.safeParse(item.value);
  return parsed.success ? parsed.data.recommendations : undefined;
}
