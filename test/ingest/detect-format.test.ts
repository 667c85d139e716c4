import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/ingest/index.ts';

describe('detectFormat', () => {
  it('should recognise FOCUS from its PascalCase columns', () => {
    expect(detectFormat(['BilledCost', 'ChargePeriodStart', 'ProviderName'])).toBe('focus');
  });

  it('should recognise CUR 2.0 from its snake_case columns', () => {
    expect(
      detectFormat(['identity_line_item_id', 'line_item_unblended_cost', 'product', 'resource_tags']),
    ).toBe('cur2');
  });

  it('should recognise legacy CUR from its category/Column headers', () => {
    expect(
      detectFormat(['identity/LineItemId', 'lineItem/UnblendedCost', 'bill/BillingPeriodStartDate']),
    ).toBe('cur-legacy');
  });

  it('should recognise legacy CUR written as Parquet (flattened product columns, no product map)', () => {
    expect(detectFormat(['identity_line_item_id', 'line_item_unblended_cost', 'product_product_name'])).toBe(
      'cur-legacy',
    );
  });

  it('should ignore the case of column names', () => {
    expect(detectFormat(['billedcost', 'chargeperiodstart'])).toBe('focus');
  });

  it('should return undefined for a header that is not billing data', () => {
    expect(detectFormat(['product_code', 'ServiceCategory'])).toBeUndefined();
    expect(detectFormat(['BilledCost'])).toBeUndefined();
  });
});
