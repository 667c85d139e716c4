import type { RecommendationSummary } from '../../src/domain/index.ts';
import type { StoredRecommendation } from '../../src/recommendations/index.ts';

/**
 * The card slice of a stored recommendation, for cards the app re-renders after a decision or lists
 * for `/finops recommendations` and App Home (answers already carry summaries from the specialists).
 */
export function summariseStored(stored: StoredRecommendation): RecommendationSummary {
  const recommendation = stored.recommendation;
  const evidence = recommendation.evidence[0];
  return {
    id: recommendation.id,
    type: recommendation.type,
    title: recommendation.title,
    service: recommendation.service,
    account: recommendation.accountId,
    ...(recommendation.accountName ? { accountName: recommendation.accountName } : {}),
    region: recommendation.region,
    resourceId: recommendation.resourceId,
    ...(recommendation.resourceName ? { resourceName: recommendation.resourceName } : {}),
    estimatedMonthlySavings: recommendation.estimatedMonthlySavings ?? 0,
    currency: 'USD',
    status: stored.status,
    effort: recommendation.effort,
    risk: recommendation.risk,
    ...(evidence
      ? {
          evidence: `${evidence.name} ${evidence.value.toLocaleString('en-US', { maximumFractionDigits: 2 })} ${evidence.unit}${evidence.threshold ? ` (threshold ${evidence.threshold})` : ''}`,
        }
      : {}),
  };
}
