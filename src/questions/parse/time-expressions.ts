import type { TimeRange } from '../../domain/index.ts';
import { addDays, addMonths, describeRange, startOfMonth, toDay } from '../../domain/index.ts';
import type { Period, PeriodUnit } from './periods.ts';
import {
  MONTH_NAMES,
  monthRange,
  monthStart,
  quarterRange,
  startOfQuarter,
  startOfWeek,
  weekdayName,
  wholeMonthsBetween,
  yearOf,
} from './periods.ts';
import type { QuestionText } from './question-text.ts';
import {
  MONTH_PATTERN,
  monthNumber,
  NUMBER_PATTERN,
  ORDINAL_QUARTERS,
  parseNumber,
  parseYear,
  WEEKDAYS,
  YEAR_PATTERN,
} from './vocabulary-time.ts';

/** A period named relative to another one ("the week before", "same period last year"). */
export type Baseline =
  | { type: 'previous'; unit: PeriodUnit | 'period'; phrase: string }
  | { type: 'shift'; months: number; days: number; phrase: string };

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

type Resolution = Period | Baseline | { problem: string } | undefined;

interface TimeRule {
  pattern: RegExp;
  resolve: (match: RegExpExecArray, today: string) => Resolution;
}

const M = MONTH_PATTERN;
const Y = YEAR_PATTERN;
const N = NUMBER_PATTERN;
const UNIT = '(week|month|quarter|year|day|period)';

function period(range: TimeRange, unit: PeriodUnit, phrase: string, extra: Partial<Period> = {}): Period {
  return { range, unit, phrase, toDate: false, impliedYear: false, assumptions: [], ...extra };
}

function oneDay(day: string, phrase: string, extra: Partial<Period> = {}): Period {
  return period({ start: day, end: addDays(day, 1) }, 'day', phrase, extra);
}

function calendarDay(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return toDay(date);
}

function dayOfMonth(phrase: string, today: string, month: number, day: number, year?: string): Resolution {
  let resolvedYear = year ? Number(year) : yearOf(today);
  let date = calendarDay(resolvedYear, month, day);
  // The most recent such day not after today; 29 February may be up to eight years back.
  for (let back = 0; !year && (date === undefined || date > today) && back < 8; back += 1) {
    resolvedYear -= 1;
    date = calendarDay(resolvedYear, month, day);
  }
  if (date === undefined) return { problem: `'${phrase}' is not a calendar date` };
  const extra: Partial<Period> = year
    ? {}
    : {
        impliedYear: true,
        assumptions: [`'${phrase}' = ${weekdayName(date)} ${date} (the most recent one)`],
      };
  return oneDay(date, phrase, extra);
}

function namedMonth(phrase: string, today: string, month: number, year?: number): Period {
  if (year !== undefined) return period(monthRange(year, month), 'month', phrase);
  let resolvedYear = yearOf(today);
  if (monthStart(resolvedYear, month) > today) resolvedYear -= 1;
  const range = monthRange(resolvedYear, month);
  return period(range, 'month', phrase, {
    impliedYear: true,
    assumptions: [
      `'${phrase}' = ${MONTH_NAMES[month - 1]} ${resolvedYear} (the most recent ${MONTH_NAMES[month - 1]})`,
    ],
  });
}

function namedQuarter(phrase: string, today: string, quarter: number, year?: number): Period {
  if (year !== undefined) return period(quarterRange(year, quarter), 'quarter', phrase);
  let resolvedYear = yearOf(today);
  if (quarterRange(resolvedYear, quarter).start > today) resolvedYear -= 1;
  return period(quarterRange(resolvedYear, quarter), 'quarter', phrase, {
    impliedYear: true,
    assumptions: [`'${phrase}' = Q${quarter} ${resolvedYear} (the most recent Q${quarter})`],
  });
}

function toDatePeriod(start: string, today: string, unit: PeriodUnit, phrase: string): Period {
  return period({ start, end: addDays(today, 1) }, unit, phrase, { toDate: true });
}

function rolling(phrase: string, today: string, count: number, unitWord: string): Resolution {
  if (count < 1) return { problem: `'${phrase}' needs a number of at least 1` };
  const unit = unitWord.replace(/s$/, '');
  if (unit === 'day' || unit === 'week') {
    const days = unit === 'day' ? count : count * 7;
    const range = { start: addDays(today, -days), end: today };
    return period(range, 'days', phrase, {
      assumptions: [`'${phrase}' = the ${days} full days ${describeRange(range)} (today is not included)`],
    });
  }
  const months = unit === 'month' ? count : unit === 'quarter' ? count * 3 : count * 12;
  const thisMonth = startOfMonth(today);
  const range = { start: addMonths(thisMonth, -months), end: thisMonth };
  return period(range, 'month', phrase, {
    assumptions: [
      `'${phrase}' = the ${months === 1 ? 'full month' : `${months} full months`} ${describeRange(range)} (this month is not included)`,
    ],
  });
}

