import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../../src/ingest/index.ts';
import { memoryDb, SHARED } from './helpers.ts';

const INFRALYZER = join(SHARED, 'infralyzer-aws-exports');

type MonthTotal = {
  month: string;
  rows: number;
  billed: number;
  effective: number;
};

const MONTHLY = `SELECT strftime(BillingPeriodStart, '%Y-%m') AS month, count(*) AS rows, sum(BilledCost) AS billed,
  sum(EffectiveCost) AS effective FROM line_items GROUP BY ALL ORDER BY month`;

// The shared public data lives next to the repository in CI; a user's clone does not have it.
describe.skipIf(!existsSync(SHARED))(
  'ingestFiles on the shared public data (skipped: ../shared is absent)',
  () => {
    it('should reconcile CUR 2.0 with AWS FOCUS 1.0 for the same account, month by month', async () => {
      const cur2 = await memoryDb();
      const focus = await memoryDb();
      await ingestFiles(cur2, [join(INFRALYZER, 'cur2_cid')]);
      await ingestFiles(focus, [join(INFRALYZER, 'focus_1_0_aws')]);
      const fromFocus = await focus.all<MonthTotal>(MONTHLY);
      const fromCur2 = (await cur2.all<MonthTotal>(MONTHLY)).filter((total) => total.month >= '2025-01');
      expect(fromFocus.map((total) => total.month)).toEqual([
        '2025-01',
        '2025-02',
        '2025-03',
        '2025-04',
        '2025-05',
        '2025-06',
        '2025-07',
      ]);
      expect(fromCur2.map((total) => [total.month, total.rows])).toEqual(
        fromFocus.map((total) => [total.month, total.rows]),
      );
      for (const [i, total] of fromFocus.entries()) {
        expect(fromCur2[i]?.billed).toBeCloseTo(total.billed, 6);
        expect(fromCur2[i]?.effective).toBeCloseTo(total.effective, 6);
      }
      // SOURCE.md: 2025-03 has 17,308 rows and 20.6288 USD.
      expect(fromFocus[2]).toMatchObject({ rows: 17308, billed: expect.closeTo(20.6288, 4) });
      cur2.close();
      focus.close();
    });

    it('should count two overlapping CUR 2.0 deliveries of one month once, keeping the complete one', async () => {
      const db = await memoryDb();
      const folder = join(INFRALYZER, 'cur2_data_exports');
      const complete = join(folder, 'BILLING_PERIOD=2025-07_cur2-00001.snappy.parquet');
      const partial = join(folder, 'BILLING_PERIOD=2025-07_cur2-00002.snappy.parquet');
      const report = await ingestFiles(db, [folder]);
      const [expected] = await db.all<{ rows: number; billed: number }>(
        `SELECT count(*) AS rows, sum(line_item_unblended_cost) AS billed FROM read_parquet('${complete}')`,
      );
      const [stored] = await db.all<{ rows: number; billed: number }>(
        'SELECT count(*) AS rows, sum(BilledCost) AS billed FROM line_items',
      );
      expect(expected?.rows).toBe(1929);
      expect(stored?.rows).toBe(expected?.rows);
      expect(stored?.billed).toBeCloseTo(expected?.billed ?? Number.NaN, 8);
      expect(report.files.map((file) => file.path)).toEqual([complete]);
      expect(report.skipped.map((skip) => skip.path)).toEqual([partial]);
      db.close();
    });

    it.each([
      ['focus-sample-data', 1000],
      ['ola-raji-cur2-csv', 1882],
      ['focus-converters', 1281],
      // SOURCE.md: 15,403 + 14,947 + 17,308 + 15,813 + 13,357 + 4,437 + 6,766.
      ['infralyzer-aws-exports/focus_1_0_aws', 88031],
    ])('should ingest every billing file in %s without error', async (folder, rows) => {
      const db = await memoryDb();
      const report = await ingestFiles(db, [join(SHARED, folder)]);
      expect(report.warnings).toEqual([]);
      expect(report.files.reduce((total, file) => total + file.rows, 0)).toBe(rows);
      // Only non-billing files (SOURCE.md, manifests, mapping tables) are skipped.
      for (const skip of report.skipped)
        expect(skip.path).toMatch(/\.md$|Manifest\.json$|conversion-rules\.csv$|servicecategory\.csv$/);
      db.close();
    });
  },
);
