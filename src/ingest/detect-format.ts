import type { BillingFormat } from './types.ts';

/** Columns that identify each format; one is enough. DuckDB identifiers are case-insensitive, so is this. */
const FOCUS_MARKERS = ['billedcost', 'chargeperiodstart', 'effectivecost'];
const CUR2_MARKERS = ['line_item_unblended_cost', 'identity_line_item_id', 'bill_billing_period_start_date'];
const LEGACY_MARKERS = ['lineitem/unblendedcost', 'identity/lineitemid', 'bill/billingperiodstartdate'];

export const FORMAT_MARKERS_HINT =
  'FOCUS (BilledCost, ChargePeriodStart, …), CUR 2.0 (line_item_unblended_cost, identity_line_item_id, …) or legacy CUR (lineItem/UnblendedCost, identity/LineItemId, …)';

/**
 * The billing format of a header. Snake-case CUR without the CUR 2.0 `product` map column is the
 * legacy CUR written as Parquet (its columns are flattened: `product_product_name`,
 * `resource_tags_user_team`); both are read by the same mapping.
 */
export function detectFormat(columns: string[]): BillingFormat | undefined {
  const names = new Set(columns.map((column) => column.toLowerCase()));
  const has = (markers: string[]) => markers.some((marker) => names.has(marker));
  if (has(LEGACY_MARKERS)) return 'cur-legacy';
  if (has(CUR2_MARKERS)) {
    const legacyParquet =
      !names.has('product') && [...names].some((name) => name.startsWith('product_product_name'));
    return legacyParquet ? 'cur-legacy' : 'cur2';
  }
  if (names.has('billedcost') && has(FOCUS_MARKERS.slice(1))) return 'focus';
  return undefined;
}
