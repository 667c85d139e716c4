import { addDays, addMonths, startOfMonth, toDate, toDay } from '../domain/time-range.ts';
import { FinopsError } from '../errors.ts';

export interface DemoDay {
  index: number;
  /** YYYY-MM-DD (UTC). */
  date: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** Index of the billing month in the period, 0 = the oldest. */
  monthIndex: number;
  daysInMonth: number;
  /** Day of the month, 1-based. */
  dayOfMonth: number;
  /** Fractional months since the period started: drives growth curves. */
  monthsElapsed: number;
}

export interface DemoMonth {
  /** First day of the billing period. */
  start: string;
  /** First day of the next billing period. */
  end: string;
  /** Exclusive end of the data in this month: `end`, or today for the current month. */
  dataEnd: string;
}

export interface DemoCalendar {
  /** First day with data: the first of the month 13 months before the anchor's month. */
  start: string;
  /** Exclusive end: the anchor's own day, so the last row is yesterday's. */
  end: string;
  days: DemoDay[];
  months: DemoMonth[];
}

export const FULL_MONTHS = 13;

/** The demo covers 13 full months before `now`'s month plus the current month to yesterday. */
export function createDemoCalendar(now: Date): DemoCalendar {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new FinopsError(
      'finops_invalid_input',
      'the demo generator needs `now` as a valid Date (the anchor day); pass e.g. new Date() or --now 2026-03-15',
    );
  }
  const end = toDay(now);
  const anchorMonth = startOfMonth(end);
  const start = addMonths(anchorMonth, -FULL_MONTHS);
  const months: DemoMonth[] = [];
  for (let month = start; month <= anchorMonth; month = addMonths(month, 1)) {
    const next = addMonths(month, 1);
    const dataEnd = next < end ? next : end;
    if (dataEnd > month) months.push({ start: month, end: next, dataEnd });
  }
  const days: DemoDay[] = [];
  const startMs = toDate(start).getTime();
  for (let date = start, index = 0; date < end; date = addDays(date, 1), index++) {
    const day = toDate(date);
    const monthStart = startOfMonth(date);
    const daysInMonth = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 0)).getUTCDate();
    days.push({
      index,
      date,
      weekday: day.getUTCDay(),
      monthIndex: months.findIndex((month) => month.start === monthStart),
      daysInMonth,
      dayOfMonth: day.getUTCDate(),
      monthsElapsed: (day.getTime() - startMs) / (30.44 * 86_400_000),
    });
  }
  return { start, end, days, months };
}

export function isWeekend(day: DemoDay): boolean {
  return day.weekday === 0 || day.weekday === 6;
}

/** The last three days of a month, when reporting and batch jobs run. */
export function isMonthEnd(day: DemoDay): boolean {
  return day.dayOfMonth > day.daysInMonth - 3;
}
