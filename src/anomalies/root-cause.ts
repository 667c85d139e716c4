import type { ChargeCategory, CostFilter, Dimension, Metric, TimeRange } from '../domain/index.ts';
import { addDays, daysBetween, OTHER_GROUP } from '../domain/index.ts';
import type { CostEngine } from '../engine/index.ts';
import { mapInSequence } from './in-sequence.ts';
import type { RootCauseItem } from './types.ts';

export interface RootCauseInput {
  /** The anomaly's days. */
  window: TimeRange;
  /**
   * What the window was expected to cost (the detector's seasonal baseline). The baseline
   * windows' mix is scaled to it, so each dimension's deltas add up to exactly actual − expected.
   * Without it, the baseline is the windows' daily average times the window's days.
   */
  expected?: number;
  filters: CostFilter[];
  metric: Metric;
  chargeCategories?: ChargeCategory[];
  /** Where to look for movers, e.g. usage type, resource, region, tag:team. */
  dimensions: Dimension[];
  /**
   * Periods whose mix of costs is the baseline. Default: the 28 days before the window (whole
   * weeks, so every weekday counts the same), clipped to `dataStart`.
   */
  baselineWindows?: TimeRange[];
  /** Earliest day with data: the default baseline does not start before it. */
  dataStart?: string;
  /** Movers kept per dimension. Default 5. */
  perDimension?: number;
}

export interface RootCause {
  actual: number;
  expected: number;
  /** The periods whose mix was scaled to `expected` (empty when there was no history). */
  baselineWindows: TimeRange[];
  /** Strongest movers first; within one dimension the deltas of all values add up to actual − expected. */
  items: RootCauseItem[];
}

/**
 * What moved: the anomaly window against its baseline windows, per dimension, with
 * `engine.explainChange` (its drivers sum exactly to the change). The baseline's mix is scaled to
 * the expected cost of the window, so each value's delta is its part of the anomaly's impact and
 * its share (delta / impact) is comparable across dimensions.
 */
export async function findRootCause(engine: CostEngine, input: RootCauseInput): Promise<RootCause> {
  const length = daysBetween(input.window.start, input.window.end);
  const windows = (input.baselineWindows ?? [precedingWeeks(input.window, input.dataStart)]).filter(
    (range): range is TimeRange => range !== null && range.start < range.end,
  );
  const baselineDays = windows.reduce((total, range) => total + daysBetween(range.start, range.end), 0);
  // explainChange needs a previous period; without history the day before stands in, unused.
  const comparisons =
    windows.length > 0 ? windows : [{ start: addDays(input.window.start, -1), end: input.window.start }];
  const perDimension = await mapInSequence(input.dimensions, async (dimension) => ({
    dimension,
    explanations: await mapInSequence(comparisons, (previous) =>
      engine.explainChange({
        current: input.window,
        previous,
        levels: [dimension],
        topPerLevel: 200,
        filters: input.filters,
        metric: input.metric,
        ...(input.chargeCategories ? { chargeCategories: input.chargeCategories } : {}),
      }),
    ),
  }));
  const reference = perDimension[0]?.explanations ?? [];
  const actual = reference[0]?.currentTotal ?? 0;
  const previousTotal =
    windows.length > 0 ? sum(reference.map((explanation) => explanation.previousTotal)) : 0;
  const expected = input.expected ?? (baselineDays === 0 ? 0 : (previousTotal * length) / baselineDays);
  const scale = previousTotal === 0 ? 0 : expected / previousTotal;
  const change = actual - expected;
  const items: RootCauseItem[] = [];
  for (const { dimension, explanations } of perDimension) {
    const movers = new Map<
      string,
      { key: string | null; label?: string; current: number; previous: number }
    >();
    for (const explanation of explanations) {
      for (const driver of explanation.drivers) {
        if (driver.isOther || driver.key === OTHER_GROUP) continue;
        const id = JSON.stringify(driver.key);
        const mover = movers.get(id) ?? {
          key: driver.key,
          ...(driver.label ? { label: driver.label } : {}),
          current: driver.current,
          previous: 0,
        };
        if (windows.length > 0) mover.previous += driver.previous;
        movers.set(id, mover);
      }
    }
    const ranked = [...movers.values()]
      .map((mover) => ({ ...mover, delta: mover.current - mover.previous * scale }))
      .filter((mover) => mover.delta !== 0 && Math.sign(mover.delta) === Math.sign(change))
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
  return { actual, expected, baselineWindows: windows, items };
}

/** The 28 days before `window`, clipped to the data. */
function precedingWeeks(window: TimeRange, dataStart: string | undefined): TimeRange | null {
  let start = addDays(window.start, -28);
  if (dataStart && start < dataStart) start = dataStart;
  return start < window.start ? { start, end: window.start } : null;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** Most specific first: on equal shares, a resource says more than a region. */
const SPECIFICITY: Dimension[] = ['resource', 'usage_type', 'sub_account', 'service', 'region'];

function specificity(dimension: Dimension): number {
  const index = SPECIFICITY.indexOf(dimension);
  return index === -1 ? SPECIFICITY.length : index;
}
