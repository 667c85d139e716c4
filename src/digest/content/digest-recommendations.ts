import type { CostFilter, RecommendationSummary } from '../../domain/index.ts';
import { isTagDimension, tagKeyOf } from '../../domain/index.ts';
import {
  groupRecommendations,
  type ListFilter,
  type Recommendation,
  type StoredRecommendation,
  totalMonthlySavings,
} from '../../recommendations/index.ts';

/** Where the digest reads stored recommendations and their decisions (a RecommendationService fits). */
export interface DigestRecommendationSource {
  list(filter?: ListFilter): Promise<StoredRecommendation[]>;
}

/**
 * True when the recommendation belongs to the scope. Accounts, regions, resources and tags are
 * matched; a filter a recommendation cannot answer (service, usage type) does not exclude it, so a
 * team's digest never hides a saving because of a spend-only filter. Mirrors the agents' matcher,
 * which src may not import.
 */
export function inScope(recommendation: Recommendation, filters: readonly CostFilter[]): boolean {
  return filters.every((filter) => matches(recommendation, filter));
}

function matches(recommendation: Recommendation, filter: CostFilter): boolean {
  const values = valuesOf(recommendation, filter);
  if (values === undefined) return true;
  const same = (value: string, wanted: string) =>
    filter.dimension === 'sub_account' ? value.toLowerCase() === wanted.toLowerCase() : value === wanted;
  switch (filter.op) {
    case 'in':
      return values.some((value) => filter.values.some((wanted) => same(value, wanted)));
    case 'not_in':
      return !values.some((value) => filter.values.some((wanted) => same(value, wanted)));
    case 'missing':
      return values.length === 0;
    case 'present':
      return values.length > 0;
  }
}

function valuesOf(recommendation: Recommendation, filter: CostFilter): string[] | undefined {
  if (isTagDimension(filter.dimension)) {
    const key = tagKeyOf(filter.dimension);
    // A tagging recommendation keeps the tags it found under `current` (`tag:<key>`).
    const fromCurrent = recommendation.current[`tag:${key}`];
    const value = recommendation.tags[key] ?? (typeof fromCurrent === 'string' ? fromCurrent : undefined);
    return value ? [value] : [];
  }
  switch (filter.dimension) {
    case 'sub_account':
      return [recommendation.accountId, ...(recommendation.accountName ? [recommendation.accountName] : [])];
    case 'region':
      return [recommendation.region];
    case 'resource':
      return [
        recommendation.resourceId,
        ...(recommendation.resourceName ? [recommendation.resourceName] : []),
      ];
    default:
      return undefined;
  }
}

/** The card slice of a stored recommendation (Approve / Dismiss in Slack and Teams). */
export function toSummary(stored: StoredRecommendation): RecommendationSummary {
  const recommendation = stored.recommendation;
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
  };
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
      return stored ? [toSummary(stored)] : [];
    }),
  };
}

/** The monthly saving a decision was taken on: the figure the approver saw. */
export function decidedSavings(stored: StoredRecommendation): number {
  return stored.decision?.savingsAtDecision ?? stored.recommendation.estimatedMonthlySavings ?? 0;
}
