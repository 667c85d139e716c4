import { addDays } from '../domain/time-range.ts';
import type { DailySeries } from './daily-series.ts';

/**
 * Days of the month that behave unlike the rest: the 1st carries monthly charges (Savings Plan
 * fees, tax, credits land there in CUR and FOCUS data) and the last three days carry month-end
 * batch and reporting work. Each is forecast as the model's usual day plus the position's
 * recent excess, so a one-off monthly charge is neither smeared into the daily level nor lost.
 */
export type CalendarPosition = 'first' | 'last' | 'last-1' | 'last-2';

export const CALENDAR_POSITIONS: readonly CalendarPosition[] = ['first', 'last', 'last-1', 'last-2'];

/** Occurrences of a position used for its forecast: recent months describe the current bill best. */
const RECENT_OCCURRENCES = 3;

export function calendarPosition(date: string): CalendarPosition | undefined {
  const day = Number(date.slice(8, 10));
  if (day === 1) return 'first';
  const daysInMonth = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 0)).getUTCDate();
  const fromEnd = daysInMonth - day;
  if (fromEnd === 0) return 'last';
  if (fromEnd === 1) return 'last-1';
  if (fromEnd === 2) return 'last-2';
  return undefined;
}

export interface CalendarEffect {
  /** Expected excess over an ordinary day at this position. */
  excess: number;
  /** Variance of that excess, from how much it moved between recent months. */
  variance: number;
  occurrences: number;
}

export interface CalendarAdjustment {
  /** The history with each special day unknown: the model learns from ordinary days only. */
  adjusted: (number | null)[];
  effects: Map<CalendarPosition, CalendarEffect>;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function sampleVariance(values: number[]): number {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
}

/**
 * Keeps an effect only when recent months agree on it: a level shift near one month's end moves
 * that month's excess alone, and should not be forecast again. Monthly charges on the 1st are
 * the rule in billing data, so one occurrence is enough there.
 */
function isSystematic(
  position: CalendarPosition,
  recent: number[],
  excess: number,
  variance: number,
): boolean {
  if (recent.length < 2) return position === 'first';
  return Math.abs(excess) > 2 * Math.sqrt(variance / recent.length);
}

/**
 * Measures each special day against the median of the same weekday one and two weeks either side
 * (ordinary days only), which needs no model and keeps the weekly pattern out of the excess.
 */
export function adjustCalendarEffects(series: DailySeries): CalendarAdjustment {
  const { values } = series;
  const positions = values.map((_, index) => calendarPosition(addDays(series.start, index)));
  const adjusted = [...values];
  const excesses = new Map<CalendarPosition, number[]>();
  values.forEach((value, index) => {
    const position = positions[index];
    if (position === undefined || value === null) return;
    // Unknown to the model rather than imputed: near the end of the history only earlier weeks
    // are neighbours, and imputing from them would drag a growing level down.
    adjusted[index] = null;
    const neighbours: number[] = [];
    for (const offset of [-14, -7, 7, 14]) {
      const neighbour = values[index + offset];
      if (neighbour !== null && neighbour !== undefined && positions[index + offset] === undefined) {
        neighbours.push(neighbour);
      }
    }
    if (neighbours.length === 0) return;
    const reference = median(neighbours);
    const list = excesses.get(position) ?? [];
    list.push(value - reference);
    excesses.set(position, list);
  });
  const effects = new Map<CalendarPosition, CalendarEffect>();
  for (const [position, list] of excesses) {
    const recent = list.slice(-RECENT_OCCURRENCES);
    const excess = median(recent);
    const variance = recent.length >= 2 ? sampleVariance(recent) : (excess / 2) ** 2;
    if (isSystematic(position, recent, excess, variance)) {
      effects.set(position, { excess, variance, occurrences: list.length });
    }
  }
  return { adjusted, effects };
}
