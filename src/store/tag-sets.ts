import type { Database } from './database.ts';

/**
 * Tags are a MAP per line item, and reading one key out of a map on every row is the slowest
 * part of a tag question (about 6× a plain column on 5 M rows). Line items share few distinct tag
 * maps, so each row keeps `x_TagSetId = hash(Tags)` and the distinct maps live in `tag_sets`;
 * the engine joins a tag's values from that small table instead.
 *
 * Writers (ingest, the demo) may leave x_TagSetId empty: this fills it in and rebuilds tag_sets.
 * It is idempotent and cheap when nothing is missing.
 */
export async function indexTagSets(db: Database): Promise<{ indexedRows: number }> {
  const [missing] = await db.all<{ n: number }>(
    `SELECT count(*) AS n FROM line_items WHERE x_TagSetId IS NULL AND Tags IS NOT NULL AND cardinality(Tags) > 0`,
  );
  const [stale] = await db.all<{ n: number }>(
    `SELECT count(*) AS n FROM (SELECT DISTINCT x_TagSetId AS id FROM line_items WHERE x_TagSetId IS NOT NULL) used
     FULL OUTER JOIN tag_sets ON used.id = tag_sets.id WHERE used.id IS NULL OR tag_sets.id IS NULL`,
  );
  const indexedRows = missing?.n ?? 0;
  if (indexedRows === 0 && (stale?.n ?? 0) === 0) return { indexedRows };
  await db.transaction(async (tx) => {
    if (indexedRows > 0) {
      await tx.run(
        `UPDATE line_items SET x_TagSetId = hash(Tags) WHERE x_TagSetId IS NULL AND Tags IS NOT NULL AND cardinality(Tags) > 0`,
      );
    }
    await tx.run('DELETE FROM tag_sets');
    await tx.run(
      `INSERT INTO tag_sets SELECT x_TagSetId, any_value(Tags) FROM line_items WHERE x_TagSetId IS NOT NULL GROUP BY 1`,
    );
  });
  return { indexedRows };
}
