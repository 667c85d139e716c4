import { z } from 'zod';
import type { ChargeCategory, CostFilter, Dimension, Metric, TimeRange } from '../domain/index.ts';
import {
  addDays,
  addMonths,
  chargeCategorySchema,
  costFilterSchema,
  DEFAULT_METRIC,
  metricSchema,
} from '../domain/index.ts';
import type { CostEngine } from '../engine/index.ts';
import { FinopsError } from '../errors.ts';
import { detectAnomalies, rootCauseDimensionsOf } from './detect-anomalies.ts';
import { findRootCause } from './root-cause.ts';
import { monthPosition, seasonalBaseline } from './seasonal-baseline.ts';
import type { AnomalyPoint, CostAnomaly, RootCauseItem } from './types.ts';

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are written YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), 'not a calendar date');

const explainDayInputSchema = z.object({
  day: isoDay,
  today: isoDay,
  filters: z.array(costFilterSchema).default([]),
  metric: metricSchema.default(DEFAULT_METRIC),
  /** Default: every charge category, since a question about one day's bill includes its tax and fees. */
  chargeCategories: z.array(chargeCategorySchema).min(1).optional(),
  historyDays: z.number().int().min(14).max(730).default(91),
  tagKeys: z.array(z.string().min(1)).optional(),
});

export type ExplainDayInput = z.input<typeof explainDayInputSchema>;

export interface DayExplanation {
  day: string;
  /** The day as a half-open range, for facts. */
  period: TimeRange;
  metric: Metric;
  filters: CostFilter[];
  chargeCategories?: ChargeCategory[];
  actual: number;
  /** The detector's seasonal expectation for the day and its band. */
  expected: number;
  lower: number;
  upper: number;
  isAnomaly: boolean;
  direction: 'increase' | 'decrease' | 'none';
  /**
   * The days whose mix of costs, scaled to `expected`, the drivers are measured against: the same
   * weekday of the previous four weeks, or for the first two and last three days of a month the
   * same day of the previous three months. `null` when there is no earlier data.
   */
  baseline: TimeRange | null;
  baselineDays: string[];
  /** What moved, strongest first; within one dimension the deltas add up to actual − expected. */
  drivers: RootCauseItem[];
  /** The band over the three weeks before the day and the day itself, for an anomaly chart. */
  points: AnomalyPoint[];
  /**
   * Anomalies per service, account or usage type that include the day: a spike in one usage type
   * often hides inside a total that month-end or weekly swings make look normal.
   */
  anomalies: CostAnomaly[];
}

/**
 * "What caused the spike on the 12th?": the day against its seasonal expectation, and what moved
 * (service, account, usage type, region, resource, team) against the days it is usually like.
 */
