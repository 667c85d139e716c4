import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  comparePeriodsOutput,
  type DriverOutput,
  explainChangeOutput,
  getAnomaliesOutput,
  getCostAndUsageOutput,
  getCostForecastOutput,
  getDimensionValuesOutput,
  getSavingsPlansCoverageOutput,
  getSavingsPlansUtilizationOutput,
  getTagValuesOutput,
} from '../../../mcp/contracts/cost-explorer.ts';
import { type DemoHarness, openDemoHarness, TODAY, textOf } from './support/demo-client.ts';

const NOVEMBER = { start: '2026-11-01', end: '2026-12-01' };
const LAST_WEEK = { start: '2026-11-16', end: '2026-11-23' };
const WEEK_BEFORE = { start: '2026-11-09', end: '2026-11-16' };
const EC2 = 'Amazon Elastic Compute Cloud';

const TOOL_NAMES = [
  'get_cost_and_usage',
  'compare_periods',
  'explain_change',
  'get_cost_forecast',
  'get_dimension_values',
  'get_tag_values',
  'get_anomalies',
  'get_savings_plans_coverage',
  'get_savings_plans_utilization',
];

function inRange(range: { start: string; end: string }): string {
  return `x_ChargeDate >= DATE '${range.start}' AND x_ChargeDate < DATE '${range.end}'`;
}

