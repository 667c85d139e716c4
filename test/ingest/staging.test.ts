import { afterAll, describe, expect, it } from 'vitest';
import { ingestFiles } from '../../src/ingest/index.ts';
import type { Database } from '../../src/store/database.ts';
import { CUR2_HEADER, cur2Row, memoryDb, tempDir, totals, writeCsv } from './helpers.ts';

const MARCH = {
  bill_billing_period_start_date: '2026-03-01T00:00:00.000Z',
  bill_billing_period_end_date: '2026-04-01T00:00:00.000Z',
  identity_time_interval: '2026-03-05T00:00:00Z/2026-03-06T00:00:00Z',
  line_item_usage_start_date: '2026-03-05T00:00:00.000Z',
  line_item_usage_end_date: '2026-03-06T00:00:00.000Z',
};

/** Every stored row belongs to a recorded delivery, and no row is left staged. */
async function orphanRows(db: Database): Promise<number> {
  const [row] = await db.all<{ n: number }>(
    'SELECT count(*) AS n FROM line_items WHERE x_DeliveryId NOT IN (SELECT delivery_id FROM deliveries)',
  );
  return row?.n ?? Number.NaN;
}

async function deliveryRows(db: Database) {
  return db.all<{ delivery_id: string; files: string[]; row_count: number; billed_total: number }>(
    'SELECT delivery_id, files, row_count, billed_total FROM deliveries ORDER BY billing_period',
  );
}

