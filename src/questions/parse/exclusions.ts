import type { CostFilter } from '../../domain/index.ts';
import type { FilterMatch } from './entities.ts';
import type { ChargeMatch } from './measures.ts';
import type { QuestionText } from './question-text.ts';

const MARKER =
  /\b(?:excluding|exclude|excludes|excl|without|except(?: for)?|not including|not counting|other than|apart from|leaving out|ignoring|ignore|minus|but not|ex)\b/;

/** Single words of the exclusion phrases, so a failed exclusion is not also reported as an unknown word. */
export const EXCLUSION_WORDS = new Set(
  'excluding exclude excludes excl without except for not including counting other than apart from leaving out ignoring ignore minus but ex'.split(
    ' ',
  ),
);

/** What may stand between an exclusion word and the things it excludes: "except sandbox and the staging account". */
const CONNECTOR = /^\s*(?:(?:and|or|nor|the|our|any|,|&)\s*)*$/;

type Item = { start: number; end: number; negate: () => void };

/**
 * Turns filters and charge categories that follow an exclusion word into exclusions. The word
 * reaches over a list of names joined by "and"/"or" and stops at anything else.
 */
export function applyExclusions(
  text: QuestionText,
  filters: FilterMatch[],
  charges: ChargeMatch[],
): { filters: CostFilter[]; charges: ChargeMatch[] } {
  // In the order they were written, so the plan reads like the question.
  const resultFilters = filters.map((match) => ({ ...match })).sort((a, b) => a.start - b.start);
  const resultCharges = charges.map((charge) => ({ ...charge }));
  const items: Item[] = [
    ...resultFilters.map((match) => ({
      start: match.start,
      end: match.end,
      negate: () => {
        if (match.filter.op === 'in') match.filter = { ...match.filter, op: 'not_in' };
      },
    })),
    ...resultCharges.map((charge) => ({
      start: charge.start,
      end: charge.end,
      negate: () => {
        charge.negated = true;
      },
    })),
  ].sort((a, b) => a.start - b.start);

  text.claim(MARKER, (marker) => {
    let reach = marker.index + marker[0].length;
    let negated = 0;
    for (const item of items) {
      if (item.start < reach) continue;
      if (!CONNECTOR.test(text.original.slice(reach, item.start))) break;
      item.negate();
      reach = item.end;
      negated += 1;
    }
    return negated > 0;
  });
  return { filters: resultFilters.map((match) => match.filter), charges: resultCharges };
}
