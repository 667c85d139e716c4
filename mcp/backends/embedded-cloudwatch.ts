import { addDays, toDate, toDay } from '../../src/domain/index.ts';
import { FinopsError } from '../../src/errors.ts';
import type { Inventory, InventoryResource } from '../../src/inventory/index.ts';
import type { Database } from '../../src/store/database.ts';
import {
  type CloudWatchBackend,
  type GetMetricDataInput,
  type GetMetricDataOutput,
  type GetUtilizationSummaryInput,
  type GetUtilizationSummaryOutput,
  METRIC_NAMES_BY_RESOURCE,
} from '../contracts/cloudwatch.ts';
import {
  DATASET_METRIC_LIST,
  DATASET_METRICS,
  type DatasetMetric,
  KNOWN_METRIC_NAMES,
  lookUpMetric,
  METRICS_BY_INVENTORY_TYPE,
} from './embedded/cloudwatch-metrics.ts';
import { utilisationProvenance } from './embedded/cloudwatch-provenance.ts';
import { createResourceResolver } from './embedded/cloudwatch-resources.ts';
import { paginate } from './page-token.ts';

export interface EmbeddedCloudWatchOptions {
  db: Database;
  inventory: Inventory;
  now: () => Date;
}

/** The dataset holds one datapoint per hour: a shorter period cannot be served finer than that. */
const RAW_PERIOD_SECONDS = 3600;
/** Default window of a utilisation summary: Compute Optimizer's 14 days. */
const SUMMARY_WINDOW_DAYS = 14;
/** A page of datapoints a model can read: CloudWatch allows 100,800, far more than a context holds. */
const MAX_POINTS_PER_PAGE = 10_000;
/** Ids listed in one message before the rest are counted. */
const LISTED_IDS = 20;

const INVENTORY_TYPE = { ec2: 'ec2_instance', rds: 'rds_instance', ebs: 'ebs_volume' } as const;

const SQL_STATISTICS: Readonly<Record<string, string>> = {
  Average: 'avg(value)',
  Maximum: 'max(value)',
  Minimum: 'min(value)',
  Sum: 'sum(value)',
  SampleCount: 'CAST(count(*) AS DOUBLE)',
};

/**
 * CloudWatch's tools over the embedded hourly utilisation table: CloudWatch metric names are mapped
 * onto the dataset's metrics, and every aggregate (statistics, percentiles, p50/p95/max) is computed
 * in SQL over the raw hours.
 */
