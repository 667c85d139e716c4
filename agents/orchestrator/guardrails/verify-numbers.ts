import type { Fact } from '../../../src/domain/index.ts';
import { type NumberToken, readNumbers } from './number-tokens.ts';

export interface NumberEvidence {
  /** The facts of every specialist result of the turn: the only source of figures. */
  facts: readonly Fact[];
  /** The person's question: numbers they wrote ("top 5", "our 50k budget") may be repeated. */
  question: string;
}

export interface NumberCheckResult {
  ok: boolean;
  /** Each number of the text no fact (or allowance) backs, as written, in order. */
  unmatched: string[];
}

/**
 * Checks that every number in a model's prose is one the specialists computed, written as the
 * app would write it, within the rounding its digits show. The rules (README.md here):
 *
 * - Money ($4,200, $1.2k, $3.4M, 1,200 USD) must be a money fact's value: |written − fact| within
 *   half a unit of the last digit written ($4,213.57 may read $4,214 or $4.2k, never $4,200).
 *   Signs are left to words ("down $120" for −120).
 * - Percentages (12%, 12.5 percent) must be a ratio fact × 100 or a percent fact, same rounding.
 * - Bare numbers (counts) must be a fact's value (count, money or percent-unit) within rounding.
 * - Allowed without a fact: numbers the question states (same value, any notation), calendar
 *   parts (ISO dates, times, years 1900–2199, days next to a month name, durations such as
 *   "7 days", quarter and half names like Q3 which are names), ordinals (3rd), list markers at a
 *   line start ("1."), 12-digit AWS account ids, and "top N" when N is the number of listed items.
 * - Numbers inside names (EC2, gp2, m5.2xlarge, us-east-1) are not read as numbers.
 */
export function verifyNumbers(text: string, evidence: NumberEvidence): NumberCheckResult {
  const questionValues = readNumbers(evidence.question).map((token) => token.value);
  const listed = listItemCount(text);
  const unmatched: string[] = [];
  for (const token of readNumbers(text)) {
    if (token.allowance) continue;
    if (questionValues.some((value) => within(token, value))) continue;
    if (token.kind === 'number' && isTopCount(text, token, listed)) continue;
    if (evidence.facts.some((fact) => backs(fact, token))) continue;
    unmatched.push(token.raw);
  }
  return { ok: unmatched.length === 0, unmatched };
}

function within(token: NumberToken, value: number): boolean {
  return Math.abs(token.value - Math.abs(value)) <= token.tolerance;
}

function isMoney(fact: Fact): boolean {
  return /^[A-Z]{3}$/.test(fact.unit);
}

function backs(fact: Fact, token: NumberToken): boolean {
  switch (token.kind) {
    case 'money':
      return isMoney(fact) && within(token, fact.value);
    case 'percent':
      if (fact.unit === 'ratio') return within(token, fact.value * 100);
      return fact.unit === 'percent' && within(token, fact.value);
    case 'number':
      return fact.unit !== 'ratio' && within(token, fact.value);
  }
}

/** Lines that are list items: "- x", "* x", "• x", "1. x", "2) x". */
function listItemCount(text: string): number {
  return text.split('\n').filter((line) => /^\s*(?:[-*•]|\d+[.)])\s+\S/.test(line)).length;
}

/** "top 5" / "5 largest" where 5 is how many items the text lists. */
function isTopCount(text: string, token: NumberToken, listed: number): boolean {
  if (listed === 0 || token.value !== listed) return false;
  const before = text.slice(Math.max(0, token.index - 12), token.index);
  const after = text.slice(token.index + token.raw.length, token.index + token.raw.length + 24);
  return (
    /\b(?:top|the|these|following|first|largest|biggest)\s+$/i.test(before) ||
    /^\s+(?:largest|biggest|most|highest|top|costliest|items|services|accounts|resources|recommendations)\b/i.test(
      after,
    )
  );
}
