import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseDeliveries, ingestFiles, type Slice } from '../../src/ingest/index.ts';
import { FIXED_NOW, FIXTURES, memoryDb, totals } from './helpers.ts';

const OLD = join(FIXTURES, 'deliveries', 'old', 'cur2-00001.csv');
const NEWER = join(FIXTURES, 'deliveries', 'newer', 'cur2-00001.csv');
const PARTS = join(FIXTURES, 'deliveries', 'parts');
/** Written out from the fixture files: old = 1.00 + 2.00 + 1.50; newer adds 3.25 and a 0.40 tax row. */
const OLD_TOTAL = { rows: 3, billed: 4.5 };
const NEWER_TOTAL = { rows: 5, billed: 8.15 };

describe('ingestFiles deliveries', () => {
  it('should replace a stored delivery with a newer one of the same period', async () => {
    const db = await memoryDb();
    const first = await ingestFiles(db, [OLD], { now: FIXED_NOW });
    expect(first.periods).toMatchObject([{ billingPeriod: '2026-03', rows: OLD_TOTAL.rows }]);
    const second = await ingestFiles(db, [NEWER], { now: FIXED_NOW });
    const [stored] = await db.all<{ delivery_id: string }>('SELECT delivery_id FROM deliveries');
    expect(second.periods).toHaveLength(1);
    expect(second.periods[0]?.replaced).toMatch(/^cur2:AWS:111122223333:2026-03:/);
    expect(second.periods[0]?.replaced).not.toBe(stored?.delivery_id);
    const sum = await totals(db);
    expect(sum.rows).toBe(NEWER_TOTAL.rows);
    expect(sum.billed).toBeCloseTo(NEWER_TOTAL.billed, 10);
    db.close();
  });

  it('should skip an older delivery when a newer one is stored, and say why', async () => {
    const db = await memoryDb();
    await ingestFiles(db, [NEWER]);
    const report = await ingestFiles(db, [OLD]);
    expect(report.periods).toEqual([]);
    expect(report.skipped).toHaveLength(1);
    expect(report.skipped[0]?.path).toBe(OLD);
    expect(report.skipped[0]?.reason).toMatch(
      /older than the stored delivery .* data through 2026-03-03.*stored data through 2026-03-04/,
    );
    const sum = await totals(db);
    expect(sum.rows).toBe(NEWER_TOTAL.rows);
    expect(sum.billed).toBeCloseTo(NEWER_TOTAL.billed, 10);
    db.close();
  });

  it('should keep only the newest of two overlapping deliveries given together', async () => {
    const db = await memoryDb();
    const report = await ingestFiles(db, [OLD, NEWER]);
    expect(report.files).toEqual([{ path: NEWER, format: 'cur2', rows: NEWER_TOTAL.rows }]);
    expect(report.skipped.map((skip) => skip.path)).toEqual([OLD]);
    expect(report.skipped[0]?.reason).toMatch(/shares line items with the newer delivery/);
    expect((await totals(db)).billed).toBeCloseTo(NEWER_TOTAL.billed, 10);
    expect(await db.all('SELECT count(*) AS n FROM deliveries')).toEqual([{ n: 1 }]);
    db.close();
  });

  it('should union the parts of one delivery and record it once', async () => {
    const db = await memoryDb();
    const report = await ingestFiles(db, [PARTS], { now: FIXED_NOW });
    expect(report.files.map((file) => file.rows)).toEqual([2, 2]);
    expect(report.periods).toHaveLength(1);
    expect(report.periods[0]).toMatchObject({
      billingAccountId: '444455556666',
      billingPeriod: '2026-02',
      rows: 4,
    });
    expect(report.periods[0]?.billedCost).toBeCloseTo(0.1 + 0.2 + 0.3 + 0.4, 10);
    const deliveries = await db.all('SELECT * FROM deliveries');
    expect(deliveries).toEqual([
      {
        delivery_id: expect.stringMatching(/^cur2:AWS:444455556666:2026-02:[0-9a-f]{12}$/),
        format: 'cur2',
        provider: 'AWS',
        billing_account_id: '444455556666',
        billing_period: '2026-02-01',
        files: [join(PARTS, 'cur2-00001.csv'), join(PARTS, 'cur2-00002.csv')],
        row_count: 4,
        billed_total: expect.closeTo(1, 10),
        data_through: '2026-02-05',
        ingested_at: '2026-05-01T12:00:00.000Z',
      },
    ]);
    const [rows] = await db.all<{ ids: number }>(
      'SELECT count(DISTINCT x_DeliveryId) AS ids FROM line_items',
    );
    expect(rows?.ids).toBe(1);
    db.close();
  });

  it('should be idempotent when the same files are ingested again', async () => {
    const db = await memoryDb();
    await ingestFiles(db, [PARTS, NEWER]);
    const before = await totals(db);
    const again = await ingestFiles(db, [PARTS, NEWER]);
    expect(await totals(db)).toEqual(before);
    expect(again.periods.every((period) => period.replaced === undefined)).toBe(true);
    db.close();
  });

  it('should report progress per file and rows loaded', async () => {
    const db = await memoryDb();
    const events: string[] = [];
    await ingestFiles(db, [PARTS, NEWER], { onProgress: (event) => events.push(event.type) });
    expect(events).toEqual([
      'file-started',
      'file-done',
      'file-started',
      'file-done',
      'file-started',
      'file-done',
      'rows-loaded',
      'rows-loaded',
    ]);
    db.close();
  });
});

describe('chooseDeliveries', () => {
  const slice = (fileIndex: number, dataThrough: string, mtimeMs = 0): Slice => ({
    fileIndex,
    path: `f${fileIndex}`,
    format: 'cur2',
    mtimeMs,
    size: 1,
    provider: 'AWS',
    billingAccountId: '1',
    billingPeriod: '2026-01-01',
    rows: 1,
    billedCost: 1,
    effectiveCost: 1,
    dataThrough,
  });

  it('should keep the parts of the newer delivery and drop all parts of an older one', () => {
    // Old delivery: o1 days 1–10, o2 days 11–20; newer: n1 days 1–15, n2 days 16–31.
    const [o1, o2, n1, n2] = [
      slice(0, '2026-01-11'),
      slice(1, '2026-01-21'),
      slice(2, '2026-01-16'),
      slice(3, '2026-02-01'),
    ];
    const overlapping = new Set(['0:2', '1:2', '1:3']);
    const { chosen, superseded } = chooseDeliveries([o1, o2, n1, n2], overlapping);
    expect(chosen.map((delivery) => delivery.slices.map((s) => s.path))).toEqual([['f2', 'f3']]);
    expect(superseded.map((entry) => entry.slice.path).sort()).toEqual(['f0', 'f1']);
  });

  it('should break a tie on data_through by the later file', () => {
    const { chosen } = chooseDeliveries(
      [slice(0, '2026-01-31', 1), slice(1, '2026-01-31', 2)],
      new Set(['0:1']),
    );
    expect(chosen[0]?.slices.map((s) => s.path)).toEqual(['f1']);
  });
});