export function createEmbeddedCloudWatchBackend({
  db,
  inventory,
  now,
}: EmbeddedCloudWatchOptions): CloudWatchBackend {
  return {
    kind: 'embedded',

    async getMetricData(input: GetMetricDataInput): Promise<GetMetricDataOutput> {
      const lookup = lookUpMetric(input.metric);
      if (lookup.kind === 'unknown')
        throw new FinopsError(
          'finops_invalid_input',
          `unknown metric "${input.metric}"${lookup.suggestion ? ` (did you mean ${lookup.suggestion}? metric names are case-sensitive)` : ''}: use one of ${KNOWN_METRIC_NAMES.join(', ')}`,
        );
      const messages: string[] = [];
      const provenance = await utilisationProvenance(db, {
        dataThrough: await inventory.lastMetricDay(),
        metric: input.metric,
        period: input.period,
      });
      const resolver = await createResourceResolver(inventory);
      const resolved: { id: string; resource: InventoryResource }[] = [];
      const seen = new Set<string>();
      for (const id of input.resource_ids) {
        const resource = resolver.resolve(id);
        if (!resource) {
          messages.push(
            `${id}: not in the inventory; pass an instance id (i-…), a DB instance identifier or ARN, or a volume id (vol-…)`,
          );
        } else if (!seen.has(resource.resourceId)) {
          seen.add(resource.resourceId);
          resolved.push({ id, resource });
        }
      }
      if (lookup.kind === 'not-in-dataset') {
        for (const { id } of resolved)
          messages.push(
            `${id}: ${input.metric} is not in the embedded dataset, which holds hourly ${DATASET_METRIC_LIST}; the live CloudWatch backend (FINOPS_BACKEND=aws) answers it`,
          );
        return { series: [], messages, provenance, truncated: false };
      }

      const periodSeconds = Math.max(input.period_seconds, RAW_PERIOD_SECONDS);
      if (input.period_seconds < RAW_PERIOD_SECONDS)
        messages.push(
          `period_seconds ${input.period_seconds} is finer than the dataset's hourly datapoints: points are per ${RAW_PERIOD_SECONDS} seconds`,
        );
      const startEpoch = toDate(input.period.start).getTime() / 1000;
      const ids = resolved.map(({ resource }) => resource.resourceId);
      const counts = await datapointCounts(db, lookup.metric, ids, input.period);
      const withData = resolved.filter(({ resource }) => (counts.get(resource.resourceId) ?? 0) > 0);
      for (const { id, resource } of resolved) {
        if ((counts.get(resource.resourceId) ?? 0) > 0) continue;
        messages.push(
          `${id}: ${noDataReason(input.metric, resource)} in ${input.period.start} – ${input.period.end}`,
        );
      }

      const statistics = [...new Set<string>([...input.statistics, ...input.percentiles])];
      const keys = withData.flatMap(({ resource }) =>
        statistics.map((statistic) => ({ resourceId: resource.resourceId, statistic })),
      );
      const seriesPerPage = seriesLimit(input.limit, withData, counts, input.period, periodSeconds);
      if (seriesPerPage < input.limit && keys.length > seriesPerPage)
        messages.push(
          `${seriesPerPage} series per page (not ${input.limit}) so a page holds at most ${MAX_POINTS_PER_PAGE} points; a longer period_seconds (86400) gives fewer points per series`,
        );
      const page = paginate(
        keys,
        { limit: seriesPerPage, page_token: input.page_token },
        {
          tool: 'get_metric_data',
          resource_ids: input.resource_ids,
          metric: input.metric,
          period: input.period,
          period_seconds: input.period_seconds,
          statistics,
        },
      );
      const pageIds = [...new Set(page.page.map((key) => key.resourceId))];
      const pageStatistics = [...new Set(page.page.map((key) => key.statistic))];
      const points = await aggregatePoints(db, {
        column: lookup.metric.column,
        resourceIds: pageIds,
        period: input.period,
        periodSeconds,
        startEpoch,
        statistics: pageStatistics,
      });
      const series = page.page.map(({ resourceId, statistic }) => ({
        resource_id: resourceId,
        statistic,
        unit: statistic === 'SampleCount' ? 'Count' : lookup.metric.unit,
        points: (points.get(resourceId) ?? []).flatMap((row) => {
          const value = row.values[statistic];
          return value === undefined || value === null ? [] : [{ timestamp: row.timestamp, value }];
        }),
      }));
      return {
        series,
        messages,
        provenance,
        truncated: page.truncated,
        ...(page.next_page_token ? { next_page_token: page.next_page_token } : {}),
      };
    },

    async getUtilizationSummary(input: GetUtilizationSummaryInput): Promise<GetUtilizationSummaryOutput> {
      const type = INVENTORY_TYPE[input.resource_type];
      const lastDay = await inventory.lastMetricDay();
      const window = input.period ?? defaultWindow(lastDay, now());
      const messages: string[] = [];
      let resources = await inventory.resources({ resourceTypes: [type] });
      if (input.resource_ids) {
        const resolver = await createResourceResolver(inventory);
        const wanted = new Set<string>();
        for (const id of input.resource_ids) {
          const resource = resolver.resolve(id);
          if (!resource) messages.push(`${id}: not in the inventory`);
          else if (resource.resourceType !== type)
            messages.push(`${id}: its type is ${resource.resourceType}; this call asks for ${type}`);
          else wanted.add(resource.resourceId);
        }
        resources = resources.filter((resource) => wanted.has(resource.resourceId));
      }

      const cloudWatchNames = METRIC_NAMES_BY_RESOURCE[input.resource_type];
      const mapped = cloudWatchNames.flatMap((name) => {
        const metric = DATASET_METRICS[name];
        return metric ? [{ name, metric }] : [];
      });
      if (mapped.length === 0)
        messages.push(
          `the embedded dataset holds no ${input.resource_type.toUpperCase()} metrics (${cloudWatchNames.join(', ')}): metrics are empty; the live CloudWatch backend (FINOPS_BACKEND=aws) answers them`,
        );
      const summaries =
        mapped.length > 0 && resources.length > 0
          ? await inventory.utilisation({ resourceTypes: [type], window })
          : new Map();

      const rows = resources.map((resource) => {
        const summary = summaries.get(resource.resourceId) ?? {};
        const metrics: GetUtilizationSummaryOutput['resources'][number]['metrics'] = {};
        for (const { name, metric } of mapped) {
          const found = summary[metric.column];
          if (found)
            metrics[name] = { p50: found.p50, p95: found.p95, max: found.max, datapoints: found.datapoints };
        }
        return {
          resource_id: resource.resourceId,
          ...(resource.resourceName ? { name: resource.resourceName } : {}),
          ...(resource.size ? { type: resource.size } : {}),
          account_id: resource.accountId,
          region: resource.region,
          metrics,
        };
      });
      if (mapped.length > 0) {
        const silent = rows
          .filter((row) => Object.keys(row.metrics).length === 0)
          .map((row) => row.resource_id);
        if (silent.length > 0)
          messages.push(
            `${silent.length} resource(s) have no datapoints in ${window.start} – ${window.end} (stopped, or created later): ${listIds(silent)}`,
          );
      }
      rows.sort(summaryOrder(input.sort_by));
      const page = paginate(rows, input, {
        tool: 'get_utilization_summary',
        resource_type: input.resource_type,
        window,
        resource_ids: input.resource_ids ?? null,
        sort_by: input.sort_by,
      });
      return {
        resources: page.page,
        window,
        ...(messages.length > 0 ? { messages } : {}),
        provenance: await utilisationProvenance(db, {
          dataThrough: lastDay,
          metric: mapped.map(({ name }) => name).join(', ') || cloudWatchNames.join(', '),
          period: window,
        }),
        truncated: page.truncated,
        ...(page.next_page_token ? { next_page_token: page.next_page_token } : {}),
      };
    },
  };
}

