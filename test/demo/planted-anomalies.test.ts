import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoManifest, PlantedAnomaly } from '../../src/demo/index.ts';
import { generateDemoOrganisation } from '../../src/demo/index.ts';
import type { Database } from '../../src/store/database.ts';
import { openDatabase } from '../../src/store/database.ts';

const NOW = new Date('2026-06-10T06:00:00Z');
const TODAY = '2026-06-10';

function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const SPIKE: PlantedAnomaly = {
  shape: 'spike',
  service: 'Amazon Elastic Compute Cloud',
  accountName: 'acme-prod',
  start: shiftDay(TODAY, -20),
  days: 3,
  magnitude: 3,
};
const LEVEL_SHIFT: PlantedAnomaly = {
  shape: 'level_shift',
  service: 'AWSLambda',
  accountName: 'acme-data',
  start: shiftDay(TODAY, -40),
  days: 1,
  magnitude: 2,
};
const RAMP: PlantedAnomaly = {
  shape: 'ramp',
  service: 'Amazon DynamoDB',
  accountName: 'acme-prod',
  usageType: 'WriteRequestUnits',
  start: shiftDay(TODAY, -30),
  days: 10,
  magnitude: 1.5,
};

/** Daily list cost of one service in one account: list cost scales exactly with usage, even under a Savings Plan. */
async function dailyCost(db: Database, anomaly: PlantedAnomaly): Promise<Map<string, number>> {
  const rows = await db.all<{ day: string; cost: number }>(
    `SELECT x_ChargeDate AS day, sum(ListCost) AS cost FROM line_items
     WHERE ChargeCategory = 'Usage' AND SubAccountName = $1 AND (ServiceName = $2 OR x_ServiceCode = $2)
       AND ($3 = '' OR x_UsageType LIKE '%' || $3)
     GROUP BY 1`,
    [anomaly.accountName, anomaly.service, anomaly.usageType ?? ''],
  );
  return new Map(rows.map((row) => [row.day, row.cost]));
}

