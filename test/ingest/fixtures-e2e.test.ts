import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IngestReport, ingestFiles } from '../../src/ingest/index.ts';
import type { Database } from '../../src/store/database.ts';
import { FIXTURES, memoryDb } from './helpers.ts';

const FOCUS = join(FIXTURES, 'focus_sample.csv');
const CUR2 = join(FIXTURES, 'ha-project-CUR-daily-1-00001.csv');
const CUR2_GZ = `${CUR2}.gz`;
const LEGACY = join(FIXTURES, 'aws-cur-legacy-sample-anonymous.csv');

const raw = (path: string) => `read_csv('${path}', all_varchar = true, nullstr = ['NULL', ''])`;

type Total = {
  key: string;
  rows: number;
  billed: number;
};

/**
 * Expected figures come from plain queries over the raw files written here (source column names,
 * no mapping), and are compared with what ingest stored.
 */
describe('ingestFiles end to end on the three public fixtures', () => {
  let db: Database;
  let report: IngestReport;

  beforeAll(async () => {
    db = await memoryDb();
    report = await ingestFiles(db, [FOCUS, CUR2_GZ, LEGACY]);
  });
  afterAll(() => db.close());

  const storedTotals = (where: string) =>
    db.all<Total>(
      `SELECT ProviderName || ' ' || strftime(BillingPeriodStart, '%Y-%m') AS key, count(*) AS rows, sum(BilledCost) AS billed
       FROM line_items WHERE ${where} GROUP BY ALL ORDER BY key`,
    );

  const expectSameTotals = (actual: Total[], expected: Total[]) => {
    expect(actual.map((t) => [t.key, t.rows])).toEqual(expected.map((t) => [t.key, t.rows]));
    for (const [i, total] of expected.entries()) expect(actual[i]?.billed).toBeCloseTo(total.billed, 8);
  };

  it('should load every row of each file, in its format', () => {
    expect(report.files).toEqual([
      { path: FOCUS, format: 'focus', rows: 1000 },
      { path: CUR2_GZ, format: 'cur2', rows: 1882 },
      { path: LEGACY, format: 'cur-legacy', rows: 1281 },
    ]);
    expect(report.warnings).toEqual([]);
    expect(report.skipped).toEqual([]);
    expect(report.rowsPerSecond).toBeGreaterThan(0);
  });

  it('should match the FOCUS sample BilledCost per provider and billing period', async () => {
    const expected = await db.all<Total>(
      `SELECT ProviderName || ' ' || left(BillingPeriodStart, 7) AS key, count(*) AS rows, sum(CAST(BilledCost AS DOUBLE)) AS billed
       FROM ${raw(FOCUS)} GROUP BY ALL ORDER BY key`,
    );
    expectSameTotals(await storedTotals(`x_DeliveryId LIKE 'focus:%'`), expected);
    expect(expected.map((t) => t.key)).toEqual([
      'AWS 2024-09',
      'Microsoft 2024-09',
      'Oracle 2024-09',
      'Oracle 2024-10',
    ]);
  });

  it('should match the CUR 2.0 sample totals, credits and tax', async () => {
    const expected = await db.all<Total>(
      `SELECT line_item_line_item_type AS key, count(*) AS rows, sum(CAST(line_item_unblended_cost AS DOUBLE)) AS billed
       FROM ${raw(CUR2)} GROUP BY ALL ORDER BY key`,
    );
    const stored = await db.all<Total>(
      `SELECT ChargeCategory AS key, count(*) AS rows, sum(BilledCost) AS billed FROM line_items
       WHERE x_DeliveryId LIKE 'cur2:%' GROUP BY ALL ORDER BY key`,
    );
    // CUR line item types Credit / Tax / Usage are FOCUS charge categories of the same name.
    expectSameTotals(stored, expected);
    expect(stored.find((t) => t.key === 'Credit')?.billed).toBeLessThan(-47);
  });

  it('should match the legacy CUR sample totals', async () => {
    const [expected] = await db.all<Total>(
      `SELECT 'AWS ' || left("bill/BillingPeriodStartDate", 7) AS key, count(*) AS rows, sum(CAST("lineItem/UnblendedCost" AS DOUBLE)) AS billed
       FROM ${raw(LEGACY)} GROUP BY ALL`,
    );
    expectSameTotals(await storedTotals(`x_DeliveryId LIKE 'cur-legacy:%'`), expected ? [expected] : []);
  });

  it('should report one period per provider, billing account and month, sorted by provider and account', () => {
    expect(report.periods.map((p) => `${p.provider} ${p.billingPeriod}`)).toEqual([
      'AWS 2023-11',
      'AWS 2024-09',
      'AWS 2026-04',
      'Microsoft 2024-09',
      'Oracle 2024-09',
      'Oracle 2024-10',
    ]);
  });

  it('should read a .csv.gz exactly like the plain CSV', async () => {
    const plain = await memoryDb();
    await ingestFiles(plain, [CUR2]);
    const query = 'SELECT * EXCLUDE (x_DeliveryId) FROM line_items ORDER BY ALL';
    const fromPlain = await plain.all(query);
    const fromGzip = await db.all(
      query.replace('FROM line_items', "FROM line_items WHERE x_DeliveryId LIKE 'cur2:%'"),
    );
    expect(fromGzip).toEqual(fromPlain);
    plain.close();
  });
});
