import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Database, openDatabase } from '../../src/store/database.ts';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'billing');
/** Public data shared by the team (present in CI, absent in users' clones). */
export const SHARED = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'shared',
  'data',
  'public',
);

export const FIXED_NOW = () => new Date('2026-05-01T12:00:00.000Z');

export async function memoryDb(): Promise<Database> {
  return openDatabase({ dataDir: ':memory:' });
}

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'finops-ingest-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes a CSV with a header; cells are written as given (quote them in the test when needed). */
export function writeCsv(dir: string, name: string, header: string[], rows: string[][]): string {
  const path = join(dir, name);
  writeFileSync(path, `${[header, ...rows].map((row) => row.join(',')).join('\n')}\n`);
  return path;
}

/** Totals straight from line_items, for comparisons against independently computed figures. */
export async function totals(db: Database, where = 'true') {
  const rows = await db.all<{ rows: number; billed: number | null; effective: number | null }>(
    `SELECT count(*) AS rows, sum(BilledCost) AS billed, sum(EffectiveCost) AS effective FROM line_items WHERE ${where}`,
  );
  return { rows: rows[0]?.rows ?? 0, billed: rows[0]?.billed ?? 0, effective: rows[0]?.effective ?? 0 };
}

/** Minimal CUR 2.0 header used by the hand-written rows. */
export const CUR2_HEADER = [
  'identity_line_item_id',
  'identity_time_interval',
  'bill_payer_account_id',
  'bill_billing_period_start_date',
  'bill_billing_period_end_date',
  'line_item_usage_account_id',
  'line_item_line_item_type',
  'line_item_usage_start_date',
  'line_item_usage_end_date',
  'line_item_product_code',
  'line_item_line_item_description',
  'line_item_usage_type',
  'line_item_operation',
  'line_item_unblended_cost',
  'line_item_usage_amount',
  'pricing_public_on_demand_cost',
  'pricing_unit',
  'reservation_effective_cost',
  'reservation_reservation_a_r_n',
  'reservation_unused_amortized_upfront_fee_for_billing_period',
  'reservation_unused_recurring_fee',
  'savings_plan_savings_plan_a_r_n',
  'savings_plan_savings_plan_effective_cost',
  'savings_plan_total_commitment_to_date',
  'savings_plan_used_commitment',
  'product',
  'resource_tags',
];

export type Cur2Row = Partial<Record<(typeof CUR2_HEADER)[number], string>>;

/** One CUR 2.0 CSV row with sensible defaults for April 2026, account 111122223333. */
export function cur2Row(id: string, values: Cur2Row): string[] {
  const defaults: Cur2Row = {
    identity_line_item_id: id,
    identity_time_interval: '2026-04-01T00:00:00Z/2026-04-02T00:00:00Z',
    bill_payer_account_id: '111122223333',
    bill_billing_period_start_date: '2026-04-01T00:00:00.000Z',
    bill_billing_period_end_date: '2026-05-01T00:00:00.000Z',
    line_item_usage_account_id: '999988887777',
    line_item_line_item_type: 'Usage',
    line_item_usage_start_date: '2026-04-01T00:00:00.000Z',
    line_item_usage_end_date: '2026-04-02T00:00:00.000Z',
    line_item_product_code: 'AmazonEC2',
    line_item_line_item_description: id,
  };
  const row = { ...defaults, ...values };
  return CUR2_HEADER.map((column) => row[column] ?? '');
}
