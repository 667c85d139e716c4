import { IngestError } from '../errors.ts';
import type { Database } from '../store/database.ts';
import { legacyToCur2Name } from './cur-legacy-columns.ts';
import { curMapping } from './cur-to-focus.ts';
import {
  chooseDeliveries,
  type Delivery,
  describePeriod,
  filesFingerprint,
  pairKey,
  type Slice,
} from './deliveries.ts';
import { detectFormat } from './detect-format.ts';
import { FOCUS_ENUMS } from './enums.ts';
import { expandInputs, type InputFile } from './expand-inputs.ts';
import { focusMapping } from './focus-select.ts';
import type { SourceMapping } from './mapping.ts';
import {
  deleteStagedRows,
  dropLineKeys,
  fingerprintsInUse,
  isPendingId,
  LINE_KEYS_TABLE,
  loadLineKeys,
  loadStagedRows,
  type StagedRows,
  stagedCondition,
  stagedFilesJoin,
} from './pending-rows.ts';
import { createSourceColumns } from './source-columns.ts';
import { describeSource, sourceSql, unreadable } from './source-file.ts';
import { quoteIdent, quoteLiteral } from './sql.ts';
import type { BillingFormat, IngestOptions, IngestPeriodReport, IngestReport } from './types.ts';
import { assertMandatoryColumns, assertValuesReadable, notBillingData } from './validate.ts';

interface StagedFile {
  file: InputFile;
  format: BillingFormat;
  source: string;
  mapping: SourceMapping;
  rows: StagedRows;
}

/**
 * Reads billing files (FOCUS 1.0–1.2, CUR 2.0, legacy CUR; CSV, CSV.gz, Parquet) into line_items.
 * The whole call is one transaction: on any error nothing is written and what was stored before
 * is untouched. A newer delivery of a stored period replaces it; an older one is skipped.
 */
export async function ingestFiles(
  db: Database,
  pathsOrGlobs: string[],
  options: IngestOptions = {},
): Promise<IngestReport> {
  const now = options.now ?? (() => new Date());
  const progress = options.onProgress ?? (() => {});
  const started = performance.now();
  return db.transaction(async (tx) => {
    const { files, skipped } = await expandInputs(tx, pathsOrGlobs);
    const warnings: string[] = [];
    try {
      const staged = new Map<number, StagedFile>();
      const fingerprints = files.map((file) => filesFingerprint([file]));
      const inUse = await fingerprintsInUse(tx, fingerprints);
      for (const [index, file] of files.entries()) {
        progress({ type: 'file-started', path: file.path, index, total: files.length });
        const fingerprint = fingerprints[index];
        const ownFingerprint = fingerprint && !inUse.has(fingerprint) ? fingerprint : undefined;
        const result = await stageOne(tx, file, index, ownFingerprint, warnings);
        if (result.kind === 'skipped') {
          skipped.push({ path: file.path, reason: result.reason });
          continue;
        }
        staged.set(index, {
          file,
          format: result.format,
          source: result.source,
          mapping: result.mapping,
          rows: result.staged,
        });
        progress({
          type: 'file-done',
          path: file.path,
          index,
          total: files.length,
          format: result.format,
          rows: result.rows,
        });
      }
      if (staged.size === 0) {
        throw new IngestError(
          `no billing data found in ${pathsOrGlobs.join(', ')}${skipped.length > 0 ? ` (skipped: ${skipped.map((skip) => skip.path).join(', ')})` : ''}. Pass FOCUS or CUR export files (CSV, CSV.gz or Parquet) or their folder.`,
          { code: 'finops_not_billing_data' },
        );
      }
      const { slices, stagedIds } = await readSlices(tx, staged);
      const { chosen, superseded } = chooseDeliveries(slices, await readOverlaps(tx, slices, staged));
      // Rows of superseded files and of deliveries older than the stored ones are deleted at the end.
      const leftover = new Set<string>();
      for (const { slice, reason } of superseded) {
        skipped.push({ path: slice.path, reason });
        for (const id of stagedIds.get(slice) ?? []) leftover.add(id);
      }

      const totalRows = chosen.reduce((total, delivery) => total + delivery.rows, 0);
      const ingestedAt = now().toISOString();
      const stored: StoredDelivery[] = [];
      const loadedRows = new Map<string, number>();
      let rowsSoFar = 0;
      for (const delivery of chosen) {
        const deliveryStagedIds = delivery.slices.flatMap((slice) => stagedIds.get(slice) ?? []);
        const outcome = await storeDelivery(tx, delivery, deliveryStagedIds);
        if (outcome.kind === 'skipped') {
          for (const slice of delivery.slices) skipped.push({ path: slice.path, reason: outcome.reason });
          for (const id of deliveryStagedIds) leftover.add(id);
          continue;
        }
        // Relabelling moves the period's rows; anything left under a pending id is not part of it.
        for (const id of deliveryStagedIds) if (isPendingId(id)) leftover.add(id);
        if (outcome.warning) warnings.push(outcome.warning);
        stored.push(outcome);
        for (const slice of delivery.slices)
          loadedRows.set(slice.path, (loadedRows.get(slice.path) ?? 0) + slice.rows);
        rowsSoFar += delivery.rows;
        progress({ type: 'rows-loaded', rows: rowsSoFar, totalRows });
      }
      const periods = await recordDeliveries(tx, stored, ingestedAt);
      await deleteStagedRows(
        tx,
        [...leftover],
        stored.map(({ delivery }) => delivery.id),
      );
      const seconds = (performance.now() - started) / 1000;
      return {
        files: [...staged.values()]
          .filter(({ file }) => loadedRows.has(file.path))
          .map(({ file, format }) => ({ path: file.path, format, rows: loadedRows.get(file.path) ?? 0 })),
        periods: periods.sort(
          (a, b) =>
            a.provider.localeCompare(b.provider) ||
            a.billingAccountId.localeCompare(b.billingAccountId) ||
            a.billingPeriod.localeCompare(b.billingPeriod),
        ),
        skipped,
        warnings,
        rowsPerSecond: seconds > 0 ? Math.round(rowsSoFar / seconds) : rowsSoFar,
      };
    } finally {
      await dropLineKeys(tx);
    }
  });
}

