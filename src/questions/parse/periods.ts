import type { TimeRange } from '../../domain/index.ts';
import {
  addDays,
  addMonths,
  daysBetween,
  describeRange,
  FULL_MONTH_NAMES,
  toDate,
} from '../../domain/index.ts';

/** The calendar unit a period was expressed in; `days` is any run of days (ranges, rolling windows). */
export type PeriodUnit = 'day' | 'week' | 'month' | 'quarter' | 'year' | 'days';

/**
 * A resolved time expression. `toDate` marks a period that runs up to and including today, so it
 * holds fewer days than its calendar unit; comparisons then use the same days of the baseline.
 */
export interface Period {
  range: TimeRange;
  unit: PeriodUnit;
  toDate: boolean;
  /** The year was not written and was inferred ("March" → the most recent March). */
  impliedYear: boolean;
  /** The words the period came from, for assumptions. */
  phrase: string;
  assumptions: string[];
}

/** Month names, January first; shared with the domain's range formatting. */
export const MONTH_NAMES = FULL_MONTH_NAMES;

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

export function weekdayName(day: string): string {
  return WEEKDAY_NAMES[toDate(day).getUTCDay()] ?? '';
}

/** Weeks start on Monday. */
export function startOfWeek(day: string): string {
  const weekday = toDate(day).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

export function monthStart(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
}

export function monthRange(year: number, month: number, count = 1): TimeRange {
  const start = monthStart(year, month);
  return { start, end: addMonths(start, count) };
}

export function quarterRange(year: number, quarter: number): TimeRange {
  return monthRange(year, (quarter - 1) * 3 + 1, 3);
}

export function startOfQuarter(day: string): string {
  const month = Number(day.slice(5, 7));
  return monthStart(Number(day.slice(0, 4)), Math.floor((month - 1) / 3) * 3 + 1);
}

export function yearOf(day: string): number {
  return Number(day.slice(0, 4));
}

/** Whole months between two first-of-month days, or undefined when either is not a month start. */
export function wholeMonthsBetween(start: string, end: string): number | undefined {
  if (!start.endsWith('-01') || !end.endsWith('-01')) return undefined;
  return (yearOf(end) - yearOf(start)) * 12 + Number(end.slice(5, 7)) - Number(start.slice(5, 7));
}

const MONTHS_PER_UNIT: Partial<Record<PeriodUnit, number>> = { month: 1, quarter: 3, year: 12 };

/**
 * The baseline a period is compared with when none is named: the previous period of the same
 * length. A period to date is compared with the same days of the previous period (like for like).
 */
export function previousPeriod(period: Period): { range: TimeRange; assumption: string } {
  const { range } = period;
  const lastDay = addDays(range.end, -1);
  const unitMonths = MONTHS_PER_UNIT[period.unit];
  if (period.toDate && unitMonths !== undefined) {
    const start = addMonths(range.start, -unitMonths);
    const sameDayBefore = addDays(addMonths(lastDay, -unitMonths), 1);
    const end = sameDayBefore < range.start ? sameDayBefore : range.start;
    const baseline = { start, end };
    return {
      range: baseline,
      assumption: `${describeRange(range)} is ${period.unit} to date, so it is compared like for like with the same days of the previous ${period.unit}: ${describeRange(baseline)}`,
    };
  }
  if (period.toDate && period.unit === 'week') {
    const baseline = { start: addDays(range.start, -7), end: addDays(range.end, -7) };
    return {
      range: baseline,
      assumption: `${describeRange(range)} is week to date, so it is compared like for like with the same days of the previous week: ${describeRange(baseline)}`,
    };
  }
  const months = wholeMonthsBetween(range.start, range.end);
  if (months !== undefined && months > 0) {
    const baseline = { start: addMonths(range.start, -months), end: range.start };
    return {
      range: baseline,
      assumption: `compared with the previous ${months === 1 ? 'month' : `${months} months`}: ${describeRange(baseline)}`,
    };
  }
  const days = daysBetween(range.start, range.end);
  const baseline = { start: addDays(range.start, -days), end: range.start };
  return {
    range: baseline,
    assumption: `compared with the previous ${days === 1 ? 'day' : `${days} days`}: ${describeRange(baseline)}`,
  };
}

/**
 * When a period to date is compared with a whole period of the same unit ("this month vs last
 * month"), only the same number of days of the baseline count, or the comparison would set 24
 * days against 31. Returns undefined when no trimming applies.
 */
export function likeForLike(
  current: Period,
  baseline: Period,
): { range: TimeRange; assumption: string } | undefined {
  if (!current.toDate || baseline.toDate || current.unit !== baseline.unit) return undefined;
  const { range } = current;
  const unitMonths = MONTHS_PER_UNIT[current.unit];
  let end: string;
  if (unitMonths !== undefined) {
    const offset = wholeMonthsBetween(baseline.range.start, range.start);
    if (offset === undefined || offset <= 0) return undefined;
    end = addDays(addMonths(addDays(range.end, -1), -offset), 1);
  } else if (current.unit === 'week') {
    end = addDays(baseline.range.start, daysBetween(range.start, range.end));
  } else {
    return undefined;
  }
  if (end >= baseline.range.end) return undefined;
  const trimmed = { start: baseline.range.start, end };
  return {
    range: trimmed,
    assumption: `${describeRange(range)} is ${current.unit} to date, so '${baseline.phrase}' is cut to the same days: ${describeRange(trimmed)}`,
  };
}
