import type { Database } from '../store/database.ts';
import { LINE_ITEM_COLUMNS } from '../store/schema.ts';
import { mappedSource, type SourceMapping, type TargetColumn } from './mapping.ts';
import { quoteIdent } from './sql.ts';

/**
 * Rows are written to line_items once, straight from the file, under a pending delivery id per
 * file; when the deliveries of each period are chosen they are relabelled (cheap: one column) or
 * deleted. Copying through a staging table would write every row twice. The transaction around
 * the ingest keeps pending rows invisible to everyone else and removes them on failure.
 */
export const PENDING_PREFIX = 'ingest-pending:';
export const pendingId = (fileIndex: number) => `${PENDING_PREFIX}${fileIndex}`;
export const PENDING_CONDITION = `starts_with(x_DeliveryId, '${PENDING_PREFIX}')`;
export const LINE_KEYS_TABLE = 'ingest_line_keys';

export const TARGET_COLUMNS = LINE_ITEM_COLUMNS.map(([name]) => name).filter(
  (name): name is TargetColumn => name !== 'x_DeliveryId',
);

/** One vectorised statement per file: the file is read once, converted and written. */
export async function loadPendingRows(
  db: Database,
  fileIndex: number,
  source: string,
  mapping: SourceMapping,
): Promise<number> {
  const columns = TARGET_COLUMNS.map((name) => `${mapping.select[name]} AS ${quoteIdent(name)}`).join(
    ',\n  ',
  );
  // INSERT reports how many rows it wrote; counting them afterwards would scan all of line_items.
  const inserted = await db.all<{ Count: number }>(
    `INSERT INTO line_items (${TARGET_COLUMNS.map(quoteIdent).join(', ')}, x_DeliveryId)
     SELECT ${columns}, $1 FROM ${mappedSource(source, mapping)}`,
    [pendingId(fileIndex)],
  );
  return inserted[0]?.Count ?? 0;
}

export async function deletePendingRows(db: Database): Promise<void> {
  await db.run(`DELETE FROM line_items WHERE ${PENDING_CONDITION}`);
}

/**
 * Line keys are only needed when one period arrives in several files of one format; then only
 * the key columns are read again (a narrow read for Parquet).
 */
export async function loadLineKeys(
  db: Database,
  fileIndex: number,
  source: string,
  mapping: SourceMapping,
): Promise<void> {
  await db.run(
    `CREATE TEMP TABLE IF NOT EXISTS ${LINE_KEYS_TABLE} (file_index INTEGER, provider VARCHAR, account VARCHAR, period DATE, line_key UBIGINT)`,
  );
  const { ProviderName, BillingAccountId, BillingPeriodStart } = mapping.select;
  await db.run(
    `INSERT INTO ${LINE_KEYS_TABLE} SELECT ${fileIndex}, ${ProviderName}, ${BillingAccountId}, CAST(${BillingPeriodStart} AS DATE), ${mapping.lineKey} FROM ${mappedSource(source, mapping)}`,
  );
}

export async function dropLineKeys(db: Database): Promise<void> {
  try {
    await db.run(`DROP TABLE IF EXISTS temp.${LINE_KEYS_TABLE}`);
  } catch {
    // After a failed statement the transaction is aborted and the rollback removes the table anyway.
  }
}