/** The last 14 days that have data (or the 14 days before today when there is none). */
function defaultWindow(lastDay: string | undefined, now: Date): { start: string; end: string } {
  const end = lastDay ? addDays(lastDay, 1) : toDay(now);
  return { start: addDays(end, -SUMMARY_WINDOW_DAYS), end };
}

/**
 * Series per page: the asked limit, lowered so the page's points stay under MAX_POINTS_PER_PAGE. A
 * series has at most one point per period and one per datapoint, so the bound is known before the
 * query; it depends only on the arguments and the data, so every page of one walk uses the same size.
 */
function seriesLimit(
  limit: number,
  withData: readonly { resource: InventoryResource }[],
  counts: ReadonlyMap<string, number>,
  period: { start: string; end: string },
  periodSeconds: number,
): number {
  const buckets = Math.ceil(
    (toDate(period.end).getTime() - toDate(period.start).getTime()) / 1000 / periodSeconds,
  );
  const pointsPerSeries = Math.max(
    1,
    ...withData.map(({ resource }) => Math.min(buckets, counts.get(resource.resourceId) ?? 0)),
  );
  return Math.max(1, Math.min(limit, Math.floor(MAX_POINTS_PER_PAGE / pointsPerSeries)));
}

function noDataReason(metric: string, resource: InventoryResource): string {
  const reported = METRICS_BY_INVENTORY_TYPE[resource.resourceType] ?? [];
  if (!reported.includes(metric))
    return `no ${metric} datapoints: a ${resource.resourceType} does not report ${metric}${reported.length > 0 ? ` (it reports ${reported.join(', ')})` : ''}`;
  if (metric === 'mem_used_percent')
    return 'no mem_used_percent datapoints: memory is only reported where the CloudWatch agent runs';
  return `no ${metric} datapoints (the resource is ${resource.state}, or did not exist then)`;
}

function listIds(ids: readonly string[]): string {
  const shown = ids.slice(0, LISTED_IDS).join(', ');
  return ids.length > LISTED_IDS ? `${shown} and ${ids.length - LISTED_IDS} more` : shown;
}

type SummaryRow = GetUtilizationSummaryOutput['resources'][number];

