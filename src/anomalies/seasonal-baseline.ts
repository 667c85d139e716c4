import { addDays, daysBetween, toDate } from '../domain/index.ts';
import { FinopsError } from '../errors.ts';
import type { AnomalyPoint, DailyValue } from './types.ts';

export interface BaselineOptions {
  /** Same-weekday values the weekly median looks back over. Default 4. */
  weeks?: number;
  /** Fewer earlier same-weekday values than this and the day gets no baseline. Default 2. */
  minWeeks?: number;
  /** Days of residuals the robust spread is measured over. Default 56. */
  spreadDays?: number;
  /** Band half-width in robust standard deviations (1.4826 × MAD). Default 4. */
  threshold?: number;
  /** The band is never narrower than this share of the expected value. Default 0.1. */
  minRelativeBand?: number;
  /** Nor narrower than this many currency units. Default 0.01. */
  minAbsoluteBand?: number;
}

export const BASELINE_DEFAULTS: Required<BaselineOptions> = {
  weeks: 4,
  minWeeks: 2,
  spreadDays: 56,
  threshold: 4,
  minRelativeBand: 0.1,
  minAbsoluteBand: 0.01,
};

const MONTH_EDGE_UNCERTAINTY = 0.25;

/** A day against its baseline; `expected` is null while there is too little history. */
export interface BaselineDay {
  date: string;
  actual: number;
  expected: number | null;
  /** Band half-width around `expected`. */
  halfWidth: number | null;
}

/**
 * Lays the series on a daily grid from its first to its last day. Billing data has no row for a
 * day without cost, so a missing day is a zero, not a gap.
 */
export function toDailyGrid(series: readonly DailyValue[]): { dates: string[]; values: number[] } {
  const byDate = new Map<string, number>();
  for (const [index, day] of series.entries()) {
    if (
      typeof day?.date !== 'string' ||
      !/^\d{4}-\d{2}-\d{2}$/.test(day.date) ||
      Number.isNaN(toDate(day.date).getTime())
    ) {
      throw new FinopsError(
        'finops_invalid_input',
        `series[${index}].date must be a calendar day written YYYY-MM-DD, got ${JSON.stringify(day?.date)}`,
      );
    }
    if (typeof day.value !== 'number' || !Number.isFinite(day.value)) {
      throw new FinopsError(
        'finops_invalid_input',
        `series[${index}].value (${day.date}) must be a finite number, got ${String(day.value)}`,
      );
    }
    byDate.set(day.date, (byDate.get(day.date) ?? 0) + day.value);
  }
  const sorted = [...byDate.keys()].sort();
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined) return { dates: [], values: [] };
  const length = daysBetween(first, last) + 1;
  const dates = Array.from({ length }, (_, index) => addDays(first, index));
  return { dates, values: dates.map((date) => byDate.get(date) ?? 0) };
}

/**
 * The expected value of each day and the band around it. Expected = the median of the same
 * weekday over the previous `weeks` weeks (weekly seasonality, robust to one odd week), adjusted
 * on the first two and last three days of a month by the effect those days had in earlier months
 * (monthly charges, month-end batch jobs): both are regular, so neither should raise an alarm.
 * The band is `threshold` robust standard deviations of the recent residuals, with a floor.
 */
