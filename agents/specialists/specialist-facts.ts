import type { CostFilter, DataSource, Fact, GroupKey, Metric, TimeRange } from '../../src/domain/index.ts';
import { formatMoney, formatPercent } from '../../src/questions/format.ts';

export interface FactInput {
  label: string;
  value: number;
  /** `USD` (the source's currency) for money, `count`, or `ratio` for shares (0.25 = 25 %). */
  unit: 'money' | 'count' | 'ratio';
  /** For money: which cost metric it measures. */
  metric?: Metric | undefined;
  period: TimeRange;
  filters: readonly CostFilter[];
  source: DataSource;
  groupKey?: GroupKey | undefined;
}

/**
 * The facts of one findings, with ids in the order they were added, and the renderers the summary
 * uses so that every number in it is one of these facts, written the way the composers write them.
 */
export class FactList {
  readonly facts: Fact[] = [];

  constructor(private readonly prefix: string) {}

  add(input: FactInput): Fact {
    const fact: Fact = {
      id: `${this.prefix}${this.facts.length + 1}`,
      label: input.label,
      value: input.value,
      unit: input.unit === 'money' ? input.source.currency : input.unit,
      ...(input.unit === 'money' && input.metric ? { metric: input.metric } : {}),
      period: input.period,
      filters: [...input.filters],
      ...(input.groupKey ? { groupKey: input.groupKey } : {}),
      source: input.source,
    };
    this.facts.push(fact);
    return fact;
  }

  /** Adds a money fact and returns it rendered. */
  money(input: Omit<FactInput, 'unit'>): string {
    return renderFact(this.add({ ...input, unit: 'money' }));
  }

  /** Adds a count fact and returns it rendered. */
  count(input: Omit<FactInput, 'unit' | 'metric'>): string {
    return renderFact(this.add({ ...input, unit: 'count' }));
  }

  /** Adds a share (0–1) fact and returns it rendered as a percentage. */
  share(input: Omit<FactInput, 'unit' | 'metric'>): string {
    return renderFact(this.add({ ...input, unit: 'ratio' }));
  }
}

/** How a fact reads in a summary: money with formatMoney, shares with formatPercent, counts plain. */
export function renderFact(fact: Fact): string {
  if (fact.unit === 'count') return String(fact.value);
  // A share is not a change: no leading plus sign.
  if (fact.unit === 'ratio') return formatPercent(fact.value).replace(/^\+/, '');
  return formatMoney(fact.value, fact.unit);
}
