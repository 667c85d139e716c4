import type { TimeRange } from '../domain/index.ts';
import { addDays, daysBetween } from '../domain/index.ts';
import { type BaselineDay, type BaselineOptions, seasonalBaseline } from './seasonal-baseline.ts';
import type { AnomalyPoint, DailyValue, SeriesAnomaly } from './types.ts';

export interface DetectInSeriesOptions extends BaselineOptions {
  /** Report only anomalies that overlap this range; the whole series is still used as history. */
  window?: TimeRange;
  /** Drop anomalies whose |impact| (summed over their days) is below this. Default 0. */
  minImpact?: number;
  /** Flagged runs of the same direction this many days apart or closer are one anomaly. Default 2. */
  maxGapDays?: number;
  /**
   * An anomaly of one or two days must reach this many band half-widths from the expected value.
   * Default 1.5: a day or two just over the band is what noise does now and then; three days in a
   * row, or a day far out, is not.
   */
  minShortScore?: number;
}

interface Run {
  first: number;
  last: number;
  sign: 1 | -1;
}

/**
 * Anomalies in one daily series: days outside the seasonal band, rises and drops, with runs of
 * the same direction merged. A level shift stays outside the band until the weekly median has
 * caught up (a few weeks), so it is one long run; pieces of it that noise splits off while the
 * baseline adapts are folded into it, so a shift is reported once, from its start.
 */
export function detectInSeries(series: DailyValue[], options: DetectInSeriesOptions = {}): SeriesAnomaly[] {
  const days = seasonalBaseline(series, options);
  const maxGap = options.maxGapDays ?? 2;
  const adaptationDays = 7 * ((options.weeks ?? 4) + 1);
  const runs: Run[] = [];
  for (const [index, day] of days.entries()) {
    const sign = flagOf(day);
    if (sign === 0) continue;
    const previous = runs[runs.length - 1];
    const isSameEvent =
      previous !== undefined &&
      previous.sign === sign &&
      (index - previous.last - 1 <= maxGap ||
        // A run of a week or more is a level shift still being absorbed by the baseline.
        (previous.last - previous.first >= 6 && index - previous.first < adaptationDays));
    if (previous && isSameEvent) {
      previous.last = index;
    } else {
      runs.push({ first: index, last: index, sign });
    }
  }
  const anomalies = runs.map((run) => toAnomaly(days.slice(run.first, run.last + 1)));
  const minShortScore = options.minShortScore ?? 1.5;
  return anomalies.filter(
    (anomaly) =>
      Math.abs(anomaly.impact) >= (options.minImpact ?? 0) &&
      (anomaly.days > 2 || anomaly.score >= minShortScore) &&
      (!options.window || (anomaly.start < options.window.end && anomaly.end > options.window.start)),
  );
}

function flagOf(day: BaselineDay): 0 | 1 | -1 {
  if (day.expected === null || day.halfWidth === null) return 0;
  if (day.actual > day.expected + day.halfWidth) return 1;
  if (day.actual < day.expected - day.halfWidth) return -1;
  return 0;
}

function toAnomaly(days: BaselineDay[]): SeriesAnomaly {
  const points: AnomalyPoint[] = days.map((day) => {
    const expected = day.expected ?? day.actual;
    const halfWidth = day.halfWidth ?? 0;
    return {
      date: day.date,
      actual: day.actual,
      expected,
      lower: expected - halfWidth,
      upper: expected + halfWidth,
      isAnomaly: flagOf(day) !== 0,
    };
  });
  const sum = (pick: (point: AnomalyPoint) => number) =>
    points.reduce((total, point) => total + pick(point), 0);
  const start = points[0]?.date ?? '';
  const last = points[points.length - 1]?.date ?? start;
  const score = Math.max(
    ...days.map((day) =>
      day.expected === null || !day.halfWidth ? 0 : Math.abs(day.actual - day.expected) / day.halfWidth,
    ),
  );
  return {
    start,
    end: addDays(last, 1),
    days: daysBetween(start, last) + 1,
    actual: sum((point) => point.actual),
    expected: sum((point) => point.expected),
    lower: sum((point) => point.lower),
    upper: sum((point) => point.upper),
    impact: sum((point) => point.actual - point.expected),
    score,
    points,
  };
}