export function seasonalBaseline(
  series: readonly DailyValue[],
  options: BaselineOptions = {},
): BaselineDay[] {
  const settings = { ...BASELINE_DEFAULTS, ...definedOnly(options) };
  const { dates, values } = toDailyGrid(series);
  const weekly: (number | null)[] = [];
  const monthEffect: (number | null)[] = [];
  const expected: (number | null)[] = [];
  const residuals: (number | null)[] = [];
  const days: BaselineDay[] = [];
  const positions = dates.map(monthPosition);
  const flagged: boolean[] = [];
  /** For a flagged day, the first day of its run of flagged days; -1 otherwise. */
  const runStart: number[] = [];
  for (let index = 0; index < dates.length; index++) {
    const references: number[] = [];
    for (let week = 1; week <= settings.weeks; week++) {
      const earlier = index - 7 * week;
      if (earlier < 0) break;
      references.push(referenceValue(earlier, index));
    }
    const weeklyValue = references.length >= settings.minWeeks ? median(references) : null;
    weekly.push(weeklyValue);
    const effect = weeklyValue === null ? null : monthEdgeEffect(index, weeklyValue);
    monthEffect.push(effect);
    const expectedValue = weeklyValue === null ? null : weeklyValue + (effect ?? 0);
    expected.push(expectedValue);
    const actual = values[index] ?? 0;
    let halfWidth: number | null = null;
    if (expectedValue !== null) {
      const recent = residuals
        .slice(Math.max(0, index - settings.spreadDays), index)
        .filter((value): value is number => value !== null);
      const spread = recent.length >= 7 ? 1.4826 * medianAbsoluteDeviation(recent) : 0;
      halfWidth =
        Math.max(
          settings.threshold * spread,
          settings.minRelativeBand * Math.abs(expectedValue),
          settings.minAbsoluteBand,
        ) +
        // A month-edge effect is estimated from three months at most: allow for its own error.
        MONTH_EDGE_UNCERTAINTY * Math.abs(effect ?? 0);
    }
    residuals.push(expectedValue === null ? null : actual - expectedValue);
    const isFlagged =
      expectedValue !== null && halfWidth !== null && Math.abs(actual - expectedValue) > halfWidth;
    flagged.push(isFlagged);
    runStart.push(isFlagged ? (flagged[index - 1] ? (runStart[index - 1] ?? index) : index) : -1);
    days.push({ date: dates[index] ?? '', actual, expected: expectedValue, halfWidth });
  }
  return days;

  /**
   * An earlier same-weekday value as a reference. A month-edge day counts without its month
   * effect, so it does not lift a plain day. A day of a transient anomaly (a run of flagged days
   * that ended within a week) counts only up to its band's edge, so a spike does not make the same
   * weekday look high for the next weeks; clipping rather than replacing it keeps a wrong
   * baseline (say, history that starts on a month end) from feeding itself. A run still going on,
   * or a week long, is a level shift and counts as it is, so the baseline catches up with it.
   */
  function referenceValue(earlier: number, current: number): number {
    const raw = (values[earlier] ?? 0) - (monthEffect[earlier] ?? 0);
    const day = days[earlier];
    if (flagged[earlier] && day?.expected !== null && day?.expected !== undefined && day.halfWidth !== null) {
      let last = earlier;
      while (last + 1 < current && flagged[last + 1]) last++;
      const ended = last + 1 < current;
      if (ended && last - (runStart[earlier] ?? earlier) + 1 < 7) {
        const base = day.expected - (monthEffect[earlier] ?? 0);
        return Math.min(base + day.halfWidth, Math.max(base - day.halfWidth, raw));
      }
    }
    return raw;
  }

  /**
   * What this month position (e.g. "last day") usually adds to the weekly baseline, judged by up
   * to three earlier months. Month-edge effects come in different kinds (a fixed monthly charge,
   * a batch job that multiplies usage, a fleet that runs at its cap), so each is tried (additive,
   * multiplicative, the earlier months' level) and the one nearest the day's value is used: an
   * edge day is only anomalous when no regular month-edge pattern explains it.
   */
  function monthEdgeEffect(index: number, weeklyValue: number): number | null {
    const position = positions[index];
    if (position === null || position === undefined) return null;
    const ratios: number[] = [];
    const excesses: number[] = [];
    const levels: number[] = [];
    for (let earlier = index - 25; earlier >= 0 && excesses.length < 3; earlier--) {
      if (positions[earlier] !== position) continue;
      const base = weekly[earlier];
      if (base === null || base === undefined) break;
      const actual = values[earlier] ?? 0;
      excesses.push(actual - base);
      levels.push(actual);
      if (base > 0) ratios.push(actual / base);
      earlier -= 20;
    }
    if (excesses.length === 0) return null;
    const actual = values[index] ?? 0;
    const candidates = [0, median(excesses), median(levels) - weeklyValue];
    if (ratios.length === excesses.length && weeklyValue > 0)
      candidates.push(weeklyValue * (median(ratios) - 1));
    return candidates.reduce((best, effect) =>
      Math.abs(weeklyValue + effect - actual) < Math.abs(weeklyValue + best - actual) ? effect : best,
    );
  }
}

/** The band of every day that has a baseline, for charts. */
export function baselinePoints(days: readonly BaselineDay[]): AnomalyPoint[] {
  return days.flatMap((day) =>
    day.expected === null || day.halfWidth === null
      ? []
      : [
          {
            date: day.date,
            actual: day.actual,
            expected: day.expected,
            lower: day.expected - day.halfWidth,
            upper: day.expected + day.halfWidth,
            isAnomaly: Math.abs(day.actual - day.expected) > day.halfWidth,
          },
        ],
  );
}

/** 's1', 's2' for the first two days of a month, 'e0'…'e2' for the last three, else null. */
export function monthPosition(date: string): string | null {
  const day = toDate(date);
  const dayOfMonth = day.getUTCDate();
  if (dayOfMonth <= 2) return `s${dayOfMonth}`;
  const daysInMonth = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 0)).getUTCDate();
  const fromEnd = daysInMonth - dayOfMonth;
  return fromEnd < 3 ? `e${fromEnd}` : null;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return 0;
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function medianAbsoluteDeviation(values: readonly number[]): number {
  const center = median(values);
  return median(values.map((value) => Math.abs(value - center)));
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
