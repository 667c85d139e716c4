import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFiles } from '../../src/ingest/index.ts';
import type { Database } from '../../src/store/database.ts';
import { memoryDb, tempDir, writeCsv } from './helpers.ts';

const HEADER = [
  'ProviderName',
  'BillingAccountId',
  'BillingPeriodStart',
  'BillingPeriodEnd',
  'ChargePeriodStart',
  'ChargePeriodEnd',
  'ChargeCategory',
  'ChargeFrequency',
  'ChargeDescription',
  'BilledCost',
  'EffectiveCost',
  'RegionId',
  'Tags',
];

type Stored = Record<string, unknown> & { ChargeDescription: string };

describe('ingest of real-world FOCUS quirks', () => {
  let db: Database;
  let rows: Map<string, Stored>;
  const temp = tempDir();

  beforeAll(async () => {
    db = await memoryDb();
    const period = ['AWS', '1234', '2026-01-01 00:00:00', '2026-02-01 00:00:00'];
    const path = writeCsv(temp.dir, 'focus.csv', HEADER, [
      [
        ...period,
        '2026-01-05 10:00:00',
        '2026-01-05 11:00:00',
        'usage',
        'Usage-based',
        'no-zone',
        '1.25',
        '1.00',
        'NULL',
        '"{""user:team"": ""data"", ""env"": ""prod""}"',
      ],
      [
        ...period,
        '2026-01-05T11:00:00Z',
        '2026-01-05T12:00:00Z',
        'Usage',
        'usage_based',
        'zulu',
        '2.5',
        '2.5',
        '',
        '',
      ],
      [
        ...period,
        '2026-01-05T13:00:00+02:00',
        '2026-01-05T14:00:00+02:00',
        'USAGE',
        'Usage-Based',
        'offset',
        '0.000001',
        '0',
        'eu-west-1',
        'NULL',
      ],
      [
        ...period,
        '2026-01-06 00:00:00',
        '2026-01-07 00:00:00',
        'credit',
        'one-time',
        'credit',
        '-2.5',
        '-2.5',
        'NULL',
        'NULL',
      ],
      [
        ...period,
        '2026-01-01 00:00:00',
        '2026-02-01 00:00:00',
        'tax',
        'Usage-Based',
        'tax',
        '0.75',
        '0.75',
        'NULL',
        'NULL',
      ],
      [
        ...period,
        '2026-01-07 00:00:00',
        '2026-01-08 00:00:00',
        'Refund',
        'One-Time',
        'unknown category',
        '-1',
        '-1',
        'NULL',
        'NULL',
      ],
    ]);
    const report = await ingestFiles(db, [path]);
    expect(report.warnings.join('\n')).toMatch(/ChargeCategory value "Refund" is not a FOCUS value/);
    rows = new Map(
      (await db.all<Stored>('SELECT * FROM line_items')).map((row) => [row.ChargeDescription, row]),
    );
  });
  afterAll(() => {
    db.close();
    temp.cleanup();
  });

  it('should read timestamps without a zone as UTC', () => {
    expect(rows.get('no-zone')).toMatchObject({
      ChargePeriodStart: '2026-01-05T10:00:00.000Z',
      x_ChargeDate: '2026-01-05',
      BillingPeriodStart: '2026-01-01',
    });
  });

  it('should read ISO 8601 timestamps with Z and with an offset as UTC', () => {
    expect(rows.get('zulu')?.ChargePeriodStart).toBe('2026-01-05T11:00:00.000Z');
    expect(rows.get('offset')?.ChargePeriodStart).toBe('2026-01-05T11:00:00.000Z');
  });

  it('should treat literal NULL and empty strings as missing', () => {
    expect(rows.get('no-zone')?.RegionId).toBeNull();
    expect(rows.get('zulu')?.RegionId).toBeNull();
    expect(rows.get('zulu')?.Tags).toBeNull();
    expect(rows.get('offset')?.RegionId).toBe('eu-west-1');
  });

  it('should normalise enum case variants to the FOCUS spelling', () => {
    for (const id of ['no-zone', 'zulu', 'offset']) {
      expect(rows.get(id)).toMatchObject({ ChargeCategory: 'Usage', ChargeFrequency: 'Usage-Based' });
    }
    expect(rows.get('credit')).toMatchObject({ ChargeCategory: 'Credit', ChargeFrequency: 'One-Time' });
    expect(rows.get('tax')?.ChargeCategory).toBe('Tax');
  });

  it('should keep credits negative and tax with their category, and unknown values as they are', () => {
    expect(rows.get('credit')?.BilledCost).toBe(-2.5);
    expect(rows.get('tax')?.BilledCost).toBe(0.75);
    expect(rows.get('unknown category')?.ChargeCategory).toBe('Refund');
    expect(rows.get('offset')?.BilledCost).toBe(0.000001);
  });

  it('should parse Tags JSON and drop the user: prefix', () => {
    const tags = rows.get('no-zone')?.Tags as { key: string; value: string }[];
    expect(Object.fromEntries(tags.map((entry) => [entry.key, entry.value]))).toEqual({
      team: 'data',
      env: 'prod',
    });
  });
});

describe('ingest of FOCUS Parquet', () => {
  const temp = tempDir();
  afterAll(() => temp.cleanup());

  it('should read MAP tags and zoned timestamps as UTC whatever the session time zone', async () => {
    const db = await memoryDb();
    const path = join(temp.dir, 'focus.parquet');
    // Written by a plain DuckDB query, as AWS's FOCUS export types them (TIMESTAMPTZ, MAP).
    await db.run(`COPY (SELECT 'AWS' AS ProviderName, '1234' AS BillingAccountId,
        TIMESTAMPTZ '2026-01-01 00:00:00+00' AS BillingPeriodStart, TIMESTAMPTZ '2026-02-01 00:00:00+00' AS BillingPeriodEnd,
        TIMESTAMPTZ '2026-01-05 10:00:00+00' AS ChargePeriodStart, TIMESTAMPTZ '2026-01-05 11:00:00+00' AS ChargePeriodEnd,
        'Usage' AS ChargeCategory, 1.5::DOUBLE AS BilledCost, 1.25::DOUBLE AS EffectiveCost,
        MAP {'user:team': 'data', 'env': 'prod'} AS Tags) TO '${path}' (FORMAT parquet)`);
    await db.run("SET TimeZone = 'America/New_York'");
    const report = await ingestFiles(db, [path]);
    const [row] = await db.all('SELECT ChargePeriodStart, BilledCost, EffectiveCost, Tags FROM line_items');
    expect(report.files).toEqual([{ path, format: 'focus', rows: 1 }]);
    expect(row).toMatchObject({
      ChargePeriodStart: '2026-01-05T10:00:00.000Z',
      BilledCost: 1.5,
      EffectiveCost: 1.25,
    });
    expect(row?.Tags).toEqual([
      { key: 'team', value: 'data' },
      { key: 'env', value: 'prod' },
    ]);
    db.close();
  });
});
