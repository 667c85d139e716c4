import type { ChargeCategory, CostFilter, Dimension, Metric, TimeRange } from '../domain/index.ts';
import { isTagDimension, tagKeyOf } from '../domain/index.ts';

/** Quotes a string as a SQL literal. Used for tag keys, which DuckDB map access cannot bind. */
export function sqlLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

const COLUMN_OF: Record<Exclude<Dimension, `tag:${string}`>, string> = {
  service: 'ServiceName',
  service_category: 'ServiceCategory',
  sub_account: 'SubAccountId',
  billing_account: 'BillingAccountId',
  region: 'RegionId',
  charge_category: 'ChargeCategory',
  usage_type: 'x_UsageType',
  sku: 'SkuId',
  resource: 'ResourceId',
  provider: 'ProviderName',
};

/** Columns holding a friendlier name for a dimension's value (account id → account name). */
const LABEL_COLUMN_OF: Partial<Record<Dimension, string>> = {
  sub_account: 'SubAccountName',
  billing_account: 'BillingAccountName',
  resource: 'ResourceName',
};

export function labelExpression(dimension: Dimension): string | undefined {
  const column = LABEL_COLUMN_OF[dimension];
  return column ? `line_items."${column}"` : undefined;
}

export function metricExpression(metric: Metric): string {
  return `line_items."${metric}"`;
}

/**
 * Builds one query: collects positional parameters, and joins a tag's values in from the small
 * `tag_sets` table (see src/store/tag-sets.ts) instead of reading the Tags map on every row, which
 * is several times slower on large tables. Call `from()` last: dimensions register their joins.
 */
export class SqlBuilder {
  readonly values: string[] = [];
  private readonly tagAliases = new Map<string, string>();

  add(value: string): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** The SQL expression for a dimension; an empty tag value counts as missing. */
  dimension(dimension: Dimension): string {
    if (!isTagDimension(dimension)) return `line_items."${COLUMN_OF[dimension]}"`;
    const key = tagKeyOf(dimension);
    let alias = this.tagAliases.get(key);
    if (!alias) {
      alias = `tag_${this.tagAliases.size}`;
      this.tagAliases.set(key, alias);
    }
    return `${alias}.value`;
  }

  from(): string {
    const joins = [...this.tagAliases].map(
      ([key, alias]) =>
        `LEFT JOIN (SELECT id, NULLIF(tags[${sqlLiteral(key)}], '') AS value FROM tag_sets) AS ${alias} ON line_items.x_TagSetId = ${alias}.id`,
    );
    return ['line_items', ...joins].join('\n  ');
  }
}

export function rangeCondition(range: TimeRange, params: SqlBuilder): string {
  return `line_items.x_ChargeDate >= CAST(${params.add(range.start)} AS DATE) AND line_items.x_ChargeDate < CAST(${params.add(range.end)} AS DATE)`;
}

/** Accounts and resources match by id or by name, so "prod" and "111122223333" both work. */
export function filterCondition(filter: CostFilter, params: SqlBuilder): string {
  const expression = params.dimension(filter.dimension);
  const label = labelExpression(filter.dimension);
  switch (filter.op) {
    case 'missing':
      return `${expression} IS NULL`;
    case 'present':
      return `${expression} IS NOT NULL`;
    case 'in':
    case 'not_in': {
      const list = filter.values.map((value) => params.add(value)).join(', ');
      const matches = label
        ? `(${expression} IN (${list}) OR ${label} IN (${list}))`
        : `${expression} IN (${list})`;
      // NOT IN keeps rows whose value is absent: "except sandbox" still counts untagged rows.
      return filter.op === 'in' ? matches : `NOT coalesce(${matches}, false)`;
    }
  }
}

export function chargeCategoryCondition(
  categories: ChargeCategory[] | undefined,
  params: SqlBuilder,
): string {
  if (!categories) return 'true';
  return `line_items.ChargeCategory IN (${categories.map((category) => params.add(category)).join(', ')})`;
}

export interface WhereInput {
  range?: TimeRange;
  filters: CostFilter[];
  chargeCategories?: ChargeCategory[] | undefined;
}

export function whereClause(input: WhereInput, params: SqlBuilder): string {
  const conditions: string[] = [];
  if (input.range) conditions.push(rangeCondition(input.range, params));
  for (const filter of input.filters) conditions.push(filterCondition(filter, params));
  conditions.push(chargeCategoryCondition(input.chargeCategories, params));
  return conditions.join('\n  AND ');
}
