import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { metricAddress } from '../../../adapters/aws/aws-cloudwatch-backend.ts';
import { getMetricDataInput, getUtilizationSummaryInput } from '../../../mcp/contracts/cloudwatch.ts';
import {
  type AwsLoopback,
  createLiveSetup,
  fixture,
  type LiveSetup,
  type RecordedRequest,
  startAwsLoopback,
} from './aws-loopback.ts';

interface MetricQuery {
  Id: string;
  Label: string;
  MetricStat: {
    Metric: { Namespace: string; MetricName: string; Dimensions: { Name: string; Value: string }[] };
    Period: number;
    Stat: string;
  };
  ReturnData: boolean;
}

interface MetricDataExample {
  MetricDataResults: {
    Id: string;
    Label: string;
    Timestamps: string[];
    Values: number[];
    StatusCode: string;
  }[];
}

/** CloudWatch's JSON protocol sends timestamps as epoch seconds; the CLI example prints ISO strings. */
function epochSeconds(iso: string): number {
  return Date.parse(iso) / 1000;
}

function queries(request: RecordedRequest | undefined): MetricQuery[] {
  return (request?.body.MetricDataQueries ?? []) as MetricQuery[];
}

describe('createAwsCloudWatchBackend', () => {
  let loopback: AwsLoopback;
  let live: LiveSetup;

  beforeAll(async () => {
    loopback = await startAwsLoopback();
  });
  afterAll(async () => {
    await loopback.close();
  });
  beforeEach(() => {
    loopback.requests.length = 0;
    live = createLiveSetup(loopback);
  });
  afterEach(() => {
    live.backends.close();
  });

  it('should address EC2, agent memory, EBS and RDS metrics by their namespaces and dimensions', () => {
    expect(metricAddress('i-0abc', 'CPUUtilization')).toEqual({
      namespace: 'AWS/EC2',
      dimension: 'InstanceId',
      value: 'i-0abc',
    });
    expect(metricAddress('i-0abc', 'mem_used_percent')).toEqual({
      namespace: 'CWAgent',
      dimension: 'InstanceId',
      value: 'i-0abc',
    });
    expect(metricAddress('arn:aws:ec2:eu-west-1:111111111111:instance/i-0def', 'CPUUtilization')).toEqual({
      namespace: 'AWS/EC2',
      dimension: 'InstanceId',
      value: 'i-0def',
    });
    expect(metricAddress('vol-0123', 'VolumeIdleTime')).toEqual({
      namespace: 'AWS/EBS',
      dimension: 'VolumeId',
      value: 'vol-0123',
    });
    expect(metricAddress('orders-db', 'DatabaseConnections')).toEqual({
      namespace: 'AWS/RDS',
      dimension: 'DBInstanceIdentifier',
      value: 'orders-db',
    });
    expect(metricAddress('arn:aws:rds:eu-west-1:111111111111:db:billing', 'CPUUtilization')).toEqual({
      namespace: 'AWS/RDS',
      dimension: 'DBInstanceIdentifier',
      value: 'billing',
    });
  });

  it('should send one query per resource and statistic, percentiles included, and map the results', async () => {
    const example = fixture<MetricDataExample>('cloudwatch_get-metric-data_example1.json');
    const recorded = fixture<{ data: { Datapoints: { ExtendedStatistics: { p95: number } }[] } }>(
      'placebo_ec2-metric-extended-stats_GetMetricStatistics.json',
    );
    const p95 = recorded.data.Datapoints[0]?.ExtendedStatistics.p95 ?? Number.NaN;
    const average = example.MetricDataResults[0]!;
    loopback.on('cloudwatch.GetMetricData', {
      json: {
        MetricDataResults: [
          { ...average, Id: 'q0', Timestamps: average.Timestamps.map(epochSeconds) },
          {
            Id: 'q1',
            Label: 'i-0abc p95',
            Timestamps: average.Timestamps.map(epochSeconds),
            Values: [p95],
            StatusCode: 'Complete',
          },
          { Id: 'q2', Label: 'orders-db Average', Timestamps: [], Values: [], StatusCode: 'Complete' },
          { Id: 'q3', Label: 'orders-db p95', Timestamps: [], Values: [], StatusCode: 'Complete' },
        ],
        Messages: [],
      },
    });
    const result = await live.backends.cloudwatch.getMetricData(
      getMetricDataInput.parse({
        resource_ids: ['i-0abc', 'orders-db'],
        metric: 'CPUUtilization',
        period: { start: '2024-09-29', end: '2024-09-30' },
        period_seconds: 300,
        statistics: ['Average'],
        percentiles: ['p95'],
      }),
    );
    const [request] = loopback.of('cloudwatch.GetMetricData');
    expect(request?.headers['x-amz-target']).toBe('GraniteServiceVersion20100801.GetMetricData');
    expect(request?.signingService).toBe('monitoring');
    expect(request?.signingRegion).toBe('eu-west-1');
    expect(request?.body).toMatchObject({
      StartTime: epochSeconds('2024-09-29T00:00:00Z'),
      EndTime: epochSeconds('2024-09-30T00:00:00Z'),
      ScanBy: 'TimestampAscending',
    });
    expect(queries(request)).toEqual([
      {
        Id: 'q0',
        Label: 'i-0abc Average',
        MetricStat: {
          Metric: {
            Namespace: 'AWS/EC2',
            MetricName: 'CPUUtilization',
            Dimensions: [{ Name: 'InstanceId', Value: 'i-0abc' }],
          },
          Period: 300,
          Stat: 'Average',
        },
        ReturnData: true,
      },
      expect.objectContaining({ Id: 'q1', MetricStat: expect.objectContaining({ Stat: 'p95' }) }),
      expect.objectContaining({
        Id: 'q2',
        MetricStat: expect.objectContaining({
          Metric: {
            Namespace: 'AWS/RDS',
            MetricName: 'CPUUtilization',
            Dimensions: [{ Name: 'DBInstanceIdentifier', Value: 'orders-db' }],
          },
        }),
      }),
      expect.objectContaining({ Id: 'q3' }),
    ]);
    expect(result.series.slice(0, 2)).toEqual([
      {
        resource_id: 'i-0abc',
        statistic: 'Average',
        unit: 'Percent',
        points: [{ timestamp: '2024-09-29T22:10:00.000Z', value: average.Values[0] }],
      },
      {
        resource_id: 'i-0abc',
        statistic: 'p95',
        unit: 'Percent',
        points: [{ timestamp: '2024-09-29T22:10:00.000Z', value: p95 }],
      },
    ]);
    expect(result.messages).toEqual([
      expect.stringMatching(
        /^no CPUUtilization data for orders-db \(AWS\/RDS DBInstanceIdentifier=orders-db\)/,
      ),
    ]);
  });

  it('should follow NextToken across three pages and join the points of each query', async () => {
    const page = (seconds: number, value: number, next?: string) => ({
      json: {
        MetricDataResults: [
          {
            Id: 'q0',
            Label: 'x',
            Timestamps: [seconds],
            Values: [value],
            StatusCode: next ? 'PartialData' : 'Complete',
          },
        ],
        Messages: [],
        ...(next ? { NextToken: next } : {}),
      },
    });
    const base = epochSeconds('2026-11-01T00:00:00Z');
    loopback.on('cloudwatch.GetMetricData', (request) => {
      if (request.body.NextToken === undefined) return page(base, 1, 't2');
      if (request.body.NextToken === 't2') return page(base + 3600, 2, 't3');
      return page(base + 7200, 3);
    });
    const result = await live.backends.cloudwatch.getMetricData(
      getMetricDataInput.parse({
        resource_ids: ['i-0abc'],
        metric: 'NetworkIn',
        period: { start: '2026-11-01', end: '2026-11-02' },
        statistics: ['Sum'],
      }),
    );
    expect(loopback.of('cloudwatch.GetMetricData').map((request) => request.body.NextToken)).toEqual([
      undefined,
      't2',
      't3',
    ]);
    expect(result.series[0]).toEqual({
      resource_id: 'i-0abc',
      statistic: 'Sum',
      unit: 'Bytes',
      points: [
        { timestamp: '2026-11-01T00:00:00.000Z', value: 1 },
        { timestamp: '2026-11-01T01:00:00.000Z', value: 2 },
        { timestamp: '2026-11-01T02:00:00.000Z', value: 3 },
      ],
    });
  });

  it('should summarise p50, p95 and max over the window in batches of at most 500 queries', async () => {
    const ids = Array.from({ length: 130 }, (_, index) => `i-${String(index).padStart(4, '0')}`);
    /** A value every query can be checked against: the instance number and the statistic. */
    const answerFor = (query: MetricQuery) => {
      const instance = Number(query.MetricStat.Metric.Dimensions[0]?.Value.slice(2));
      const offset =
        { p50: 0.25, p95: 0.5, Maximum: 0.75, SampleCount: 0 }[query.MetricStat.Stat] ?? Number.NaN;
      if (query.MetricStat.Stat === 'SampleCount')
        return query.MetricStat.Metric.MetricName === 'mem_used_percent' ? 0 : 336;
      return instance + offset;
    };
    loopback.on('cloudwatch.GetMetricData', (request) => ({
      json: {
        MetricDataResults: queries(request).map((query) => ({
          Id: query.Id,
          Label: query.Label,
          Timestamps: [request.body.StartTime],
          Values: [answerFor(query)],
          StatusCode: 'Complete',
        })),
        Messages: [],
      },
    }));
    const result = await live.backends.cloudwatch.getUtilizationSummary(
      getUtilizationSummaryInput.parse({
        resource_type: 'ec2',
        resource_ids: ids,
        sort_by: 'cpu_p95_desc',
        limit: 2,
      }),
    );
    const requests = loopback.of('cloudwatch.GetMetricData');
    // 130 instances × 4 metrics × 4 statistics = 2080 queries.
    expect(requests.map((request) => queries(request).length)).toEqual([500, 500, 500, 500, 80]);
    expect(requests[0]?.body).toMatchObject({
      StartTime: epochSeconds('2026-11-10T00:00:00Z'),
      EndTime: epochSeconds('2026-11-24T00:00:00Z'),
    });
    expect(queries(requests[0])[0]?.MetricStat.Period).toBe(14 * 86_400);
    expect(result.window).toEqual({ start: '2026-11-10', end: '2026-11-24' });
    expect(result.resources.map((resource) => resource.resource_id)).toEqual(['i-0129', 'i-0128']);
    expect(result.resources[0]?.metrics).toEqual({
      CPUUtilization: { p50: 129.25, p95: 129.5, max: 129.75, datapoints: 336 },
      NetworkIn: { p50: 129.25, p95: 129.5, max: 129.75, datapoints: 336 },
      NetworkOut: { p50: 129.25, p95: 129.5, max: 129.75, datapoints: 336 },
    });
    expect(result.truncated).toBe(true);
  });

  it('should ask for resource ids, which live CloudWatch cannot enumerate', async () => {
    await expect(
      live.backends.cloudwatch.getUtilizationSummary(
        getUtilizationSummaryInput.parse({ resource_type: 'rds' }),
      ),
    ).rejects.toThrow(/pass resource_ids/);
    expect(loopback.requests).toHaveLength(0);
  });
});
