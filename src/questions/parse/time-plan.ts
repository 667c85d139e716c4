import type { TimeRange } from '../../domain/index.ts';
import { addDays, addMonths, describeRange, startOfMonth } from '../../domain/index.ts';
import type { CompareShortcut } from './intents.ts';
import type { Period } from './periods.ts';
import { likeForLike, previousPeriod, startOfQuarter, startOfWeek } from './periods.ts';
import type { TimeExpressions } from './time-expressions.ts';
import { lastCompleteUnit, resolveBaseline } from './time-expressions.ts';
import type { Baseline } from './time-rules.ts';

export interface TimePlan {
  range: TimeRange;
  compareTo: TimeRange | undefined;
  /** True when two periods were named without a comparison word ("October and September"). */
  impliesCompare: boolean;
  assumptions: string[];
  problem: string | undefined;
}

/** Month to date: what a question without a period is about. */
export function monthToDate(today: string): Period {
  return {
    range: { start: startOfMonth(today), end: addDays(today, 1) },
    unit: 'month',
    toDate: true,
    impliedYear: false,
    phrase: 'this month',
    assumptions: [],
  };
}

/** The running period of the baseline's unit: "vs last week" looks at this week so far. */
function currentPeriodLike(baseline: Period, today: string): Period {
  const toDate = (start: string, unit: Period['unit'], phrase: string): Period => ({
    range: { start, end: addDays(today, 1) },
    unit,
    toDate: true,
    impliedYear: false,
    phrase,
    assumptions: [],
  });
  switch (baseline.unit) {
    case 'day':
      return { ...toDate(today, 'day', 'today'), toDate: false };
    case 'week':
      return toDate(startOfWeek(today), 'week', 'this week to date');
    case 'quarter':
      return toDate(startOfQuarter(today), 'quarter', 'this quarter to date');
    case 'year':
      return toDate(`${today.slice(0, 4)}-01-01`, 'year', 'this year to date');
    default:
      return { ...monthToDate(today), phrase: 'this month to date' };
  }
}

function shortcutBaseline(shortcut: CompareShortcut): Baseline {
  const months = { day: 0, week: 0, month: -1, quarter: -3, year: -12 }[shortcut.unit];
  const days = { day: -1, week: -7, month: 0, quarter: 0, year: 0 }[shortcut.unit];
  return { type: 'shift', months, days, phrase: shortcut.phrase };
}

/** The baseline for a period, keeping like-for-like days when the period is still running. */
function baselineFor(
  current: Period,
  baseline: Baseline | undefined,
): { range: TimeRange; assumption: string } {
  if (!baseline) return previousPeriod(current);
  if (baseline.type === 'shift' && current.toDate) {
    const { range, assumption } = resolveBaseline(baseline, current, previousPeriod);
    return { range, assumption: `${assumption} (the same days as ${describeRange(current.range)})` };
  }
  return resolveBaseline(baseline, current, previousPeriod);
}

/**
 * Turns the time expressions of a question into the range to report and, for comparisons and
 * explanations, the baseline. Everything inferred is said in `assumptions`.
 */
export function planTime(input: {
  expressions: TimeExpressions;
  comparing: boolean;
  shortcut: CompareShortcut | undefined;
  monthlyTrend: boolean;
  versusAt: number | undefined;
  today: string;
}): TimePlan {
  const { expressions, comparing, shortcut, today } = input;
  const plan: TimePlan = {
    range: monthToDate(today).range,
    compareTo: undefined,
    impliesCompare: false,
    assumptions: [],
    problem: expressions.problems[0],
  };
  const periods = expressions.periods.map((located) => located.value);
  // "EC2 vs last month", "how are we doing compared to last week": the one period named is the
  // baseline, and the period being looked at is the default one.
  const [only] = expressions.periods;
  if (
    comparing &&
    periods.length === 1 &&
    only &&
    // A running period ("this week") is the one being looked at, never just the baseline.
    !only.value.toDate &&
    only.value.range.end <= today &&
    input.versusAt !== undefined &&
    only.start > input.versusAt
  ) {
    const current = currentPeriodLike(only.value, today);
    periods.unshift(current);
    plan.assumptions.push(`only the baseline was named: comparing ${current.phrase} with it`);
  }
  const baseline = expressions.baselines[0]?.value;
  if (periods.length > 2 || expressions.baselines.length > 1) {
    plan.problem ??= 'the question names more than two periods; ask about one period, or compare two';
    return plan;
  }
  if (periods.length === 2 && baseline) {
    plan.problem ??= 'the question names two periods and a baseline; name just the two periods to compare';
    return plan;
  }

  let current = periods[0];
  if (!current) {
    if (shortcut) {
      current = lastCompleteUnit(shortcut.unit, today, shortcut.phrase);
      plan.assumptions.push(
        `'${shortcut.phrase}' with no period: the last full ${shortcut.unit}, ${describeRange(current.range)}`,
      );
    } else if (baseline && !comparing) {
      const unit = baseline.type === 'previous' ? baseline.unit : 'period';
      current = lastCompleteUnit(unit, today, baseline.phrase);
      plan.assumptions.push(`'${baseline.phrase}' = ${describeRange(current.range)}`);
      plan.range = current.range;
      return plan;
    } else if (input.monthlyTrend && !comparing) {
      const range = { start: addMonths(startOfMonth(today), -6), end: addDays(today, 1) };
      plan.assumptions.push(
        `no period given for a monthly trend: the last 6 full months and this month to date, ${describeRange(range)}`,
      );
      plan.range = range;
      return plan;
    } else {
      current = monthToDate(today);
      plan.assumptions.push(`no period given: this month to date, ${describeRange(current.range)}`);
    }
  }
  plan.range = current.range;
  plan.assumptions.push(...current.assumptions);

  const second = periods[1];
  if (second) {
    plan.assumptions.push(...second.assumptions);
    const trimmed = likeForLike(current, second);
    plan.compareTo = trimmed?.range ?? second.range;
    if (trimmed) plan.assumptions.push(trimmed.assumption);
    plan.impliesCompare = !comparing && !shortcut;
    return plan;
  }
  if (!comparing && !shortcut) return plan;

  const resolved = baselineFor(current, baseline ?? (shortcut ? shortcutBaseline(shortcut) : undefined));
  plan.compareTo = resolved.range;
  plan.assumptions.push(
    baseline || shortcut ? resolved.assumption : `no baseline given: ${resolved.assumption}`,
  );
  return plan;
}
