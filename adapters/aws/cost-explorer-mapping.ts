import type { Dimension, Expression, GroupDefinition, Metric } from '@aws-sdk/client-cost-explorer';
import type { FilterInput } from '../../mcp/contracts/cost-explorer.ts';
import { FinopsError } from '../../src/errors.ts';

/**
 * Our names → Cost Explorer's: dimensions, metrics and filters. Only what Cost Explorer can group
 * and filter by live is mapped; the rest is refused with a message naming what works.
 */
const DIMENSIONS: Record<string, Dimension> = {
  service: 'SERVICE',
  sub_account: 'LINKED_ACCOUNT',
  region: 'REGION',
  usage_type: 'USAGE_TYPE',
  charge_category: 'RECORD_TYPE',
};

export const LIVE_DIMENSIONS = Object.keys(DIMENSIONS);

/** Our metric names → the GetCostAndUsage metric (PascalCase) Cost Explorer reports. */
const METRICS: Record<string, string | undefined> = {
  EffectiveCost: 'NetAmortizedCost',
  BilledCost: 'UnblendedCost',
  ContractedCost: 'NetUnblendedCost',
  UnblendedCost: 'UnblendedCost',
  AmortizedCost: 'AmortizedCost',
  NetAmortizedCost: 'NetAmortizedCost',
  ListCost: undefined,
};

/** GetCostForecast spells the same metrics in upper snake case. */
const FORECAST_METRICS: Record<string, Metric> = {
  NetAmortizedCost: 'NET_AMORTIZED_COST',
  UnblendedCost: 'UNBLENDED_COST',
  NetUnblendedCost: 'NET_UNBLENDED_COST',
  AmortizedCost: 'AMORTIZED_COST',
};

export function ceMetric(metric: string): string {
  const mapped = METRICS[metric];
  if (mapped === undefined) {
    throw new FinopsError(
      'finops_invalid_input',
      `metric ${metric} is not available from live Cost Explorer (it reports no public list price); use EffectiveCost, BilledCost, UnblendedCost, AmortizedCost or NetAmortizedCost, or the embedded dataset for ListCost`,
    );
  }
  return mapped;
}

export function ceForecastMetric(metric: string): Metric {
  const mapped = FORECAST_METRICS[ceMetric(metric)];
  if (mapped === undefined) {
    throw new FinopsError(
      'finops_invalid_input',
      `metric ${metric} cannot be forecast by Cost Explorer; use EffectiveCost, BilledCost, UnblendedCost or AmortizedCost`,
    );
  }
  return mapped;
}

function tagKey(dimension: string): string | undefined {
  return dimension.startsWith('tag:') ? dimension.slice(4) : undefined;
}

function unsupported(dimension: string): FinopsError {
  return new FinopsError(
    'finops_invalid_input',
    `dimension ${dimension} is not available from live Cost Explorer; use one of ${LIVE_DIMENSIONS.join(', ')} or tag:<key> (resource-level costs need the embedded dataset built from a CUR / Data Exports file)`,
  );
}

export function ceDimension(dimension: string): Dimension {
  const mapped = DIMENSIONS[dimension];
  if (mapped === undefined) throw unsupported(dimension);
  return mapped;
}

export function ceGroupBy(dimension: string): GroupDefinition {
  const key = tagKey(dimension);
  if (key !== undefined) return { Type: 'TAG', Key: key };
  return { Type: 'DIMENSION', Key: ceDimension(dimension) };
}

export function ceFilter(filter: FilterInput): Expression {
  const key = tagKey(filter.dimension);
  const values = filter.values ?? [];
  if (filter.op === 'missing' || filter.op === 'present') {
    if (key === undefined) {
      throw new FinopsError(
        'finops_invalid_input',
        `op ${filter.op} tests a tag for absence: use it with tag:<key> (e.g. {"dimension":"tag:team","op":"missing"}); for ${filter.dimension} use in or not_in`,
      );
    }
    const absent: Expression = { Tags: { Key: key, MatchOptions: ['ABSENT'] } };
    return filter.op === 'missing' ? absent : { Not: absent };
  }
  const match: Expression =
    key !== undefined
      ? { Tags: { Key: key, Values: values, MatchOptions: ['EQUALS'] } }
      : { Dimensions: { Key: ceDimension(filter.dimension), Values: values, MatchOptions: ['EQUALS'] } };
  return filter.op === 'not_in' ? { Not: match } : match;
}

/** Cost Explorer refuses And / Or with fewer than two operands, so one filter stands alone. */
export function combine(operator: 'And' | 'Or', expressions: Expression[]): Expression | undefined {
  if (expressions.length === 0) return undefined;
  if (expressions.length === 1) return expressions[0];
  return operator === 'And' ? { And: expressions } : { Or: expressions };
}

export function ceFilters(filters: readonly FilterInput[]): Expression | undefined {
  return combine(
    'And',
    filters.map((filter) => ceFilter(filter)),
  );
}

/**
 * A group key from Cost Explorer: tags come back as `key$value`, and `key$` means the resource had
 * no such tag (null, as the embedded backend reports absence).
 */
export function groupValue(dimension: string, key: string): string | null {
  const tag = tagKey(dimension);
  if (tag === undefined) return key;
  const separator = key.indexOf('$');
  const value = separator >= 0 ? key.slice(separator + 1) : key;
  return value === '' ? null : value;
}
