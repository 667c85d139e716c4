import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  comparePeriodsInput,
  explainChangeInput,
  getAnomaliesInput,
  getCostAndUsageInput,
  getCostForecastInput,
  getDimensionValuesInput,
  getSavingsPlansCoverageInput,
  getSavingsPlansUtilizationInput,
  getTagValuesInput,
} from '../../../mcp/contracts/cost-explorer.ts';
import {
  type AwsLoopback,
  createLiveSetup,
  fixture,
  type LiveSetup,
  startAwsLoopback,
} from './aws-loopback.ts';

interface CeExample {
  ResultsByTime: { Groups: { Keys: string[]; Metrics: Record<string, { Amount: string }> }[] }[];
}

describe('createAwsCostExplorerBackend', () => {
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

  it('should map group_by, filters and metric onto GetCostAndUsage and read AWS example groups', async () => {
    const example = fixture<CeExample>('ce_get-cost-and-usage_example1.json');
    loopback.on('ce.GetCostAndUsage', { json: example });
    const result = await live.backends.costExplorer.getCostAndUsage(
      getCostAndUsageInput.parse({
        period: { start: '2017-09-01', end: '2017-10-01' },
        metric: 'BilledCost',
        group_by: ['service', 'tag:Environment'],
        filters: [
          { dimension: 'sub_account', values: ['123456789012'] },
          { dimension: 'tag:team', op: 'missing' },
          { dimension: 'region', op: 'not_in', values: ['us-east-1'] },
        ],
      }),
    );
    const [request] = loopback.of('ce.GetCostAndUsage');
    expect(request?.body).toEqual({
      TimePeriod: { Start: '2017-09-01', End: '2017-10-01' },
      Granularity: 'MONTHLY',
      Metrics: ['UnblendedCost'],
      GroupBy: [
        { Type: 'DIMENSION', Key: 'SERVICE' },
        { Type: 'TAG', Key: 'Environment' },
      ],
      Filter: {
        And: [
          { Dimensions: { Key: 'LINKED_ACCOUNT', Values: ['123456789012'], MatchOptions: ['EQUALS'] } },
          { Tags: { Key: 'team', MatchOptions: ['ABSENT'] } },
          { Not: { Dimensions: { Key: 'REGION', Values: ['us-east-1'], MatchOptions: ['EQUALS'] } } },
        ],
      },
    });
    expect(request?.signingService).toBe('ce');
    expect(request?.signingRegion).toBe('us-east-1');
    const groups = example.ResultsByTime[0]?.Groups ?? [];
    const amounts = groups.map((group) => Number(group.Metrics.UnblendedCost?.Amount));
    expect(result.rows).toEqual([
      {
        period_start: '2017-09-01',
        group: { service: 'Amazon Simple Storage Service', 'tag:Environment': null },
        amount: expect.closeTo(amounts[0] ?? Number.NaN, 6),
      },
      {
        period_start: '2017-09-01',
        group: { service: 'Amazon Simple Storage Service', 'tag:Environment': 'Dev' },
        amount: expect.closeTo(amounts[1] ?? Number.NaN, 6),
      },
    ]);
    expect(result.total).toBeCloseTo(40.3543773134 + 0.2682364644, 6);
    expect(result.provenance).toMatchObject({
      kind: 'aws-api',
      currency: 'USD',
      metric: 'UnblendedCost',
      cached: false,
    });
  });

  /** A GetCostAndUsage page grouped by SERVICE: one MONTHLY period, the given services and amounts. */
  function servicePage(start: string, end: string, groups: [string, string][], next?: string) {
    return {
      json: {
        GroupDefinitions: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
        ResultsByTime: [
          {
            TimePeriod: { Start: start, End: end },
            Total: {},
            Groups: groups.map(([service, amount]) => ({
              Keys: [service],
              Metrics: { NetAmortizedCost: { Amount: amount, Unit: 'USD' } },
            })),
            Estimated: false,
          },
        ],
        DimensionValueAttributes: [],
        ...(next ? { NextPageToken: next } : {}),
      },
    };
  }

  it('should follow NextPageToken across three pages and page the rows itself from the cache', async () => {
    loopback.on('ce.GetCostAndUsage', (request) => {
      const token = request.body.NextPageToken;
      if (token === undefined)
        return servicePage('2026-10-01', '2026-11-01', [['Amazon EC2', '100.5']], 'page-2');
      if (token === 'page-2')
        return servicePage('2026-10-01', '2026-11-01', [['Amazon S3', '20.25']], 'page-3');
      return servicePage('2026-10-01', '2026-11-01', [['AWS Lambda', '3.125']]);
    });
    const input = getCostAndUsageInput.parse({
      period: { start: '2026-10-01', end: '2026-11-01' },
      group_by: ['service'],
      limit: 2,
    });
    const first = await live.backends.costExplorer.getCostAndUsage(input);
    expect(loopback.of('ce.GetCostAndUsage').map((request) => request.body.NextPageToken)).toEqual([
      undefined,
      'page-2',
      'page-3',
    ]);
    expect(first.rows.map((row) => row.amount)).toEqual([100.5, 20.25]);
    expect(first.row_count).toBe(3);
    expect(first.total).toBeCloseTo(100.5 + 20.25 + 3.125, 6);
    expect(first.truncated).toBe(true);
    const second = await live.backends.costExplorer.getCostAndUsage({
      ...input,
      page_token: first.next_page_token,
    });
    expect(second.rows).toEqual([
      { period_start: '2026-10-01', group: { service: 'AWS Lambda' }, amount: 3.125 },
    ]);
    expect(second.provenance.cached).toBe(true);
    expect(loopback.of('ce.GetCostAndUsage')).toHaveLength(3);
  });

  it('should sum months into one row per group for total granularity and ask DAILY for day', async () => {
    loopback.on('ce.GetCostAndUsage', {
      json: {
        ResultsByTime: [
          {
            TimePeriod: { Start: '2026-09-15', End: '2026-10-01' },
            Groups: [{ Keys: ['Amazon EC2'], Metrics: { NetAmortizedCost: { Amount: '10', Unit: 'USD' } } }],
          },
          {
            TimePeriod: { Start: '2026-10-01', End: '2026-10-15' },
            Groups: [
              { Keys: ['Amazon EC2'], Metrics: { NetAmortizedCost: { Amount: '5.5', Unit: 'USD' } } },
              { Keys: ['Amazon S3'], Metrics: { NetAmortizedCost: { Amount: '1', Unit: 'USD' } } },
            ],
          },
        ],
      },
    });
    const total = await live.backends.costExplorer.getCostAndUsage(
      getCostAndUsageInput.parse({
        period: { start: '2026-09-15', end: '2026-10-15' },
        granularity: 'total',
        group_by: ['service'],
      }),
    );
    expect(total.rows).toEqual([
      { group: { service: 'Amazon EC2' }, amount: 15.5 },
      { group: { service: 'Amazon S3' }, amount: 1 },
    ]);
    expect(loopback.of('ce.GetCostAndUsage')[0]?.body.Metrics).toEqual(['NetAmortizedCost']);
    loopback.on('ce.GetCostAndUsage', {
      json: {
        ResultsByTime: [
          {
            TimePeriod: { Start: '2026-10-01', End: '2026-10-02' },
            Total: { NetAmortizedCost: { Amount: '7', Unit: 'USD' } },
          },
        ],
      },
    });
    const daily = await live.backends.costExplorer.getCostAndUsage(
      getCostAndUsageInput.parse({ period: { start: '2026-10-01', end: '2026-10-02' }, granularity: 'day' }),
    );
    expect(loopback.of('ce.GetCostAndUsage')[1]?.body.Granularity).toBe('DAILY');
    expect(daily.rows).toEqual([{ period_start: '2026-10-01', group: {}, amount: 7 }]);
  });

  it('should refuse ListCost and resource-level dimensions without calling AWS', async () => {
    await expect(
      live.backends.costExplorer.getCostAndUsage(
        getCostAndUsageInput.parse({
          period: { start: '2026-10-01', end: '2026-11-01' },
          metric: 'ListCost',
        }),
      ),
    ).rejects.toThrow(/ListCost is not available from live Cost Explorer/);
    await expect(
      live.backends.costExplorer.getCostAndUsage(
        getCostAndUsageInput.parse({
          period: { start: '2026-10-01', end: '2026-11-01' },
          group_by: ['resource'],
        }),
      ),
    ).rejects.toThrow(/dimension resource is not available .* use one of service, sub_account/);
    expect(loopback.requests).toHaveLength(0);
  });

  it('should compare two ranges of different lengths with one request each and fold the smallest changes', async () => {
    loopback.on('ce.GetCostAndUsage', (request) => {
      const start = (request.body.TimePeriod as { Start: string }).Start;
      return start === '2026-10-01'
        ? servicePage('2026-10-01', '2026-11-01', [
            ['EC2', '100'],
            ['S3', '10'],
            ['Lambda', '5'],
          ])
        : servicePage('2026-09-01', '2026-09-15', [
            ['EC2', '60'],
            ['S3', '12'],
            ['KMS', '1'],
          ]);
    });
    const result = await live.backends.costExplorer.comparePeriods(
      comparePeriodsInput.parse({
        current: { start: '2026-10-01', end: '2026-11-01' },
        previous: { start: '2026-09-01', end: '2026-09-15' },
        group_by: 'service',
        limit: 2,
      }),
    );
    expect(loopback.of('ce.GetCostAndUsage')).toHaveLength(2);
    expect(result.current_total).toBe(115);
    expect(result.previous_total).toBe(73);
    expect(result.delta).toBe(42);
    expect(result.delta_percent).toBeCloseTo((42 / 73) * 100, 4);
    expect(result.rows).toEqual([
      { key: 'EC2', previous: 60, current: 100, delta: 40 },
      { key: 'Lambda', previous: 0, current: 5, delta: 5 },
      { key: '(other)', label: '(other: 2 groups)', previous: 13, current: 10, delta: -3 },
    ]);
  });

  it('should explain a change two levels deep with children summing to their parent', async () => {
    const page = (start: string, cells: [string, string, string][]) => ({
      json: {
        ResultsByTime: [
          {
            TimePeriod: { Start: start, End: '2026-12-01' },
            Groups: cells.map(([service, account, amount]) => ({
              Keys: [service, account],
              Metrics: { NetAmortizedCost: { Amount: amount, Unit: 'USD' } },
            })),
          },
        ],
        DimensionValueAttributes: [{ Value: '111111111111', Attributes: { description: 'prod' } }],
      },
    });
    loopback.on('ce.GetCostAndUsage', (request) =>
      (request.body.TimePeriod as { Start: string }).Start === '2026-11-01'
        ? page('2026-11-01', [
            ['EC2', '111111111111', '80'],
            ['EC2', '222222222222', '30'],
            ['S3', '111111111111', '9'],
          ])
        : page('2026-10-01', [
            ['EC2', '111111111111', '50'],
            ['EC2', '222222222222', '20'],
            ['S3', '111111111111', '10'],
          ]),
    );
    const result = await live.backends.costExplorer.explainChange(
      explainChangeInput.parse({
        current: { start: '2026-11-01', end: '2026-12-01' },
        previous: { start: '2026-10-01', end: '2026-11-01' },
        top_per_level: 1,
      }),
    );
    expect(loopback.of('ce.GetCostAndUsage')[0]?.body.GroupBy).toEqual([
      { Type: 'DIMENSION', Key: 'SERVICE' },
      { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
    ]);
    expect(result.delta).toBe(39);
    const [ec2, other] = result.drivers;
    expect(ec2).toMatchObject({ dimension: 'service', key: 'EC2', previous: 70, current: 110, delta: 40 });
    expect(other).toMatchObject({ dimension: 'service', is_other: true, delta: -1, children: [] });
    expect(ec2?.children.map((child) => [child.key, child.label, child.delta])).toEqual([
      ['111111111111', 'prod', 30],
      [null, '(other: 1)', 10],
    ]);
    expect((ec2?.children ?? []).reduce((sum, child) => sum + child.delta, 0)).toBe(ec2?.delta);
    expect(result.provenance.source).toMatch(/usage_type, resource need the embedded dataset/);
  });

  it('should add actual spend to date to two forecasts, one per prediction interval', async () => {
    loopback.on('ce.GetCostAndUsage', {
      json: {
        ResultsByTime: [
          {
            TimePeriod: { Start: '2026-11-01', End: '2026-11-24' },
            Total: { NetAmortizedCost: { Amount: '2300', Unit: 'USD' } },
          },
        ],
      },
    });
    loopback.on('ce.GetCostForecast', (request) => {
      const wide = request.body.PredictionIntervalLevel === 95;
      return {
        json: {
          Total: { Amount: '700', Unit: 'USD' },
          ForecastResultsByTime: [
            {
              TimePeriod: { Start: '2026-11-24', End: '2026-12-01' },
              MeanValue: '700',
              PredictionIntervalLowerBound: wide ? '600' : '650',
              PredictionIntervalUpperBound: wide ? '820' : '760',
            },
          ],
        },
      };
    });
    const result = await live.backends.costExplorer.getCostForecast(
      getCostForecastInput.parse({ period: { start: '2026-11-01', end: '2026-12-01' }, group_by: 'service' }),
    );
    expect(loopback.of('ce.GetCostAndUsage')[0]?.body.TimePeriod).toEqual({
      Start: '2026-11-01',
      End: '2026-11-24',
    });
    expect(loopback.of('ce.GetCostForecast').map((request) => request.body)).toEqual([
      {
        TimePeriod: { Start: '2026-11-24', End: '2026-12-01' },
        Metric: 'NET_AMORTIZED_COST',
        Granularity: 'MONTHLY',
        PredictionIntervalLevel: 80,
      },
      {
        TimePeriod: { Start: '2026-11-24', End: '2026-12-01' },
        Metric: 'NET_AMORTIZED_COST',
        Granularity: 'MONTHLY',
        PredictionIntervalLevel: 95,
      },
    ]);
    expect(result).toMatchObject({
      actual_to_date: 2300,
      forecast_remaining: 700,
      total: 3000,
      interval_80: { low: 2950, high: 3060 },
      interval_95: { low: 2900, high: 3120 },
    });
    expect(result.warnings[0]).toMatch(/group_by service is not available live/);
  });

  it('should list dimension values from GetDimensionValues and tag values from GetTags', async () => {
    const example = fixture<{ DimensionValues: { Value: string }[] }>(
      'ce_get-dimension-values_example1.json',
    );
    loopback.on('ce.GetDimensionValues', { json: example });
    const services = await live.backends.costExplorer.getDimensionValues(
      getDimensionValuesInput.parse({ dimension: 'service', search: 'Amazon', limit: 4 }),
    );
    expect(loopback.of('ce.GetDimensionValues')[0]?.body).toEqual({
      TimePeriod: { Start: '2025-11-24', End: '2026-11-24' },
      Dimension: 'SERVICE',
      Context: 'COST_AND_USAGE',
      SearchString: 'Amazon',
    });
    expect(services.values).toEqual(
      example.DimensionValues.slice(0, 4).map((entry) => ({ value: entry.Value })),
    );
    expect(services.truncated).toBe(true);

    const tags = fixture<{ Tags: string[] }>('ce_get-tags_example1.json');
    loopback.on('ce.GetTags', { json: tags });
    const values = await live.backends.costExplorer.getTagValues(
      getTagValuesInput.parse({ tag_key: 'project', period: { start: '2026-10-01', end: '2026-11-01' } }),
    );
    expect(loopback.of('ce.GetTags')[0]?.body).toEqual({
      TimePeriod: { Start: '2026-10-01', End: '2026-11-01' },
      TagKey: 'project',
    });
    expect(values).toMatchObject({ tag_key: 'project', values: tags.Tags, truncated: false });
    const byDimension = await live.backends.costExplorer.getDimensionValues(
      getDimensionValuesInput.parse({
        dimension: 'tag:project',
        period: { start: '2026-10-01', end: '2026-11-01' },
      }),
    );
    expect(byDimension.values).toEqual(tags.Tags.map((value) => ({ value })));
    expect(byDimension.provenance.cached).toBe(true);
  });

  it('should read anomalies with an inclusive end date and an impact filter, then filter by root cause', async () => {
    loopback.on('ce.GetAnomalies', {
      json: {
        Anomalies: [
          {
            AnomalyId: 'a-1',
            AnomalyStartDate: '2026-11-10',
            AnomalyEndDate: '2026-11-12',
            DimensionValue: 'Amazon Elastic Compute Cloud - Compute',
            RootCauses: [
              {
                Service: 'Amazon Elastic Compute Cloud - Compute',
                Region: 'eu-west-1',
                LinkedAccount: '111111111111',
                UsageType: 'EUW1-BoxUsage:m5.large',
                Impact: { Contribution: 120 },
              },
            ],
            AnomalyScore: { MaxScore: 0.9, CurrentScore: 0.4 },
            Impact: {
              MaxImpact: 60,
              TotalImpact: 150,
              TotalActualSpend: 250,
              TotalExpectedSpend: 100,
              TotalImpactPercentage: 150,
            },
            MonitorArn: 'arn:aws:ce::111111111111:anomalymonitor/1',
          },
          {
            AnomalyId: 'a-2',
            AnomalyStartDate: '2026-11-03',
            AnomalyEndDate: '2026-11-03',
            DimensionValue: 'Amazon Simple Storage Service',
            RootCauses: [{ Service: 'Amazon Simple Storage Service', Impact: { Contribution: 30 } }],
            AnomalyScore: { MaxScore: 0.5, CurrentScore: 0.1 },
            Impact: {
              MaxImpact: 30,
              TotalImpact: 30,
              TotalActualSpend: 130,
              TotalExpectedSpend: 100,
              TotalImpactPercentage: 30,
            },
            MonitorArn: 'arn:aws:ce::111111111111:anomalymonitor/1',
          },
        ],
      },
    });
    const result = await live.backends.costExplorer.getAnomalies(
      getAnomaliesInput.parse({
        period: { start: '2026-11-01', end: '2026-12-01' },
        min_impact: 25,
        filters: [{ dimension: 'sub_account', values: ['111111111111'] }],
      }),
    );
    expect(loopback.of('ce.GetAnomalies')[0]?.body).toEqual({
      DateInterval: { StartDate: '2026-11-01', EndDate: '2026-11-30' },
      TotalImpact: { NumericOperator: 'GREATER_THAN_OR_EQUAL', StartValue: 25 },
    });
    expect(result.anomalies).toEqual([
      {
        start: '2026-11-10',
        end: '2026-11-13',
        dimension: 'service',
        key: 'Amazon Elastic Compute Cloud - Compute',
        actual: 250,
        expected: 100,
        impact: 150,
        severity: 'high',
        root_causes: [{ dimension: 'usage_type', key: 'EUW1-BoxUsage:m5.large', impact: 120 }],
      },
    ]);
  });

  it('should sum Savings Plans coverage by service and read utilisation totals', async () => {
    loopback.on('ce.GetSavingsPlansCoverage', {
      json: {
        SavingsPlansCoverages: [
          {
            Attributes: { SERVICE: 'Amazon Elastic Compute Cloud - Compute' },
            Coverage: {
              SpendCoveredBySavingsPlans: '300',
              OnDemandCost: '100',
              TotalCost: '400',
              CoveragePercentage: '75',
            },
            TimePeriod: { Start: '2026-10-01', End: '2026-11-01' },
          },
          {
            Attributes: { SERVICE: 'AWS Lambda' },
            Coverage: {
              SpendCoveredBySavingsPlans: '0',
              OnDemandCost: '50',
              TotalCost: '50',
              CoveragePercentage: '0',
            },
            TimePeriod: { Start: '2026-10-01', End: '2026-11-01' },
          },
        ],
      },
    });
    const coverage = await live.backends.costExplorer.getSavingsPlansCoverage(
      getSavingsPlansCoverageInput.parse({ period: { start: '2026-10-01', end: '2026-11-01' } }),
    );
    expect(loopback.of('ce.GetSavingsPlansCoverage')[0]?.body).toEqual({
      TimePeriod: { Start: '2026-10-01', End: '2026-11-01' },
      Granularity: 'MONTHLY',
      GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
    });
    expect(coverage).toMatchObject({
      coverage_percent: expect.closeTo((300 / 450) * 100, 4),
      covered_spend: 300,
      on_demand_spend: 150,
      by_family: [
        {
          family: 'Amazon Elastic Compute Cloud - Compute',
          coverage_percent: 75,
          covered_spend: 300,
          on_demand_spend: 100,
        },
        { family: 'AWS Lambda', coverage_percent: 0, covered_spend: 0, on_demand_spend: 50 },
      ],
    });
    loopback.on('ce.GetSavingsPlansUtilization', {
      json: {
        SavingsPlansUtilizationsByTime: [],
        Total: {
          Utilization: {
            TotalCommitment: '720',
            UsedCommitment: '684',
            UnusedCommitment: '36',
            UtilizationPercentage: '95',
          },
          Savings: { NetSavings: '210.5', OnDemandCostEquivalent: '930.5' },
        },
      },
    });
    const utilization = await live.backends.costExplorer.getSavingsPlansUtilization(
      getSavingsPlansUtilizationInput.parse({ period: { start: '2026-10-01', end: '2026-11-01' } }),
    );
    expect(utilization).toMatchObject({
      utilization_percent: 95,
      total_commitment: 720,
      used_commitment: 684,
      unused_commitment: 36,
      net_savings: 210.5,
    });
  });
});