/** CPU p95 order puts resources without CPU datapoints last; ties go by id so pages are stable. */
function summaryOrder(
  sortBy: GetUtilizationSummaryInput['sort_by'],
): (a: SummaryRow, b: SummaryRow) => number {
  const byId = (a: SummaryRow, b: SummaryRow) => (a.resource_id < b.resource_id ? -1 : 1);
  if (sortBy === 'resource_id') return byId;
  const sign = sortBy === 'cpu_p95_asc' ? 1 : -1;
  return (a, b) => {
    const left = a.metrics.CPUUtilization?.p95;
    const right = b.metrics.CPUUtilization?.p95;
    if (left === undefined || right === undefined) {
      if (left === right) return byId(a, b);
      return left === undefined ? 1 : -1;
    }
    return sign * (left - right) || byId(a, b);
  };
}

function placeholders(count: number): string {
  return Array.from({ length: Math.max(count, 1) }, () => '?').join(', ');
}

async function datapointCounts(
  db: Database,
  metric: DatasetMetric,
  resourceIds: readonly string[],
  period: { start: string; end: string },
): Promise<Map<string, number>> {
  if (resourceIds.length === 0) return new Map();
  const rows = await db.all<{ resource_id: string; n: number }>(
    `SELECT resource_id, count(*) AS n FROM utilization_hourly
     WHERE metric = ? AND resource_id IN (${placeholders(resourceIds.length)})
       AND ts >= CAST(? AS TIMESTAMP) AND ts < CAST(? AS TIMESTAMP)
     GROUP BY resource_id`,
    [metric.column, ...resourceIds, period.start, period.end],
  );
  return new Map(rows.map((row) => [row.resource_id, Number(row.n)]));
}

/** A statistic's SQL: CloudWatch's five, or a percentile (already checked against PERCENTILE_PATTERN). */
function statisticSql(statistic: string): string {
  const known = SQL_STATISTICS[statistic];
  if (known) return known;
  const fraction = Number(statistic.slice(1)) / 100;
  if (!Number.isFinite(fraction) || fraction < 0 || fraction > 1)
    throw new FinopsError(
      'finops_invalid_input',
      `statistic "${statistic}" is neither ${Object.keys(SQL_STATISTICS).join(', ')} nor a percentile such as p95`,
    );
  return `quantile_cont(value, ${fraction})`;
}

interface PointRow {
  timestamp: string;
  values: Record<string, number | null>;
}

/**
 * Each resource's datapoints aggregated into buckets of `periodSeconds` counted from the start of
 * the period, as CloudWatch aligns them; a bucket's timestamp is its start.
 */
async function aggregatePoints(
  db: Database,
  query: {
    column: string;
    resourceIds: readonly string[];
    period: { start: string; end: string };
    periodSeconds: number;
    startEpoch: number;
    statistics: readonly string[];
  },
): Promise<Map<string, PointRow[]>> {
  const result = new Map<string, PointRow[]>();
  if (query.resourceIds.length === 0 || query.statistics.length === 0) return result;
  const columns = query.statistics.map((statistic, index) => `${statisticSql(statistic)} AS s${index}`);
  const rows = await db.all<Record<string, unknown> & { resource_id: string; bucket: number }>(
    `SELECT resource_id, CAST(floor((epoch(ts) - ?) / ?) AS BIGINT) AS bucket, ${columns.join(', ')}
     FROM utilization_hourly
     WHERE metric = ? AND resource_id IN (${placeholders(query.resourceIds.length)})
       AND ts >= CAST(? AS TIMESTAMP) AND ts < CAST(? AS TIMESTAMP)
     GROUP BY ALL ORDER BY resource_id, bucket`,
    [
      query.startEpoch,
      query.periodSeconds,
      query.column,
      ...query.resourceIds,
      query.period.start,
      query.period.end,
    ],
  );
  for (const row of rows) {
    const values: Record<string, number | null> = {};
    query.statistics.forEach((statistic, index) => {
      const value = row[`s${index}`];
      values[statistic] = typeof value === 'number' ? value : value === null ? null : Number(value);
    });
    const timestamp = new Date((query.startEpoch + Number(row.bucket) * query.periodSeconds) * 1000)
      .toISOString()
      .replace('.000Z', 'Z');
    const list = result.get(row.resource_id) ?? [];
    list.push({ timestamp, values });
    result.set(row.resource_id, list);
  }
  return result;
}
