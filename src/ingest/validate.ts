import { IngestError } from '../errors.ts';
import type { Database } from '../store/database.ts';
import { FORMAT_MARKERS_HINT } from './detect-format.ts';
import { badValueCondition, type ValueCheck, type ValueKind } from './source-columns.ts';
import type { BillingFormat, SourceColumn } from './types.ts';

const FORMAT_LABELS: Record<BillingFormat, string> = {
  focus: 'FOCUS',
  cur2: 'CUR 2.0',
  'cur-legacy': 'legacy CUR',
};

/** How the mandatory CUR columns are spelled in a legacy CSV header, for messages. */
const LEGACY_NAMES: Record<string, string> = {
  bill_payer_account_id: 'bill/PayerAccountId',
  bill_billing_period_start_date: 'bill/BillingPeriodStartDate',
  line_item_line_item_type: 'lineItem/LineItemType',
  line_item_usage_start_date: 'lineItem/UsageStartDate',
  line_item_unblended_cost: 'lineItem/UnblendedCost',
};

export function notBillingData(path: string, columns: SourceColumn[]): IngestError {
  const seen = columns
    .slice(0, 8)
    .map((column) => column.name)
    .join(', ');
  return new IngestError(
    `${path}: not billing data — none of the expected columns were found. Expected a ${FORMAT_MARKERS_HINT} header; found: ${seen}${columns.length > 8 ? ', …' : ''}.`,
    { file: path, code: 'finops_not_billing_data' },
  );
}

export function assertMandatoryColumns(
  path: string,
  format: BillingFormat,
  has: (logical: string) => boolean,
  mandatory: string[],
  legacyCsv: boolean,
): void {
  const missing = mandatory.filter((name) => !has(name));
  if (missing.length === 0) return;
  const names = missing.map((name) => (legacyCsv ? (LEGACY_NAMES[name] ?? name) : name));
  throw new IngestError(
    `${path}: this ${FORMAT_LABELS[format]} file lacks the mandatory column${names.length > 1 ? 's' : ''} ${names.join(', ')}. Export the file again with ${names.length > 1 ? 'these columns' : 'this column'} included.`,
    { file: path, column: names[0] },
  );
}

const EXPECTED: Record<ValueKind, string> = {
  text: 'a value',
  decimal: "a decimal number (such as 12.34, -0.5 or 7.0E-10, with '.' as the decimal separator)",
  double: "a number (with '.' as the decimal separator)",
  timestamp: 'a UTC date and time such as 2024-09-01T00:00:00Z or 2024-09-01 00:00:00',
  json: 'a JSON object such as {"team": "data"}',
};

/**
 * Finds the first row whose value cannot be read, and throws naming the column, the 1-based data
 * row and the value. Typed (Parquet) columns need no check, so clean Parquet costs no extra scan.
 */
export async function assertValuesReadable(
  db: Database,
  path: string,
  source: string,
  checks: ValueCheck[],
): Promise<void> {
  const active = checks
    .map((check) => ({ check, condition: badValueCondition(check) }))
    .filter((entry): entry is { check: ValueCheck; condition: string } => entry.condition !== undefined);
  if (active.length === 0) return;
  const anyBad = active.map((entry) => entry.condition).join(' OR ');
  const found = await db.all(`SELECT 1 AS bad FROM ${source} WHERE ${anyBad} LIMIT 1`);
  if (found.length === 0) return;

  const flags = active.map((entry, index) => `${entry.condition} AS bad_${index}`).join(', ');
  const values = active
    .map((entry, index) => `CAST(${entry.check.column.ref} AS VARCHAR) AS value_${index}`)
    .join(', ');
  const rows = await db.all(
    `SELECT * FROM (SELECT row_number() OVER () AS data_row, ${flags}, ${values} FROM ${source})
     WHERE ${active.map((_, index) => `bad_${index}`).join(' OR ')} ORDER BY data_row LIMIT 1`,
  );
  const row = rows[0];
  if (!row) return;
  const index = active.findIndex((_, i) => row[`bad_${i}`] === true);
  const entry = active[Math.max(index, 0)];
  if (!entry) return;
  const dataRow = Number(row.data_row);
  const value = row[`value_${Math.max(index, 0)}`];
  const column = entry.check.column.name;
  const problem =
    value === null || value === undefined || String(value).trim() === ''
      ? 'the value is missing'
      : `${JSON.stringify(String(value))} cannot be read`;
  throw new IngestError(
    `${path}: row ${dataRow}, column ${column}: ${problem}; expected ${EXPECTED[entry.check.kind]}. Fix or remove the row and ingest the file again (nothing was loaded).`,
    { file: path, column, row: dataRow },
  );
}
