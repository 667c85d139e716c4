import type { CostFilter } from '../domain/index.ts';
import { dimensionLabel, isTagDimension, tagKeyOf } from '../domain/index.ts';
import type { Recommendation } from './model.ts';

/** Dimensions a recommendation can be matched on: it knows its account, region, resource and tags. */
const MATCHABLE = new Set(['sub_account', 'region', 'resource']);

/**
 * The input filters a recommendation list can honour, and a warning for each it cannot (a usage
 * type or SKU filter narrows spend but says nothing about a recommendation). Service filters are
 * left to the caller: each specialist owns its services.
 */
export function splitRecommendationFilters(filters: readonly CostFilter[]): {
  applied: CostFilter[];
  warnings: string[];
} {
  const applied: CostFilter[] = [];
  const ignored = new Set<string>();
  for (const filter of filters) {
    if (filter.dimension === 'service') continue;
    if (MATCHABLE.has(filter.dimension) || isTagDimension(filter.dimension)) applied.push(filter);
    else ignored.add(dimensionLabel(filter.dimension));
  }
  return {
    applied,
    warnings: [...ignored].map(
      (label) => `The ${label} filter narrows spend only: recommendations do not carry a ${label}.`,
    ),
  };
}

/** True when `recommendation` passes every filter (accounts by id or name, regions, resources, tags). */
export function matchesFilters(recommendation: Recommendation, filters: readonly CostFilter[]): boolean {
  return filters.every((filter) => matchesFilter(recommendation, filter));
}

function matchesFilter(recommendation: Recommendation, filter: CostFilter): boolean {
  const values = valuesOf(recommendation, filter);
  if (values === undefined) return true;
  switch (filter.op) {
    case 'in':
      return values.some((value) => filter.values.some((wanted) => same(filter, value, wanted)));
    case 'not_in':
      return !values.some((value) => filter.values.some((wanted) => same(filter, value, wanted)));
    case 'missing':
      return values.length === 0;
    case 'present':
      return values.length > 0;
  }
}

/** The recommendation's values for the filter's dimension; undefined when it cannot be matched. */
function valuesOf(recommendation: Recommendation, filter: CostFilter): string[] | undefined {
  if (isTagDimension(filter.dimension)) {
    const value = tagsOf(recommendation)[tagKeyOf(filter.dimension)];
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

/** Account names are matched the way people type them; ids, regions and tag values exactly. */
function same(filter: CostFilter, value: string, wanted: string): boolean {
  return filter.dimension === 'sub_account' ? value.toLowerCase() === wanted.toLowerCase() : value === wanted;
}

/**
 * The resource's tags: a tagging recommendation keeps the tags it found under `current`
 * (`tag:<key>`) and leaves `tags` empty, so both are read.
 */
export function tagsOf(recommendation: Recommendation): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const [key, value] of Object.entries(recommendation.current)) {
    if (key.startsWith('tag:') && typeof value === 'string' && value !== '') tags[key.slice(4)] = value;
  }
  return { ...tags, ...recommendation.tags };
}
