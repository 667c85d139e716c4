import type { TimeRange } from '../../../src/domain/index.ts';
import { addDays, addMonths, daysBetween } from '../../../src/domain/index.ts';

/**
 * The period a change is measured against when a follow-up asks "why?" about a period alone.
 * Periods starting on the 1st move back by the months they touch, day for day, so month to date
 * (1–24 Nov) is set against the same days of October, as the parser does for "this month vs
 * last month", and a whole month against the whole month before. Any other period is set
 * against as many days immediately before it.
 */
export function periodBefore(range: TimeRange): TimeRange {
  if (range.start.endsWith('-01')) {
    const months = monthsTouched(range);
    const start = addMonths(range.start, -months);
    const end = range.end.endsWith('-01') ? range.start : addMonths(range.end, -months);
    if (start < end) return { start, end };
  }
  const length = daysBetween(range.start, range.end);
  return { start: addDays(range.start, -length), end: range.start };
}

function monthsTouched(range: TimeRange): number {
  const index = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7));
  const lastDay = addDays(range.end, -1);
  return index(lastDay) - index(range.start) + 1;
}
