import type { QuestionText } from './question-text.ts';

/** A budget named in a question: the amounts found, and whether budget words came without one. */
export interface BudgetMention {
  amounts: number[];
  /** Budget words with no amount ("will we go over budget", "will we exceed it"). */
  withoutAmount: boolean;
  problems: string[];
}

// Digit groups keep their commas through normalisation ("120,000"); "1.2m" keeps its point.
const AMOUNT =
  '(\\$\\s?)?(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)(?:\\s?(k|m|mm|mn|bn|b)\\b|\\s(thousand|million|billion|grand)\\b)?(?:\\s?(?:usd|dollars?)\\b)?';

const MULTIPLIERS: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  grand: 1e3,
  m: 1e6,
  mm: 1e6,
  mn: 1e6,
  million: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
};

const OWNER = '(?:our|the|a|an|my|this|that|its)';
const VERB =
  '(?:go|going|goes|be|stay|staying|stays|remain|come in|end up|land|keep (?:it|spend|spending|costs?|us))';
const COMPARISON =
  '(?:over|under|above|below|within|beyond|past|more than|less than|exceed(?:s|ed|ing)?|surpass(?:es|ed|ing)?|overshoot|hit|reach|break|cross)';
const PACE = '(?:on (?:track|pace|course)(?: (?:for|to|towards?))?|(?:heading|trending) (?:for|to|towards?))';
const BEFORE = `(?:(?:${OWNER} )?budget(?: (?:of|is|at|limit(?: of)?|cap(?: of)?|amount(?: of)?))?|(?:${VERB} )?${COMPARISON}(?: ${OWNER})?(?: (?:budget|limit|cap|target) of)?|${PACE}(?: (?:hit|reach|stay (?:under|within|below)|spend|exceed))?(?: ${OWNER})?)`;
const AFTER =
  '(?:monthly |quarterly |annual |yearly |total |spending |spend |cost )?(?:budget|limit|cap|spending limit)';
// "over 3 months" and "more than 10%" are not amounts of money.
const NOT_MONEY =
  '(?!\\s?(?:%|percent|per ?cent|x\\b|times|days?|weeks?|months?|quarters?|years?|hours?|minutes?)\\b)';

const BUDGET_AMOUNT = new RegExp(
  `(?<![\\w.,$])(?:(${BEFORE}) )?${AMOUNT}${NOT_MONEY}(?: (${AFTER}))?(?![\\w.])`,
);

/** Budget words with nothing to measure them by: the amount has to be asked for. */
const BUDGET_WORDS = new RegExp(
  `\\b(?:(?:${VERB} )?(?:over|under|within|exceed(?:s|ed|ing)?|blow(?:ing)? (?:through|past)|bust) (?:${OWNER} )?budgets?|budgets?|(?:${VERB} )?(?:exceed(?:s|ed|ing)?|surpass(?:es|ed|ing)?|overshoot|go over|stay (?:under|within|below)|blow (?:through|past)|bust|break|hit) (?:it|that|this|them)|on (?:track|pace|course))\\b`,
);

function amountOf(digits: string, suffix: string | undefined): number | undefined {
  const base = Number(digits.replaceAll(',', ''));
  if (!Number.isFinite(base)) return undefined;
  // Cents are the finest unit a budget has; rounding keeps 1.2 × 1e6 from drifting.
  return Math.round(base * (MULTIPLIERS[suffix ?? ''] ?? 1) * 100) / 100;
}

/**
 * Parses an amount as people type it: "50k", "$1.2M", "45,000", "120 thousand". Undefined when
 * the text is not one amount.
 */
export function parseAmount(text: string): number | undefined {
  const match = new RegExp(`^${AMOUNT}$`).exec(text.trim().toLowerCase());
  return match ? amountOf(match[2] ?? '', match[3] ?? match[4]) : undefined;
}

/** A bare four-digit number after "over" is a year far more often than a budget ("forecast over 2027"). */
function isBareYear(match: RegExpExecArray): boolean {
  const bare = match[2] === undefined && match[4] === undefined && match[5] === undefined;
  return bare && /^(?:19|20)\d{2}$/.test(match[3] ?? '') && match[6] === undefined;
}

/**
 * Finds budget amounts ("over our 50k budget", "budget of $45,000", "stay under 1.2M") and budget
 * words without one. An amount counts only next to budget or comparison words, so "top 5" and
 * account numbers stay what they are.
 */
export function findBudget(text: QuestionText): BudgetMention {
  const mention: BudgetMention = { amounts: [], withoutAmount: false, problems: [] };
  text.claim(BUDGET_AMOUNT, (match) => {
    if (match[1] === undefined && match[6] === undefined) return false;
    if (match[6] === undefined && isBareYear(match)) return false;
    const amount = amountOf(match[3] ?? '', match[4] ?? match[5]);
    if (amount === undefined || amount <= 0) {
      mention.problems.push(`'${match[0]}' is not a budget I can use: write an amount above zero, e.g. 50k`);
    } else if (!mention.amounts.includes(amount)) {
      mention.amounts.push(amount);
    }
    return true;
  });
  text.claim(BUDGET_WORDS, () => {
    mention.withoutAmount = true;
    return true;
  });
  if (mention.amounts.length > 1) {
    mention.problems.push(
      `the question names more than one budget (${mention.amounts.map(formatUsd).join(', ')}); name one`,
    );
  }
  return mention;
}

export function formatUsd(amount: number): string {
  return `$${amount.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;
}
