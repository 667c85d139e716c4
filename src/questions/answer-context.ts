import type {
  ChargeCategory,
  CostFilter,
  DataSource,
  Fact,
  GroupKey,
  Metric,
  TimeRange,
} from '../domain/index.ts';
import { CHARGE_CATEGORIES, dimensionLabel, humanRange, METRIC_LABELS } from '../domain/index.ts';
import type { DataCatalog } from '../engine/index.ts';

/** What every figure in one answer shares: the metric, filters, charge categories and source. */
export interface AnswerBasis {
  metric: Metric;
  filters: CostFilter[];
  chargeCategories?: ChargeCategory[] | undefined;
  source: DataSource;
  catalog: DataCatalog;
}

/** Collects facts with sequential ids; every number the answer text shows is added here. */
export class FactCollector {
  readonly facts: Fact[] = [];

  constructor(private readonly basis: AnswerBasis) {}

  add(
    label: string,
    value: number,
    period: TimeRange,
    options: { groupKey?: GroupKey; unit?: string; metric?: boolean } = {},
  ): Fact {
    const fact: Fact = {
      id: `f${this.facts.length + 1}`,
      label,
      value,
      unit: options.unit ?? this.basis.source.currency,
      ...(options.metric === false ? {} : { metric: this.basis.metric }),
      period,
      filters: this.basis.filters,
      ...(options.groupKey ? { groupKey: options.groupKey } : {}),
      ...(this.basis.chargeCategories ? { chargeCategories: this.basis.chargeCategories } : {}),
      source: this.basis.source,
    };
    this.facts.push(fact);
    return fact;
  }
}

export function describeFilter(filter: CostFilter, catalog: DataCatalog): string {
  const name = dimensionLabel(filter.dimension);
  const display = (value: string) => {
    if (filter.dimension === 'sub_account') {
      const account = catalog.accounts.find(
        (candidate) => candidate.id === value || candidate.name === value,
      );
      return account?.name && account.name !== account.id ? `${account.name} (${account.id})` : value;
    }
    return value;
  };
  switch (filter.op) {
    case 'in':
      return `${name} ${filter.values.length > 1 ? 'in' : 'is'} ${filter.values.map(display).join(', ')}`;
    case 'not_in':
      return `${name} is not ${filter.values.map(display).join(' or ')}`;
    case 'missing':
      return `no ${name}`;
    case 'present':
      return `has a ${name}`;
  }
}

export function describeChargeCategories(categories: ChargeCategory[] | undefined): string {
  if (!categories || categories.length === CHARGE_CATEGORIES.length) {
    return 'all charge categories (usage, purchases, tax, credits, adjustments)';
  }
  const excluded = CHARGE_CATEGORIES.filter((category) => !categories.includes(category));
  if (excluded.length <= 2)
    return `all charge categories except ${excluded.map((category) => category.toLowerCase()).join(' and ')}`;
  return `charge categories ${categories.map((category) => category.toLowerCase()).join(', ')} only`;
}

/** The one sentence every answer ends with: which metric, period(s), filters, charge categories, data. */
export function describeBasis(basis: AnswerBasis, periods: TimeRange[]): string {
  const parts = [
    `Metric: ${METRIC_LABELS[basis.metric]}`,
    `period: ${periods.map((period) => `${humanRange(period)} [${period.start} to ${period.end}, end exclusive]`).join(' vs ')}`,
    `filters: ${basis.filters.length ? basis.filters.map((filter) => describeFilter(filter, basis.catalog)).join('; ') : 'none'}`,
    describeChargeCategories(basis.chargeCategories),
    `source: ${basis.source.name}${basis.source.dataThrough ? `, data through ${basis.source.dataThrough}` : ''}`,
  ];
  return `${parts.join('; ')}.`;
}

/** Warnings when a period reaches outside the data, so a partial figure is never read as a whole one. */
export function coverageWarnings(periods: TimeRange[], catalog: DataCatalog): string[] {
  const range = catalog.dataRange;
  if (!range) return ['No cost data is loaded: run `finops demo` or `finops ingest <files>` first.'];
  const warnings: string[] = [];
  for (const period of periods) {
    if (period.end > range.end && period.start < range.end) {
      warnings.push(`Data runs through ${lastDay(range.end)}: ${humanRange(period)} is not complete yet.`);
    } else if (period.start >= range.end) {
      warnings.push(`${humanRange(period)} is after the last day of data (${lastDay(range.end)}).`);
    }
    if (period.start < range.start && period.end > range.start) {
      warnings.push(`Data starts on ${range.start}: ${humanRange(period)} is only partly covered.`);
    } else if (period.end <= range.start) {
      warnings.push(`${humanRange(period)} is before the first day of data (${range.start}).`);
    }
  }
  return [...new Set(warnings)];
}

function lastDay(end: string): string {
  const date = new Date(`${end}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}
