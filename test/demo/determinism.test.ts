import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoOrganisation } from '../../src/demo/index.ts';
import type { Database } from '../../src/store/database.ts';
import { openDatabase } from '../../src/store/database.ts';

const NOW = new Date('2026-01-07T23:59:00Z');

interface Fingerprint {
  rows: number;
  billed: string;
  effective: string;
  list: string;
  contentHash: string;
  utilisation: string;
  resources: string;
}

/** Totals as exact decimal strings plus an order-independent sum of every row's hash (all columns). */
async function fingerprint(db: Database): Promise<Fingerprint> {
  const [totals] = await db.all<Omit<Fingerprint, 'utilisation' | 'resources'>>(
    `SELECT count(*) AS rows, CAST(sum(BilledCost) AS VARCHAR) AS billed, CAST(sum(EffectiveCost) AS VARCHAR) AS effective,
       CAST(sum(ListCost) AS VARCHAR) AS list,
       CAST(sum(CAST(hash(li) AS HUGEINT)) AS VARCHAR) AS contentHash
     FROM line_items li`,
  );
  const [inventory] = await db.all<{ utilisation: string; resources: string }>(
    `SELECT (SELECT CAST(sum(CAST(hash(u) AS HUGEINT)) AS VARCHAR) FROM utilization_hourly u) AS utilisation,
       (SELECT CAST(sum(CAST(hash(r) AS HUGEINT)) AS VARCHAR) FROM resources r) AS resources`,
  );
  return {
    ...(totals as Omit<Fingerprint, 'utilisation' | 'resources'>),
    ...(inventory as { utilisation: string; resources: string }),
  };
}

describe('generateDemoOrganisation determinism', () => {
  const dbs: Database[] = [];
  const prints: Fingerprint[] = [];

  beforeAll(async () => {
    // The second seed-42 run regenerates into the same database, which must replace the first.
    const first = await openDatabase({ dataDir: ':memory:' });
    const other = await openDatabase({ dataDir: ':memory:' });
    dbs.push(first, other);
    await generateDemoOrganisation(first, { now: NOW, seed: 42 });
    prints.push(await fingerprint(first));
    await generateDemoOrganisation(first, { now: NOW, seed: 42 });
    prints.push(await fingerprint(first));
    await generateDemoOrganisation(other, { now: NOW, seed: 7 });
    prints.push(await fingerprint(other));
  });

  afterAll(() => {
    for (const db of dbs) db.close();
  });

  it('should give byte-identical data for the same seed and now, replacing the previous demo', async () => {
    expect(prints[0]!.rows).toBeGreaterThan(0);
    expect(prints[1]).toEqual(prints[0]);
    const [deliveries] = await dbs[0]!.all<{ rows: number }>('SELECT count(*) AS rows FROM deliveries');
    expect(deliveries?.rows).toBe(14);
  });

  it('should give different data for a different seed', () => {
    expect(prints[2]!.billed).not.toBe(prints[0]!.billed);
    expect(prints[2]!.contentHash).not.toBe(prints[0]!.contentHash);
    expect(prints[2]!.utilisation).not.toBe(prints[0]!.utilisation);
  });

  it('should keep the organisation the same across seeds: same accounts, services and resource count', async () => {
    const shape = (db: Database) =>
      db.all(
        `SELECT SubAccountId, ServiceName, count(DISTINCT ResourceId) AS resources FROM line_items GROUP BY 1, 2 ORDER BY 1, 2`,
      );
    expect(await shape(dbs[1]!)).toEqual(await shape(dbs[0]!));
  });
});
