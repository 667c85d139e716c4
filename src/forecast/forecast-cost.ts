import type { ChargeCategory, CostFilter, DataSource, Metric, TimeRange } from '../domain/index.ts';
import { OTHER_GROUP } from '../domain/index.ts';
import { addDays, daysBetween, timeRangeSchema } from '../domain/time-range.ts';
import type { CostEngine } from '../engine/index.ts';
import { FinopsError } from '../errors.ts';
import type { DailyValue } from './daily-series.ts';
import { isCalendarDay, toDailySeries } from './daily-series.ts';
import type { ForecastPoint } from './forecast-daily.ts';
import { buildForecast } from './forecast-daily.ts';
import type { PeriodProjection } from './project-period.ts';
import { projectPeriod } from './project-period.ts';

export interface ForecastCostInput {
  period: TimeRange;
  /** First day not yet known: actuals run to the day before. */
  today: string;
  filters?: CostFilter[];
  metric?: Metric;
  chargeCategories?: ChargeCategory[];
  groupBy?: 'service' | 'sub_account';
  /** Days of history read before `today`; default 400 (13 months, enough for month-day effects). */
  historyDays?: number;
  /** Groups projected one by one; the rest are one "(other)" group. Default 5. */
  topGroups?: number;
}

export interface GroupProjection {
  key: string;
  label?: string;
  projection: PeriodProjection;
}

export interface CostForecast {
  projection: PeriodProjection;
  /** Per group when `groupBy` is set; each group is forecast on its own, so they need not add up to the total. */
  groups?: GroupProjection[];
  /** For charts: the period's actual days (at least the last 28) and the forecast of the days left. */
  daily: { history: DailyValue[]; points: ForecastPoint[] };
  currency: string;
  source: DataSource;
}

export const DEFAULT_HISTORY_DAYS = 400;
const CHART_HISTORY_DAYS = 28;

/** Days of `range` from the engine's rows; days without rows cost nothing (billing data lists every charge). */
function fillDays(range: TimeRange, values: Map<string, number>, through: string): DailyValue[] {
  const days: DailyValue[] = [];
  for (let date = range.start; date < range.end && date <= through; date = addDays(date, 1)) {
    days.push({ date, value: values.get(date) ?? 0 });
  }
  return days;
}

/**
 * Forecasts a period's cost from the engine's daily history: the total, and per service or
 * account when asked. The history ends at the data's last day, so a lagging export is forecast
 * over the missing days (and says so) instead of counting them as zero.
 */
export async function forecastCost(engine: CostEngine, input: ForecastCostInput): Promise<CostForecast> {
  const period = timeRangeSchema.safeParse(input.period);
  if (!period.success) {
    throw new FinopsError(
      'finops_invalid_input',
      `the period to forecast must be { start, end } calendar days (YYYY-MM-DD) with end after start: ${period.error.issues[0]?.message ?? 'invalid'}`,
    );
  }
  if (typeof input.today !== 'string' || !isCalendarDay(input.today)) {
    throw new FinopsError(
      'finops_invalid_input',
      `today must be a calendar day written YYYY-MM-DD, got ${String(input.today)}`,
    );
  }
  const historyDays = input.historyDays ?? DEFAULT_HISTORY_DAYS;
  const topGroups = input.topGroups ?? 5;
  if (!Number.isInteger(historyDays) || historyDays < 1 || !Number.isInteger(topGroups) || topGroups < 1) {
    throw new FinopsError(
      'finops_invalid_input',
      'historyDays and topGroups must be whole numbers of at least 1',
    );
  }
  const { today } = input;
  const firstHistoryDay = addDays(today, -historyDays);
  const range = {
    start: firstHistoryDay < period.data.start ? firstHistoryDay : period.data.start,
    end: today,
  };
  if (range.start >= range.end) {
    throw new FinopsError('finops_invalid_input', `there is no history before ${today} to forecast from`);
  }
  const selection = {
    range,
    granularity: 'day' as const,
    ...(input.filters ? { filters: input.filters } : {}),
    ...(input.metric ? { metric: input.metric } : {}),
    ...(input.chargeCategories ? { chargeCategories: input.chargeCategories } : {}),
  };
  const table = await engine.query(selection);
  const totals = new Map<string, number>();
  for (const row of table.rows)
    if (row.period) totals.set(row.period, (totals.get(row.period) ?? 0) + row.value);
  const dates = [...totals.keys()].sort();
  const firstDay = dates[0];
  const lastDay = dates[dates.length - 1];
  if (firstDay === undefined || lastDay === undefined) {
    throw new FinopsError(
      'finops_no_data',
      `no cost in the ${historyDays} days before ${today} for this selection: nothing to forecast from. Check the filters or load billing data.`,
    );
  }
  const known = { start: firstDay, end: range.end };
  const history = fillDays(known, totals, lastDay);
  const projection = projectPeriod(history, period.data, today);
  let groups: GroupProjection[] | undefined;
  if (input.groupBy) {
    const dimension = input.groupBy;
    const grouped = await engine.query({ ...selection, groupBy: [dimension], limit: topGroups });
    const byGroup = new Map<string, { label?: string; values: Map<string, number> }>();
    for (const row of grouped.rows) {
      const key = row.key[dimension] ?? '(none)';
      const entry = byGroup.get(key) ?? { values: new Map<string, number>() };
      const label = row.labels?.[dimension];
      if (label) entry.label = label;
      if (row.period) entry.values.set(row.period, (entry.values.get(row.period) ?? 0) + row.value);
      byGroup.set(key, entry);
    }
    groups = [...byGroup.entries()]
      .map(([key, entry]) => ({
        key,
        ...(entry.label ? { label: entry.label } : {}),
        projection: projectPeriod(fillDays(known, entry.values, lastDay), period.data, today),
      }))
      .sort((a, b) =>
        a.key === OTHER_GROUP
          ? 1
          : b.key === OTHER_GROUP
            ? -1
            : b.projection.projected - a.projection.projected,
      );
  }
  const chartStart = addDays(today, -CHART_HISTORY_DAYS);
  const chartFrom = chartStart < period.data.start ? chartStart : period.data.start;
  const steps = Math.max(0, daysBetween(lastDay, period.data.end) - 1);
  const forecast = steps > 0 ? buildForecast(toDailySeries(history), steps) : undefined;
  const points = (forecast?.points ?? []).filter(
    (point) => point.date >= period.data.start && point.date < period.data.end,
  );
  return {
    projection,
    ...(groups ? { groups } : {}),
    daily: { history: history.filter((day) => day.date >= chartFrom), points },
    currency: table.currency,
    source: table.source,
  };
}
