import { z } from 'zod';
import type { ChargeCategory, CostFilter, Dimension, Metric, TimeRange } from '../domain/index.ts';
import {
  addDays,
  chargeCategorySchema,
  costFilterSchema,
  DEFAULT_METRIC,
  metricSchema,
  timeRangeSchema,
} from '../domain/index.ts';
import type { CostEngine, DataCatalog } from '../engine/index.ts';
import { FinopsError } from '../errors.ts';
import { deduplicateAnomalies } from './deduplicate.ts';
import { detectInSeries } from './detect-in-series.ts';
import { mapInSequence } from './in-sequence.ts';
import { findRootCause } from './root-cause.ts';
import { baselinePoints, seasonalBaseline } from './seasonal-baseline.ts';
import type { AnomalyDimension, AnomalyPoint, CostAnomaly, DailyValue, SeriesAnomaly } from './types.ts';

export const ANOMALY_DIMENSIONS: AnomalyDimension[] = ['service', 'sub_account', 'usage_type'];

/**
 * Anomalies are looked for in usage: purchases, tax and credits are billing events on fixed
 * days (mostly the 1st), not consumption, and would only add predictable alarms.
 */
export const DEFAULT_ANOMALY_CHARGE_CATEGORIES: ChargeCategory[] = ['Usage'];

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are written YYYY-MM-DD');

const detectAnomaliesInputSchema = z.object({
  window: timeRangeSchema,
  today: isoDay,
  filters: z.array(costFilterSchema).default([]),
  metric: metricSchema.default(DEFAULT_METRIC),
  chargeCategories: z.array(chargeCategorySchema).min(1).default(DEFAULT_ANOMALY_CHARGE_CATEGORIES),
  dimensions: z
    .array(z.enum(['service', 'sub_account', 'usage_type']))
    .min(1)
    .default(ANOMALY_DIMENSIONS),
  historyDays: z.number().int().min(14).max(730).default(91),
  minImpactUsd: z.number().nonnegative().optional(),
  tagKeys: z.array(z.string().min(1)).optional(),
  threshold: z.number().positive().optional(),
});

export type DetectAnomaliesInput = z.input<typeof detectAnomaliesInputSchema>;

/** Settings actually used, for the answer's assumptions. */
export interface DetectionSettings {
  range: TimeRange;
  window: TimeRange;
  metric: Metric;
  filters: CostFilter[];
  chargeCategories: ChargeCategory[];
  minImpactUsd: number;
  rootCauseDimensions: Dimension[];
}

export interface AnomalyReport {
  anomalies: CostAnomaly[];
  settings: DetectionSettings;
}

/** Days of band shown before and after an anomaly on its chart. */
const CHART_CONTEXT_DAYS = 21;

/**
 * Daily cost anomalies per service, account and usage type in `window`, each with a root cause,
 * ranked by |impact|. The same event seen in several series is reported once (see deduplicate.ts).
 */
export async function detectAnomalies(
  engine: CostEngine,
  input: DetectAnomaliesInput,
): Promise<CostAnomaly[]> {
  return (await detectAnomalyReport(engine, input)).anomalies;
}

/** `detectAnomalies` with the settings it used, for the answer's assumptions. */
export async function detectAnomalyReport(
  engine: CostEngine,
  rawInput: DetectAnomaliesInput,
): Promise<AnomalyReport> {
  const input = parseInput(rawInput);
  const catalog = await engine.catalog();
  const range = historyRange(input.window, input.today, input.historyDays, catalog);
  const rootCauseDimensions = rootCauseDimensionsOf(catalog, input.tagKeys);
  const base = {
    filters: input.filters,
    metric: input.metric,
    chargeCategories: input.chargeCategories,
  };
  const settings: DetectionSettings = {
    range: range ?? input.window,
    window: input.window,
    ...base,
    minImpactUsd: input.minImpactUsd ?? 0,
    rootCauseDimensions,
  };
  if (!range) return { anomalies: [], settings };
  const window = {
    start: input.window.start,
    end: input.window.end < range.end ? input.window.end : range.end,
  };

  const tables = await mapInSequence(input.dimensions, async (dimension) => ({
    dimension,
    table: await engine.query({ range, granularity: 'day', groupBy: [dimension], ...base }),
  }));
  settings.minImpactUsd = input.minImpactUsd ?? defaultMinImpact(tables[0]?.table.total ?? 0, range);

  const candidates: {
    dimension: AnomalyDimension;
    key: string;
    label?: string;
    anomaly: SeriesAnomaly;
    context: AnomalyPoint[];
  }[] = [];
  for (const { dimension, table } of tables) {
    const series = new Map<string, { label?: string; values: DailyValue[] }>();
    for (const row of table.rows) {
      const key = row.key[dimension];
      if (key === null || key === undefined || row.period === undefined) continue;
      const entry = series.get(key) ?? { values: [] };
      const label = row.labels?.[dimension];
      if (label) entry.label = label;
      entry.values.push({ date: row.period, value: row.value });
      series.set(key, entry);
    }
    for (const [key, entry] of series) {
      // Bracket every series by the range, so a usage type that starts or stops is seen against zeros.
      const values = [
        { date: range.start, value: 0 },
        ...entry.values,
        { date: addDays(range.end, -1), value: 0 },
      ];
      const options = {
        window,
        minImpact: settings.minImpactUsd,
        ...(input.threshold === undefined ? {} : { threshold: input.threshold }),
      };
      const found = detectInSeries(values, options);
      if (found.length === 0) continue;
      const points = baselinePoints(seasonalBaseline(values, options));
      for (const anomaly of found) {
        const from = addDays(anomaly.start, -CHART_CONTEXT_DAYS);
        const to = addDays(anomaly.end, CHART_CONTEXT_DAYS);
        const context = points.filter((point) => point.date >= from && point.date < to);
        candidates.push({ dimension, key, ...(entry.label ? { label: entry.label } : {}), anomaly, context });
      }
    }
  }

  const explained = await mapInSequence(candidates, async (candidate): Promise<CostAnomaly> => {
    const rootCause = await findRootCause(engine, {
      window: { start: candidate.anomaly.start, end: candidate.anomaly.end },
      expected: candidate.anomaly.expected,
      filters: [...input.filters, { dimension: candidate.dimension, op: 'in', values: [candidate.key] }],
      metric: input.metric,
      chargeCategories: input.chargeCategories,
      dimensions: rootCauseDimensions.filter((dimension) => dimension !== candidate.dimension),
      ...(catalog.dataRange ? { dataStart: catalog.dataRange.start } : {}),
    });
    return {
      ...candidate.anomaly,
      id: anomalyId(candidate.dimension, candidate.key, candidate.anomaly.start),
      dimension: candidate.dimension,
      key: candidate.key,
      ...(candidate.label ? { label: candidate.label } : {}),
      severity: severityOf(candidate.anomaly, settings.minImpactUsd),
      direction: candidate.anomaly.impact >= 0 ? 'increase' : 'decrease',
      rootCause: rootCause.items,
      related: [],
      context: candidate.context,
    };
  });
  const anomalies = deduplicateAnomalies(explained).sort(
    (a, b) => Math.abs(b.impact) - Math.abs(a.impact) || a.id.localeCompare(b.id),
  );
  return { anomalies, settings };
}

