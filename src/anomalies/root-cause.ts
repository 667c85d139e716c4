import type { ChargeCategory, CostFilter, Dimension, Metric, TimeRange } from '../domain/index.ts';
import { addDays, daysBetween, OTHER_GROUP } from '../domain/index.ts';
import type { CostEngine } from '../engine/index.ts';
import type { RootCauseItem } from './types.ts';

export interface RootCauseInput {
  /** The anomaly's days. */
  window: TimeRange;
  /**
   * What the window was expected to cost (the detector's seasonal baseline). The baseline period's
   * mix is scaled to it, so the movers' deltas add up to exactly actual − expected. Without it,
   * the baseline is the period's daily average times the window's days.
   */
  expected?: number;
  filters: CostFilter[];
  metric: Metric;
  chargeCategories?: ChargeCategory[];
  /** Where to look for movers, e.g. usage type, resource, region, tag:team. */
  dimensions: Dimension[];
  /** Earliest day with data: the baseline period does not start before it. */
  dataStart?: string;
  /** Days before the window whose mix is the baseline. Default 28 (whole weeks). */
  baselineDays?: number;
  /** Movers kept per dimension. Default 5. */
  perDimension?: number;
}

export interface RootCause {
  actual: number;
  expected: number;
  /** The days whose mix was scaled to `expected`. */
  baselineRange: TimeRange | null;
  /** Strongest movers first; within one dimension the deltas of all values add up to actual − expected. */
  items: RootCauseItem[];
}

/**
 * What moved: the anomaly window against the days before it, per dimension, with
 * `engine.explainChange` (its drivers sum exactly to the change). The earlier period's mix is
 * scaled to the expected cost of the window, so each value's delta is its part of the anomaly's
 * impact and its share (delta / impact) is comparable across dimensions.
 */
export async function findRootCause(engine: CostEngine, input: RootCauseInput): Promise<RootCause> {
  const length = daysBetween(input.window.start, input.window.end);
  let start = addDays(input.window.start, -(input.baselineDays ?? 28));
  if (input.dataStart && start < input.dataStart) start = input.dataStart;
  const baselineRange = start < input.window.start ? { start, end: input.window.start } : null;
  const perDimension = await Promise.all(
    input.dimensions.map(async (dimension) => ({
      dimension,
      explanation: await engine.explainChange({
        current: input.window,
        // An empty history still needs a valid range: the day before, filtered to nothing new.
        previous: baselineRange ?? { start: addDays(input.window.start, -1), end: input.window.start },
        levels: [dimension],
        topPerLevel: 200,
        filters: input.filters,
        metric: input.metric,
        ...(input.chargeCategories ? { chargeCategories: input.chargeCategories } : {}),
      }),
    })),
  );
  const first = perDimension[0]?.explanation;
  const actual = first?.currentTotal ?? 0;
  const previousTotal = baselineRange ? (first?.previousTotal ?? 0) : 0;
  const baselineDays = baselineRange ? daysBetween(baselineRange.start, baselineRange.end) : 1;
  const expected = input.expected ?? (previousTotal * length) / baselineDays;
  const scale = previousTotal === 0 ? 0 : expected / previousTotal;
  const change = actual - expected;
  const items: RootCauseItem[] = [];
  for (const { dimension, explanation } of perDimension) {
    const ranked = explanation.drivers
      .filter((driver) => !driver.isOther && driver.key !== OTHER_GROUP)
      .map((driver) => ({
        key: driver.key,
        label: driver.label,
        delta: driver.current - (baselineRange ? driver.previous * scale : 0),
      }))
      .filter((mover) => Math.sign(mover.delta) === Math.sign(change) && mover.delta !== 0)
      .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta))
      .slice(0, input.perDimension ?? 5);
    for (const mover of ranked) {
      items.push({
        dimension,
        key: mover.key,
        ...(mover.label ? { label: mover.label } : {}),
        delta: mover.delta,
        share: change === 0 ? 0 : mover.delta / change,
      });
    }
  }
  items.sort((a, b) => {
    const byShare = b.share - a.share;
    return Math.abs(byShare) > 1e-9 ? byShare : specificity(a.dimension) - specificity(b.dimension);
  });
  return { actual, expected, baselineRange, items };
}

/** Most specific first: on equal shares, a resource says more than a region. */
const SPECIFICITY: Dimension[] = ['resource', 'usage_type', 'sub_account', 'service', 'region'];

function specificity(dimension: Dimension): number {
  const index = SPECIFICITY.indexOf(dimension);
  return index === -1 ? SPECIFICITY.length : index;
}
