import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IngestError } from '../../src/errors.ts';
import { ingestFiles } from '../../src/ingest/index.ts';
import { CUR2_HEADER, cur2Row, FIXTURES, memoryDb, tempDir, totals, writeCsv } from './helpers.ts';

const FOCUS_HEADER = [
  'ProviderName',
  'BillingAccountId',
  'BillingPeriodStart',
  'ChargePeriodStart',
  'ChargePeriodEnd',
  'ChargeCategory',
  'BilledCost',
  'EffectiveCost',
];
const focusRow = (cost: string, start = '2026-01-05 10:00:00') => [
  'AWS',
  '1234',
  '2026-01-01 00:00:00',
  start,
  '2026-01-05 11:00:00',
  'Usage',
  cost,
  '1',
];

async function ingestError(paths: string[]): Promise<IngestError> {
  const db = await memoryDb();
  try {
    await ingestFiles(db, paths);
  } catch (error) {
    expect(error).toBeInstanceOf(IngestError);
    return error as IngestError;
  } finally {
    db.close();
  }
  throw new Error('expected ingestFiles to fail');
}

describe('ingestFiles errors', () => {
  const temp = tempDir();
  afterAll(() => temp.cleanup());

  it('should name a file that does not exist', async () => {
    const path = join(temp.dir, 'missing.csv');
    const error = await ingestError([path]);
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/no such file/);
    expect(error.file).toBe(path);
  });

  it('should say which columns were expected when an explicitly named file is not billing data', async () => {
    const path = writeCsv(temp.dir, 'prices.csv', ['product_code', 'price'], [['AmazonEC2', '1']]);
    const error = await ingestError([path]);
    expect(error.code).toBe('finops_not_billing_data');
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/BilledCost.*line_item_unblended_cost.*lineItem\/UnblendedCost/);
  });

  it('should refuse an explicitly named file that is not CSV or Parquet, such as a manifest', async () => {
    const path = join(temp.dir, 'export-Manifest.json');
    writeFileSync(path, '{}');
    const error = await ingestError([path]);
    expect(error.message).toMatch(/manifest/);
  });

  it('should fail on a glob that matches nothing', async () => {
    const error = await ingestError([join(temp.dir, 'nothing-*.parquet')]);
    expect(error.message).toMatch(/no file matches/);
  });

  it('should name the missing mandatory FOCUS columns', async () => {
    const header = FOCUS_HEADER.filter(
      (column) => column !== 'EffectiveCost' && column !== 'BillingAccountId',
    );
    const path = writeCsv(temp.dir, 'focus-missing.csv', header, [
      ['AWS', '2026-01-01', '2026-01-05', '2026-01-06', 'Usage', '1'],
    ]);
    const error = await ingestError([path]);
    expect(error.message).toMatch(/lacks the mandatory columns BillingAccountId, EffectiveCost/);
    expect(error.column).toBe('BillingAccountId');
  });

  it('should name a missing mandatory CUR 2.0 column', async () => {
    const header = CUR2_HEADER.filter((column) => column !== 'line_item_unblended_cost');
    const path = writeCsv(temp.dir, 'cur2-missing.csv', header, []);
    const error = await ingestError([path]);
    expect(error.message).toMatch(/CUR 2\.0 file lacks the mandatory column line_item_unblended_cost/);
  });

  it('should name a missing legacy CUR column as the legacy header spells it', async () => {
    const path = writeCsv(
      temp.dir,
      'legacy-missing.csv',
      [
        'identity/LineItemId',
        'bill/PayerAccountId',
        'bill/BillingPeriodStartDate',
        'lineItem/LineItemType',
        'lineItem/UsageStartDate',
      ],
      [['x', '1', '2026-01-01', 'Usage', '2026-01-01']],
    );
    const error = await ingestError([path]);
    expect(error.message).toMatch(/legacy CUR file lacks the mandatory column lineItem\/UnblendedCost/);
  });

  it('should report the column, 1-based row and value of an unparseable number', async () => {
    const path = writeCsv(temp.dir, 'bad-number.csv', FOCUS_HEADER, [
      focusRow('1.5'),
      focusRow('2'),
      focusRow('"12,50"'),
      focusRow('oops'),
    ]);
    const error = await ingestError([path]);
    expect(error).toMatchObject({ file: path, column: 'BilledCost', row: 3 });
    expect(error.message).toContain('"12,50"');
    expect(error.message).toMatch(/expected a decimal number/);
  });

  it('should report an unparseable date with its column and row', async () => {
    const path = writeCsv(temp.dir, 'bad-date.csv', FOCUS_HEADER, [
      focusRow('1'),
      focusRow('1', '31/01/2026 10:00'),
    ]);
    const error = await ingestError([path]);
    expect(error).toMatchObject({ column: 'ChargePeriodStart', row: 2 });
    expect(error.message).toMatch(/"31\/01\/2026 10:00" cannot be read; expected a UTC date and time/);
  });

  it('should report a missing value in a mandatory column', async () => {
    const path = writeCsv(temp.dir, 'missing-value.csv', CUR2_HEADER, [
      cur2Row('a', { line_item_unblended_cost: '1' }),
      cur2Row('b', { line_item_unblended_cost: 'NULL' }),
    ]);
    const error = await ingestError([path]);
    expect(error).toMatchObject({ column: 'line_item_unblended_cost', row: 2 });
    expect(error.message).toMatch(/the value is missing/);
  });

  it('should report a truncated Parquet file as unreadable', async () => {
    const db = await memoryDb();
    const good = join(temp.dir, 'good.parquet');
    await db.run(
      `COPY (SELECT 'AWS' AS ProviderName, 1.0 AS BilledCost, TIMESTAMP '2026-01-01' AS ChargePeriodStart FROM range(1000)) TO '${good}' (FORMAT parquet)`,
    );
    db.close();
    const truncated = join(temp.dir, 'truncated.parquet');
    const bytes = readFileSync(good);
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const error = await ingestError([truncated]);
    expect(error.message).toContain(truncated);
    expect(error.message).toMatch(/cannot read the file .*Expected a Parquet file/);
  });

  it('should report a .csv.gz that is not gzip as unreadable', async () => {
    const path = join(temp.dir, 'not-gzip.csv.gz');
    copyFileSync(join(FIXTURES, 'deliveries', 'parts', 'cur2-00001.csv'), path);
    const error = await ingestError([path]);
    expect(error.message).toMatch(/cannot read the file .*gzip-compressed CSV/);
  });
});

