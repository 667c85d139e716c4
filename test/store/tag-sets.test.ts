import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDuckDbCostEngine } from '../../src/engine/index.ts';
import { type Database, openDatabase } from '../../src/store/database.ts';
import { indexTagSets } from '../../src/store/tag-sets.ts';
import { insertLineItems } from '../support/line-item-rows.ts';

const EC2 = { service: 'Amazon Elastic Compute Cloud', account: '111111111111' };

describe('indexTagSets', () => {
  let db: Database;

  beforeEach(async () => {
    db = await openDatabase({ dataDir: ':memory:' });
  });
  afterEach(() => db.close());

  it('should give every tagged row the id of its distinct tag map, and untagged rows none', async () => {
    await insertLineItems(db, [
      { day: '2026-11-01', ...EC2, billed: 1, tags: { team: 'a', env: 'prod' } },
      { day: '2026-11-02', ...EC2, billed: 2, tags: { team: 'a', env: 'prod' } },
      { day: '2026-11-02', ...EC2, billed: 3, tags: { team: 'b' } },
      { day: '2026-11-03', ...EC2, billed: 4 },
    ]);
    expect(await indexTagSets(db)).toEqual({ indexedRows: 3 });
    const sets = await db.all<{ n: number }>('SELECT count(*) AS n FROM tag_sets');
    expect(sets[0]?.n).toBe(2);
    const rows = await db.all<{ billed: number; team: string | null }>(
      `SELECT BilledCost AS billed, t.tags['team'] AS team FROM line_items LEFT JOIN tag_sets t ON t.id = x_TagSetId ORDER BY billed`,
    );
    expect(rows.map((row) => row.team)).toEqual(['a', 'a', 'b', null]);
    expect(await indexTagSets(db)).toEqual({ indexedRows: 0 });
  });

  it('should drop tag maps no row uses any more', async () => {
    await insertLineItems(db, [
      { day: '2026-11-01', ...EC2, billed: 1, tags: { team: 'a' } },
      { day: '2026-11-01', ...EC2, billed: 2, tags: { team: 'gone' } },
    ]);
    await indexTagSets(db);
    await db.run(`DELETE FROM line_items WHERE BilledCost = 2`);
    await indexTagSets(db);
    const sets = await db.all<{ team: string }>(`SELECT tags['team'] AS team FROM tag_sets`);
    expect(sets.map((row) => row.team)).toEqual(['a']);
  });

  it('should let the engine see tags written after its first question', async () => {
    await insertLineItems(db, [{ day: '2026-11-01', ...EC2, billed: 1, tags: { team: 'a' } }]);
    const engine = createDuckDbCostEngine({ db });
    const range = { start: '2026-11-01', end: '2026-11-02' };
    expect((await engine.query({ range, groupBy: ['tag:team'], metric: 'BilledCost' })).rows).toHaveLength(1);
    await insertLineItems(db, [{ day: '2026-11-01', ...EC2, billed: 5, tags: { team: 'new' } }]);
    const after = await engine.query({ range, groupBy: ['tag:team'], metric: 'BilledCost' });
    expect(after.rows.map((row) => [row.key['tag:team'], row.value])).toEqual([
      ['new', 5],
      ['a', 1],
    ]);
    expect((await engine.catalog()).tagValues.team).toEqual(['a', 'new']);
  });
});

describe('createDuckDbCostEngine tag index', () => {
  it('should let concurrent first questions share one tag indexing run', async () => {
    const db = await openDatabase({ dataDir: ':memory:' });
    await insertLineItems(db, [
      {
        day: '2026-11-01',
        service: 'Amazon Elastic Compute Cloud',
        account: '111111111111',
        billed: 1,
        tags: { team: 'a' },
      },
      {
        day: '2026-11-01',
        service: 'Amazon Elastic Compute Cloud',
        account: '111111111111',
        billed: 2,
        tags: { team: 'b' },
      },
    ]);
    const engine = createDuckDbCostEngine({ db });
    const range = { start: '2026-11-01', end: '2026-11-02' };
    const results = await Promise.all(
      Array.from({ length: 6 }, () => engine.query({ range, groupBy: ['tag:team'], metric: 'BilledCost' })),
    );
    expect(results[0]?.rows.map((row) => row.key['tag:team'])).toEqual(['b', 'a']);
    expect(results.map((result) => result.total)).toEqual([3, 3, 3, 3, 3, 3]);
    db.close();
  });
});
