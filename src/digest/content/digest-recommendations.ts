import type { RecommendationSummary } from '../../domain/index.ts';
import {
  groupRecommendations,
  type ListFilter,
  type StoredRecommendation,
  toRecommendationSummary,
  totalMonthlySavings,
} from '../../recommendations/index.ts';

/** Where the digest reads stored recommendations and their decisions (a RecommendationService fits). */
export interface DigestRecommendationSource {
  list(filter?: ListFilter): Promise<StoredRecommendation[]>;
}

export interface OpenSavings {
  /** One per resource, best option first, largest saving first. */
  resources: number;
  /** Best option of each resource, summed in cents: alternatives are never counted twice. */
  totalMonthlySavings: number;
  top: RecommendationSummary[];
}

export function openSavings(open: readonly StoredRecommendation[], limit: number): OpenSavings {
  const groups = groupRecommendations(open.map((stored) => stored.recommendation));
  const byId = new Map(open.map((stored) => [stored.recommendation.id, stored] as const));
  return {
    resources: groups.length,
    totalMonthlySavings: totalMonthlySavings(groups),
    top: groups.slice(0, limit).flatMap((group) => {
      const stored = byId.get(group.best.id);
      return stored ? [toRecommendationSummary(stored)] : [];
    }),
  };
}

/** The monthly saving a decision was taken on: the figure the approver saw. */
export function decidedSavings(stored: StoredRecommendation): number {
  return stored.decision?.savingsAtDecision ?? stored.recommendation.estimatedMonthlySavings ?? 0;
}
