import type { Dimension, TimeRange } from '../../domain/index.ts';
import { addDays, describeRange } from '../../domain/index.ts';
import type { TimeExpressions } from './time-expressions.ts';

/** Where anomalies are looked for when the question names no period. */
export const DEFAULT_ANOMALY_DAYS = 14;

/** The dimensions anomalies can be looked for by. */
export const ANOMALY_GROUPINGS: readonly Dimension[] = ['service', 'sub_account', 'usage_type'];

/**
 * The one period to look for anomalies in: the period named, or the last 14 full days. Anomalies
 * are unusual against their own history, so a second period or a baseline has no place here.
 */
export function planAnomalyTime(
  expressions: TimeExpressions,
  hasShortcut: boolean,
  today: string,
): { range: TimeRange; assumptions: string[]; problem: string | undefined } {
  const fallback = { start: addDays(today, -DEFAULT_ANOMALY_DAYS), end: today };
  const problem = expressions.problems[0];
  if (problem) return { range: fallback, assumptions: [], problem };
  if (expressions.periods.length > 1 || expressions.baselines.length > 0 || hasShortcut) {
    return {
      range: fallback,
      assumptions: [],
      problem:
        'anomalies are found within one period, each against its own recent history; ask about one period, e.g. "anomalies last week"',
    };
  }
  const only = expressions.periods[0];
  if (only) return { range: only.value.range, assumptions: [...only.value.assumptions], problem: undefined };
  return {
    range: fallback,
    assumptions: [
      `no period given: looking for anomalies in the last ${DEFAULT_ANOMALY_DAYS} full days, ${describeRange(fallback)}`,
    ],
    problem: undefined,
  };
}