describe('cost-explorer MCP server on the demo organisation', () => {
  let harness: DemoHarness;

  beforeAll(async () => {
    harness = await openDemoHarness();
  }, 60_000);

  afterAll(async () => {
    await harness.close();
  });

  async function scalar(sql: string): Promise<number> {
    const [row] = await harness.db.all<{ value: number | null }>(sql);
    return row?.value ?? 0;
  }

  async function structured(name: string, args: Record<string, unknown>): Promise<unknown> {
    const result = await harness.call(name, args);
    if (result.isError) throw new Error(`${name} failed: ${textOf(result)}`);
    // The text copy is the same JSON, for clients that only read text.
    expect(JSON.parse(textOf(result))).toEqual(result.structuredContent);
    return result.structuredContent;
  }

  it('should list the nine tools, each with a description and input and output schemas', async () => {
    const { tools } = await harness.client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([...TOOL_NAMES].sort());
    for (const tool of tools) {
      expect(tool.description?.length, tool.name).toBeGreaterThan(80);
      expect(tool.description, tool.name).toMatch(/Example: \{/);
      expect(tool.inputSchema.type, tool.name).toBe('object');
      expect(tool.outputSchema?.type, tool.name).toBe('object');
      expect(Object.keys(tool.outputSchema?.properties ?? {}), tool.name).toContain('provenance');
      expect(tool.annotations?.readOnlyHint, tool.name).toBe(true);
    }
    expect(harness.client.getServerVersion()?.name).toBe('finops-cost-explorer');
  });

  it('should give this month by account as SUM(EffectiveCost) GROUP BY SubAccountId, with account names', async () => {
    const expected = await harness.db.all<{ id: string; name: string; value: number }>(
      `SELECT SubAccountId AS id, max(SubAccountName) AS name, sum(EffectiveCost) AS value
       FROM line_items WHERE ${inRange(NOVEMBER)} GROUP BY 1 ORDER BY value DESC`,
    );
    const output = getCostAndUsageOutput.parse(
      await structured('get_cost_and_usage', {
        period: NOVEMBER,
        granularity: 'total',
        group_by: ['sub_account'],
        limit: 3,
      }),
    );
    expect(output.row_count).toBe(expected.length);
    expect(output.rows).toHaveLength(3);
    output.rows.forEach((row, index) => {
      expect(row.group).toEqual({ sub_account: expected[index]?.id });
      expect(row.label).toBe(expected[index]?.name);
      expect(row.amount).toBeCloseTo(expected[index]?.value ?? Number.NaN, 6);
    });
    expect(output.total).toBeCloseTo(
      expected.reduce((sum, row) => sum + row.value, 0),
      6,
    );
    expect(output.provenance).toMatchObject({
      kind: 'demo',
      currency: 'USD',
      metric: 'EffectiveCost',
      period: NOVEMBER,
      data_through: '2026-11-23',
    });
    expect(output.truncated).toBe(true);
  });

  it('should map UnblendedCost to BilledCost and apply structured filters by day', async () => {
    const expected = await harness.db.all<{ day: string; value: number }>(
      `SELECT x_ChargeDate AS day, sum(BilledCost) AS value FROM line_items
       WHERE ${inRange(LAST_WEEK)} AND ServiceName = '${EC2}' AND SubAccountName = 'acme-prod'
       GROUP BY 1 ORDER BY 1`,
    );
    const output = getCostAndUsageOutput.parse(
      await structured('get_cost_and_usage', {
        period: LAST_WEEK,
        granularity: 'day',
        metric: 'UnblendedCost',
        filters: [
          { dimension: 'service', op: 'in', values: ['AmazonEC2'] },
          { dimension: 'sub_account', values: ['acme-prod'] },
        ],
      }),
    );
    expect(output.rows.map((row) => row.period_start)).toEqual(expected.map((row) => row.day));
    output.rows.forEach((row, index) => {
      expect(row.amount).toBeCloseTo(expected[index]?.value ?? Number.NaN, 6);
    });
    expect(output.provenance.metric).toBe('UnblendedCost (computed as BilledCost)');
    // The service code resolves to the name the data holds, and provenance says so.
    expect(output.provenance.filters?.[0]).toEqual({ dimension: 'service', op: 'in', values: [EC2] });
  });

  it('should count untagged spend with a missing-tag filter', async () => {
    const expected = await scalar(
      `SELECT sum(EffectiveCost) AS value FROM line_items
       WHERE ${inRange(NOVEMBER)} AND coalesce(Tags['team'], '') = ''`,
    );
    const output = getCostAndUsageOutput.parse(
      await structured('get_cost_and_usage', {
        period: NOVEMBER,
        granularity: 'total',
        filters: [{ dimension: 'tag:team', op: 'missing' }],
      }),
    );
    expect(expected).toBeGreaterThan(0);
    expect(output.total).toBeCloseTo(expected, 6);
  });

  it('should compare any two ranges, rows summing to the totals and EC2 moving as SQL says', async () => {
    const sums = await harness.db.all<{ service: string; current: number; previous: number }>(
      `SELECT ServiceName AS service,
         coalesce(sum(EffectiveCost) FILTER (WHERE ${inRange(LAST_WEEK)}), 0) AS current,
         coalesce(sum(EffectiveCost) FILTER (WHERE ${inRange(WEEK_BEFORE)}), 0) AS previous
       FROM line_items GROUP BY 1`,
    );
    const output = comparePeriodsOutput.parse(
      await structured('compare_periods', {
        current: LAST_WEEK,
        previous: WEEK_BEFORE,
        group_by: 'service',
        limit: 3,
      }),
    );
    const currentTotal = sums.reduce((sum, row) => sum + row.current, 0);
    const previousTotal = sums.reduce((sum, row) => sum + row.previous, 0);
    expect(output.current_total).toBeCloseTo(currentTotal, 6);
    expect(output.previous_total).toBeCloseTo(previousTotal, 6);
    expect(output.delta).toBeCloseTo(currentTotal - previousTotal, 6);
    expect(output.delta_percent).toBeCloseTo(((currentTotal - previousTotal) / previousTotal) * 100, 2);
    expect(output.rows).toHaveLength(4);
    expect(output.rows.at(-1)?.key).toBe('(other)');
    expect(output.rows.reduce((sum, row) => sum + row.delta, 0)).toBeCloseTo(output.delta, 6);
    const ec2 = sums.find((row) => row.service === EC2);
    expect(output.rows[0]?.key).toBe(EC2);
    expect(output.rows[0]?.delta).toBeCloseTo((ec2?.current ?? 0) - (ec2?.previous ?? 0), 6);
  });

  it('should compare ranges of different lengths as totals', async () => {
    const october = { start: '2026-10-01', end: '2026-11-01' };
    const output = comparePeriodsOutput.parse(
      await structured('compare_periods', { current: LAST_WEEK, previous: october }),
    );
    expect(output.previous_total).toBeCloseTo(
      await scalar(`SELECT sum(EffectiveCost) AS value FROM line_items WHERE ${inRange(october)}`),
      6,
    );
    expect(output.rows).toEqual([]);
  });

  it('should explain a change with drivers whose children sum to their parents', async () => {
    const output = explainChangeOutput.parse(
      await structured('explain_change', {
        current: LAST_WEEK,
        previous: WEEK_BEFORE,
        top_per_level: 2,
      }),
    );
    const sumOf = (drivers: DriverOutput[], field: 'delta' | 'current' | 'previous') =>
      drivers.reduce((sum, driver) => sum + driver[field], 0);
    expect(sumOf(output.drivers, 'delta')).toBeCloseTo(output.delta, 6);
    let checked = 0;
    const walk = (driver: DriverOutput) => {
      if (driver.children.length > 0) {
        checked++;
        expect(sumOf(driver.children, 'current')).toBeCloseTo(driver.current, 6);
        expect(sumOf(driver.children, 'previous')).toBeCloseTo(driver.previous, 6);
      }
      driver.children.forEach(walk);
    };
    output.drivers.forEach(walk);
    expect(checked).toBeGreaterThan(3);
    const top = output.drivers[0];
    expect(top?.key).toBe(EC2);
    expect(top?.children[0]?.dimension).toBe('sub_account');
    const ec2Delta = await scalar(
      `SELECT coalesce(sum(EffectiveCost) FILTER (WHERE ${inRange(LAST_WEEK)}), 0)
         - coalesce(sum(EffectiveCost) FILTER (WHERE ${inRange(WEEK_BEFORE)}), 0) AS value
       FROM line_items WHERE ServiceName = '${EC2}'`,
    );
    expect(top?.delta).toBeCloseTo(ec2Delta, 6);
  });

  it('should forecast this month with the actual days as SQL sums them and intervals around the total', async () => {
    const actual = await scalar(
      `SELECT sum(EffectiveCost) AS value FROM line_items WHERE ${inRange({ start: NOVEMBER.start, end: TODAY })}`,
    );
    const output = getCostForecastOutput.parse(
      await structured('get_cost_forecast', { period: NOVEMBER, group_by: 'service' }),
    );
    expect(output.actual_to_date).toBeCloseTo(actual, 4);
    expect(output.total).toBeCloseTo(output.actual_to_date + output.forecast_remaining, 6);
    expect(output.forecast_remaining).toBeGreaterThan(0);
    expect(output.interval_80.low).toBeLessThanOrEqual(output.total);
    expect(output.interval_80.high).toBeGreaterThanOrEqual(output.total);
    expect(output.interval_95.low).toBeLessThanOrEqual(output.interval_80.low);
    expect(output.interval_95.high).toBeGreaterThanOrEqual(output.interval_80.high);
    expect(output.groups?.[0]?.key).toBe(EC2);
    for (const group of output.groups ?? []) {
      expect(group.interval_80.low).toBeLessThanOrEqual(group.total);
      expect(group.interval_80.high).toBeGreaterThanOrEqual(group.total);
    }
  });

  it('should refuse a forecast grouped by a dimension it cannot project, saying what to do', async () => {
    const result = await harness.call('get_cost_forecast', { period: NOVEMBER, group_by: 'region' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/group_by: .*service or per sub_account.*filter on region/);
  });

  it('should list dimension values as the data holds them, with account names and search', async () => {
    const services = await harness.db.all<{ name: string }>(
      'SELECT DISTINCT ServiceName AS name FROM line_items ORDER BY 1',
    );
    const all = getDimensionValuesOutput.parse(
      await structured('get_dimension_values', { dimension: 'service', limit: 500 }),
    );
    expect(all.values.map((value) => value.value)).toEqual(services.map((row) => row.name));
    const accounts = getDimensionValuesOutput.parse(
      await structured('get_dimension_values', { dimension: 'sub_account', search: 'PROD' }),
    );
    const prod = await harness.db.all<{ id: string; name: string }>(
      `SELECT DISTINCT SubAccountId AS id, SubAccountName AS name FROM line_items WHERE SubAccountName ILIKE '%prod%'`,
    );
    expect(accounts.values).toEqual(prod.map((row) => ({ value: row.id, label: row.name })));
  });

  it('should list only values with spend in a period, largest first', async () => {
    const day = { start: '2026-11-20', end: '2026-11-21' };
    const expected = await harness.db.all<{ value: string }>(
      `SELECT x_UsageType AS value FROM line_items WHERE ${inRange(day)} AND x_UsageType ILIKE '%boxusage:%'
       GROUP BY 1 ORDER BY sum(EffectiveCost) DESC, 1`,
    );
    const output = getDimensionValuesOutput.parse(
      await structured('get_dimension_values', {
        dimension: 'usage_type',
        period: day,
        search: 'boxusage:',
        limit: 500,
      }),
    );
    expect(output.values.map((entry) => entry.value)).toEqual(expected.map((row) => row.value));
    expect(output.provenance.period).toEqual(day);
  });

  it('should list tag keys and the values of one key as the Tags column holds them', async () => {
    const keys = await harness.db.all<{ key: string }>(
      `SELECT DISTINCT key FROM (SELECT unnest(map_keys(Tags)) AS key, unnest(map_values(Tags)) AS value FROM line_items)
       WHERE value <> '' ORDER BY 1`,
    );
    const teams = await harness.db.all<{ value: string }>(
      `SELECT DISTINCT Tags['team'] AS value FROM line_items WHERE coalesce(Tags['team'], '') <> '' ORDER BY 1`,
    );
    const keyOutput = getTagValuesOutput.parse(await structured('get_tag_values', {}));
    expect(keyOutput.values).toEqual(keys.map((row) => row.key));
    expect(keyOutput.tag_key).toBeUndefined();
    const valueOutput = getTagValuesOutput.parse(await structured('get_tag_values', { tag_key: 'team' }));
    expect(valueOutput.values).toEqual(teams.map((row) => row.value));
    expect(valueOutput.tag_key).toBe('team');
    const inPeriod = getTagValuesOutput.parse(await structured('get_tag_values', { period: LAST_WEEK }));
    expect(inPeriod.values).toEqual(keys.map((row) => row.key));
  });

  it("should find the payments-ec2-jump story's usage type among the anomalies, with its account as a root cause", async () => {
    const story = harness.manifest.stories.find((candidate) => candidate.id === 'payments-ec2-jump');
    expect(story?.period).toBeDefined();
    const ids = (story?.resourceIds ?? []).map((id) => `'${id}'`).join(', ');
    const [usage] = await harness.db.all<{ usageType: string }>(
      `SELECT x_UsageType AS usageType FROM line_items WHERE ResourceId IN (${ids}) AND ChargeCategory = 'Usage'
       GROUP BY 1 ORDER BY sum(EffectiveCost) DESC LIMIT 1`,
    );
    const output = getAnomaliesOutput.parse(
      await structured('get_anomalies', { period: { start: '2026-11-01', end: TODAY } }),
    );
    const found = output.anomalies.find((anomaly) => anomaly.key === usage?.usageType);
    expect(found, JSON.stringify(output.anomalies.map((anomaly) => anomaly.key))).toBeDefined();
    expect(found?.dimension).toBe('usage_type');
    const start = found?.start ?? '';
    expect(start >= (story?.period?.start ?? '') && start <= '2026-11-17', start).toBe(true);
    expect(found?.impact).toBeGreaterThan(0);
    expect(found?.root_causes).toContainEqual(
      expect.objectContaining({ dimension: 'sub_account', key: story?.accountId }),
    );
    const impacts = output.anomalies.map((anomaly) => Math.abs(anomaly.impact));
    expect(impacts).toEqual([...impacts].sort((a, b) => b - a));
  });

  it('should keep only anomalies at least as large as min_impact', async () => {
    const all = getAnomaliesOutput.parse(
      await structured('get_anomalies', { period: { start: '2026-10-01', end: TODAY } }),
    );
    const floor = (Math.abs(all.anomalies[0]?.impact ?? 0) + Math.abs(all.anomalies[1]?.impact ?? 0)) / 2;
    const large = getAnomaliesOutput.parse(
      await structured('get_anomalies', { period: { start: '2026-10-01', end: TODAY }, min_impact: floor }),
    );
    expect(all.anomalies.length).toBeGreaterThan(1);
    expect(large.anomalies.length).toBeGreaterThan(0);
    expect(large.anomalies.every((anomaly) => Math.abs(anomaly.impact) >= floor)).toBe(true);
    expect(large.anomalies.length).toBeLessThan(all.anomalies.length);
  });

  it('should measure Savings Plans coverage as the FOCUS commitment columns mark it', async () => {
    const window = { start: '2026-10-25', end: TODAY };
    const covered = await scalar(
      `SELECT sum(ListCost) AS value FROM line_items WHERE ${inRange(window)} AND ChargeCategory = 'Usage'
         AND CommitmentDiscountStatus = 'Used' AND CommitmentDiscountType = 'Compute Savings Plan'`,
    );
    const onDemand = await scalar(
      `SELECT sum(BilledCost) AS value FROM line_items WHERE ${inRange(window)} AND ChargeCategory = 'Usage'
         AND PricingCategory = 'Standard' AND regexp_matches(x_UsageType, '(^|-)BoxUsage:|Lambda-GB-Second$')`,
    );
    const output = getSavingsPlansCoverageOutput.parse(
      await structured('get_savings_plans_coverage', { period: window }),
    );
    expect(covered).toBeGreaterThan(0);
    expect(output.covered_spend).toBeCloseTo(covered, 4);
    expect(output.on_demand_spend).toBeCloseTo(onDemand, 4);
    expect(output.coverage_percent).toBeCloseTo((covered / (covered + onDemand)) * 100, 2);
    expect(output.by_family.reduce((sum, family) => sum + family.covered_spend, 0)).toBeCloseTo(covered, 4);
    expect(output.provenance.period).toEqual(window);
  });

  it('should measure Savings Plans utilization from the plan fee rows', async () => {
    const period = { start: '2026-11-01', end: TODAY };
    const fees = `ChargeCategory = 'Purchase' AND CommitmentDiscountId LIKE 'arn:aws:savingsplans:%' AND ${inRange(period)}`;
    const billed = await scalar(`SELECT sum(BilledCost) AS value FROM line_items WHERE ${fees}`);
    const unused = await scalar(`SELECT sum(EffectiveCost) AS value FROM line_items WHERE ${fees}`);
    const coveredList = await scalar(
      `SELECT sum(ListCost) AS value FROM line_items WHERE ${inRange(period)} AND ChargeCategory = 'Usage'
         AND CommitmentDiscountStatus = 'Used' AND CommitmentDiscountType = 'Compute Savings Plan'`,
    );
    const output = getSavingsPlansUtilizationOutput.parse(
      await structured('get_savings_plans_utilization', { period: { start: '2026-11-05', end: TODAY } }),
    );
    expect(billed).toBeGreaterThan(0);
    expect(output.total_commitment).toBeCloseTo(billed, 4);
    expect(output.unused_commitment).toBeCloseTo(unused, 4);
    expect(output.used_commitment).toBeCloseTo(billed - unused, 4);
    expect(output.utilization_percent).toBeCloseTo(((billed - unused) / billed) * 100, 2);
    expect(output.net_savings).toBeCloseTo(coveredList - billed, 4);
    // Read from the first of the month: the plan fee is billed on the 1st.
    expect(output.provenance.period).toEqual(period);
  });
});
