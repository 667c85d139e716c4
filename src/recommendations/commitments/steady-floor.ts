import { FinopsError } from '../../errors.ts';

/**
 * The nearest-rank percentile: the smallest value such that at least `percentile` of the values are
 * at or below it. With 30 daily values and 0.1 it is the third-lowest day, so spend was at or above
 * the floor on 28 of 30 days. Empty input has no floor.
 */
export function nearestRankPercentile(values: readonly number[], percentile: number): number | undefined {
  if (values.length === 0) return undefined;
  if (!(percentile > 0 && percentile <= 1))
    throw new FinopsError(
      'finops_invalid_input',
      `percentile must be in (0, 1], got ${percentile}: pass e.g. 0.1 for the 10th percentile`,
    );
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil(percentile * sorted.length);
  return sorted[Math.max(0, rank - 1)];
}
