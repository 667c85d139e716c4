import type { TimeRange } from '../../domain/index.ts';
import { addDays, addMonths, describeRange, startOfMonth } from '../../domain/index.ts';
import type { Period, PeriodUnit } from './periods.ts';
import { monthRange, startOfQuarter, startOfWeek, wholeMonthsBetween, yearOf } from './periods.ts';
import type { QuestionText } from './question-text.ts';
import type { Baseline } from './time-rules.ts';
import { isBaseline, isPeriod, period, TIME_RULES } from './time-rules.ts';

export interface Located<T> {
  start: number;
  end: number;
  value: T;
}

export interface TimeExpressions {
  /** Absolute periods in the order they were written. */
  periods: Located<Period>[];
  baselines: Located<Baseline>[];
  /** Time expressions that were recognised but cannot be answered (a future period, 2026-02-30). */
  problems: string[];
}

/** Ranges ending after today are cut to today (data cannot exist yet); wholly future ones are refused. */
function clampToToday(value: Period, today: string): Period | { problem: string } {
  const tomorrow = addDays(today, 1);
  if (value.range.start > today) {
    return {
      problem: `'${value.phrase}' (${describeRange(value.range)}) is in the future; I can only report spend up to today, ${today}, or forecast it if you ask ('forecast ${value.phrase}')`,
    };
  }
  if (value.range.end <= tomorrow) return value;
  const range = { start: value.range.start, end: tomorrow };
  return {
    ...value,
    range,
    toDate: true,
    assumptions: [
      ...value.assumptions,
      `${describeRange(value.range)} is not over yet: counting up to today (${describeRange(range)})`,
    ],
  };
}

const RANGE_CONNECTORS = new Set(['to', 'through', 'thru', 'until', 'till', '-', 'and']);

/** Joins "from A to B" and "between A and B" into one period; "since A" runs from A up to today. */
function joinRanges(text: QuestionText, periods: Located<Period>[], today: string): Located<Period>[] {
  const joined: Located<Period>[] = [];
  for (let index = 0; index < periods.length; index += 1) {
    const first = periods[index];
    if (first === undefined) continue;
    const before = text.original.slice(0, first.start);
    const second = periods[index + 1];
    const between = second ? text.original.slice(first.end, second.start).trim() : '';
    const opener = /\b(from|between)\s*$/.exec(before);
    // "compare March to April" names two periods; "from March to April" and "March through April" one.
    const comparing = /\bcompar/.test(before);
    const joins =
      RANGE_CONNECTORS.has(between) &&
      (opener !== null || (between !== 'and' && !(between === 'to' && comparing))) &&
      (between !== 'and' || opener?.[1] === 'between');
    if (second && joins) {
      if (opener) text.claimSpan(opener.index, opener.index + opener[0].length);
      let start = first.value.range.start;
      if (first.value.impliedYear && start >= second.value.range.end) start = addMonths(start, -12);
      const range = { start, end: second.value.range.end };
      const months = wholeMonthsBetween(range.start, range.end);
      joined.push({
        start: first.start,
        end: second.end,
        value: period(
          range,
          months !== undefined && months > 0 ? 'month' : 'days',
          `${first.value.phrase} to ${second.value.phrase}`,
          {
            assumptions: [...first.value.assumptions, ...second.value.assumptions],
          },
        ),
      });
      index += 1;
      continue;
    }
    const since = /\bsince\s*$/.exec(before);
    if (since) {
      text.claimSpan(since.index, since.index + since[0].length);
      const range = { start: first.value.range.start, end: addDays(today, 1) };
      joined.push({
        start: since.index,
        end: first.end,
        value: period(range, 'days', `since ${first.value.phrase}`, {
          toDate: true,
          assumptions: [
            ...first.value.assumptions,
            `'since ${first.value.phrase}' = ${describeRange(range)}`,
          ],
        }),
      });
      continue;
    }
    joined.push(first);
  }
  return joined;
}

/**
 * Finds and claims every time expression in the question. Periods reaching past today are cut to
 * today, or refused when wholly ahead, unless `keepFuture` is set (for forecasts).
 */
export function findTimeExpressions(
  text: QuestionText,
  today: string,
  options: { keepFuture?: boolean } = {},
): TimeExpressions {
  const periods: Located<Period>[] = [];
  const baselines: Located<Baseline>[] = [];
  const problems: string[] = [];
  for (const rule of TIME_RULES) {
    text.claim(rule.pattern, (match) => {
      const resolved = rule.resolve(match, today);
      if (resolved === undefined) return false;
      const located = { start: match.index, end: match.index + match[0].length };
      if (isPeriod(resolved)) periods.push({ ...located, value: resolved });
      else if (isBaseline(resolved)) baselines.push({ ...located, value: resolved });
      else problems.push(resolved.problem);
      return true;
    });
  }
  periods.sort((a, b) => a.start - b.start);
  const clamped: Located<Period>[] = [];
  for (const located of joinRanges(text, periods, today)) {
    if (located.value.range.start >= located.value.range.end) {
      problems.push(`'${located.value.phrase}' ends before it starts`);
      continue;
    }
    if (options.keepFuture) {
      clamped.push(located);
      continue;
    }
    const result = clampToToday(located.value, today);
    if ('problem' in result) problems.push(result.problem);
    else clamped.push({ ...located, value: result });
  }
  return { periods: clamped, baselines, problems };
}

/**
 * The period a baseline names, relative to the period being explained or compared. "The week
 * before" last week is the week before it; "the previous month" of a week is the calendar month
 * before the week starts.
 */
export function resolveBaseline(
  baseline: Baseline,
  current: Period,
  previous: (period: Period) => { range: TimeRange; assumption: string },
): { range: TimeRange; assumption: string } {
  const { range } = current;
  if (baseline.type === 'shift') {
    const shifted =
      baseline.days !== 0
        ? { start: addDays(range.start, baseline.days), end: addDays(range.end, baseline.days) }
        : { start: addMonths(range.start, baseline.months), end: addMonths(range.end, baseline.months) };
    return { range: shifted, assumption: `'${baseline.phrase}' = ${describeRange(shifted)}` };
  }
  const unit = baseline.unit;
  if (unit === 'period' || unit === current.unit || (unit === 'day' && current.unit === 'days')) {
    return previous(current);
  }
  const unitRange = calendarUnitContaining(unit, addDays(range.start, -1));
  return { range: unitRange, assumption: `'${baseline.phrase}' = ${describeRange(unitRange)}` };
}

function calendarUnitContaining(unit: PeriodUnit, day: string): TimeRange {
  switch (unit) {
    case 'week':
      return { start: startOfWeek(day), end: addDays(startOfWeek(day), 7) };
    case 'month':
      return { start: startOfMonth(day), end: addMonths(startOfMonth(day), 1) };
    case 'quarter':
      return { start: startOfQuarter(day), end: addMonths(startOfQuarter(day), 3) };
    case 'year':
      return monthRange(yearOf(day), 1, 12);
    default:
      return { start: day, end: addDays(day, 1) };
  }
}

/** The last complete calendar unit before today: what "the previous month" means on its own. */
export function lastCompleteUnit(unit: PeriodUnit | 'period', today: string, phrase: string): Period {
  const resolvedUnit = unit === 'period' || unit === 'days' ? 'day' : unit;
  const currentStart = calendarUnitContaining(resolvedUnit, today).start;
  return period(calendarUnitContaining(resolvedUnit, addDays(currentStart, -1)), resolvedUnit, phrase);
}