async function stageOne(
  db: Database,
  file: InputFile,
  index: number,
  fingerprint: string | undefined,
  warnings: string[],
): Promise<
  | { kind: 'skipped'; reason: string }
  | {
      kind: 'staged';
      format: BillingFormat;
      rows: number;
      source: string;
      mapping: SourceMapping;
      staged: StagedRows;
    }
> {
  const header = await describeSource(db, file.path, file.kind);
  const format = detectFormat(header.map((column) => column.name));
  if (!format) {
    if (file.explicit) throw notBillingData(file.path, header);
    return { kind: 'skipped', reason: 'not billing data: no FOCUS or CUR columns in its header' };
  }
  const legacyCsv = format === 'cur-legacy' && header.some((column) => column.name.includes('/'));
  const columns = createSourceColumns(header, format === 'cur-legacy' ? legacyToCur2Name : undefined);
  const mapping: SourceMapping = format === 'focus' ? focusMapping(columns) : curMapping(columns);
  assertMandatoryColumns(file.path, format, columns.has, mapping.mandatory, legacyCsv);
  const source = sourceSql(file.path, file.kind);
  const staged: StagedRows = fingerprint
    ? { fileIndex: index, format, fingerprint }
    : { fileIndex: index, format };
  let rows: number;
  try {
    await assertValuesReadable(db, file.path, source, mapping.checks);
    rows = await loadStagedRows(db, staged, source, mapping);
  } catch (error) {
    if (error instanceof IngestError) throw error;
    throw unreadable(file.path, file.kind, error);
  }
  if (rows === 0) warnings.push(`${file.path}: the file has a ${format} header but no rows.`);
  warnings.push(...(await unexpectedValues(db, file.path, staged)));
  return { kind: 'staged', format, rows, source, mapping, staged };
}

/** Values outside FOCUS's allowed lists are kept, but said out loud. */
async function unexpectedValues(db: Database, path: string, staged: StagedRows): Promise<string[]> {
  const fileRows = stagedCondition([staged]);
  if (staged.format !== 'focus') {
    const rows = await db.all<{ rows: number }>(
      `SELECT count(*) AS rows FROM line_items WHERE ${fileRows} AND ChargeCategory = 'Adjustment'`,
    );
    const count = rows[0]?.rows ?? 0;
    return count > 0
      ? [
          `${path}: ${count} rows have a line item type this mapping does not know; they were loaded as ChargeCategory Adjustment.`,
        ]
      : [];
  }
  const checks = Object.entries(FOCUS_ENUMS).map(
    ([column, allowed]) =>
      `SELECT '${column}' AS column_name, ${quoteIdent(column)} AS value FROM line_items WHERE ${fileRows} AND ${quoteIdent(column)} NOT IN (${allowed.map(quoteLiteral).join(', ')})`,
  );
  const found = await db.all<{ column_name: string; value: string }>(
    `SELECT DISTINCT column_name, value FROM (${checks.join(' UNION ALL ')}) ORDER BY ALL LIMIT 20`,
  );
  return found.map(
    (row) =>
      `${path}: ${row.column_name} value ${JSON.stringify(row.value)} is not a FOCUS value; it was kept as is.`,
  );
}

