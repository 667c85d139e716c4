import { addDays } from '../domain/time-range.ts';
import { FinopsError } from '../errors.ts';
import type { CalendarEffect } from './calendar-effects.ts';
import { adjustCalendarEffects, calendarPosition } from './calendar-effects.ts';
import type { DailySeries, DailyValue } from './daily-series.ts';
import { knownDays, toDailySeries } from './daily-series.ts';
import { holtWinters } from './holt-winters.ts';
import { linearTrend } from './linear-trend.ts';
import type { ModelForecast } from './model.ts';
import { WEEK } from './model.ts';
import { Z80, Z95 } from './normal.ts';
import { seasonalNaive } from './seasonal-naive.ts';

export type ForecastMethod = 'auto' | 'holt-winters' | 'seasonal-naive' | 'linear-trend';

export const FORECAST_METHODS: readonly ForecastMethod[] = [
  'auto',
  'holt-winters',
  'seasonal-naive',
  'linear-trend',
];

export interface ForecastOptions {
  method?: ForecastMethod;
  /** Treat the 1st and the last three days of each month apart (default true; off only to measure what it buys). */
  calendarEffects?: boolean;
}

export interface ForecastPoint {
  date: string;
  value: number;
  lo80: number;
  hi80: number;
  lo95: number;
  hi95: number;
}

export interface DailyForecast {
  method: string;
  points: ForecastPoint[];
  /** What limits this forecast, in words for people ("only 23 days of history: intervals are wide"). */
  caveats: string[];
}

/** A forecast plus the variance of any run of its days summed, for period projections. */
export interface DailyForecastModel extends DailyForecast {
  /** Last day of the history the forecast starts after. */
  lastDate: string;
  /** Variance of the error of the sum of points `from`..`to` (1-based, inclusive). */
  sumVariance(from: number, to: number): number;
}

/** Below eight weeks a weekly pattern and a trend are poorly known: intervals widen. */
export const FULL_HISTORY_DAYS = 56;
/** Two weeks is the least that shows a weekly pattern at all. */
const SEASONAL_MIN_DAYS = 2 * WEEK;
const TREND_MIN_DAYS = 4;
export const MAX_HORIZON_DAYS = 800;

/**
 * A few weeks say little about how much costs move or where the trend goes: the spread widens
 * linearly as history shortens, 2.75 times at one week, back to 1 at eight weeks.
 */
function shortHistoryFactor(days: number): number {
  return days >= FULL_HISTORY_DAYS ? 1 : 1 + (FULL_HISTORY_DAYS - days) / 28;
}

function flatModel(values: readonly (number | null)[], horizon: number): ModelForecast {
  const known = values.filter((value): value is number => value !== null);
  const level = known.reduce((sum, value) => sum + value, 0) / known.length;
  const spread =
    known.length >= 2
      ? Math.sqrt(known.reduce((sum, value) => sum + (value - level) ** 2, 0) / (known.length - 1))
      : 0;
  // One or two days cannot show their own variability: assume at least a fifth of the level.
  const sigma = Math.max(spread, Math.abs(level) / 5);
  return {
    method: 'flat',
    mean: Array.from({ length: horizon }, () => level),
    sigma,
    sumVariance: (from, to) => {
      const days = Math.max(0, to - from + 1);
      return sigma * sigma * (days + (days * days) / known.length);
    },
  };
}

function chooseModel(
  method: ForecastMethod,
  values: readonly (number | null)[],
  days: number,
  horizon: number,
  caveats: string[],
): ModelForecast {
  if (method === 'seasonal-naive') return seasonalNaive(values, horizon);
  if (method === 'linear-trend') return linearTrend(values, horizon);
  if (days >= SEASONAL_MIN_DAYS) return holtWinters(values, horizon, { seasonal: true, damped: true });
  if (days >= TREND_MIN_DAYS) {
    caveats.push(`under ${SEASONAL_MIN_DAYS} days of history: no weekly pattern is modelled yet`);
    return holtWinters(values, horizon, { seasonal: false, damped: true });
  }
  caveats.push(`only ${days} day${days === 1 ? '' : 's'} of history: the forecast is that level held flat`);
  return flatModel(values, horizon);
}

