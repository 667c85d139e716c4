import {
  type Recommendation,
  type RecommendationType,
  recommendationId,
  recommendationSchema,
} from './model.ts';
import type { RuleContext } from './rule.ts';

export type RecommendationDraft = Omit<
  Recommendation,
  'id' | 'group' | 'status' | 'source' | 'generatedAt' | 'warnings' | 'tags' | 'accountName'
> & {
  type: RecommendationType;
  group?: string;
  warnings?: string[];
  tags?: Record<string, string>;
};

/**
 * Fills what every copilot recommendation shares (stable id, group, status, source, time) and
 * validates the result, so a rule cannot emit a malformed item.
 */
export function buildRecommendation(context: RuleContext, draft: RecommendationDraft): Recommendation {
  const accountName = context.accountNames.get(draft.accountId);
  return recommendationSchema.parse({
    ...draft,
    id: recommendationId(draft.type, draft.accountId, draft.resourceId),
    group: draft.group ?? `resource:${draft.accountId}:${draft.resourceId}`,
    ...(accountName ? { accountName } : {}),
    status: 'open',
    source: 'copilot',
    warnings: draft.warnings ?? [],
    tags: draft.tags ?? {},
    generatedAt: context.now.toISOString(),
  });
}