function mostRecentWeekday(phrase: string, today: string, weekday: number, strictlyBefore: boolean): Period {
  const todayWeekday = new Date(`${today}T00:00:00Z`).getUTCDay();
  let back = (todayWeekday - weekday + 7) % 7;
  if (back === 0 && strictlyBefore) back = 7;
  const date = addDays(today, -back);
  return oneDay(date, phrase, { assumptions: [`'${phrase}' = ${weekdayName(date)} ${date}`] });
}

/** Patterns in priority order: longer, more specific expressions first. */
const TIME_RULES: TimeRule[] = [
  {
    pattern:
      /\b(?:the )?same (?:period|days|dates|time|month|week|quarter)(?: of)? (?:last|the previous|previous|prior|a|the) (year|month|quarter|week)(?: ago| before)?\b/,
    resolve: (m) => shiftBaseline(m[0], m[1] ?? 'year'),
  },
  {
    pattern: /\b(?:a|one) (year|month|quarter|week) (?:ago|earlier)\b/,
    resolve: (m) => shiftBaseline(m[0], m[1] ?? 'year'),
  },
  {
    pattern: /\b(\d{4})-(\d{2})-(\d{2})\b/,
    resolve: (m) => {
      const day = calendarDay(Number(m[1]), Number(m[2]), Number(m[3]));
      return day === undefined ? { problem: `${m[0]} is not a calendar date` } : oneDay(day, m[0]);
    },
  },
  {
    pattern: new RegExp(`(?<![\\w-])(?:the )?(\\d{1,2})(?:st|nd|rd|th)? (?:of )?(${M})(?:,? (\\d{4}))?\\b`),
    resolve: (m, today) => dayOfMonth(m[0], today, monthNumber(m[2] ?? ''), Number(m[1]), m[3]),
  },
  {
    pattern: new RegExp(`\\b(${M}) (?:the )?(\\d{1,2})(?:st|nd|rd|th)?(?:,? (\\d{4}))?\\b(?![-:=])`),
    resolve: (m, today) => dayOfMonth(m[0], today, monthNumber(m[1] ?? ''), Number(m[2]), m[3]),
  },
  {
    pattern: /\b(\d{4})-(\d{2})\b(?!-\d)/,
    resolve: (m) => {
      const month = Number(m[2]);
      return month >= 1 && month <= 12 ? namedMonth(m[0], '', month, Number(m[1])) : undefined;
    },
  },
  {
    pattern: new RegExp(`\\b(${M})(?: of)?,? (${Y})\\b`),
    resolve: (m, today) => namedMonth(m[0], today, monthNumber(m[1] ?? ''), parseYear(m[2] ?? '')),
  },
  {
    pattern: new RegExp(`\\bq([1-4])(?:(?: of)?,? ?(${Y}))?\\b`),
    resolve: (m, today) => namedQuarter(m[0], today, Number(m[1]), m[2] ? parseYear(m[2]) : undefined),
  },
  {
    pattern: /\b(\d{4})[\s-]?q([1-4])\b/,
    resolve: (m, today) => namedQuarter(m[0], today, Number(m[2]), Number(m[1])),
  },
  {
    pattern: /\b(first|second|third|fourth|1st|2nd|3rd|4th) quarter(?: of)?(?: (\d{4}))?\b/,
    resolve: (m, today) =>
      namedQuarter(m[0], today, ORDINAL_QUARTERS[m[1] ?? ''] ?? 1, m[2] ? Number(m[2]) : undefined),
  },
  {
    pattern: /\b(?:h([12])|(first|second) half)(?:(?: of)?,? ?(\d{4}))?\b/,
    resolve: (m, today) => {
      const half = m[1] ? Number(m[1]) : m[2] === 'first' ? 1 : 2;
      let year = m[3] ? Number(m[3]) : yearOf(today);
      if (!m[3] && monthStart(year, half * 6 - 5) > today) year -= 1;
      return period(monthRange(year, half * 6 - 5, 6), 'month', m[0], {
        impliedYear: !m[3],
        assumptions: m[3] ? [] : [`'${m[0]}' = ${describeRange(monthRange(year, half * 6 - 5, 6))}`],
      });
    },
  },
  {
    pattern: /\b(?:(?:this|current) quarter(?: so far)?|quarter to date|qtd)\b/,
    resolve: (m, today) => toDatePeriod(startOfQuarter(today), today, 'quarter', m[0]),
  },
  {
    pattern: /\blast quarter\b/,
    resolve: (m, today) => {
      const start = addMonths(startOfQuarter(today), -3);
      return period({ start, end: startOfQuarter(today) }, 'quarter', m[0]);
    },
  },
  {
    pattern: /\b(?:year to date|ytd|so far this year|this year so far|this year|current year)\b/,
    resolve: (m, today) => toDatePeriod(`${today.slice(0, 4)}-01-01`, today, 'year', m[0]),
  },
  {
    pattern: /\blast year\b/,
    resolve: (m, today) => period(monthRange(yearOf(today) - 1, 1, 12), 'year', m[0]),
  },
  { pattern: /\b(?:the )?day before yesterday\b/, resolve: (m, today) => oneDay(addDays(today, -2), m[0]) },
  { pattern: /\btoday\b/, resolve: (m, today) => oneDay(today, m[0]) },
  { pattern: /\byesterday\b/, resolve: (m, today) => oneDay(addDays(today, -1), m[0]) },
  {
    pattern: /\b(?:so far this week|this week so far|week to date|wtd|this week|current week)\b/,
    resolve: (m, today) => {
      const result = toDatePeriod(startOfWeek(today), today, 'week', m[0]);
      result.assumptions.push(`'${m[0]}' = Monday ${startOfWeek(today)} to today`);
      return result;
    },
  },
  {
    pattern: /\blast week\b/,
    resolve: (m, today) => {
      const end = startOfWeek(today);
      const start = addDays(end, -7);
      return period({ start, end }, 'week', m[0], {
        assumptions: [`'${m[0]}' = Monday ${start} to Sunday ${addDays(end, -1)}`],
      });
    },
  },
  {
    pattern:
      /\b(?:so far this month|this month so far|month to date|month so far|mtd|this month|current month)\b/,
    resolve: (m, today) => toDatePeriod(startOfMonth(today), today, 'month', m[0]),
  },
  {
    pattern: /\blast month\b/,
    resolve: (m, today) => {
      const end = startOfMonth(today);
      return period({ start: addMonths(end, -1), end }, 'month', m[0]);
    },
  },
  {
    pattern: new RegExp(`\\b(?:the )?${UNIT} (?:before|prior)(?: (?:that|it|this))?\\b`),
    resolve: (m) => ({ type: 'previous', unit: unitOf(m[1]), phrase: m[0] }),
  },
  {
    pattern: new RegExp(`\\b(?:the )?(?:previous|prior|preceding) ${UNIT}\\b`),
    resolve: (m) => ({ type: 'previous', unit: unitOf(m[1]), phrase: m[0] }),
  },
  { pattern: /\bbefore that\b/, resolve: (m) => ({ type: 'previous', unit: 'period', phrase: m[0] }) },
  {
    pattern: new RegExp(
      `\\b(?:the )?(?:last|past|previous|prior|trailing)(?: (${N}))? (days?|weeks?|months?|quarters?|years?)\\b`,
    ),
    resolve: (m, today) => {
      const count = m[1] === undefined ? 1 : parseNumber(m[1]);
      if (m[1] === undefined && /s$/.test(m[2] ?? '')) return undefined;
      return count === undefined ? undefined : rolling(m[0], today, count, m[2] ?? 'day');
    },
  },
  {
    pattern: new RegExp(`\\b(${M})\\b(?! (?:i|we|you|be|have|need)\\b)`),
    resolve: (m, today) => namedMonth(m[0], today, monthNumber(m[1] ?? '')),
  },
  {
    pattern: /\b(20\d{2})\b/,
    resolve: (m) => period(monthRange(Number(m[1]), 1, 12), 'year', m[0]),
  },
  {
    pattern: /\bthe (\d{1,2})(?:st|nd|rd|th)\b/,
    resolve: (m, today) => {
      const day = Number(m[1]);
      const thisMonth = Number(today.slice(5, 7));
      let date = calendarDay(yearOf(today), thisMonth, day);
      if (date !== undefined && date > today) {
        const previous = addMonths(startOfMonth(today), -1);
        date = calendarDay(yearOf(previous), Number(previous.slice(5, 7)), day);
      }
      if (date === undefined) return { problem: `'${m[0]}' is not a day of this month` };
      return oneDay(date, m[0], { assumptions: [`'${m[0]}' = ${weekdayName(date)} ${date}`] });
    },
  },
  {
    pattern: new RegExp(`\\b(?:(last|this past|past|on) )?(${WEEKDAYS.join('|')})\\b`),
    resolve: (m, today) =>
      mostRecentWeekday(m[0], today, WEEKDAYS.indexOf(m[2] ?? ''), m[1] !== undefined && m[1] !== 'on'),
  },
];

function unitOf(word: string | undefined): PeriodUnit | 'period' {
  return word === 'week' || word === 'month' || word === 'quarter' || word === 'year' || word === 'day'
    ? word
    : 'period';
}

function shiftBaseline(phrase: string, unit: string): Baseline {
  if (unit === 'week') return { type: 'shift', months: 0, days: -7, phrase };
  return { type: 'shift', months: unit === 'month' ? -1 : unit === 'quarter' ? -3 : -12, days: 0, phrase };
}

function isPeriod(value: Resolution): value is Period {
  return value !== undefined && 'range' in value;
}

function isBaseline(value: Resolution): value is Baseline {
  return value !== undefined && 'type' in value;
}

/** Ranges ending after today are cut to today (data cannot exist yet); wholly future ones are refused. */
function clampToToday(value: Period, today: string): Period | { problem: string } {
  const tomorrow = addDays(today, 1);
  if (value.range.start > today) {
    return {
      problem: `'${value.phrase}' (${describeRange(value.range)}) is in the future; I can only report spend up to today, ${today}`,
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

/** Finds and claims every time expression in the question. */
export function findTimeExpressions(text: QuestionText, today: string): TimeExpressions {
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
