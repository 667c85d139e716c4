import { z } from 'zod';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are written YYYY-MM-DD')
  // Round-trip through Date: V8 accepts 2026-02-30 and rolls it over to March 2.
  .refine((value) => {
    const time = Date.parse(`${value}T00:00:00Z`);
    return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
  }, 'not a calendar date');

/**
 * A half-open range of UTC calendar days: `start` is included, `end` is not. "March 2026" is
 * { start: '2026-03-01', end: '2026-04-01' }.
 */
export const timeRangeSchema = z
  .object({ start: isoDate, end: isoDate })
  .refine((range) => range.start < range.end, 'a time range must end after it starts');

export type TimeRange = z.infer<typeof timeRangeSchema>;

export const granularitySchema = z.enum(['total', 'day', 'month']);
export type Granularity = z.infer<typeof granularitySchema>;

const DAY_MS = 86_400_000;

export function toDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

export function toDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return toDay(new Date(toDate(day).getTime() + days * DAY_MS));
}

export function daysBetween(start: string, end: string): number {
  return Math.round((toDate(end).getTime() - toDate(start).getTime()) / DAY_MS);
}

export function addMonths(day: string, months: number): string {
  const date = toDate(day);
  const result = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return toDay(result);
}

export function startOfMonth(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** Formats a range for people: "March 2026", "2026-03-01 to 2026-03-07", "Q1 2026". */
export function describeRange(range: TimeRange): string {
  const { start, end } = range;
  const lastDay = addDays(end, -1);
  if (start.endsWith('-01') && end.endsWith('-01')) {
    const months =
      (Number(end.slice(0, 4)) - Number(start.slice(0, 4))) * 12 +
      Number(end.slice(5, 7)) -
      Number(start.slice(5, 7));
    const name = (day: string) =>
      toDate(day).toLocaleString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
    if (months === 1) return name(start);
    if (months > 1) return `${name(start)} to ${name(lastDay)}`;
  }
  if (start === lastDay) return start;
  return `${start} to ${lastDay}`;
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const FULL_MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/**
 * A range as a person would say it in a chat message: "October 2026", "Q3 2026", "2026",
 * "Nov 1–24, 2026", "Oct 28 – Nov 3, 2026". `describeRange` keeps ISO days for assumptions.
 */
export function humanRange(range: TimeRange): string {
  const [startYear, startMonth, startDay] = range.start.split('-').map(Number) as [number, number, number];
  const last = addDays(range.end, -1);
  const [endYear, endMonth, endDay] = last.split('-').map(Number) as [number, number, number];
  const wholeMonths = range.start.endsWith('-01') && range.end.endsWith('-01');
  if (wholeMonths) {
    const months = (endYear - startYear) * 12 + endMonth - startMonth + 1;
    if (months === 1) return `${FULL_MONTH_NAMES[startMonth - 1]} ${startYear}`;
    if (months === 12 && startMonth === 1) return String(startYear);
    if (months === 3 && startMonth % 3 === 1) return `Q${(startMonth + 2) / 3} ${startYear}`;
    return startYear === endYear
      ? `${MONTH_NAMES[startMonth - 1]}–${MONTH_NAMES[endMonth - 1]} ${endYear}`
      : `${MONTH_NAMES[startMonth - 1]} ${startYear} – ${MONTH_NAMES[endMonth - 1]} ${endYear}`;
  }
  const day = (month: number, dayOfMonth: number) => `${MONTH_NAMES[month - 1]} ${dayOfMonth}`;
  if (range.start === last) return `${day(startMonth, startDay)}, ${startYear}`;
  if (startYear === endYear && startMonth === endMonth)
    return `${day(startMonth, startDay)}–${endDay}, ${startYear}`;
  if (startYear === endYear) return `${day(startMonth, startDay)} – ${day(endMonth, endDay)}, ${startYear}`;
  return `${day(startMonth, startDay)}, ${startYear} – ${day(endMonth, endDay)}, ${endYear}`;
}
