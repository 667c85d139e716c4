import type { TimeRange } from '../domain/index.ts';
import { addDays, daysBetween, describeRange, timeRangeSchema } from '../domain/time-range.ts';
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
