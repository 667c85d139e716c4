import type { Database } from '../store/database.ts';
import { LINE_ITEM_COLUMNS } from '../store/schema.ts';
import type { SourceMapping, TargetColumn } from './mapping.ts';
import { quoteIdent } from './sql.ts';

export const STAGE_TABLE = 'ingest_stage';

export const TARGET_COLUMNS = LINE_ITEM_COLUMNS.map(([name]) => name).filter(
  (name): name is TargetColumn => name !== 'x_DeliveryId',
);

/**
 * Normalised rows wait here, tagged with their file and line key, until the deliveries of each
 * period are chosen: a file may hold several periods, and which files are kept is only known once
 * all of them are read.
 */
export async function createStage(db: Database): Promise<void> {
  await db.run(`DROP TABLE IF EXISTS temp.${STAGE_TABLE}`);
  await db.run(
    `CREATE TEMP TABLE ${STAGE_TABLE} AS SELECT CAST(0 AS INTEGER) AS x_FileIndex, CAST(0 AS UBIGINT) AS x_LineKey, * EXCLUDE (x_DeliveryId) FROM line_items LIMIT 0`,
  );
}

export async function dropStage(db: Database): Promise<void> {
  try {
    await db.run(`DROP TABLE IF EXISTS temp.${STAGE_TABLE}`);
  } catch {
    // After a failed statement the transaction is aborted and the rollback removes the table anyway.
  }
}

/** One vectorised statement per file: the file is read once, converted and staged. */
export async function stageFile(
  db: Database,
  fileIndex: number,
  source: string,
  mapping: SourceMapping,
): Promise<number> {
  const columns = TARGET_COLUMNS.map((name) => `${mapping.select[name]} AS ${quoteIdent(name)}`).join(
    ',\n  ',
  );
  await db.run(
    `INSERT INTO ${STAGE_TABLE} (x_FileIndex, x_LineKey, ${TARGET_COLUMNS.map(quoteIdent).join(', ')})
     SELECT ${fileIndex}, ${mapping.lineKey}, ${columns} FROM ${source}`,
  );
  const rows = await db.all<{ rows: number }>(
    `SELECT count(*) AS rows FROM ${STAGE_TABLE} WHERE x_FileIndex = $1`,
    [fileIndex],
  );
  return rows[0]?.rows ?? 0;
}
