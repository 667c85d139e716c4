import { addDays, addMonths, daysBetween, startOfMonth } from '../domain/time-range.ts';
import type { DailyValue } from './daily-series.ts';
import type { ForecastOptions } from './forecast-daily.ts';
import { projectPeriod } from './project-period.ts';

export const BACKTEST_ORIGINS = [7, 14, 21] as const;
export type BacktestOrigin = 'day 7' | 'day 14' | 'day 21';

export interface BacktestRow {
  dataset: string;
  origin: BacktestOrigin;
  method: string;
  /** Months scored: every complete month with at least four weeks of history before it. */
  months: number;
  /** Mean absolute percentage error of the month-end projection, as a fraction (0.05 = 5 %). */
  mape: number;
  /** Share of months whose actual total fell inside the 80 % interval, as a fraction. */
  coverage80: number;
  coverage95: number;
}

export interface BacktestMethod {
  /** Name in the table. */
  name: string;
  options: ForecastOptions;
}

export interface BacktestCase {
  month: string;
  origin: BacktestOrigin;
  method: string;
  actual: number;
  projected: number;
  lo80: number;
  hi80: number;
  lo95: number;
  hi95: number;
}

/** History a month needs before it is scored, so every method starts from a few weekly cycles. */
const MIN_HISTORY_DAYS = 28;

/** Complete months of a daily series that have enough history before them. */
export function backtestMonths(daily: readonly DailyValue[]): string[] {
  const dates = daily.map((day) => day.date).sort();
  const first = dates[0];
  const last = dates[dates.length - 1];
  if (first === undefined || last === undefined) return [];
  const dataEnd = addDays(last, 1);
  const months: string[] = [];
  for (let month = startOfMonth(first); addMonths(month, 1) <= dataEnd; month = addMonths(month, 1)) {
    if (daysBetween(first, month) >= MIN_HISTORY_DAYS) months.push(month);
  }
  return months;
}

/**
 * Rolling-origin backtest of month-end projections: for each scored month and origin day d, the
 * projection sees days before day d (and all earlier months) and is scored against the month's
 * actual total. Every method gets the same months and origins.
 */
export function backtestSeries(
  dataset: string,
  daily: readonly DailyValue[],
  methods: readonly BacktestMethod[],
): { rows: BacktestRow[]; cases: BacktestCase[] } {
  const months = backtestMonths(daily);
  const cases: BacktestCase[] = [];
  for (const month of months) {
    const period = { start: month, end: addMonths(month, 1) };
    const actual = daily
      .filter((day) => day.date >= period.start && day.date < period.end)
      .reduce((sum, day) => sum + day.value, 0);
    for (const originDay of BACKTEST_ORIGINS) {
      const today = addDays(month, originDay - 1);
      const history = daily.filter((day) => day.date < today);
      for (const method of methods) {
        const projection = projectPeriod(history, period, today, method.options);
        cases.push({
          month,
          origin: `day ${originDay}`,
          method: method.name,
          actual,
          projected: projection.projected,
          lo80: projection.lo80,
          hi80: projection.hi80,
          lo95: projection.lo95,
          hi95: projection.hi95,
        });
      }
    }
  }
  const rows: BacktestRow[] = [];
  for (const originDay of BACKTEST_ORIGINS) {
    for (const method of methods) {
      const scored = cases.filter(
        (item) => item.origin === `day ${originDay}` && item.method === method.name,
      );
      const share = (test: (item: BacktestCase) => boolean) =>
        scored.length === 0 ? 0 : scored.filter(test).length / scored.length;
      rows.push({
        dataset,
        origin: `day ${originDay}`,
        method: method.name,
        months: scored.length,
        mape:
          scored.length === 0
            ? 0
            : scored.reduce(
                (sum, item) => sum + Math.abs(item.projected - item.actual) / Math.abs(item.actual),
                0,
              ) / scored.length,
        coverage80: share((item) => item.lo80 <= item.actual && item.actual <= item.hi80),
        coverage95: share((item) => item.lo95 <= item.actual && item.actual <= item.hi95),
      });
    }
  }
  return { rows, cases };
}
