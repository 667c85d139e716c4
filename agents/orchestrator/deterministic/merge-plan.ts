import type { CostFilter } from '../../../src/domain/index.ts';
import type { ParsedQuestion } from '../../../src/questions/parse/index.ts';
import { periodBefore } from './period-before.ts';
import { isServiceFilter } from './skill-calls.ts';

/** What a follow-up said itself; everything else comes from the previous turn. */
export interface StatedChange {
  /** The follow-up's plan, parsed with the previous turn's kind of ask ("forecast …", "cost …"). */
  parsed: ParsedQuestion;
  period: boolean;
  limit?: number | undefined;
}

/**
 * A follow-up filter replaces the previous filters on the same thing: a service (or EBS usage,
 * or a service category) replaces the previous service; an account the previous account; a tag
 * the previous filter on that tag. Filters on other things are kept ("only prod" narrows EC2).
 */
export function mergeFilters(previous: readonly CostFilter[], stated: readonly CostFilter[]): CostFilter[] {
  const family = (filter: CostFilter) => (isServiceFilter(filter) ? 'service' : filter.dimension);
  const replaced = new Set(stated.map(family));
  return [...previous.filter((filter) => !replaced.has(family(filter))), ...stated];
}

/** The previous plan with what the follow-up changed: period, filters, grouping, limit, metric, charges. */
export function mergePlan(previous: ParsedQuestion, change: StatedChange, question: string): ParsedQuestion {
  const { parsed } = change;
  const plan: ParsedQuestion = {
    ...previous,
    filters: mergeFilters(previous.filters, parsed.filters),
    assumptions: [`a follow-up to "${question}": what it does not say is kept from there`],
  };
  if (change.period) {
    plan.assumptions.push(...parsed.assumptions);
    applyPeriod(plan, previous, parsed);
  }
  if (parsed.groupBy !== undefined) {
    plan.groupBy = parsed.groupBy;
    if (plan.intent === 'total') plan.intent = 'breakdown';
    // Anomalies are looked for by service, account or usage type only; other groupings are spend.
    if (plan.intent === 'anomalies' && !['service', 'sub_account', 'usage_type'].includes(parsed.groupBy)) {
      plan.intent = 'breakdown';
    }
  }
  if (change.limit !== undefined) plan.limit = change.limit;
  if (parsed.metric) plan.metric = parsed.metric;
  if (parsed.chargeCategories) plan.chargeCategories = parsed.chargeCategories;
  return plan;
}

function applyPeriod(plan: ParsedQuestion, previous: ParsedQuestion, parsed: ParsedQuestion): void {
  if (previous.intent === 'forecast' || previous.intent === 'anomalies') {
    // Parsed as the same kind of ask, so the target, basis and comparison are the parser's own.
    plan.intent = parsed.intent;
    plan.range = parsed.range;
    setOptional(plan, 'target', parsed.target);
    setOptional(plan, 'compareTo', parsed.compareTo);
    return;
  }
  plan.range = parsed.range;
  if (parsed.intent === 'compare' && parsed.compareTo) {
    plan.intent = 'compare';
    plan.compareTo = parsed.compareTo;
  } else if (previous.intent === 'explain_day') {
    plan.intent = 'explain';
    plan.compareTo = periodBefore(parsed.range);
    delete plan.day;
  } else if (previous.intent === 'compare' || previous.intent === 'explain') {
    plan.compareTo = periodBefore(parsed.range);
  }
}

function setOptional<K extends 'target' | 'compareTo'>(
  plan: ParsedQuestion,
  key: K,
  value: ParsedQuestion[K],
): void {
  if (value === undefined) delete plan[key];
  else plan[key] = value;
}

/** "why?" about the previous turn: its period against the one before (or its own baseline). */
export function explainPlan(previous: ParsedQuestion, question: string): ParsedQuestion {
  if (previous.intent === 'explain' || previous.intent === 'explain_day') return previous;
  // A comparison's own baseline is what its change is measured against; a forecast's comparison is not.
  const compareTo =
    previous.intent === 'compare' && previous.compareTo ? previous.compareTo : periodBefore(previous.range);
  const plan: ParsedQuestion = {
    intent: 'explain',
    range: previous.range,
    compareTo,
    filters: previous.filters,
    assumptions: [`explaining the change in "${question}" against the period before it`],
  };
  if (previous.groupBy !== undefined) plan.groupBy = previous.groupBy;
  if (previous.metric) plan.metric = previous.metric;
  if (previous.chargeCategories) plan.chargeCategories = previous.chargeCategories;
  return plan;
}
