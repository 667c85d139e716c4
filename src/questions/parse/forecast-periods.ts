import { addDays, addMonths, describeRange, startOfMonth } from '../../domain/index.ts';
import type { Period, PeriodUnit } from './periods.ts';
import { monthRange, startOfQuarter, startOfWeek, yearOf } from './periods.ts';
import type { QuestionText } from './question-text.ts';
import type { Located } from './time-expressions.ts';
import { period } from './time-rules.ts';
import { NUMBER_PATTERN, parseNumber } from './vocabulary-time.ts';

type CalendarUnit = 'week' | 'month' | 'quarter' | 'year';

/** The whole calendar unit containing `day`: what "this month" means when spend is projected. */
export function wholeUnit(unit: CalendarUnit, day: string): { start: string; end: string } {
  switch (unit) {
    case 'week':
      return { start: startOfWeek(day), end: addDays(startOfWeek(day), 7) };
    case 'month':
      return { start: startOfMonth(day), end: addMonths(startOfMonth(day), 1) };
    case 'quarter':
      return { start: startOfQuarter(day), end: addMonths(startOfQuarter(day), 3) };
    default:
      return monthRange(yearOf(day), 1, 12);
  }
}

function calendarUnit(word: string | undefined): CalendarUnit {
  const unit = (word ?? '').replace(/s$/, '');
  return unit === 'week' || unit === 'quarter' || unit === 'year' ? unit : 'month';
}

/** "next week", "next 3 months", "the coming quarter": whole units after the current one; days after today. */
function nextUnits(
  phrase: string,
  today: string,
  count: number | undefined,
  unitWord: string,
): Period | { problem: string } {
  if (count !== undefined && count < 1) return { problem: `'${phrase}' needs a number of at least 1` };
  const word = unitWord.replace(/s$/, '');
  // "next week" is the calendar week; "next 2 weeks", like "last 2 weeks", is a run of days.
  if (word === 'day' || (word === 'week' && count !== undefined)) {
    const days = word === 'day' ? (count ?? 1) : (count ?? 1) * 7;
    const range = { start: addDays(today, 1), end: addDays(today, 1 + days) };
    return period(range, 'days', phrase, {
      assumptions: [`'${phrase}' = the ${days} days after today, ${describeRange(range)}`],
    });
  }
  const unit = calendarUnit(word);
  const current = wholeUnit(unit, today);
  if (unit === 'week') {
    const range = { start: current.end, end: addDays(current.end, 7) };
    return period(range, 'week', phrase, { assumptions: [`'${phrase}' = ${describeRange(range)}`] });
  }
  const months = { month: 1, quarter: 3, year: 12 }[unit] * (count ?? 1);
  const range = { start: current.end, end: addMonths(current.end, months) };
  return period(range, unit as PeriodUnit, phrase, {
    assumptions: (count ?? 1) > 1 ? [`'${phrase}' = ${describeRange(range)}`] : [],
  });
}

const FORWARD_RULES: {
  pattern: RegExp;
  resolve: (match: RegExpExecArray, today: string) => Period | { problem: string };
}[] = [
  {
    pattern: new RegExp(
      `\\b(?:(?:over|in|for|during) )?(?:the )?(?:next|coming|upcoming|following)(?: (${NUMBER_PATTERN}))? (days?|weeks?|months?|quarters?|years?)\\b`,
    ),
    resolve: (m, today) => {
      const count = m[1] === undefined ? undefined : parseNumber(m[1]);
      if (m[1] !== undefined && count === undefined) return { problem: `'${m[0]}' needs a number` };
      return nextUnits(m[0], today, count, m[2] ?? 'month');
    },
  },
  {
    pattern:
      /\b(?:(?:by|at|until|till|through|to|for|before) )?(?:the )?(?:end of (?:the |this )?(month|quarter|year|week)|(month|quarter|year|week)[\s-]end|eo(m|q|y))\b/,
    resolve: (m, today) => {
      const letter = { m: 'month', q: 'quarter', y: 'year' }[m[3] ?? ''];
      const unit = calendarUnit(m[1] ?? m[2] ?? letter);
      return period(wholeUnit(unit, today), unit, m[0]);
    },
  },
  {
    pattern: /\b(?:(?:for|in|over|during) )?(?:the )?rest of (?:the |this )?(month|quarter|year|week)\b/,
    resolve: (m, today) => {
      const unit = calendarUnit(m[1]);
      const range = wholeUnit(unit, today);
      return period(range, unit, m[0], {
        assumptions: [
          `'${m[0]}': projecting the whole of ${describeRange(range)}, with what is already spent`,
        ],
      });
    },
  },
  {
    pattern: /\btomorrow\b/,
    resolve: (m, today) => period({ start: addDays(today, 1), end: addDays(today, 2) }, 'day', m[0]),
  },
];

/** "for the quarter", "the month": the current unit, read only when spend is projected. */
const CURRENT_UNIT =
  /\b(?:(?:for|in|over|during|across) )?the (month|quarter|year|week)\b(?! (?:before|prior|after|ago|earlier|to date|so far))/;

/** True when the question names a period that can only lie ahead ("next month", "end of the quarter"). */
export function hasForwardPeriod(text: QuestionText): boolean {
  return FORWARD_RULES.some((rule) => new RegExp(rule.pattern.source).test(text.masked()));
}

/** Claims the periods only a forecast uses; the ordinary time rules run afterwards. */
export function findForecastPeriods(
  text: QuestionText,
  today: string,
): { periods: Located<Period>[]; problems: string[] } {
  const periods: Located<Period>[] = [];
  const problems: string[] = [];
  const rules = [
    ...FORWARD_RULES,
    {
      pattern: CURRENT_UNIT,
      resolve: (m: RegExpExecArray, day: string) => {
        const unit = calendarUnit(m[1]);
        return period(wholeUnit(unit, day), unit, m[0]);
      },
    },
  ];
  for (const rule of rules) {
    text.claim(rule.pattern, (match) => {
      const resolved = rule.resolve(match, today);
      if ('problem' in resolved) problems.push(resolved.problem);
      else periods.push({ start: match.index, end: match.index + match[0].length, value: resolved });
      return true;
    });
  }
  return { periods, problems };
}
