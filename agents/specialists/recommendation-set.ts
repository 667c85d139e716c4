import type { CostFilter, DataSource, RecommendationSummary, TimeRange } from '../../src/domain/index.ts';
import { addDays, toDay } from '../../src/domain/index.ts';
import {
  groupRecommendations,
  matchesFilters,
  type Recommendation,
  type RecommendationGroup,
  type RecommendationType,
  type StoredRecommendation,
  splitRecommendationFilters,
  toRecommendationSummary,
  totalMonthlySavings,
} from '../../src/recommendations/index.ts';
import type { SpecialistDependencies } from './dependencies.ts';

/** The days the rules read metrics and spend over: the 30 days before today (see generateRecommendations). */
export const RECOMMENDATION_WINDOW_DAYS = 30;

export interface TypeTotal {
  type: RecommendationType;
  /** Resources (groups) whose best option is of this type. */
  count: number;
  /** Their savings a month; the type totals add up to the set's total. */
  savings: number;
  /** Of `count`, those whose saving is not priced. */
  unpriced: number;
}

export interface RecommendationSet {
  /** Open recommendations of the wanted types that pass the filters, alternatives included. */
  listed: StoredRecommendation[];
  /** One per resource: the best option and its alternatives, largest saving first. */
  groups: RecommendationGroup[];
  /** The best option of each group, summed to the cent: each resource counted once. */
  totalMonthlySavings: number;
  byType: TypeTotal[];
  /** Groups whose best option has no priced saving. */
  unpriced: number;
  /** The best option of the `limit` groups with the largest saving, as cards. */
  top: RecommendationSummary[];
  /** The filters the list honoured. */
  filters: CostFilter[];
  warnings: string[];
  /** The window the rules measured over, and the data they read. */
  window: TimeRange;
  source: DataSource;
}

/**
 * The open recommendations of `types`, narrowed by the input filters, grouped the way `finops
 * recommendations` groups them (groupRecommendations / totalMonthlySavings) so a total never counts
 * two alternatives for the same resource.
 */
export async function readRecommendationSet(
  deps: SpecialistDependencies,
  options: {
    types: readonly RecommendationType[];
    filters: readonly CostFilter[];
    limit: number;
    /** A further test a specialist needs (tagging: the recommendation fixes a key asked about). */
    where?: (recommendation: Recommendation) => boolean;
  },
): Promise<RecommendationSet> {
  const { applied, warnings } = splitRecommendationFilters(options.filters);
  const wanted = new Set<string>(options.types);
  const [stored, source] = await Promise.all([
    deps.recommendations.list({ status: 'open' }),
    deps.engine.source(),
  ]);
  const listed = stored.filter(
    (item) =>
      wanted.has(item.recommendation.type) &&
      matchesFilters(item.recommendation, applied) &&
      (options.where?.(item.recommendation) ?? true),
  );
  const groups = groupRecommendations(listed.map((item) => item.recommendation));
  const byId = new Map(listed.map((item) => [item.recommendation.id, item] as const));
  const byType = new Map<RecommendationType, TypeTotal>();
  let unpriced = 0;
  for (const group of groups) {
    const priced = group.best.estimatedMonthlySavings !== null;
    if (!priced) unpriced += 1;
    const entry = byType.get(group.best.type) ?? { type: group.best.type, count: 0, savings: 0, unpriced: 0 };
    entry.count += 1;
    if (!priced) entry.unpriced += 1;
    // Summed in cents, as totalMonthlySavings does, so the type totals add up to the total exactly.
    entry.savings =
      (Math.round(entry.savings * 100) + Math.round((group.best.estimatedMonthlySavings ?? 0) * 100)) / 100;
    byType.set(group.best.type, entry);
  }
  const top = groups.slice(0, options.limit).flatMap((group) => {
    const item = byId.get(group.best.id);
    return item ? [toRecommendationSummary(item)] : [];
  });
  const today = toDay(deps.now());
  return {
    listed,
    groups,
    totalMonthlySavings: totalMonthlySavings(groups),
    byType: [...byType.values()].sort((a, b) => b.savings - a.savings || b.count - a.count),
    unpriced,
    top,
    filters: applied,
    warnings,
    window: { start: addDays(today, -RECOMMENDATION_WINDOW_DAYS), end: today },
    source,
  };
}
