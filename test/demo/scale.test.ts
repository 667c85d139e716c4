import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoManifest } from '../../src/demo/index.ts';
import { generateDemoOrganisation } from '../../src/demo/index.ts';
import type { Database } from '../../src/store/database.ts';
import { openDatabase } from '../../src/store/database.ts';

const NOW = new Date('2026-02-02T12:00:00Z');

describe('generateDemoOrganisation scale', () => {
  let db: Database;
  let manifest: DemoManifest;

  beforeAll(async () => {
    db = await openDatabase({ dataDir: ':memory:' });
    manifest = await generateDemoOrganisation(db, { now: NOW, scale: 2 });
  });

  afterAll(() => db.close());

  it('should make two copies of every account with distinct 12-digit ids and suffixed names', async () => {
    const accounts = await db.all<{ id: string; name: string }>(
      'SELECT DISTINCT SubAccountId AS id, SubAccountName AS name FROM line_items ORDER BY 2',
    );
    expect(accounts).toHaveLength(12);
    expect(new Set(accounts.map((account) => account.id)).size).toBe(12);
    for (const account of accounts) expect(account.id).toMatch(/^\d{12}$/);
    expect(accounts.map((account) => account.name)).toContain('acme-prod-001');
    expect(manifest.scale).toBe(2);
  });

  it('should copy every row once per copy, with the same costs', async () => {
    const [counts] = await db.all<{ base: number; copies: number; baseCost: number; copyCost: number }>(
      `SELECT count(*) FILTER (WHERE NOT regexp_matches(SubAccountName, '-001$')) AS base,
         count(*) FILTER (WHERE regexp_matches(SubAccountName, '-001$')) AS copies,
         sum(BilledCost) FILTER (WHERE NOT regexp_matches(SubAccountName, '-001$')) AS baseCost,
         sum(BilledCost) FILTER (WHERE regexp_matches(SubAccountName, '-001$')) AS copyCost
       FROM line_items`,
    );
    expect(counts!.copies).toBe(counts!.base);
    expect(counts!.copyCost).toBeCloseTo(counts!.baseCost, 4);
    expect(manifest.lineItems).toBe(counts!.base * 2);
  });

  it('should give every copied resource its own id, consistent across cost rows and inventory', async () => {
    const [resources] = await db.all<{ rows: number; ids: number }>(
      'SELECT count(*) AS rows, count(DISTINCT resource_id) AS ids FROM resources',
    );
    expect(resources!.ids).toBe(resources!.rows);
    const [perCopy] = await db.all<{ instances: number; ids: number }>(
      `SELECT count(*) AS instances, count(DISTINCT ResourceId) AS ids
       FROM (SELECT DISTINCT SubAccountId, ResourceId FROM line_items WHERE x_UsageType LIKE '%BoxUsage%')`,
    );
    expect(perCopy!.ids).toBe(perCopy!.instances);
    const [orphans] = await db.all<{ withoutCost: number; withoutCpu: number; instances: number }>(
      `SELECT count(*) AS instances,
         count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM line_items l WHERE l.ResourceId = r.resource_id AND l.SubAccountId = r.account_id)) AS withoutCost,
         count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM utilization_hourly u WHERE u.resource_id = r.resource_id AND u.metric = 'cpu_percent')) AS withoutCpu
       FROM resources r WHERE resource_type IN ('ec2_instance', 'rds_instance')`,
    );
    expect(orphans!.withoutCost).toBe(0);
    expect(orphans!.withoutCpu).toBe(0);
    const [buckets] = await db.all<{ rows: number; ids: number }>(
      'SELECT count(*) AS rows, count(DISTINCT bucket) AS ids FROM s3_bucket_stats',
    );
    expect(buckets!.ids).toBe(buckets!.rows);
  });

  it('should count the copies in the deliveries', async () => {
    const [check] = await db.all<{ delivered: number; rows: number }>(
      'SELECT (SELECT sum(row_count) FROM deliveries) AS delivered, (SELECT count(*) FROM line_items) AS rows',
    );
    expect(check!.delivered).toBe(check!.rows);
  });
});
