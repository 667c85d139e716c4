import { addDays, daysBetween } from '../domain/time-range.ts';
import { FinopsError } from '../errors.ts';

/** One day's cost. Negative values (credits, refunds) are allowed. */
export interface DailyValue {
  /** YYYY-MM-DD (UTC). */
  date: string;
  value: number;
}

/**
 * A history on a regular daily grid: `values[i]` is the cost on `start + i` days, `null` where
 * the day is unknown (a gap in the data, not a zero-cost day).
 */
export interface DailySeries {
  start: string;
  values: (number | null)[];
  /** Days inside the history that had no value and were treated as unknown. */
  gapDays: number;
  /** Leading zero days dropped because the series had not started yet (a new service). */
  leadingZeroDays: number;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isCalendarDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/**
 * Checks a caller's history and lays it on a daily grid. Days missing between the first and the
 * last value become unknown rather than zero: a missing day in billing data is usually a missing
 * delivery, and forecasting it as free would pull the level down.
 */
export function toDailySeries(history: readonly DailyValue[]): DailySeries {
  if (history.length === 0) {
    throw new FinopsError(
      'finops_no_data',
      'there is no daily cost to forecast from: pass at least one { date: "YYYY-MM-DD", value } day of history',
    );
  }
  const byDate = new Map<string, number>();
  for (const [index, day] of history.entries()) {
    if (typeof day?.date !== 'string' || !isCalendarDay(day.date)) {
      throw new FinopsError(
        'finops_invalid_input',
        `history[${index}].date must be a calendar day written YYYY-MM-DD, got ${JSON.stringify(day?.date)}`,
      );
    }
    if (typeof day.value !== 'number' || !Number.isFinite(day.value)) {
      throw new FinopsError(
        'finops_invalid_input',
        `history[${index}].value (${day.date}) must be a finite number, got ${String(day.value)}`,
      );
    }
    if (byDate.has(day.date)) {
      throw new FinopsError(
        'finops_invalid_input',
        `history has two values for ${day.date}: pass one total per day (sum the rows first)`,
      );
    }
    byDate.set(day.date, day.value);
  }
  const dates = [...byDate.keys()].sort();
  const first = dates[0] as string;
  const last = dates[dates.length - 1] as string;
  const length = daysBetween(first, last) + 1;
  const values: (number | null)[] = Array.from(
    { length },
    (_, offset) => byDate.get(addDays(first, offset)) ?? null,
  );
  // A series that starts with zeros had not started yet; its history begins at the first cost.
  let leadingZeroDays = 0;
  while (leadingZeroDays < values.length - 1 && values[leadingZeroDays] === 0) leadingZeroDays++;
  const trimmed = values.slice(leadingZeroDays);
  return {
    start: addDays(first, leadingZeroDays),
    values: trimmed,
    gapDays: trimmed.filter((value) => value === null).length,
    leadingZeroDays,
  };
}

/** Days with a known value. */
export function knownDays(series: DailySeries): number {
  return series.values.length - series.gapDays;
}
