import { describeRange } from '../../domain/index.ts';
import { clarification } from './clarify.ts';
import type { ParsedQuestion } from './parsed-question.ts';

/** A period outside the data is answered with a clarification, not with zero. */
export function checkDataRange(
  result: ParsedQuestion,
  dataRange: { start: string; end: string } | undefined,
): void {
  if (!dataRange) return;
  const { range } = result;
  if (range.end <= dataRange.start || range.start >= dataRange.end) {
    result.intent = 'clarify';
    result.clarification = clarification(
      `there is no billing data for ${describeRange(range)}; the data covers ${describeRange(dataRange)}`,
    );
    return;
  }
  if (range.start < dataRange.start || range.end > dataRange.end) {
    result.assumptions.push(
      `the data covers ${describeRange(dataRange)}, so only part of ${describeRange(range)} has data`,
    );
  }
  const baseline = result.compareTo;
  if (baseline && (baseline.start < dataRange.start || baseline.end > dataRange.end)) {
    result.assumptions.push(
      `the data covers ${describeRange(dataRange)}, so the baseline ${describeRange(baseline)} is incomplete`,
    );
  }
}

/** True for the notes above about partial coverage; callers that warn about coverage themselves drop them. */
export function isDataCoverageNote(assumption: string): boolean {
  return assumption.startsWith('the data covers ');
}