/**
 * The staged rows per file and period. A file's rows of one period normally carry one staged id,
 * but they are summed per file so that a row staged under the pending id still counts.
 */
async function readSlices(
  db: Database,
  staged: Map<number, StagedFile>,
): Promise<{ slices: Slice[]; stagedIds: Map<Slice, string[]> }> {
  const files = [...staged.values()].map((file) => file.rows);
  const join = stagedFilesJoin(files, 'periods.staged_id');
  const rows = await db.all<{
    file_index: number;
    provider: string;
    account: string;
    period: string;
    rows: number;
    billed: number | null;
    effective: number | null;
    data_through: string | null;
    staged_ids: string[];
  }>(
    `WITH periods AS (
       SELECT x_DeliveryId AS staged_id, ProviderName AS provider, BillingAccountId AS account,
         CAST(BillingPeriodStart AS DATE) AS period, count(*) AS rows,
         sum(BilledCost) AS billed, sum(EffectiveCost) AS effective,
         max(ChargePeriodEnd) FILTER (WHERE ChargeCategory = 'Usage') AS data_through
       FROM line_items WHERE ${stagedCondition(files)} GROUP BY ALL)
     SELECT files.file_index, provider, account, period, CAST(sum(rows) AS BIGINT) AS rows,
       sum(billed) AS billed, sum(effective) AS effective, max(data_through) AS data_through,
       list(staged_id ORDER BY staged_id) AS staged_ids
     FROM periods JOIN ${join.table} ON ${join.on}
     GROUP BY files.file_index, provider, account, period ORDER BY ALL`,
  );
  const stagedIds = new Map<Slice, string[]>();
  const slices = rows.flatMap((row) => {
    const source = staged.get(row.file_index);
    if (!source) return [];
    const slice: Slice = {
      fileIndex: row.file_index,
      path: source.file.path,
      format: source.format,
      mtimeMs: source.file.mtimeMs,
      size: source.file.size,
      provider: row.provider,
      billingAccountId: row.account,
      billingPeriod: String(row.period).slice(0, 10),
      rows: row.rows,
      billedCost: row.billed ?? 0,
      effectiveCost: row.effective ?? 0,
      dataThrough: row.data_through,
    };
    stagedIds.set(slice, row.staged_ids);
    return [slice];
  });
  return { slices, stagedIds };
}

/** Pairs of files (same period, same format) that share line items: they are different deliveries. */
async function readOverlaps(
  db: Database,
  slices: Slice[],
  staged: Map<number, StagedFile>,
): Promise<Set<string>> {
  const filesPerKey = new Map<string, Set<number>>();
  for (const slice of slices) {
    const key = `${slice.format}|${slice.provider}|${slice.billingAccountId}|${slice.billingPeriod}`;
    filesPerKey.set(key, (filesPerKey.get(key) ?? new Set()).add(slice.fileIndex));
  }
  const pairs = new Set<string>();
  const shared = new Set(
    [...filesPerKey.values()].filter((files) => files.size > 1).flatMap((files) => [...files]),
  );
  if (shared.size === 0) return pairs;
  for (const fileIndex of shared) {
    const file = staged.get(fileIndex);
    if (file) await loadLineKeys(db, fileIndex, file.source, file.mapping);
  }
  const rows = await db.all<{ files: number[] }>(
    `SELECT DISTINCT files FROM (
       SELECT list(DISTINCT file_index ORDER BY file_index) AS files FROM ${LINE_KEYS_TABLE}
       GROUP BY provider, account, period, line_key HAVING count(DISTINCT file_index) > 1)`,
  );
  for (const { files } of rows) {
    for (const [i, a] of files.entries()) for (const b of files.slice(i + 1)) pairs.add(pairKey(a, b));
  }
  return pairs;
}

interface StoredDelivery {
  kind: 'stored';
  delivery: Delivery;
  replaced?: { delivery_id: string; format: string };
  warning?: string;
}

/**
 * Puts one chosen delivery in place, replacing the stored delivery of the same period unless the
 * stored one has later data (then the incoming one is the older and is skipped). Its rows are
 * relabelled only when they are not staged under its id already (a delivery of several files, or a
 * file ingested again).
 */
