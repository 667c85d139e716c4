import {
  GetMetricDataCommand,
  type GetMetricDataCommandInput,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import { z } from 'zod';
import { paginate } from '../../mcp/backends/page-token.ts';
import type {
  CloudWatchBackend,
  GetMetricDataOutput,
  GetUtilizationSummaryOutput,
} from '../../mcp/contracts/cloudwatch.ts';
import { METRIC_NAMES_BY_RESOURCE } from '../../mcp/contracts/cloudwatch.ts';
import type { CallOptions, DayRange } from '../../mcp/contracts/common.ts';
import { FinopsError } from '../../src/errors.ts';
import { type AwsCaller, callOptionsFor } from './aws-caller.ts';
import { addDays, toDay } from './aws-values.ts';

export interface AwsCloudWatchBackendOptions {
  caller: AwsCaller;
  now: () => Date;
}

/** GetMetricData accepts at most 500 queries per request. */
export const MAX_QUERIES_PER_REQUEST = 500;
const DEFAULT_WINDOW_DAYS = 14;
const SOURCE = 'Amazon CloudWatch GetMetricData (live)';

const getMetricDataResponse = z.object({
  MetricDataResults: z
    .array(
      z.object({
        Id: z.string(),
        Label: z.string().optional(),
        Timestamps: z.array(z.string()).default([]),
        Values: z.array(z.number()).default([]),
        StatusCode: z.string().optional(),
      }),
    )
    .default([]),
  Messages: z.array(z.object({ Code: z.string().optional(), Value: z.string().optional() })).default([]),
  NextToken: z.string().optional(),
});

/** CloudWatch reports no unit in GetMetricData; these are the units AWS documents for each metric. */
const UNITS: Record<string, string> = {
  CPUUtilization: 'Percent',
  mem_used_percent: 'Percent',
  NetworkIn: 'Bytes',
  NetworkOut: 'Bytes',
  DatabaseConnections: 'Count',
  VolumeReadOps: 'Count',
  VolumeWriteOps: 'Count',
  VolumeIdleTime: 'Seconds',
  FreeableMemory: 'Bytes',
};

export interface MetricAddress {
  namespace: string;
  dimension: string;
  value: string;
}

/**
 * Where a resource's metric lives: EC2 instances (i-…) under AWS/EC2 InstanceId, memory from the
 * CloudWatch agent under CWAgent, volumes (vol-…) under AWS/EBS VolumeId, anything else is taken
 * as an RDS DB instance identifier (ARNs are reduced to their id).
 */
export function metricAddress(resourceId: string, metric: string): MetricAddress {
  const arn = /^arn:aws[a-z-]*:([a-z0-9-]+):[^:]*:\d*:(.+)$/.exec(resourceId);
  const service = arn?.[1];
  const resource = arn?.[2] ?? resourceId;
  const id = resource.replace(/^(instance|volume)\//, '').replace(/^db:/, '');
  if (service === 'rds' || (!service && !/^(i|vol)-/.test(id))) {
    return { namespace: 'AWS/RDS', dimension: 'DBInstanceIdentifier', value: id };
  }
  if (id.startsWith('vol-')) return { namespace: 'AWS/EBS', dimension: 'VolumeId', value: id };
  if (metric === 'mem_used_percent') return { namespace: 'CWAgent', dimension: 'InstanceId', value: id };
  return { namespace: 'AWS/EC2', dimension: 'InstanceId', value: id };
}

interface SeriesRequest {
  resourceId: string;
  metric: string;
  statistic: string;
}

interface SeriesResult extends SeriesRequest {
  points: { timestamp: string; value: number }[];
}

/**
 * The cloudwatch port over live CloudWatch: GetMetricData with one query per resource and
 * statistic, in batches of 500, through every NextToken page.
 */
export function createAwsCloudWatchBackend(options: AwsCloudWatchBackendOptions): CloudWatchBackend {
  const { caller } = options;

  async function readSeries(
    requests: SeriesRequest[],
    period: DayRange,
    periodSeconds: number,
    callOptions: CallOptions | undefined,
  ): Promise<{ series: SeriesResult[]; messages: string[]; cached: boolean }> {
    const series: SeriesResult[] = requests.map((request) => ({ ...request, points: [] }));
    const messages: string[] = [];
    let cached = true;
    for (let offset = 0; offset < requests.length; offset += MAX_QUERIES_PER_REQUEST) {
      const batch = requests.slice(offset, offset + MAX_QUERIES_PER_REQUEST);
      const queries: MetricDataQuery[] = batch.map((request, index) => {
        const address = metricAddress(request.resourceId, request.metric);
        return {
          Id: `q${offset + index}`,
          Label: `${request.resourceId} ${request.statistic}`,
          MetricStat: {
            Metric: {
              Namespace: address.namespace,
              MetricName: request.metric,
              Dimensions: [{ Name: address.dimension, Value: address.value }],
            },
            Period: periodSeconds,
            // Percentiles such as p95 are CloudWatch extended statistics, written the same way.
            Stat: request.statistic,
          },
          ReturnData: true,
        };
      });
      let token: string | undefined;
      do {
        const input: GetMetricDataCommandInput = {
          MetricDataQueries: queries,
          StartTime: new Date(`${period.start}T00:00:00Z`),
          EndTime: new Date(`${period.end}T00:00:00Z`),
          ScanBy: 'TimestampAscending',
          ...(token ? { NextToken: token } : {}),
        };
        const result = await caller.call({
          service: 'cloudwatch',
          operation: 'GetMetricData',
          input,
          options: callOptions,
          schema: getMetricDataResponse,
          send: (clients, target, signal) =>
            clients
              .cloudwatch(target)
              .send(new GetMetricDataCommand(input), signal ? { abortSignal: signal } : {}),
        });
        cached &&= result.cached;
        for (const data of result.output.MetricDataResults) {
          const target = series[Number(data.Id.slice(1))];
          if (!target) continue;
          data.Timestamps.forEach((timestamp, index) => {
            const value = data.Values[index];
            if (value !== undefined)
              target.points.push({ timestamp: new Date(timestamp).toISOString(), value });
          });
        }
        for (const message of result.output.Messages) {
          if (message.Value) messages.push(`CloudWatch: ${message.Code ?? 'message'}: ${message.Value}`);
        }
        token = result.output.NextToken || undefined;
      } while (token);
    }
    for (const entry of series) entry.points.sort((a, b) => a.timestamp.localeCompare(b.timestamp));
    return { series, messages, cached };
  }

  return {
    kind: 'aws',

    async getMetricData(input, given) {
      const callOptions = callOptionsFor(input, given);
      const statistics = [...input.statistics, ...input.percentiles];
      const requests = input.resource_ids.flatMap((resourceId) =>
        statistics.map((statistic) => ({ resourceId, metric: input.metric, statistic })),
      );
      const read = await readSeries(requests, input.period, input.period_seconds, callOptions);
      const messages = [...read.messages];
      for (const resourceId of input.resource_ids) {
        const empty = read.series.filter(
          (entry) => entry.resourceId === resourceId && entry.points.length === 0,
        );
        if (empty.length > 0 && empty.length === statistics.length) {
          const address = metricAddress(resourceId, input.metric);
          messages.push(
            `no ${input.metric} data for ${resourceId} (${address.namespace} ${address.dimension}=${address.value}) in the period: check the id and the region${input.metric === 'mem_used_percent' ? ', and that the CloudWatch agent publishes memory' : ''}`,
          );
        }
      }
      const series: GetMetricDataOutput['series'] = read.series.map((entry) => ({
        resource_id: entry.resourceId,
        statistic: entry.statistic,
        unit: UNITS[input.metric] ?? 'None',
        points: entry.points,
      }));
      const { page, ...paging } = paginate(series, input, {
        tool: 'get_metric_data',
        resource_ids: input.resource_ids,
        metric: input.metric,
        period: input.period,
        period_seconds: input.period_seconds,
        statistics,
        region: input.region,
        role_arn: input.role_arn,
      });
      return {
        series: page,
        messages,
        provenance: {
          source: SOURCE,
          kind: 'aws-api',
          currency: 'USD',
          metric: input.metric,
          period: input.period,
          cached: read.cached,
        },
        ...paging,
      };
    },

    async getUtilizationSummary(input, given) {
      const callOptions = callOptionsFor(input, given);
      if (!input.resource_ids || input.resource_ids.length === 0) {
        throw new FinopsError(
          'finops_invalid_input',
          'live CloudWatch cannot list resources: pass resource_ids (e.g. the instance ids from the tagging server get_resources with resource_types ["ec2:instance"])',
        );
      }
      const today = toDay(options.now());
      const window = input.period ?? { start: addDays(today, -DEFAULT_WINDOW_DAYS), end: today };
      const days = Math.round((Date.parse(window.end) - Date.parse(window.start)) / 86_400_000);
      const metrics = METRIC_NAMES_BY_RESOURCE[input.resource_type];
      // One period spanning the whole window: CloudWatch computes p50 / p95 / max over every raw
      // datapoint in it, and SampleCount says how many there were.
      const stats = ['p50', 'p95', 'Maximum', 'SampleCount'] as const;
      const requests = input.resource_ids.flatMap((resourceId) =>
        metrics.flatMap((metric) => stats.map((statistic) => ({ resourceId, metric, statistic }))),
      );
      const read = await readSeries(requests, window, days * 86_400, callOptions);
      const region = callOptions.region;
      const resources: GetUtilizationSummaryOutput['resources'] = input.resource_ids.map((resourceId) => {
        const value = (metric: string, statistic: string) =>
          read.series.find(
            (entry) =>
              entry.resourceId === resourceId && entry.metric === metric && entry.statistic === statistic,
          )?.points[0]?.value;
        const summary: GetUtilizationSummaryOutput['resources'][number]['metrics'] = {};
        for (const metric of metrics) {
          const datapoints = value(metric, 'SampleCount') ?? 0;
          if (datapoints === 0) continue;
          summary[metric] = {
            p50: value(metric, 'p50') ?? 0,
            p95: value(metric, 'p95') ?? 0,
            max: value(metric, 'Maximum') ?? 0,
            datapoints: Math.round(datapoints),
          };
        }
        return { resource_id: resourceId, ...(region ? { region } : {}), metrics: summary };
      });
      const cpu = (entry: (typeof resources)[number]) => entry.metrics.CPUUtilization?.p95;
      resources.sort((a, b) => {
        if (input.sort_by === 'resource_id') return a.resource_id.localeCompare(b.resource_id);
        const left = cpu(a);
        const right = cpu(b);
        if (left === undefined || right === undefined) {
          return (
            (left === undefined ? 1 : 0) - (right === undefined ? 1 : 0) ||
            a.resource_id.localeCompare(b.resource_id)
          );
        }
        return input.sort_by === 'cpu_p95_asc' ? left - right : right - left;
      });
      const { page, ...paging } = paginate(resources, input, {
        tool: 'get_utilization_summary',
        resource_type: input.resource_type,
        resource_ids: input.resource_ids,
        window,
        sort_by: input.sort_by,
        region: input.region,
        role_arn: input.role_arn,
      });
      return {
        resources: page,
        window,
        provenance: {
          source: `${SOURCE}: p50, p95, Maximum and SampleCount over the whole window`,
          kind: 'aws-api',
          currency: 'USD',
          period: window,
          cached: read.cached,
        },
        ...paging,
      };
    },
  };
}