describe('ingestFiles atomicity', () => {
  const temp = tempDir();
  afterAll(() => temp.cleanup());

  it('should write nothing from a failing batch and leave earlier data untouched', async () => {
    const db = await memoryDb();
    await ingestFiles(db, [join(FIXTURES, 'deliveries', 'parts')]);
    const before = await totals(db);
    const deliveriesBefore = await db.all('SELECT * FROM deliveries ORDER BY delivery_id');

    const bad = writeCsv(temp.dir, 'bad.csv', FOCUS_HEADER, [focusRow('1'), focusRow('not-a-number')]);
    const good = join(FIXTURES, 'deliveries', 'newer', 'cur2-00001.csv');
    await expect(ingestFiles(db, [good, bad])).rejects.toThrow(IngestError);

    expect(await totals(db)).toEqual(before);
    expect(before.rows).toBe(4);
    expect(await db.all('SELECT * FROM deliveries ORDER BY delivery_id')).toEqual(deliveriesBefore);
    expect(await totals(db, "BillingAccountId = '111122223333'")).toMatchObject({ rows: 0 });
    // The database is still usable after the rollback.
    await ingestFiles(db, [good]);
    expect(await totals(db, "BillingAccountId = '111122223333'")).toMatchObject({ rows: 5 });
    db.close();
  });
});