describe('ingestFiles staging', () => {
  const temp = tempDir();
  afterAll(() => temp.cleanup());

  it('should keep one period of a file and drop its other period that a newer file restates', async () => {
    const db = await memoryDb();
    // Older file: March (1.25) and April (2.00). Newer file: the same April line item (2.00) and a later one (0.75).
    const older = writeCsv(temp.dir, 'older.csv', CUR2_HEADER, [
      cur2Row('march-1', { ...MARCH, line_item_unblended_cost: '1.25' }),
      cur2Row('april-1', { line_item_unblended_cost: '2.00' }),
    ]);
    const newer = writeCsv(temp.dir, 'newer.csv', CUR2_HEADER, [
      cur2Row('april-1', { line_item_unblended_cost: '2.00' }),
      cur2Row('april-2', {
        identity_time_interval: '2026-04-02T00:00:00Z/2026-04-03T00:00:00Z',
        line_item_usage_start_date: '2026-04-02T00:00:00.000Z',
        line_item_usage_end_date: '2026-04-03T00:00:00.000Z',
        line_item_unblended_cost: '0.75',
      }),
    ]);
    const report = await ingestFiles(db, [older, newer]);

    expect(report.files).toEqual([
      { path: older, format: 'cur2', rows: 1 },
      { path: newer, format: 'cur2', rows: 2 },
    ]);
    expect(report.skipped.map((skip) => skip.path)).toEqual([older]);
    expect(report.periods.map((period) => [period.billingPeriod, period.rows, period.billedCost])).toEqual([
      ['2026-03', 1, 1.25],
      ['2026-04', 2, 2.75],
    ]);
    const deliveries = await deliveryRows(db);
    expect(deliveries).toMatchObject([
      { files: [older], row_count: 1, billed_total: 1.25 },
      { files: [newer], row_count: 2, billed_total: 2.75 },
    ]);
    expect(deliveries[0]?.delivery_id).toMatch(/^cur2:AWS:111122223333:2026-03:[0-9a-f]{12}$/);
    expect(deliveries[1]?.delivery_id).toMatch(/^cur2:AWS:111122223333:2026-04:[0-9a-f]{12}$/);
    expect(await orphanRows(db)).toBe(0);
    const sum = await totals(db);
    expect(sum.rows).toBe(3);
    expect(sum.billed).toBeCloseTo(1.25 + 2.0 + 0.75, 10);
    db.close();
  });

  it('should keep the older period of a file ingested again and drop the one a newer file replaced', async () => {
    const db = await memoryDb();
    const older = writeCsv(temp.dir, 'two-months.csv', CUR2_HEADER, [
      cur2Row('march-1', { ...MARCH, line_item_unblended_cost: '1.25' }),
      cur2Row('april-1', { line_item_unblended_cost: '2.00' }),
    ]);
    const newer = writeCsv(temp.dir, 'april.csv', CUR2_HEADER, [
      cur2Row('april-1', { line_item_unblended_cost: '2.00' }),
      cur2Row('april-2', {
        identity_time_interval: '2026-04-02T00:00:00Z/2026-04-03T00:00:00Z',
        line_item_usage_start_date: '2026-04-02T00:00:00.000Z',
        line_item_usage_end_date: '2026-04-03T00:00:00.000Z',
        line_item_unblended_cost: '0.75',
      }),
    ]);
    await ingestFiles(db, [older]);
    await ingestFiles(db, [newer]);
    const before = await deliveryRows(db);
    const again = await ingestFiles(db, [older]);

    expect(again.periods.map((period) => period.billingPeriod)).toEqual(['2026-03']);
    expect(again.skipped).toHaveLength(1);
    expect(again.skipped[0]?.reason).toMatch(/older than the stored delivery .*2026-04/);
    expect(await deliveryRows(db)).toEqual(before);
    expect(before).toMatchObject([
      { files: [older], row_count: 1, billed_total: 1.25 },
      { files: [newer], row_count: 2, billed_total: 2.75 },
    ]);
    expect(await orphanRows(db)).toBe(0);
    const sum = await totals(db);
    expect(sum.rows).toBe(3);
    expect(sum.billed).toBeCloseTo(1.25 + 2.0 + 0.75, 10);
    db.close();
  });

  it('should replace, not double, a single file ingested again, and keep its delivery id', async () => {
    const db = await memoryDb();
    const path = writeCsv(temp.dir, 'again.csv', CUR2_HEADER, [
      cur2Row('a', { line_item_unblended_cost: '1.50' }),
      cur2Row('b', { line_item_unblended_cost: '2.25' }),
    ]);
    await ingestFiles(db, [path]);
    const first = await deliveryRows(db);
    const second = await ingestFiles(db, [path]);

    expect(second.periods).toHaveLength(1);
    // The same delivery again is not a replacement of another one.
    expect(second.periods[0]).toEqual({
      provider: 'AWS',
      billingAccountId: '111122223333',
      billingPeriod: '2026-04',
      rows: 2,
      billedCost: 3.75,
      effectiveCost: 3.75,
    });
    expect(await deliveryRows(db)).toEqual(first);
    expect(first).toMatchObject([{ files: [path], row_count: 2, billed_total: 3.75 }]);
    expect(await orphanRows(db)).toBe(0);
    expect((await totals(db)).rows).toBe(2);
    db.close();
  });

  it('should store a file changed in place as a new delivery that replaces the old one', async () => {
    const db = await memoryDb();
    const path = writeCsv(temp.dir, 'changed.csv', CUR2_HEADER, [
      cur2Row('a', { line_item_unblended_cost: '1.00' }),
    ]);
    await ingestFiles(db, [path]);
    const [before] = await deliveryRows(db);
    writeCsv(temp.dir, 'changed.csv', CUR2_HEADER, [
      cur2Row('a', { line_item_unblended_cost: '1.00' }),
      cur2Row('b', { line_item_unblended_cost: '4.00' }),
    ]);
    const report = await ingestFiles(db, [path]);

    const after = await deliveryRows(db);
    expect(after).toHaveLength(1);
    expect(after[0]?.delivery_id).not.toBe(before?.delivery_id);
    expect(report.periods[0]).toMatchObject({ rows: 2, billedCost: 5, replaced: before?.delivery_id });
    expect(await orphanRows(db)).toBe(0);
    expect((await totals(db)).billed).toBeCloseTo(5, 10);
    db.close();
  });
});
