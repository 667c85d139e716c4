import type { Recommendation } from './model.ts';

export interface RecommendationGroup {
  group: string;
  /** The alternative with the largest saving; the only one totals count. */
  best: Recommendation;
  /** The other alternatives for the same resource, largest saving first. */
  alternatives: Recommendation[];
}

function savingsOf(recommendation: Recommendation): number {
  return recommendation.estimatedMonthlySavings ?? 0;
}

/** Largest saving first; ties and unpriced items in a stable order (type, then id). */
export function compareBySavings(a: Recommendation, b: Recommendation): number {
  return savingsOf(b) - savingsOf(a) || a.type.localeCompare(b.type) || a.id.localeCompare(b.id);
}

/**
 * Groups alternatives for the same thing (idle vs rightsize vs Graviton for one instance) and
 * picks the best of each, the way Cost Optimization Hub de-duplicates: a total that added every
 * alternative would promise savings that cannot all happen.
 */
export function groupRecommendations(recommendations: readonly Recommendation[]): RecommendationGroup[] {
  const byGroup = new Map<string, Recommendation[]>();
  for (const recommendation of recommendations) {
    const members = byGroup.get(recommendation.group);
    if (members) members.push(recommendation);
    else byGroup.set(recommendation.group, [recommendation]);
  }
  const groups: RecommendationGroup[] = [];
  for (const [group, members] of byGroup) {
    const [best, ...alternatives] = [...members].sort(compareBySavings);
    if (best) groups.push({ group, best, alternatives });
  }
  return groups.sort((a, b) => compareBySavings(a.best, b.best));
}

/** The saving if every group's best alternative is done: each resource counted once. */
export function totalMonthlySavings(groups: readonly RecommendationGroup[]): number {
  let cents = 0;
  for (const group of groups) cents += Math.round(savingsOf(group.best) * 100);
  return cents / 100;
}
