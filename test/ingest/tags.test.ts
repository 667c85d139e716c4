import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFiles } from '../../src/ingest/index.ts';
import type { Database } from '../../src/store/database.ts';
import { memoryDb, tempDir } from './helpers.ts';

type Entry = { key: string; value: string };

/** A FOCUS Parquet file of one month, one row per tag map, as AWS's FOCUS export types it (MAP). */
async function writeFocusParquet(db: Database, path: string, month: string, tags: string[]): Promise<void> {
  const rows = tags.map(
    (map, index) => `SELECT 'AWS' AS ProviderName, '1234' AS BillingAccountId,
      TIMESTAMP '${month}-01 00:00:00' AS BillingPeriodStart, TIMESTAMP '${month}-01 00:00:00' + INTERVAL 1 MONTH AS BillingPeriodEnd,
      TIMESTAMP '${month}-05 10:00:00' AS ChargePeriodStart, TIMESTAMP '${month}-05 11:00:00' AS ChargePeriodEnd,
      'Usage' AS ChargeCategory, 'row-${index}' AS ChargeDescription, 1.0::DOUBLE AS BilledCost,
      1.0::DOUBLE AS EffectiveCost, CAST(${map} AS MAP(VARCHAR, VARCHAR)) AS Tags`,
  );
  await db.run(`COPY (${rows.join(' UNION ALL ')}) TO '${path}' (FORMAT parquet)`);
}

/**
 * x_TagSetId is hash(Tags) of the stored map; computed here from the expected map literal. (Both
 * sides pass through the same lossy UBIGINT → number conversion, so equal hashes compare equal.)
 */
async function hashOf(db: Database, map: string): Promise<number> {
  const [row] = await db.all<{ id: number }>(`SELECT hash(CAST(${map} AS MAP(VARCHAR, VARCHAR))) AS id`);
  return row?.id ?? Number.NaN;
}

describe('ingest of tag maps', () => {
  const temp = tempDir();
  let db: Database;
  let stored: Map<string, { Tags: Entry[] | null; x_TagSetId: number | null }>;

  beforeAll(async () => {
    db = await memoryDb();
    const path = join(temp.dir, 'focus.parquet');
    await writeFocusParquet(db, path, '2026-01', [
      `MAP {'env': 'prod', 'aws:createdBy': 'alice'}`,
      `MAP {'user:team': 'data', 'user:cost_center': 'cc1'}`,
      `MAP {'team': 'ops', 'user:team': 'data'}`,
      `MAP {'user:team': 'data', 'team': 'ops', 'env': 'dev'}`,
      `MAP {}`,
      'NULL',
      `MAP {'user:': 'bare', 'xuser:a': 'b'}`,
    ]);
    await ingestFiles(db, [path]);
    const rows = await db.all<{ ChargeDescription: string; Tags: Entry[] | null; x_TagSetId: number | null }>(
      'SELECT ChargeDescription, Tags, x_TagSetId FROM line_items',
    );
    stored = new Map(rows.map((row) => [row.ChargeDescription, row]));
  });

  afterAll(() => {
    db.close();
    temp.cleanup();
  });

  it('should keep a map without user: keys as it is, in its order', async () => {
    expect(stored.get('row-0')?.Tags).toEqual([
      { key: 'env', value: 'prod' },
      { key: 'aws:createdBy', value: 'alice' },
    ]);
    expect(stored.get('row-0')?.x_TagSetId).toBe(
      await hashOf(db, `MAP {'env': 'prod', 'aws:createdBy': 'alice'}`),
    );
  });

  it('should drop the user: prefix from every key that has it', async () => {
    expect(stored.get('row-1')?.Tags).toEqual([
      { key: 'team', value: 'data' },
      { key: 'cost_center', value: 'cc1' },
    ]);
    expect(stored.get('row-1')?.x_TagSetId).toBe(
      await hashOf(db, `MAP {'team': 'data', 'cost_center': 'cc1'}`),
    );
  });

  it('should keep the first of two keys that collide once the prefix is dropped, whichever comes first', async () => {
    expect(stored.get('row-2')?.Tags).toEqual([{ key: 'team', value: 'ops' }]);
    expect(stored.get('row-3')?.Tags).toEqual([
      { key: 'team', value: 'data' },
      { key: 'env', value: 'dev' },
    ]);
    expect(stored.get('row-3')?.x_TagSetId).toBe(await hashOf(db, `MAP {'team': 'data', 'env': 'dev'}`));
  });

  it('should store empty and missing maps as NULL with no tag set', () => {
    expect(stored.get('row-4')).toEqual({ ChargeDescription: 'row-4', Tags: null, x_TagSetId: null });
    expect(stored.get('row-5')).toEqual({ ChargeDescription: 'row-5', Tags: null, x_TagSetId: null });
  });

  it('should strip only a leading prefix, leaving an empty key for a bare one', () => {
    expect(stored.get('row-6')?.Tags).toEqual([
      { key: '', value: 'bare' },
      { key: 'xuser:a', value: 'b' },
    ]);
  });
});

