import { fingerprintExpr, type SourceMapping, type TargetColumn, tagSetIdExpr } from './mapping.ts';
import { serviceCategoryExpr } from './service-category.ts';
import { requireValues, type SourceColumns } from './source-columns.ts';
import {
  entriesMapExpr,
  isTextType,
  mapValueExpr,
  quoteLiteral,
  stripMapKeyPrefixExpr,
  timestampExpr,
} from './sql.ts';

/** CUR columns (CUR 2.0 names; legacy names are translated first) a file must have. */
export const CUR_MANDATORY = [
  'bill_payer_account_id',
  'bill_billing_period_start_date',
  'line_item_line_item_type',
  'line_item_usage_start_date',
  'line_item_unblended_cost',
];

/** Line item types, lower-cased as compared. */
const USAGE = ['usage', 'discountedusage', 'savingsplancoveredusage', 'savingsplannegation'];
const COMMITTED_USAGE = ['discountedusage', 'savingsplancoveredusage'];
const PURCHASE = ['fee', 'rifee', 'savingsplanupfrontfee', 'savingsplanrecurringfee'];
/** Credits, refunds and the discount line items: all reduce the bill after the fact. */
const CREDIT = [
  'credit',
  'refund',
  'bundleddiscount',
  'discount',
  'edpdiscount',
  'privateratediscount',
  'distributordiscount',
  'sppdiscount',
];
export const KNOWN_LINE_ITEM_TYPES = new Set([...USAGE, ...PURCHASE, ...CREDIT, 'tax']);

/**
 * CUR 2.0 / legacy CUR → FOCUS, after the FinOps Foundation converter and AWS's own FOCUS 1.0
 * export (which reconciles with this mapping row for row and cent for cent; see the tests).
 *
 * BilledCost is `line_item_unblended_cost`, not `line_item_net_unblended_cost`: discounts arrive as
 * their own line items (EdpDiscount, BundledDiscount…) inside the unblended costs, so using the net
 * value as well would count them twice, and the net column is empty on accounts without discounts.
 * EffectiveCost amortises commitments as CUR does: covered usage carries its effective cost, the
 * negation and the upfront fee carry nothing, recurring fees carry only their unused part.
 */
