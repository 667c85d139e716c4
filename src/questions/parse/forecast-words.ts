import type { QuestionText } from './question-text.ts';

/**
 * Words that ask about spend still to come. "will" counts unless it is a polite request ("will
 * you show me…"); "project" alone does not, since it is also a tag key.
 */
const FORECAST_WORDS =
  /\b(?:forecast(?:s|ed|ing)?|predict(?:s|ed|ing|ions?)?|projected|projecting|projections?|run[\s-]?rate|outlook|estimat(?:e|es|ed|ing|ion)|will(?! (?:you|u|ya)\b)|gonna|going to (?:spend|cost|be|hit|exceed|land|end up|come in)|expect(?:ed)? to (?:spend|cost|be|hit|reach|land|end up)|expected (?:spend|spending|cost|costs|bill)|land(?:ing)?(?: at)?|end(?:ing)? up(?: at)?)\b/;

/** Claims the forecast words of a question; true when there were any. */
export function findForecastWords(text: QuestionText): boolean {
  let found = false;
  text.claim(FORECAST_WORDS, () => {
    found = true;
    return true;
  });
  return found;
}
