import type { TimeRange } from '../../domain/index.ts';
import { addDays, addMonths, describeRange, startOfMonth } from '../../domain/index.ts';
import { wholeUnit } from './forecast-periods.ts';
import type { Period } from './periods.ts';
import { previousPeriod } from './periods.ts';
import type { Located } from './time-expressions.ts';
import { resolveBaseline } from './time-expressions.ts';
import type { Baseline } from './time-rules.ts';

/** How far ahead a forecast may reach: the 12 whole months after the current one. */
export const FORECAST_HORIZON_MONTHS = 12;
/** The history a forecast of a period that has not started is based on. */
export const BASIS_DAYS = 56;

export interface ForecastPlan {
  /** The whole period to project. */
  target: TimeRange;
  /** The known part of the target, or the basis when the target has not started. */
  range: TimeRange;
  compareTo: TimeRange | undefined;
  /** The target is over: it is reported as spent, not forecast. */
  past: boolean;
  assumptions: string[];
  problem: string | undefined;
}

/**
 * Ordinary time rules read periods as already happened: "this month" runs to today and "December"
 * is the most recent one. A forecast wants the whole running period and the next December.
 */
function forward(located: Located<Period>, today: string, lookAhead: boolean): Period {
  const value = located.value;
  const unit = value.unit;
  if (value.toDate && (unit === 'week' || unit === 'month' || unit === 'quarter' || unit === 'year')) {
    return { ...value, range: wholeUnit(unit, value.range.start), toDate: false, assumptions: [] };
  }
  if (value.impliedYear && lookAhead && value.range.end <= today) {
    const range = { start: addMonths(value.range.start, 12), end: addMonths(value.range.end, 12) };
    return { ...value, range, assumptions: [`'${value.phrase}' = ${describeRange(range)}, the next one`] };
  }
  if (value.impliedYear)
    return { ...value, assumptions: [`'${value.phrase}' = ${describeRange(value.range)}`] };
  return value;
}

/** Words after which a period is the one compared with: "more than last month", "vs October". */
const COMPARED_WITH =
  /\b(?:than|vs|versus|v|against|compared (?:to|with)|relative to)(?: (?:in|on|for|during|the|of|with))*\s*$/;

function defaultTarget(range: TimeRange): Period {
  return { range, unit: 'month', toDate: false, impliedYear: false, phrase: 'this month', assumptions: [] };
}

function planned(target: TimeRange, assumptions: string[], problem?: string): ForecastPlan {
  return { target, range: target, compareTo: undefined, past: false, assumptions, problem };
}

/**
 * Picks the period to project, the part of it already known and any finished period to compare
 * it with. A period already over is reported as spent (`past`), and one reaching more than
 * twelve months past this month is refused.
 */
export function planForecast(input: {
  periods: Located<Period>[];
  baselines: Located<Baseline>[];
  comparing: boolean;
  /**
   * The question looks ahead ("will", "forecast", "next"): a month or quarter named without a
   * year is the next one. A budget question alone ("did we go over our 50k budget in October")
   * keeps the most recent one.
   */
  lookAhead: boolean;
  /** The normalised question, to see what stands before a period. */
  question: string;
  today: string;
}): ForecastPlan {
  const { baselines, comparing, today } = input;
  const tomorrow = addDays(today, 1);
  const thisMonth = wholeUnit('month', today);
  const assumptions: string[] = [];
  // "will we spend more than last month": the one period named is what the forecast is compared
  // with, and the forecast is of this month.
  const [only] = input.periods;
  const onlyBaseline =
    comparing &&
    input.periods.length === 1 &&
    only !== undefined &&
    COMPARED_WITH.test(input.question.slice(0, only.start));
  const lookAhead = input.lookAhead && input.periods.length === 1 && !onlyBaseline;
  const periods = input.periods.map((located) => forward(located, today, lookAhead));
  if (onlyBaseline && periods[0] && periods[0].range.end <= today) {
    periods.unshift(defaultTarget(thisMonth));
    assumptions.push(
      `only the period to compare with was named: forecasting this month, ${describeRange(thisMonth)}`,
    );
  }
  if (periods.length > 2 || baselines.length > 1 || (periods.length === 2 && baselines.length > 0)) {
    return planned(
      thisMonth,
      [],
      'the question names too many periods; ask for one period to forecast, and at most one finished period to compare it with',
    );
  }

  let target: Period | undefined = periods[0];
  let other: Period | undefined;
  if (periods.length === 2) {
    const open = periods.filter((value) => value.range.end > today);
    target = open[0];
    other = periods.find((value) => value.range.end <= today);
    if (open.length !== 1 || !target || !other) {
      return planned(
        thisMonth,
        [],
        'the question names two periods; ask for one period to forecast, and at most one finished period to compare it with',
      );
    }
  }
  if (!target) {
    target = defaultTarget(thisMonth);
    assumptions.push(`no period given: forecasting this month, ${describeRange(thisMonth)}`);
  }
  assumptions.push(...target.assumptions);
  const label = `'${target.phrase}' (${describeRange(target.range)})`;

  if (target.range.end <= today) {
    if (baselines.length > 0 || other || comparing) {
      return planned(
        target.range,
        [],
        `${label} is already over, so there is nothing to forecast; to compare finished periods, ask e.g. 'compare ${target.phrase} with the month before'`,
      );
    }
    return {
      ...planned(target.range, [
        ...assumptions,
        `${label} is already over: reporting what was spent, not a forecast`,
      ]),
      past: true,
    };
  }

  const horizon = addMonths(startOfMonth(today), FORECAST_HORIZON_MONTHS + 1);
  if (target.range.end > horizon) {
    const reach = { start: addMonths(horizon, -1), end: horizon };
    return planned(
      thisMonth,
      [],
      `I can forecast at most ${FORECAST_HORIZON_MONTHS} months ahead, to the end of ${describeRange(reach)}, and ${label} reaches further; ask e.g. 'forecast the next 12 months'`,
    );
  }

  let range: TimeRange;
  if (target.range.start <= today) {
    range = { start: target.range.start, end: tomorrow };
    assumptions.push(
      `forecasting ${describeRange(target.range)} from what is known so far, ${describeRange(range)}`,
    );
  } else {
    range = { start: addDays(today, -BASIS_DAYS), end: today };
    assumptions.push(
      `${describeRange(target.range)} has not started: all of it is forecast from the daily history before today (the last ${BASIS_DAYS / 7} weeks, ${describeRange(range)}, are the basis shown)`,
    );
  }

  let compareTo: TimeRange | undefined;
  const baseline = baselines[0]?.value;
  if (other) {
    compareTo = other.range;
    assumptions.push(...other.assumptions, `comparing the forecast with ${describeRange(other.range)}`);
  } else if (baseline || comparing) {
    const whole = { ...target, toDate: false };
    const resolved = baseline ? resolveBaseline(baseline, whole, previousPeriod) : previousPeriod(whole);
    compareTo = resolved.range;
    assumptions.push(resolved.assumption);
  }
  if (compareTo && compareTo.end > today) {
    return planned(
      target.range,
      [],
      `the forecast for ${describeRange(target.range)} would be compared with ${describeRange(compareTo)}, which is not over yet; name a finished period to compare with`,
    );
  }
  return { target: target.range, range, compareTo, past: false, assumptions, problem: undefined };
}
