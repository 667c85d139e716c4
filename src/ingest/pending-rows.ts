import type { Database } from '../store/database.ts';
import { LINE_ITEM_COLUMNS } from '../store/schema.ts';
import { FINGERPRINT_LENGTH } from './deliveries.ts';
import { mappedSource, type SourceMapping, type TargetColumn } from './mapping.ts';
import { quoteIdent, quoteLiteral } from './sql.ts';
import type { BillingFormat } from './types.ts';

/**
 * Rows are written to line_items once, straight from the file, and are staged there until the
 * deliveries of each period are chosen; then they are relabelled (one column) or deleted. Copying
 * through a staging table would write every row twice. The transaction around the ingest keeps
 * staged rows invisible to everyone else and removes them on failure.
 *
 * Most periods arrive in one file, so each row is staged under the id its period would have as a
 * delivery of that file alone (`format:provider:account:YYYY-MM:fingerprint`): when that delivery
 * is chosen nothing needs relabelling, and an UPDATE per period costs more than the whole scan
 * (it rewrites the column and makes the commit merge the changes). Rows are told apart from stored
 * ones by the file fingerprint at the end of the id; when a stored delivery already ends with it
 * (the same file ingested again) the file is staged under a pending id instead, as are rows whose
 * id cannot be formed.
 */
export const PENDING_PREFIX = 'ingest-pending:';
export const pendingId = (fileIndex: number) => `${PENDING_PREFIX}${fileIndex}`;
export const isPendingId = (id: string) => id.startsWith(PENDING_PREFIX);
export const LINE_KEYS_TABLE = 'ingest_line_keys';

export const TARGET_COLUMNS = LINE_ITEM_COLUMNS.map(([name]) => name).filter(
  (name): name is TargetColumn => name !== 'x_DeliveryId',
);

/** How one file's rows are staged: under their single-file delivery ids (with `fingerprint`) or pending. */
export interface StagedRows {
  fileIndex: number;
  format: BillingFormat;
  fingerprint?: string;
}

const fingerprintSuffix = (fingerprint: string) => `:${fingerprint}`;
const suffixExpr = `right(x_DeliveryId, ${FINGERPRINT_LENGTH + 1})`;

/** Stored delivery ids ending with one of these fingerprints: their files must be staged as pending. */
export async function fingerprintsInUse(db: Database, fingerprints: string[]): Promise<Set<string>> {
  if (fingerprints.length === 0) return new Set();
  const rows = await db.all<{ fingerprint: string }>(
    `SELECT DISTINCT right(delivery_id, ${FINGERPRINT_LENGTH}) AS fingerprint FROM deliveries
     WHERE right(delivery_id, ${FINGERPRINT_LENGTH + 1}) IN (${fingerprints.map((fp) => quoteLiteral(fingerprintSuffix(fp))).join(', ')})`,
  );
  return new Set(rows.map((row) => row.fingerprint));
}

/** SQL condition selecting the staged rows of these files. */
export function stagedCondition(files: StagedRows[]): string {
  const pending = files.map((file) => quoteLiteral(pendingId(file.fileIndex)));
  const suffixes = files.flatMap((file) =>
    file.fingerprint ? [quoteLiteral(fingerprintSuffix(file.fingerprint))] : [],
  );
  const conditions = [`x_DeliveryId IN (${pending.join(', ')})`];
  if (suffixes.length > 0) conditions.push(`${suffixExpr} IN (${suffixes.join(', ')})`);
  return `(${conditions.join(' OR ')})`;
}

/**
 * A relation `files(file_index, pending, suffix)` and a join condition telling which file a staged id
 * belongs to.
 */
export function stagedFilesJoin(files: StagedRows[], idRef: string): { table: string; on: string } {
  const values = files
    .map(
      (file) =>
        `(${file.fileIndex}, ${quoteLiteral(pendingId(file.fileIndex))}, ${file.fingerprint ? quoteLiteral(fingerprintSuffix(file.fingerprint)) : 'NULL'})`,
    )
    .join(', ');
  return {
    table: `(VALUES ${values}) AS files(file_index, pending, suffix)`,
    on: `(${idRef} = files.pending OR right(${idRef}, ${FINGERPRINT_LENGTH + 1}) = files.suffix)`,
  };
}

/** Must produce what `deliveryId` (deliveries.ts) makes of the row's period and the file's fingerprint. */
function stagedIdExpr(file: StagedRows): string {
  const pending = quoteLiteral(pendingId(file.fileIndex));
  if (!file.fingerprint) return pending;
  const period = `strftime(CAST("BillingPeriodStart" AS DATE), '%Y-%m')`;
  return `coalesce(${quoteLiteral(`${file.format}:`)} || "ProviderName" || ':' || "BillingAccountId" || ':' || ${period} || ${quoteLiteral(fingerprintSuffix(file.fingerprint))}, ${pending})`;
}

/** One vectorised statement per file: the file is read once, converted and written. */
export async function loadStagedRows(
  db: Database,
  file: StagedRows,
  source: string,
  mapping: SourceMapping,
): Promise<number> {
  const columns = TARGET_COLUMNS.map((name) => `${mapping.select[name]} AS ${quoteIdent(name)}`).join(
    ',\n  ',
  );
  // INSERT reports how many rows it wrote; counting them afterwards would scan all of line_items.
  const inserted = await db.all<{ Count: number }>(
    `INSERT INTO line_items (${TARGET_COLUMNS.map(quoteIdent).join(', ')}, x_DeliveryId)
     SELECT *, ${stagedIdExpr(file)} FROM (SELECT ${columns} FROM ${mappedSource(source, mapping)})`,
  );
  return inserted[0]?.Count ?? 0;
}

/**
 * Deletes staged rows that did not become part of a stored delivery, by their staged ids; when every
 * period was stored as staged there is nothing to delete and no scan.
 */
export async function deleteStagedRows(
  db: Database,
  stagedIds: string[],
  storedIds: string[],
): Promise<void> {
  if (stagedIds.length === 0) return;
  const kept =
    storedIds.length > 0 ? ` AND x_DeliveryId NOT IN (${storedIds.map(quoteLiteral).join(', ')})` : '';
  await db.run(
    `DELETE FROM line_items WHERE x_DeliveryId IN (${stagedIds.map(quoteLiteral).join(', ')})${kept}`,
  );
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