describe('ingest of tag maps shared by several files', () => {
  const temp = tempDir();
  afterAll(() => temp.cleanup());

  it('should give the same map from two files the same tag set, with or without the prefix', async () => {
    const db = await memoryDb();
    const january = join(temp.dir, 'january.parquet');
    const february = join(temp.dir, 'february.parquet');
    await writeFocusParquet(db, january, '2026-01', [`MAP {'user:team': 'data'}`, `MAP {'env': 'prod'}`]);
    await writeFocusParquet(db, february, '2026-02', [`MAP {'team': 'data'}`, `MAP {'user:team': 'data'}`]);
    await ingestFiles(db, [january, february]);
    const rows = await db.all<{ month: string; Tags: Entry[]; x_TagSetId: number }>(
      `SELECT strftime(BillingPeriodStart, '%Y-%m') AS month, Tags, x_TagSetId FROM line_items
       WHERE x_TagSetId = hash(CAST(MAP {'team': 'data'} AS MAP(VARCHAR, VARCHAR))) ORDER BY month, ChargeDescription`,
    );
    expect(rows.map((row) => row.month)).toEqual(['2026-01', '2026-02', '2026-02']);
    for (const row of rows) expect(row.Tags).toEqual([{ key: 'team', value: 'data' }]);
    db.close();
  });

  it('should drop the user_ prefix from a CUR 2.0 Parquet MAP of resource tags', async () => {
    const db = await memoryDb();
    const path = join(temp.dir, 'cur2.parquet');
    await db.run(`COPY (SELECT 'line-1' AS identity_line_item_id,
        '2026-04-01T00:00:00Z/2026-04-02T00:00:00Z' AS identity_time_interval, '111122223333' AS bill_payer_account_id,
        TIMESTAMP '2026-04-01' AS bill_billing_period_start_date, 'Usage' AS line_item_line_item_type,
        TIMESTAMP '2026-04-01' AS line_item_usage_start_date, TIMESTAMP '2026-04-02' AS line_item_usage_end_date,
        'AmazonEC2' AS line_item_product_code, 2.5::DOUBLE AS line_item_unblended_cost,
        MAP {'user_team': 'data', 'aws_created_by': 'bob', 'team': 'ops'} AS resource_tags)
      TO '${path}' (FORMAT parquet)`);
    await ingestFiles(db, [path]);
    const [row] = await db.all<{ Tags: Entry[]; x_TagSetId: number }>(
      'SELECT Tags, x_TagSetId FROM line_items',
    );
    expect(row?.Tags).toEqual([
      { key: 'team', value: 'data' },
      { key: 'aws_created_by', value: 'bob' },
    ]);
    expect(row?.x_TagSetId).toBe(await hashOf(db, `MAP {'team': 'data', 'aws_created_by': 'bob'}`));
    db.close();
  });
});