export async function explainDay(engine: CostEngine, rawInput: ExplainDayInput): Promise<DayExplanation> {
  const input = parseInput(rawInput);
  if (input.day >= input.today) {
    throw new FinopsError(
      'finops_invalid_input',
      `${input.day} has not finished yet (today is ${input.today}): ask about a day before today`,
    );
  }
  const catalog = await engine.catalog();
  const data = catalog.dataRange;
  if (!data || input.day < data.start || input.day >= data.end) {
    throw new FinopsError(
      'finops_no_data',
      data
        ? `there is no cost data for ${input.day}: the data covers ${data.start} to ${addDays(data.end, -1)}`
        : 'there is no cost data loaded yet: ingest a billing export or generate the demo organisation first',
    );
  }
  const period = { start: input.day, end: addDays(input.day, 1) };
  const historyStart = maxDay(addDays(input.day, -input.historyDays), data.start);
  const selection = {
    filters: input.filters,
    metric: input.metric,
    ...(input.chargeCategories ? { chargeCategories: input.chargeCategories } : {}),
  };
  const table = await engine.query({
    range: { start: historyStart, end: period.end },
    granularity: 'day',
    ...selection,
  });
  const series = [
    { date: historyStart, value: 0 },
    ...table.rows.flatMap((row) => (row.period ? [{ date: row.period, value: row.value }] : [])),
    { date: input.day, value: 0 },
  ];
  const days = seasonalBaseline(series);
  const target = days[days.length - 1];
  const actual = target?.actual ?? 0;
  const halfWidth = target?.halfWidth ?? 0;
  const expected = target?.expected ?? null;
  const baselineDays = comparableDays(input.day, historyStart);
  const anomalies = await detectAnomalies(engine, {
    window: period,
    today: input.today,
    filters: input.filters,
    metric: input.metric,
    ...(input.tagKeys ? { tagKeys: input.tagKeys } : {}),
  });
  const rootCause = await findRootCause(engine, {
    window: period,
    ...(expected === null ? {} : { expected }),
    ...selection,
    dimensions: dimensionsFor(catalog, input.tagKeys, input.chargeCategories),
    baselineWindows: baselineDays.map((day) => ({ start: day, end: addDays(day, 1) })),
  });
  const expectedValue = expected ?? rootCause.expected;
  const isAnomaly = expected !== null && Math.abs(actual - expected) > halfWidth;
  const from = addDays(input.day, -21);
  const points: AnomalyPoint[] = days.flatMap((day) =>
    day.date < from || day.expected === null || day.halfWidth === null
      ? []
      : [
          {
            date: day.date,
            actual: day.actual,
            expected: day.expected,
            lower: day.expected - day.halfWidth,
            upper: day.expected + day.halfWidth,
            isAnomaly: Math.abs(day.actual - day.expected) > day.halfWidth,
          },
        ],
  );
  const first = baselineDays[baselineDays.length - 1];
  const last = baselineDays[0];
  return {
    day: input.day,
    period,
    ...selection,
    actual,
    expected: expectedValue,
    lower: expectedValue - halfWidth,
    upper: expectedValue + halfWidth,
    isAnomaly,
    direction: !isAnomaly ? 'none' : actual > expectedValue ? 'increase' : 'decrease',
    baseline: first && last ? { start: first, end: addDays(last, 1) } : null,
    baselineDays,
    drivers: rootCause.items,
    points,
    anomalies,
  };
}

/**
 * The days a day is normally like: the same day of the previous three months at a month edge
 * (monthly charges and month-end jobs), else the same weekday of the previous four weeks.
 * Latest first; none before `earliest`.
 */
function comparableDays(day: string, earliest: string): string[] {
  const edge = monthPosition(day) !== null;
  const candidates = edge
    ? [1, 2, 3].map((months) => sameMonthPosition(day, months))
    : [1, 2, 3, 4].map((weeks) => addDays(day, -7 * weeks));
  return candidates.filter((candidate) => candidate >= earliest);
}

/** The day with the same position (e.g. "last day", "the 1st") `months` months earlier. */
function sameMonthPosition(day: string, months: number): string {
  const monthStart = addMonths(`${day.slice(0, 7)}-01`, -months);
  const dayOfMonth = Number(day.slice(8, 10));
  if (dayOfMonth <= 2) return addDays(monthStart, dayOfMonth - 1);
  const firstOfMonth = `${day.slice(0, 7)}-01`;
  const fromEnd = Number(addDays(addMonths(firstOfMonth, 1), -1).slice(8, 10)) - dayOfMonth;
  return addDays(addMonths(monthStart, 1), -1 - fromEnd);
}

function dimensionsFor(
  catalog: Parameters<typeof rootCauseDimensionsOf>[0],
  tagKeys: string[] | undefined,
  chargeCategories: ChargeCategory[] | undefined,
): Dimension[] {
  const dimensions = rootCauseDimensionsOf(catalog, tagKeys);
  // With every charge category in, a tax or fee day is explained by its charge category.
  return chargeCategories ? dimensions : ['charge_category', ...dimensions];
}

function maxDay(a: string, b: string): string {
  return a > b ? a : b;
}

function parseInput(input: ExplainDayInput) {
  const parsed = explainDayInputSchema.safeParse(input);
  if (!parsed.success) {
    const details = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`)
      .join('; ');
    throw new FinopsError(
      'finops_invalid_input',
      `invalid day to explain: ${details}. Expected { day: YYYY-MM-DD, today: YYYY-MM-DD, filters?, metric?, historyDays? (14–730) }`,
    );
  }
  return parsed.data;
}