async function storeDelivery(
  db: Database,
  delivery: Delivery,
  stagedIds: string[],
): Promise<{ kind: 'skipped'; reason: string } | StoredDelivery> {
  const keyParams = [delivery.provider, delivery.billingAccountId, delivery.billingPeriod];
  const stored = await db.all<{ delivery_id: string; format: string; data_through: string | null }>(
    `SELECT delivery_id, format, data_through FROM deliveries
     WHERE provider = $1 AND billing_account_id = $2 AND billing_period = CAST($3 AS DATE) ORDER BY data_through DESC NULLS LAST`,
    keyParams,
  );
  const newestStored = stored[0];
  const incomingThrough = delivery.dataThrough ?? '';
  if (
    newestStored &&
    newestStored.delivery_id !== delivery.id &&
    (newestStored.data_through ?? '') > incomingThrough
  ) {
    return {
      kind: 'skipped',
      reason: `older than the stored delivery ${newestStored.delivery_id} of ${describePeriod(delivery)}: data through ${delivery.dataThrough ?? 'no usage'}, stored data through ${newestStored.data_through}; the stored delivery is kept`,
    };
  }
  for (const old of stored) {
    await db.run('DELETE FROM line_items WHERE x_DeliveryId = $1', [old.delivery_id]);
    await db.run('DELETE FROM deliveries WHERE delivery_id = $1', [old.delivery_id]);
  }
  if (stagedIds.some((id) => id !== delivery.id)) {
    await db.run(
      `UPDATE line_items SET x_DeliveryId = $4
       WHERE x_DeliveryId IN (${stagedIds.map(quoteLiteral).join(', ')}) AND ProviderName = $1 AND BillingAccountId = $2
         AND CAST(BillingPeriodStart AS DATE) = CAST($3 AS DATE)`,
      [...keyParams, delivery.id],
    );
  }
  const replaced = stored.find((old) => old.delivery_id !== delivery.id);
  const warning =
    replaced && replaced.format !== delivery.format
      ? `${describePeriod(delivery)}: the stored ${replaced.format} delivery was replaced by this ${delivery.format} delivery, so the period is counted once.`
      : undefined;
  return {
    kind: 'stored',
    delivery,
    ...(replaced ? { replaced: { delivery_id: replaced.delivery_id, format: replaced.format } } : {}),
    ...(warning ? { warning } : {}),
  };
}

/**
 * Records the stored deliveries and reads their totals: one scan of line_items for all of them
 * rather than two per delivery.
 */
async function recordDeliveries(
  db: Database,
  stored: StoredDelivery[],
  ingestedAt: string,
): Promise<IngestPeriodReport[]> {
  if (stored.length === 0) return [];
  const ids = stored.map(({ delivery }) => quoteLiteral(delivery.id)).join(', ');
  const values = stored
    .map(({ delivery }, index) => {
      const files = `[${delivery.slices.map((slice) => quoteLiteral(slice.path)).join(', ')}]::VARCHAR[]`;
      return `(${index}, ${[delivery.id, delivery.format, delivery.provider, delivery.billingAccountId, delivery.billingPeriod].map(quoteLiteral).join(', ')}, ${files})`;
    })
    .join(', ');
  await db.run(
    `INSERT INTO deliveries
     SELECT d.id, d.format, d.provider, d.account, CAST(d.period AS DATE), d.files, coalesce(t.row_count, 0),
       coalesce(t.billed, 0), t.data_through, CAST($1 AS TIMESTAMP)
     FROM (VALUES ${values}) AS d(n, id, format, provider, account, period, files)
     LEFT JOIN (
       SELECT x_DeliveryId AS id, count(*) AS row_count, sum(BilledCost) AS billed,
         max(ChargePeriodEnd) FILTER (WHERE ChargeCategory = 'Usage') AS data_through
       FROM line_items WHERE x_DeliveryId IN (${ids}) GROUP BY 1) AS t ON t.id = d.id
     ORDER BY d.n`,
    [ingestedAt],
  );
  const totals = await db.all<{ id: string; rows: number; billed: number | null; effective: number | null }>(
    `SELECT x_DeliveryId AS id, count(*) AS rows, sum(BilledCost) AS billed, sum(EffectiveCost) AS effective
     FROM line_items WHERE x_DeliveryId IN (${ids}) GROUP BY 1`,
  );
  const byId = new Map(totals.map((row) => [row.id, row]));
  return stored.map(({ delivery, replaced }) => {
    const total = byId.get(delivery.id);
    return {
      provider: delivery.provider,
      billingAccountId: delivery.billingAccountId,
      billingPeriod: delivery.billingPeriod.slice(0, 7),
      rows: total?.rows ?? 0,
      billedCost: total?.billed ?? 0,
      effectiveCost: total?.effective ?? 0,
      ...(replaced ? { replaced: replaced.delivery_id } : {}),
    };
  });
}