export function curMapping(columns: SourceColumns): SourceMapping {
  const c = columns;
  const prelude: Record<string, string> = { __line_type: `lower(${c.text('line_item_line_item_type')})` };
  const lineType = '"__line_type"';
  // An OR of equalities, not IN: DuckDB plans a long IN list as a join, and a join in the INSERT's
  // plan rules out the parallel insertion-ordered (batch) insert.
  const isType = (types: string[]) =>
    `(${types.map((type) => `${lineType} = ${quoteLiteral(type)}`).join(' OR ')})`;
  const unblended = c.decimal('line_item_unblended_cost');
  const zero = 'CAST(0 AS DECIMAL(18,10))';

  const interval = c.get('identity_time_interval');
  const intervalPart = (part: 1 | 2) =>
    interval ? timestampExpr(`split_part(${interval.ref}, '/', ${part})`, 'VARCHAR') : 'NULL';
  const chargeStart = `coalesce(${c.timestamp('line_item_usage_start_date')}, ${intervalPart(1)})`;
  const chargeEnd = `coalesce(${c.timestamp('line_item_usage_end_date')}, ${intervalPart(2)})`;
  const billingStart = c.timestamp('bill_billing_period_start_date');

  const product = c.get('product');
  const PRODUCT_KEYS = ['product_name', 'servicename', 'region'];
  if (product && isTextType(product.type)) {
    // One JSON parse for the three values, instead of one per value.
    prelude.__product = `json_extract_string(NULLIF(trim(${product.ref}), ''), [${PRODUCT_KEYS.map((key) => quoteLiteral(`$.${key}`)).join(', ')}])`;
  }
  const productValue = (key: string) => {
    if (!product) return 'NULL';
    if (!isTextType(product.type)) return mapValueExpr(product.ref, product.type, key);
    return `NULLIF("__product"[${PRODUCT_KEYS.indexOf(key) + 1}], '')`;
  };
  const productCode = c.text('line_item_product_code');

  const effective = `(CASE
    WHEN ${lineType} = 'savingsplancoveredusage' THEN ${c.decimal('savings_plan_savings_plan_effective_cost')}
    WHEN ${isType(['savingsplannegation', 'savingsplanupfrontfee'])} THEN ${zero}
    WHEN ${lineType} = 'savingsplanrecurringfee' THEN ${c.decimal('savings_plan_total_commitment_to_date')} - ${c.decimal('savings_plan_used_commitment')}
    WHEN ${lineType} = 'discountedusage' THEN ${c.decimal('reservation_effective_cost')}
    WHEN ${lineType} = 'rifee' THEN coalesce(${c.decimal('reservation_unused_amortized_upfront_fee_for_billing_period')}, 0) + coalesce(${c.decimal('reservation_unused_recurring_fee')}, 0)
    WHEN ${lineType} = 'fee' AND ${c.text('reservation_reservation_a_r_n')} IS NOT NULL THEN ${zero}
    ELSE ${unblended} END)`;

  const spArn = c.text('savings_plan_savings_plan_a_r_n');
  const riArn = c.text('reservation_reservation_a_r_n');
  const isUsage = isType(USAGE);
  const usageOnly = (expr: string) => `(CASE WHEN ${isUsage} THEN ${expr} END)`;

  const select: Record<TargetColumn, string> = {
    ProviderName: `'AWS'`,
    BillingAccountId: c.text('bill_payer_account_id'),
    BillingAccountName: c.text('bill_payer_account_name'),
    SubAccountId: c.text('line_item_usage_account_id'),
    SubAccountName: c.text('line_item_usage_account_name'),
    BillingCurrency: `coalesce(${c.text('line_item_currency_code')}, ${c.text('pricing_currency')})`,
    BillingPeriodStart: billingStart,
    BillingPeriodEnd: `coalesce(${c.timestamp('bill_billing_period_end_date')}, ${billingStart} + INTERVAL 1 MONTH)`,
    ChargePeriodStart: chargeStart,
    ChargePeriodEnd: chargeEnd,
    ChargeCategory: `(CASE WHEN ${isUsage} THEN 'Usage' WHEN ${isType(PURCHASE)} THEN 'Purchase' WHEN ${lineType} = 'tax' THEN 'Tax' WHEN ${isType(CREDIT)} THEN 'Credit' ELSE 'Adjustment' END)`,
    ChargeClass: 'NULL',
    ChargeFrequency: `(CASE WHEN ${isType(['rifee', 'savingsplanrecurringfee'])} THEN 'Recurring' WHEN ${isType(['fee', 'savingsplanupfrontfee', ...CREDIT])} THEN 'One-Time' ELSE 'Usage-Based' END)`,
    ChargeDescription: c.text('line_item_line_item_description'),
    BilledCost: unblended,
    EffectiveCost: effective,
    ListCost: `(CASE WHEN ${isType(['savingsplannegation', ...CREDIT])} THEN ${zero} WHEN ${isUsage} THEN coalesce(${c.decimal('pricing_public_on_demand_cost')}, ${unblended}) ELSE ${unblended} END)`,
    ContractedCost: `(CASE WHEN ${lineType} = 'savingsplannegation' THEN ${zero} WHEN ${isType(COMMITTED_USAGE)} THEN ${effective} ELSE ${unblended} END)`,
    ServiceName: `coalesce(${productValue('product_name')}, ${c.text('product_product_name')}, ${c.text('product_servicename')}, ${productValue('servicename')}, ${productCode})`,
    ServiceCategory: serviceCategoryExpr(productCode),
    RegionId: `coalesce(${c.text('product_region_code')}, ${productValue('region')}, ${c.text('product_region')})`,
    RegionName: c.text('product_location'),
    AvailabilityZone: c.text('line_item_availability_zone'),
    ResourceId: c.text('line_item_resource_id'),
    ResourceName: 'NULL',
    ResourceType: 'NULL',
    SkuId: c.text('product_sku'),
    SkuPriceId: `coalesce(${c.text('pricing_rate_code')}, ${c.text('pricing_rate_id')})`,
    PricingCategory: `(CASE WHEN ${isType(COMMITTED_USAGE)} OR ${lineType} = 'savingsplannegation' THEN 'Committed' WHEN ${isUsage} AND (lower(${c.text('line_item_usage_type')}) LIKE '%spotusage%' OR lower(${c.text('pricing_purchase_option')}) LIKE '%spot%') THEN 'Dynamic' WHEN ${isUsage} THEN 'Standard' END)`,
    PricingUnit: usageOnly(c.text('pricing_unit')),
    PricingQuantity: usageOnly(c.double('line_item_usage_amount')),
    ListUnitPrice: c.double('pricing_public_on_demand_rate'),
    ContractedUnitPrice: `(CASE WHEN ${lineType} = 'savingsplancoveredusage' THEN ${c.double('savings_plan_savings_plan_rate')} ELSE ${c.double('line_item_unblended_rate')} END)`,
    ConsumedQuantity: usageOnly(c.double('line_item_usage_amount')),
    ConsumedUnit: usageOnly(c.text('pricing_unit')),
    CommitmentDiscountId: `coalesce(${spArn}, ${riArn})`,
    CommitmentDiscountType: `(CASE WHEN ${spArn} IS NOT NULL THEN 'Savings Plan' WHEN ${riArn} IS NOT NULL THEN 'Reserved Instance' END)`,
    CommitmentDiscountCategory: `(CASE WHEN ${spArn} IS NOT NULL THEN 'Spend' WHEN ${riArn} IS NOT NULL THEN 'Usage' END)`,
    CommitmentDiscountStatus: `(CASE WHEN ${isType(COMMITTED_USAGE)} THEN 'Used' END)`,
    Tags: '"__tags"',
    x_ServiceCode: productCode,
    x_UsageType: c.text('line_item_usage_type'),
    x_Operation: c.text('line_item_operation'),
    x_ChargeDate: `CAST(${chargeStart} AS DATE)`,
    x_TagSetId: tagSetIdExpr('"__tags"'),
  };

  const tags = curTagsExpr(c);
  const lineItemId = c.get('identity_line_item_id');
  const lineKey = lineItemId
    ? `hash(${c.text('identity_line_item_id')}, ${c.text('identity_time_interval')})`
    : fingerprintExpr(select);
  return {
    select,
    lineKey,
    mandatory: CUR_MANDATORY,
    checks: requireValues(c, CUR_MANDATORY),
    prelude: [{ ...prelude, __tag_map: tags.map }, { __tags: tags.tags('"__tag_map"') }],
  };
}

/**
 * User tags without their `user_` / `user:` prefix (`user_cost_center` → `cost_center`,
 * `resourceTags/user:CostCenter` → `CostCenter`): the plain key is what people ask about. AWS tags
 * (`aws_created_by`, `aws:createdBy`) keep theirs so they cannot collide with user tags.
 */
function curTagsExpr(c: SourceColumns): { map: string; tags: (map: string) => string } {
  if (c.has('resource_tags'))
    return { map: c.map('resource_tags'), tags: (map) => stripMapKeyPrefixExpr(map, 'user_') };
  const tagColumns = c.matching(
    (logical) => logical.startsWith('resource_tags/') || logical.startsWith('resource_tags_'),
  );
  const map = entriesMapExpr(
    tagColumns.map(({ logical, column }) => ({
      key: column.name.replace(/^resourceTags\/(user:)?/i, '').replace(/^resource_tags_(user_)?/i, ''),
      value: c.text(logical),
    })),
  );
  // The keys were renamed when the map was built.
  return { map, tags: (built) => built };
}
