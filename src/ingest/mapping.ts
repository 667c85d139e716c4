import type { LineItemColumn } from '../store/schema.ts';
import type { ValueCheck } from './source-columns.ts';

export type TargetColumn = Exclude<LineItemColumn, 'x_DeliveryId'>;

/** How one file becomes line_items rows: a SQL expression per column, over the file's columns. */
export interface SourceMapping {
  select: Record<TargetColumn, string>;
  /**
   * Identifies a line item across deliveries of the same period, so that two files sharing line
   * items are recognised as two deliveries rather than two parts of one.
   */
  lineKey: string;
  /** Columns the file must have (as named in the file's format), checked before reading values. */
  mandatory: string[];
  checks: ValueCheck[];
  /**
   * Values computed once per row in inner SELECTs and referenced by name in `select`: DuckDB does
   * not reliably share a JSON parse or a lambda between the many expressions that use it. Stages
   * are nested in order, so a stage can use the names of the stages before it.
   */
  prelude?: Record<string, string>[];
}

/** The FROM clause for a mapping: the file, with the prelude values added when there are any. */
export function mappedSource(source: string, mapping: Pick<SourceMapping, 'prelude'>): string {
  let from = source;
  for (const stage of mapping.prelude ?? []) {
    const values = Object.entries(stage);
    if (values.length === 0) continue;
    from = `(SELECT *, ${values.map(([name, expr]) => `${expr} AS "${name}"`).join(', ')} FROM ${from})`;
  }
  return from;
}

/** FOCUS fingerprint of a row; used when a format has no line-item id. */
export function fingerprintExpr(select: Record<TargetColumn, string>): string {
  const parts = [
    'ChargePeriodStart',
    'ChargePeriodEnd',
    'ResourceId',
    'SkuPriceId',
    'ChargeCategory',
    'ChargeDescription',
    'SubAccountId',
    'BilledCost',
  ] as const;
  return `hash(${parts.map((part) => select[part]).join(', ')})`;
}

/** x_TagSetId = hash(Tags) for a non-empty tag map (see src/store/tag-sets.ts). */
export function tagSetIdExpr(tags: string): string {
  return `(CASE WHEN cardinality(${tags}) > 0 THEN hash(${tags}) END)`;
}