function positionEffect(
  effects: Map<string, CalendarEffect>,
  date: string,
  enabled: boolean,
): CalendarEffect | undefined {
  if (!enabled) return undefined;
  const position = calendarPosition(date);
  return position === undefined ? undefined : effects.get(position);
}

export function buildForecast(
  series: DailySeries,
  horizonDays: number,
  options: ForecastOptions = {},
): DailyForecastModel {
  const method = options.method ?? 'auto';
  const useCalendar = options.calendarEffects ?? true;
  const days = knownDays(series);
  const caveats: string[] = [];
  if (series.leadingZeroDays > 0) {
    caveats.push(`costs start on ${series.start}: earlier days were zero and are not part of the history`);
  }
  if (series.gapDays > 0) {
    caveats.push(
      `${series.gapDays} day${series.gapDays === 1 ? '' : 's'} missing inside the history ${series.gapDays === 1 ? 'was' : 'were'} treated as unknown, not as zero`,
    );
  }
  const { adjusted, effects } = useCalendar
    ? adjustCalendarEffects(series)
    : { adjusted: series.values, effects: new Map<string, CalendarEffect>() };
  const model = chooseModel(method, adjusted, days, horizonDays, caveats);
  const factor = shortHistoryFactor(days);
  if (factor > 1) {
    caveats.push(`only ${days} days of history (under 8 weeks): intervals are wide`);
  }
  const lastDate = addDays(series.start, series.values.length - 1);
  const dates = Array.from({ length: horizonDays }, (_, step) => addDays(lastDate, step + 1));
  const dayEffects = dates.map((date) => positionEffect(effects, date, useCalendar));
  const points: ForecastPoint[] = dates.map((date, step) => {
    const effect = dayEffects[step];
    const value = (model.mean[step] as number) + (effect?.excess ?? 0);
    const sd = Math.sqrt(model.sumVariance(step + 1, step + 1) * factor * factor + (effect?.variance ?? 0));
    return {
      date,
      value,
      lo80: value - Z80 * sd,
      hi80: value + Z80 * sd,
      lo95: value - Z95 * sd,
      hi95: value + Z95 * sd,
    };
  });
  return {
    method: model.method,
    points,
    caveats,
    lastDate,
    sumVariance(from, to) {
      let variance = model.sumVariance(from, to) * factor * factor;
      for (let step = from; step <= to; step++) variance += dayEffects[step - 1]?.variance ?? 0;
      return variance;
    },
  };
}

/**
 * Forecasts daily cost `horizonDays` past the last day of `history`, with 80 % and 95 % intervals.
 * Pure: the same history gives the same forecast.
 */
export function forecastDaily(
  history: DailyValue[],
  horizonDays: number,
  options: ForecastOptions = {},
): DailyForecast {
  checkHorizon(horizonDays);
  checkMethod(options.method);
  const { method, points, caveats } = buildForecast(toDailySeries(history), horizonDays, options);
  return { method, points, caveats };
}

export function checkHorizon(horizonDays: number): void {
  if (!Number.isInteger(horizonDays) || horizonDays < 0 || horizonDays > MAX_HORIZON_DAYS) {
    throw new FinopsError(
      'finops_invalid_input',
      `the forecast horizon must be a whole number of days from 0 to ${MAX_HORIZON_DAYS}, got ${horizonDays}`,
    );
  }
}

export function checkMethod(method: string | undefined): void {
  if (method !== undefined && !(FORECAST_METHODS as readonly string[]).includes(method)) {
    throw new FinopsError(
      'finops_invalid_input',
      `unknown forecast method "${method}": use one of ${FORECAST_METHODS.join(', ')}`,
    );
  }
}