describe('generateDemoOrganisation planted anomalies', () => {
  let baseline: Database;
  let planted: Database;
  let manifest: DemoManifest;
  let baselineManifest: DemoManifest;

  beforeAll(async () => {
    baseline = await openDatabase({ dataDir: ':memory:' });
    planted = await openDatabase({ dataDir: ':memory:' });
    baselineManifest = await generateDemoOrganisation(baseline, { now: NOW, anomalies: [] });
    manifest = await generateDemoOrganisation(planted, { now: NOW, anomalies: [SPIKE, LEVEL_SHIFT, RAMP] });
  });

  afterAll(() => {
    baseline.close();
    planted.close();
  });

  async function ratios(anomaly: PlantedAnomaly): Promise<Map<string, number>> {
    const before = await dailyCost(baseline, anomaly);
    const after = await dailyCost(planted, anomaly);
    const result = new Map<string, number>();
    for (const [day, cost] of before) result.set(day, (after.get(day) ?? 0) / cost);
    return result;
  }

  it('should multiply a service by the spike magnitude on the spike days only', async () => {
    const ratio = await ratios(SPIKE);
    for (let offset = 0; offset < SPIKE.days; offset++)
      expect(ratio.get(shiftDay(SPIKE.start, offset))).toBeCloseTo(3, 6);
    expect(ratio.get(shiftDay(SPIKE.start, -1))).toBeCloseTo(1, 9);
    expect(ratio.get(shiftDay(SPIKE.start, SPIKE.days))).toBeCloseTo(1, 9);
  });

  it('should send Savings Plan covered usage beyond the plan to on-demand rates during a spike', async () => {
    const [covered] = await planted.all<{ spill: number; coveredBilled: number }>(
      `SELECT
         sum(BilledCost) FILTER (WHERE CommitmentDiscountId IS NULL AND ResourceId IN (
           SELECT DISTINCT ResourceId FROM line_items WHERE CommitmentDiscountStatus = 'Used')) AS spill,
         sum(BilledCost) FILTER (WHERE CommitmentDiscountStatus = 'Used') AS coveredBilled
       FROM line_items WHERE x_ChargeDate = DATE '${SPIKE.start}' AND SubAccountName = 'acme-prod'`,
    );
    expect(covered?.spill).toBeGreaterThan(0);
    expect(covered?.coveredBilled).toBe(0);
  });

  it('should hold a level shift from its start to the end of the data', async () => {
    const ratio = await ratios(LEVEL_SHIFT);
    expect(ratio.get(shiftDay(LEVEL_SHIFT.start, -1))).toBeCloseTo(1, 9);
    for (const offset of [0, 1, 10, 39])
      expect(ratio.get(shiftDay(LEVEL_SHIFT.start, offset))).toBeCloseTo(2, 6);
  });

  it('should ramp linearly to the magnitude over its days and then hold', async () => {
    const ratio = await ratios(RAMP);
    expect(ratio.get(shiftDay(RAMP.start, -1))).toBeCloseTo(1, 9);
    expect(ratio.get(shiftDay(RAMP.start, 4))).toBeCloseTo(1 + 0.5 * (5 / 10), 6);
    expect(ratio.get(shiftDay(RAMP.start, 9))).toBeCloseTo(1.5, 6);
    expect(ratio.get(shiftDay(RAMP.start, 25))).toBeCloseTo(1.5, 6);
  });

  it('should leave everything else unchanged', async () => {
    const other = (db: Database) =>
      db.all<{ total: string }>(
        `SELECT CAST(sum(ListCost) AS VARCHAR) AS total FROM line_items
         WHERE ChargeCategory = 'Usage' AND NOT (SubAccountName = 'acme-prod' AND ServiceName IN ('Amazon Elastic Compute Cloud', 'Amazon DynamoDB'))
           AND NOT (SubAccountName = 'acme-data' AND ServiceName = 'AWS Lambda')`,
      );
    expect(await other(planted)).toEqual(await other(baseline));
  });

  it('should list each planted anomaly as a story with its resources and the effective cost it added', async () => {
    expect(baselineManifest.stories.map((story) => story.id)).not.toContain('nat-gateway-bytes-spike');
    const ids = manifest.stories.map((story) => story.id);
    expect(ids).toEqual(
      expect.arrayContaining(['planted-spike-1', 'planted-level-shift-2', 'planted-ramp-3']),
    );
    const ramp = manifest.stories.find((story) => story.id === 'planted-ramp-3')!;
    expect(ramp.resourceIds.length).toBeGreaterThanOrEqual(4);
    for (const id of ramp.resourceIds)
      expect(id).toMatch(/^arn:aws:dynamodb:[a-z0-9-]+:442069174385:table\//);
    const effective = async (db: Database) => {
      const [row] = await db.all<{ total: number }>(
        `SELECT sum(EffectiveCost) AS total FROM line_items WHERE ChargeCategory = 'Usage' AND SubAccountName = 'acme-data' AND ServiceName = 'AWS Lambda'`,
      );
      return row?.total ?? 0;
    };
    const added = (await effective(planted)) - (await effective(baseline));
    const level = manifest.stories.find((story) => story.id === 'planted-level-shift-2')!;
    expect(level.expectedDeltaUsd).toBeCloseTo(added, 1);
    expect(level.period).toEqual({ start: LEVEL_SHIFT.start, end: TODAY });
  });

  it('should plant no NAT spike when anomalies is empty', async () => {
    const rows = await baseline.all<{ cost: number }>(
      `SELECT sum(EffectiveCost) AS cost FROM line_items
       WHERE SubAccountName = 'acme-prod' AND x_UsageType LIKE '%NatGateway-Bytes' AND x_ChargeDate >= DATE '${shiftDay(TODAY, -35)}'
       GROUP BY x_ChargeDate ORDER BY cost`,
    );
    const median = rows[Math.floor(rows.length / 2)]!.cost;
    expect(rows[rows.length - 1]!.cost).toBeLessThan(median * 1.6);
  });
});
