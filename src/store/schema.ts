/**
 * The canonical cost table. Every source (FOCUS 1.0–1.2, CUR 2.0, legacy CUR, the demo
 * organisation) is normalised into these FOCUS columns. Timestamps are UTC without a zone.
 * Costs are DECIMAL so that sums, and the parts of an explained change, add up exactly.
 * Columns prefixed x_ are provider extensions (AWS usage type, operation, service code) or
 * ours (x_ChargeDate, x_DeliveryId).
 */
export const LINE_ITEM_COLUMNS = [
  ['ProviderName', 'VARCHAR'],
  ['BillingAccountId', 'VARCHAR'],
  ['BillingAccountName', 'VARCHAR'],
  ['SubAccountId', 'VARCHAR'],
  ['SubAccountName', 'VARCHAR'],
  ['BillingCurrency', 'VARCHAR'],
  ['BillingPeriodStart', 'TIMESTAMP'],
  ['BillingPeriodEnd', 'TIMESTAMP'],
  ['ChargePeriodStart', 'TIMESTAMP'],
  ['ChargePeriodEnd', 'TIMESTAMP'],
  ['ChargeCategory', 'VARCHAR'],
  ['ChargeClass', 'VARCHAR'],
  ['ChargeFrequency', 'VARCHAR'],
  ['ChargeDescription', 'VARCHAR'],
  ['BilledCost', 'DECIMAL(18,10)'],
  ['EffectiveCost', 'DECIMAL(18,10)'],
  ['ListCost', 'DECIMAL(18,10)'],
  ['ContractedCost', 'DECIMAL(18,10)'],
  ['ServiceName', 'VARCHAR'],
  ['ServiceCategory', 'VARCHAR'],
  ['RegionId', 'VARCHAR'],
  ['RegionName', 'VARCHAR'],
  ['AvailabilityZone', 'VARCHAR'],
  ['ResourceId', 'VARCHAR'],
  ['ResourceName', 'VARCHAR'],
  ['ResourceType', 'VARCHAR'],
  ['SkuId', 'VARCHAR'],
  ['SkuPriceId', 'VARCHAR'],
  ['PricingCategory', 'VARCHAR'],
  ['PricingUnit', 'VARCHAR'],
  ['PricingQuantity', 'DOUBLE'],
  ['ListUnitPrice', 'DOUBLE'],
  ['ContractedUnitPrice', 'DOUBLE'],
  ['ConsumedQuantity', 'DOUBLE'],
  ['ConsumedUnit', 'VARCHAR'],
  ['CommitmentDiscountId', 'VARCHAR'],
  ['CommitmentDiscountType', 'VARCHAR'],
  ['CommitmentDiscountCategory', 'VARCHAR'],
  ['CommitmentDiscountStatus', 'VARCHAR'],
  ['Tags', 'MAP(VARCHAR, VARCHAR)'],
  ['x_ServiceCode', 'VARCHAR'],
  ['x_UsageType', 'VARCHAR'],
  ['x_Operation', 'VARCHAR'],
  /** CAST(ChargePeriodStart AS DATE): the day a charge is counted on. */
  ['x_ChargeDate', 'DATE'],
  /** The delivery (see `deliveries`) the row came from. */
  ['x_DeliveryId', 'VARCHAR'],
  /** hash(Tags): the row's entry in `tag_sets` (see src/store/tag-sets.ts); NULL when untagged. */
  ['x_TagSetId', 'UBIGINT'],
] as const;

export type LineItemColumn = (typeof LINE_ITEM_COLUMNS)[number][0];

/**
 * One delivery = one billing period of one billing account from one export format. A newer
 * delivery of the same (provider, billing account, billing period) replaces the older one, so a
 * period is never counted twice.
 */
export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS line_items (
  ${LINE_ITEM_COLUMNS.map(([name, type]) => `"${name}" ${type}`).join(',\n  ')}
);
CREATE TABLE IF NOT EXISTS deliveries (
  delivery_id VARCHAR PRIMARY KEY,
  format VARCHAR NOT NULL,           -- focus | cur2 | cur-legacy | demo
  provider VARCHAR NOT NULL,
  billing_account_id VARCHAR NOT NULL,
  billing_period DATE NOT NULL,      -- first day of the billing period
  files VARCHAR[] NOT NULL,
  row_count BIGINT NOT NULL,
  billed_total DECIMAL(38,10) NOT NULL,
  data_through TIMESTAMP,            -- latest ChargePeriodEnd of a Usage row
  ingested_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS tag_sets (
  id UBIGINT PRIMARY KEY,            -- hash(Tags)
  tags MAP(VARCHAR, VARCHAR) NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (
  key VARCHAR PRIMARY KEY,
  value VARCHAR NOT NULL
);
`;
