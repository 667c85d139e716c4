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
  yearOf,
} from './periods.ts';
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

type Resolution = Period | Baseline | { problem: string } | undefined;

interface TimeRule {
  pattern: RegExp;
  resolve: (match: RegExpExecArray, today: string) => Resolution;
}

const M = MONTH_PATTERN;
const Y = YEAR_PATTERN;
const N = NUMBER_PATTERN;
const UNIT = '(week|month|quarter|year|day|period)';

export function period(
  range: TimeRange,
  unit: PeriodUnit,
  phrase: string,
  extra: Partial<Period> = {},
): Period {
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
export const TIME_RULES: TimeRule[] = [
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
      // The most recent such day not after today: "the 31st" on 5 December is 31 October,
      // since November has no 31st. Two months back always finds a day up to the 31st.
      let month = startOfMonth(today);
      let date = calendarDay(yearOf(month), Number(month.slice(5, 7)), day);
      for (let back = 0; (date === undefined || date > today) && back < 2; back += 1) {
        month = addMonths(month, -1);
        date = calendarDay(yearOf(month), Number(month.slice(5, 7)), day);
      }
      if (date === undefined) return { problem: `'${m[0]}' is not a day of the month` };
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

export function isPeriod(value: Resolution): value is Period {
  return value !== undefined && 'range' in value;
}

export function isBaseline(value: Resolution): value is Baseline {
  return value !== undefined && 'type' in value;
}
