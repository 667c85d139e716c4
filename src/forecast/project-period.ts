import type { TimeRange } from '../domain/index.ts';
import { addDays, addMonths, daysBetween, describeRange, timeRangeSchema } from '../domain/time-range.ts';
import { FinopsError } from '../errors.ts';
import type { DailyValue } from './daily-series.ts';
import { isCalendarDay, toDailySeries } from './daily-series.ts';
import type { ForecastOptions } from './forecast-daily.ts';
import { buildForecast, checkMethod, MAX_HORIZON_DAYS } from './forecast-daily.ts';
import { Z80, Z95 } from './normal.ts';

export interface PeriodProjection {
  period: TimeRange;
  /** Cost of the period's days before `today` (or before the data ends, when it lags). */
  actualToDate: number;
  forecastRemaining: number;
  projected: number;
  lo80: number;
  hi80: number;
  lo95: number;
  hi95: number;
  daysActual: number;
  daysForecast: number;
  method: string;
  caveats: string[];
}

/**
 * Projects a period's total: the actual days before `today` plus a forecast of the rest. The
 * interval is that of the remaining days' SUM, from the model's variance of summed errors; the
 * actual part is known and adds none.
 */
export function projectPeriod(
  history: DailyValue[],
  period: TimeRange,
  today: string,
  options: ForecastOptions = {},
): PeriodProjection {
  const projection = projectPeriodFromModel(history, period, today, options);
  if (projection.daysForecast === 0) return projection;
  const scale = empiricalIntervalScale(history, period, today, projection.daysActual, options);
  if (scale <= 1) return projection;
  const { projected } = projection;
  const widen = (bound: number) => projected + (bound - projected) * scale;
  return {
    ...projection,
    lo80: widen(projection.lo80),
    hi80: widen(projection.hi80),
    lo95: widen(projection.lo95),
    hi95: widen(projection.hi95),
  };
}

/** Past projections of the same kind used to check the model's intervals against what happened. */
const CALIBRATION_MONTHS = 12;
const MIN_CALIBRATION_MONTHS = 3;

/**
 * The model's intervals assume the model is right; real bills also move with things it cannot
 * see. So the same projection (same period length, same number of known days) is made for each
 * of the previous months, from the history before it only, and its errors, in units of its own
 * standard deviation, are compared with the normal quantile: when the 80th percentile of those
 * errors is larger, the intervals widen by that ratio (they never narrow). Only months the
 * history fully covers count; with fewer than three there is nothing to learn from.
 */
function empiricalIntervalScale(
  history: DailyValue[],
  period: TimeRange,
  today: string,
  daysActual: number,
  options: ForecastOptions,
): number {
  const errors: number[] = [];
  const firstDay = history.reduce((first, day) => (day.date < first ? day.date : first), today);
  for (let back = 1; back <= CALIBRATION_MONTHS; back++) {
    const past = { start: addMonths(period.start, -back), end: addMonths(period.end, -back) };
    if (past.end > today || daysBetween(firstDay, past.start) < 28) continue;
    const origin = addDays(past.start, daysActual);
    const before = history.filter((day) => day.date < past.end);
    let projection: PeriodProjection;
    try {
      projection = projectPeriodFromModel(before, past, origin, options);
    } catch {
      continue;
    }
    const sd = (projection.hi80 - projection.projected) / Z80;
    if (!(sd > 0) || projection.daysForecast === 0) continue;
    const actual = before.filter((day) => day.date >= past.start).reduce((sum, day) => sum + day.value, 0);
    errors.push(Math.abs(actual - projection.projected) / sd);
  }
  if (errors.length < MIN_CALIBRATION_MONTHS) return 1;
  errors.sort((a, b) => a - b);
  // The split-conformal quantile: the ⌈0.8 (n + 1)⌉-th smallest error, so that a handful of
  // months is not read as more certain than it is.
  const rank = Math.min(errors.length, Math.ceil(0.8 * (errors.length + 1)));
  const q80 = errors[rank - 1] ?? 0;
  return Math.max(1, q80 / Z80);
}

function projectPeriodFromModel(
  history: DailyValue[],
  period: TimeRange,
  today: string,
  options: ForecastOptions,
): PeriodProjection {
  const parsedPeriod = timeRangeSchema.safeParse(period);
  if (!parsedPeriod.success) {
    throw new FinopsError(
      'finops_invalid_input',
      `the period to project must be { start, end } calendar days (YYYY-MM-DD) with end after start: ${parsedPeriod.error.issues[0]?.message ?? 'invalid'}`,
    );
  }
  if (typeof today !== 'string' || !isCalendarDay(today)) {
    throw new FinopsError(
      'finops_invalid_input',
      `today must be a calendar day written YYYY-MM-DD, got ${String(today)}`,
    );
  }
  checkMethod(options.method);
  const known = history.filter((day) => day.date < today);
  if (known.length === 0) {
    throw new FinopsError(
      'finops_no_data',
      `there is no daily cost before ${today} to project ${describeRange(period)} from: load billing data or pick a later day`,
    );
  }
  const series = toDailySeries(known);
  const dataEnd = addDays(series.start, series.values.length);
  // Days the data has not reached yet are forecast too, even when they are before today.
  const cut = dataEnd < today ? dataEnd : today;
  const caveats: string[] = [];
  if (dataEnd < today && dataEnd < period.end) {
    caveats.push(`the data runs through ${addDays(dataEnd, -1)}: later days are forecast`);
  }
  let actualToDate = 0;
  for (const day of known) {
    if (day.date >= period.start && day.date < period.end && day.date < cut) actualToDate += day.value;
  }
  const forecastFrom = cut > period.start ? cut : period.start;
  const daysForecast = Math.max(0, daysBetween(forecastFrom, period.end));
  const daysActual = Math.max(0, daysBetween(period.start, cut < period.end ? cut : period.end));
  if (daysForecast === 0) {
    return {
      period,
      actualToDate,
      forecastRemaining: 0,
      projected: actualToDate,
      lo80: actualToDate,
      hi80: actualToDate,
      lo95: actualToDate,
      hi95: actualToDate,
      daysActual,
      daysForecast,
      method: 'actual',
      caveats,
    };
  }
  const firstStep = daysBetween(addDays(series.start, series.values.length - 1), forecastFrom);
  const lastStep = firstStep + daysForecast - 1;
  if (lastStep > MAX_HORIZON_DAYS) {
    throw new FinopsError(
      'finops_invalid_input',
      `${describeRange(period)} ends ${lastStep} days after the data: forecasts reach at most ${MAX_HORIZON_DAYS} days ahead`,
    );
  }
  const forecast = buildForecast(series, lastStep, options);
  let forecastRemaining = 0;
  for (let step = firstStep; step <= lastStep; step++)
    forecastRemaining += forecast.points[step - 1]?.value ?? 0;
  const sd = Math.sqrt(forecast.sumVariance(firstStep, lastStep));
  const projected = actualToDate + forecastRemaining;
  return {
    period,
    actualToDate,
    forecastRemaining,
    projected,
    lo80: projected - Z80 * sd,
    hi80: projected + Z80 * sd,
    lo95: projected - Z95 * sd,
    hi95: projected + Z95 * sd,
    daysActual,
    daysForecast,
    method: forecast.method,
    caveats: [...forecast.caveats, ...caveats],
  };
}