export function anomalyId(dimension: AnomalyDimension, key: string, start: string): string {
  return `${dimension}:${key}:${start}`;
}

/**
 * high: the cost at least doubled (or fell to nothing) or the impact is 20× the reporting floor;
 * medium: a quarter above or below expected, or 5× the floor; low: the rest.
 */
export function severityOf(anomaly: SeriesAnomaly, minImpactUsd: number): CostAnomaly['severity'] {
  const size = Math.abs(anomaly.impact);
  const relative = anomaly.expected > 0 ? size / anomaly.expected : Number.POSITIVE_INFINITY;
  const floor = Math.max(minImpactUsd, 1);
  if (relative >= 1 || size >= 20 * floor) return 'high';
  if (relative >= 0.25 || size >= 5 * floor) return 'medium';
  return 'low';
}

/**
 * Anomalies smaller than 2 % of an average day's spend are noise to a FinOps team (and a
 * series of cents can triple without anyone caring); never below one currency unit.
 */
function defaultMinImpact(total: number, range: TimeRange): number {
  const days = Math.max(1, (Date.parse(range.end) - Date.parse(range.start)) / 86_400_000);
  return Math.max(1, Math.round((0.02 * total) / days));
}

/** Root causes look at these, plus one ownership tag the data has (team, owner, …). */
const ROOT_CAUSE_BASE: Dimension[] = ['service', 'sub_account', 'usage_type', 'region', 'resource'];
const OWNERSHIP_TAGS = ['team', 'owner', 'project', 'application', 'app', 'cost-center', 'costcenter'];

export function rootCauseDimensionsOf(catalog: DataCatalog, tagKeys: string[] | undefined): Dimension[] {
  const keys =
    tagKeys ??
    OWNERSHIP_TAGS.flatMap((wanted) => {
      const found = catalog.tagKeys.find((key) => key.toLowerCase() === wanted);
      return found ? [found] : [];
    }).slice(0, 1);
  return [...ROOT_CAUSE_BASE, ...keys.map((key): Dimension => `tag:${key}`)];
}

/** History before the window, clipped to the data; null when the window has no data yet. */
function historyRange(
  window: TimeRange,
  today: string,
  historyDays: number,
  catalog: DataCatalog,
): TimeRange | null {
  let start = addDays(window.start, -historyDays);
  let end = window.end < today ? window.end : today;
  if (catalog.dataRange) {
    if (catalog.dataRange.start > start) start = catalog.dataRange.start;
    if (catalog.dataRange.end < end) end = catalog.dataRange.end;
  }
  return start < end && end > window.start ? { start, end } : null;
}

function parseInput(input: DetectAnomaliesInput) {
  const parsed = detectAnomaliesInputSchema.safeParse(input);
  if (!parsed.success) {
    const details = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`)
      .join('; ');
    throw new FinopsError(
      'finops_invalid_input',
      `invalid anomaly detection input: ${details}. Expected { window: { start, end } (YYYY-MM-DD, end exclusive), today: YYYY-MM-DD, filters?, metric?, dimensions?, historyDays? (14–730), minImpactUsd? }`,
    );
  }
  return parsed.data;
}
