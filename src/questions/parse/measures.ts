import type { ChargeCategory, Metric } from '../../domain/index.ts';
import { CHARGE_CATEGORIES } from '../../domain/index.ts';
import type { QuestionText } from './question-text.ts';

/** Words naming a cost metric. Checked in order, so "net of credits" is read as a charge phrase first. */
const METRIC_PHRASES: { pattern: RegExp; metric: Metric }[] = [
  {
    pattern: /\b(?:list (?:costs?|prices?|pricing|rates?)|at list|public (?:prices?|pricing)|undiscounted)\b/,
    metric: 'ListCost',
  },
  { pattern: /\b(?:on[\s-]?demand(?: (?:costs?|prices?|pricing|rates?|equivalent))?)\b/, metric: 'ListCost' },
  { pattern: /\b(?:before|without|ignoring|excluding) (?:any |all )?discounts?\b/, metric: 'ListCost' },
  { pattern: /\b(?:net )?(?:amorti[sz]ed|amorti[sz]ation)(?: costs?)?\b/, metric: 'EffectiveCost' },
  { pattern: /\b(?:effective|net)(?: costs?| spend)?\b/, metric: 'EffectiveCost' },
  { pattern: /\b(?:unblended|billed|invoiced?|invoice amount)(?: costs?)?\b/, metric: 'BilledCost' },
  { pattern: /\b(?:contracted|negotiated)(?: costs?| prices?| rates?)?\b/, metric: 'ContractedCost' },
];

/** A charge category named in the question, possibly negated by its own wording ("pre-tax"). */
export interface ChargeMatch {
  start: number;
  end: number;
  category: ChargeCategory;
  negated: boolean;
}

const CHARGE_PHRASES: { pattern: RegExp; categories: ChargeCategory[]; negated: boolean }[] = [
  // Saying credits or tax are included is the default: claim the words, change nothing.
  {
    pattern:
      /\b(?:after|net of|including|incl|with|inc) (?:the )?(?:credits?|taxe?s?|vat)(?: and (?:credits?|taxe?s?))?\b/,
    categories: [],
    negated: false,
  },
  { pattern: /\b(?:pre[\s-]?tax|before tax(?:es)?)\b/, categories: ['Tax'], negated: true },
  { pattern: /\b(?:pre[\s-]?credits?|before (?:any )?credits?)\b/, categories: ['Credit'], negated: true },
  {
    pattern: /\b(?:usage[\s-]only|only usage|just usage|usage charges only|only the usage)\b/,
    categories: ['Usage'],
    negated: false,
  },
  { pattern: /\b(?:taxe?s?|vat|sales tax)\b/, categories: ['Tax'], negated: false },
  { pattern: /\b(?:credits?|promotional credits?|promo credits?)\b/, categories: ['Credit'], negated: false },
  {
    pattern: /\b(?:purchases?|upfront (?:fees?|payments?)|one[\s-]time fees?)\b/,
    categories: ['Purchase'],
    negated: false,
  },
  { pattern: /\b(?:adjustments?)\b/, categories: ['Adjustment'], negated: false },
];

export interface Measures {
  metrics: Metric[];
  charges: ChargeMatch[];
  /** Usage only, as opposed to usage named as an exclusion. */
  usageOnly: boolean;
}

export function findMeasures(text: QuestionText): Measures {
  const measures: Measures = { metrics: [], charges: [], usageOnly: false };
  for (const phrase of CHARGE_PHRASES) {
    text.claim(phrase.pattern, (match) => {
      for (const category of phrase.categories) {
        measures.charges.push({
          start: match.index,
          end: match.index + match[0].length,
          category,
          negated: phrase.negated,
        });
      }
      return true;
    });
  }
  for (const phrase of METRIC_PHRASES) {
    text.claim(phrase.pattern, () => {
      if (!measures.metrics.includes(phrase.metric)) measures.metrics.push(phrase.metric);
      return true;
    });
  }
  return measures;
}

/**
 * The charge categories to count: the ones named, or all of them, less the excluded ones.
 * Undefined when the question says nothing about them (the caller counts everything).
 */
export function chargeCategoriesOf(charges: ChargeMatch[]): ChargeCategory[] | undefined {
  if (charges.length === 0) return undefined;
  const included = new Set(charges.filter((charge) => !charge.negated).map((charge) => charge.category));
  const excluded = new Set(charges.filter((charge) => charge.negated).map((charge) => charge.category));
  const base = included.size > 0 ? [...included] : [...CHARGE_CATEGORIES];
  return CHARGE_CATEGORIES.filter((category) => base.includes(category) && !excluded.has(category));
}
