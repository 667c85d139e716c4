import { LINE_ITEM_COLUMNS } from '../store/schema.ts';
import { enumExpr, FOCUS_ENUMS, type FocusEnumColumn } from './enums.ts';
import { fingerprintExpr, type SourceMapping, type TargetColumn, tagSetIdExpr } from './mapping.ts';
import { requireValues, type SourceColumns } from './source-columns.ts';
import { stripMapKeyPrefixExpr } from './sql.ts';

/** Without these a FOCUS file cannot be counted or placed in a billing period. */
export const FOCUS_MANDATORY = [
  'ProviderName',
  'BillingAccountId',
  'BillingPeriodStart',
  'ChargePeriodStart',
  'ChargePeriodEnd',
  'ChargeCategory',
  'BilledCost',
  'EffectiveCost',
];

const isEnumColumn = (name: string): name is FocusEnumColumn => name in FOCUS_ENUMS;

/**
 * FOCUS 1.0–1.2 (and AWS's "FOCUS with AWS columns") → line_items: the same columns, converted
 * to the canonical types. Columns a version lacks stay NULL; columns we do not store are ignored.
 */
export function focusMapping(columns: SourceColumns): SourceMapping {
  const select = {} as Record<TargetColumn, string>;
  for (const [name, type] of LINE_ITEM_COLUMNS) {
    if (name === 'x_DeliveryId' || name === 'x_ChargeDate' || name === 'x_TagSetId') continue;
    if (type === 'TIMESTAMP') select[name] = columns.timestamp(name);
    else if (type.startsWith('DECIMAL')) select[name] = columns.decimal(name);
    else if (type === 'DOUBLE') select[name] = columns.double(name);
    else if (type.startsWith('MAP')) select[name] = columns.map(name);
    else select[name] = isEnumColumn(name) ? enumExpr(name, columns.text(name)) : columns.text(name);
  }
  // AWS writes user tags as `user:team`; the plain key is what people ask about. Computed once per
  // row in the prelude because x_TagSetId hashes the same map.
  const prelude: Record<string, string>[] = [
    { __tag_map: select.Tags },
    { __tags: stripMapKeyPrefixExpr('"__tag_map"', 'user:') },
  ];
  select.Tags = '"__tags"';
  if (!columns.has('BillingPeriodEnd'))
    select.BillingPeriodEnd = `(${select.BillingPeriodStart} + INTERVAL 1 MONTH)`;
  select.x_ChargeDate = `CAST(${select.ChargePeriodStart} AS DATE)`;
  select.x_TagSetId = tagSetIdExpr(select.Tags);
  return {
    select,
    lineKey: fingerprintExpr(select),
    mandatory: FOCUS_MANDATORY,
    checks: requireValues(columns, FOCUS_MANDATORY),
    prelude,
  };
}
