import type { CostFilter, TimeRange } from '../../domain/index.ts';
import { addDays, describeRange } from '../../domain/index.ts';
import { ANOMALY_GROUPINGS, planAnomalyTime } from './anomaly-plan.ts';
import { findAnomalyWords } from './anomaly-words.ts';
import { findBudget, formatUsd } from './budget.ts';
import type { CatalogIndex } from './catalog-index.ts';
import { indexCatalog } from './catalog-index.ts';
import { checkContext } from './check-context.ts';
import { clarification, knownNames } from './clarify.ts';
import { checkDataRange } from './data-coverage.ts';
import type { EntityScan } from './entities.ts';
import {
  createEntityScan,
  defaultAllocationKey,
  findAccountIds,
  findBareNames,
  findCategories,
  findExplicitTags,
  findQualifiedAccounts,
  findRegionAreas,
  findRegionCodes,
  findRegionNames,
  findServices,
  findUntagged,
  findUsageAliases,
} from './entities.ts';
import { applyExclusions, EXCLUSION_WORDS } from './exclusions.ts';
import { findForecastPeriods, hasForwardPeriod } from './forecast-periods.ts';
import type { ForecastPlan } from './forecast-plan.ts';
import { planForecast } from './forecast-plan.ts';
import { findForecastWords } from './forecast-words.ts';
import { findCompareShortcut, findGrouping, findIntentSignals, findUnknownGrouping } from './intents.ts';
import { chargeCategoriesOf, findMeasures } from './measures.ts';
import { normalizeQuestion } from './normalize.ts';
import type { Intent, ParseContext, ParsedQuestion } from './parsed-question.ts';
import { createQuestionText } from './question-text.ts';
import { BLENDED, BLENDED_REASON, HELP, OUT_OF_SCOPE } from './scope.ts';
import { findTimeExpressions } from './time-expressions.ts';
import { monthToDate, planTime } from './time-plan.ts';
import { correctTypos } from './typos.ts';
import { COST_WORDS, FILLER_WORDS } from './vocabulary.ts';

/** The days before a day in question that show its usual level. */
const USUAL_DAYS = 7;

function unanswerable(today: string, reason: string, extra: string[] = []): ParsedQuestion {
  return {
    intent: 'clarify',
    range: monthToDate(today).range,
    filters: [],
    assumptions: [],
    clarification: clarification(reason, extra),
  };
}

/** Same dimension and operator: one filter with all values ("EC2 and S3" → service in [EC2, S3]). */
function mergeFilters(filters: CostFilter[]): CostFilter[] {
  const merged: CostFilter[] = [];
  for (const filter of filters) {
    const same = merged.find((other) => other.dimension === filter.dimension && other.op === filter.op);
    if (
      same &&
      (same.op === 'in' || same.op === 'not_in') &&
      (filter.op === 'in' || filter.op === 'not_in')
    ) {
      for (const value of filter.values) if (!same.values.includes(value)) same.values.push(value);
    } else if (!same) {
      merged.push(
        filter.op === 'in' || filter.op === 'not_in' ? { ...filter, values: [...filter.values] } : filter,
      );
    }
  }
  return merged;
}

function scanEntities(
  text: ReturnType<typeof createQuestionText>,
  index: CatalogIndex,
  scan: EntityScan,
): void {
  findUntagged(text, index, scan);
  findCategories(text, index, scan, false);
  findUsageAliases(text, index, scan);
  findServices(text, index, scan);
  findRegionNames(text, index, scan);
  findRegionAreas(text, index, scan);
  findQualifiedAccounts(text, index, scan);
  findCategories(text, index, scan, true);
  findBareNames(text, index, scan);
}

/**
 * Parses a plain-English cost question into a plan, without a language model. Every word must be
 * accounted for: a question with a word it does not know, a name that is not in the data, or two
 * readings is answered with `intent: 'clarify'` and the reason, never with a guess.
 */
export function parseQuestion(question: string, context: ParseContext): ParsedQuestion {
  checkContext(context);
  const normalised = normalizeQuestion(question);
  const first = parseNormalised(normalised, context);
  if (first.unknownWords.length === 0 || first.otherProblems) return first.parsed;
  // Only unknown words stood in the way: if each is one typo away from a single known word,
  // read it as that word and say so; otherwise ask.
  const corrections = correctTypos(first.unknownWords, indexCatalog(context.catalog));
  if (!corrections) return first.parsed;
  const corrected = normalised
    .split(' ')
    .map((word) => corrections.get(word) ?? word)
    .join(' ');
  const second = parseNormalised(corrected, context);
  if (second.parsed.intent === 'clarify') return first.parsed;
  const notes = [...corrections].map(([typo, word]) => `read '${typo}' as '${word}'`);
  return { ...second.parsed, assumptions: [...notes, ...second.parsed.assumptions] };
}

interface Attempt {
  parsed: ParsedQuestion;
  /** Words no recogniser claimed and that are not filler. */
  unknownWords: string[];
  /** Whether anything besides unknown words made the question unanswerable. */
  otherProblems: boolean;
}

function parseNormalised(normalised: string, context: ParseContext): Attempt {
  const outcome = parsePlan(normalised, context);
  return 'parsed' in outcome ? outcome : { parsed: outcome, unknownWords: [], otherProblems: true };
}

function parsePlan(normalised: string, context: ParseContext): ParsedQuestion | Attempt {
  const { today } = context;
  if (normalised === '') return unanswerable(today, 'the question is empty');
  if (HELP.test(normalised)) {
    return { ...unanswerable(today, 'help'), intent: 'help', clarification: undefined };
  }
  for (const topic of OUT_OF_SCOPE) {
    if (topic.pattern.test(normalised)) return unanswerable(today, topic.reason);
  }
  if (BLENDED.test(normalised)) return unanswerable(today, BLENDED_REASON);

  const index = indexCatalog(context.catalog);
  const text = createQuestionText(normalised);
  const scan = createEntityScan();

  const shortcut = findCompareShortcut(text);
  findExplicitTags(text, index, scan);
  findAccountIds(text, index, scan);
  findRegionCodes(text, index, scan);
  // Before time and comparison words: "more than 50k" is a budget and "cost spikes" anomalies.
  const budget = findBudget(text);
  const forecastWords = findForecastWords(text);
  const anomalyWords = findAnomalyWords(text);
  const lookAhead = forecastWords || hasForwardPeriod(text);
  const forecasting = lookAhead || budget.amounts.length > 0 || budget.withoutAmount;
  const forward = forecasting ? findForecastPeriods(text, today) : { periods: [], problems: [] };
  const expressions = findTimeExpressions(text, today, { keepFuture: forecasting });
  const measures = findMeasures(text);
  const signals = findIntentSignals(text);
  const grouping = findGrouping(text, index);
  scanEntities(text, index, scan);
  const groupingProblems = findUnknownGrouping(text, index);
  const exclusions = applyExclusions(text, scan.filters, measures.charges);

  const problems = [...scan.problems, ...grouping.problems, ...budget.problems, ...anomalyWords.problems];
  if (measures.metrics.length > 1) {
    problems.push(`the question names more than one metric (${measures.metrics.join(', ')}); ask for one`);
  }
  const otherProblems = problems.length > 0;
  problems.push(...groupingProblems.problems);
  // When a name could not be resolved, the exclusion word before it is left over too; the
  // name's problem already explains it.
  const unknown = text
    .leftoverWords()
    .filter((word) => !FILLER_WORDS.has(word) && !(otherProblems && EXCLUSION_WORDS.has(word)));
  if (unknown.length > 0) {
    const quoted = unknown.map((word) => `'${word}'`).join(', ');
    problems.push(
      `I don't know what ${quoted} means here: it is not a service, account, region, tag or period I know (services in the data: ${index.serviceLabels.join(', ')})`,
    );
  }
  if (problems.length > 0) {
    return {
      parsed: unanswerable(today, problems.join('; '), unknown.length > 0 ? knownNames(index) : []),
      unknownWords: [...groupingProblems.words, ...unknown],
      otherProblems,
    };
  }

  if (forecasting && anomalyWords.found) {
    return unanswerable(today, 'the question asks for a forecast and for anomalies; ask for one at a time');
  }
  if (forecasting && signals.explain) {
    return unanswerable(
      today,
      'I can forecast spend or explain a change that has happened, not both in one question; ask for one at a time',
    );
  }
  if (budget.amounts.length === 0 && budget.withoutAmount) {
    return unanswerable(
      today,
      "I don't know your budget: the billing data holds none. Say the amount, e.g. 'will we go over a 50k budget this month?'",
    );
  }

  // "what caused the spike on the 12th": one day, explained against the days before it.
  const [onlyPeriod] = expressions.periods;
  const explainDay =
    !forecasting &&
    signals.explain &&
    expressions.periods.length === 1 &&
    onlyPeriod?.value.unit === 'day' &&
    expressions.baselines.length === 0 &&
    shortcut === undefined
      ? onlyPeriod.value
      : undefined;
  const anomalies = !forecasting && anomalyWords.found && !explainDay;

  // "EC2 vs S3 last month": two things side by side in one period is a breakdown of those things.
  const sideBySideFilter = (
    versus: boolean,
    periodCount: number,
    baselineCount: number,
    compareShortcut: unknown,
  ): Extract<CostFilter, { op: 'in' }> | undefined =>
    versus && periodCount < 2 && baselineCount === 0 && compareShortcut === undefined
      ? mergeFilters(exclusions.filters).find(isMultiValue)
      : undefined;
  let forecast: ForecastPlan | undefined;
  let sideBySide: Extract<CostFilter, { op: 'in' }> | undefined;
  let comparing = false;
  let time: {
    range: TimeRange;
    compareTo?: TimeRange | undefined;
    impliesCompare?: boolean;
    assumptions: string[];
  };
  if (forecasting) {
    const periods = [...forward.periods, ...expressions.periods].sort((x, y) => x.start - y.start);
    sideBySide = sideBySideFilter(signals.versus, periods.length, expressions.baselines.length, shortcut);
    forecast = planForecast({
      periods,
      baselines: expressions.baselines,
      comparing: (signals.compare || shortcut !== undefined) && !sideBySide,
      lookAhead,
      question: text.original,
      today,
    });
    const problem = forward.problems[0] ?? expressions.problems[0] ?? forecast.problem;
    if (problem) return unanswerable(today, problem);
    time = forecast;
  } else if (anomalies) {
    const planned = planAnomalyTime(expressions, shortcut !== undefined, today);
    if (planned.problem) return unanswerable(today, planned.problem);
    time = planned;
  } else if (explainDay) {
    if (expressions.problems[0]) return unanswerable(today, expressions.problems[0]);
    const usual = { start: addDays(explainDay.range.start, -USUAL_DAYS), end: explainDay.range.start };
    time = {
      range: explainDay.range,
      compareTo: usual,
      assumptions: [
        ...explainDay.assumptions,
        `compared with the ${USUAL_DAYS} days before it, ${describeRange(usual)}, as its usual level`,
      ],
    };
  } else {
    sideBySide = signals.explain
      ? undefined
      : sideBySideFilter(signals.versus, expressions.periods.length, expressions.baselines.length, shortcut);
    comparing = (signals.explain || signals.compare || shortcut !== undefined) && !sideBySide;
    const planned = planTime({
      expressions,
      comparing,
      shortcut,
      monthlyTrend: signals.trend && signals.granularity === 'month',
      versusAt: signals.versusAt,
      today,
    });
    if (planned.problem) return unanswerable(today, planned.problem);
    time = planned;
  }

  const assumptions = [...time.assumptions, ...scan.assumptions];
  let groupBy = grouping.groupBy;
  const filters: CostFilter[] = [...exclusions.filters];

  // "untagged": no value for the key the grouping or the question names, or the allocation key.
  for (const untagged of scan.untagged) {
    let key = untagged.key;
    if (!key && groupBy?.startsWith('tag:')) {
      key = groupBy.slice('tag:'.length);
      groupBy = 'sub_account';
      assumptions.push(`untagged spend has no ${key} to group by, so it is grouped by account`);
    }
    key ??= defaultAllocationKey(index);
    if (!key) return unanswerable(today, 'the data has no tags, so untagged spend cannot be told apart');
    if (!untagged.key) assumptions.push(`'untagged' = no ${key} tag`);
    filters.push({ dimension: `tag:${key}`, op: 'missing' });
  }
  if (!groupBy && signals.breakdownWord) {
    groupBy = 'service';
    assumptions.push('breakdown with no dimension: by service');
  }
  if (anomalies && groupBy !== undefined && !ANOMALY_GROUPINGS.includes(groupBy)) {
    return unanswerable(
      today,
      `I can look for anomalies by service, account or usage type, not by ${groupBy}; ask e.g. "anomalies by service last week"`,
    );
  }

  const chargeCategories = chargeCategoriesOf(exclusions.charges);
  if (chargeCategories?.length === 0) {
    return unanswerable(
      today,
      'the question excludes every charge category, so there is nothing left to count',
    );
  }
  const metric = measures.metrics[0];
  const hasSubject =
    COST_WORDS.test(normalised) ||
    filters.length > 0 ||
    groupBy !== undefined ||
    metric !== undefined ||
    chargeCategories !== undefined ||
    comparing ||
    signals.trend ||
    forecasting ||
    anomalies ||
    explainDay !== undefined;
  if (!hasSubject) {
    return unanswerable(today, "I couldn't find a cost question in that");
  }

  let intent: Intent = 'total';
  if (forecast && !forecast.past) intent = 'forecast';
  else if (anomalies) intent = 'anomalies';
  else if (explainDay) intent = 'explain_day';
  else if (signals.explain) intent = 'explain';
  else if (comparing || time.impliesCompare) intent = 'compare';
  else if (signals.trend) intent = 'trend';
  else if (groupBy !== undefined) intent = 'breakdown';
  if (time.impliesCompare) assumptions.push('two periods named: comparing them');

  if (sideBySide) {
    if (intent !== 'forecast') intent = 'breakdown';
    groupBy ??= sideBySide.dimension;
    const over = forecast && intent === 'forecast' ? forecast.target : time.range;
    assumptions.push(`'${sideBySide.values.join("' vs '")}' side by side over ${describeRange(over)}`);
  }
  const [amount] = budget.amounts;
  if (amount !== undefined && intent !== 'forecast' && intent !== 'total') {
    return unanswerable(
      today,
      `a budget (${formatUsd(amount)}) is checked against one total; ask without 'by …' or 'daily', or name the one service, account or team`,
    );
  }
  if (amount !== undefined && groupBy !== undefined) {
    return unanswerable(
      today,
      `a budget (${formatUsd(amount)}) is checked against one total, not per ${groupBy}; name the one service, account or team it is for`,
    );
  }

  const result: ParsedQuestion = { intent, range: time.range, filters: mergeFilters(filters), assumptions };
  if (
    (intent === 'compare' || intent === 'explain' || intent === 'explain_day' || intent === 'forecast') &&
    time.compareTo
  ) {
    result.compareTo = time.compareTo;
  }
  if (forecast && intent === 'forecast') result.target = forecast.target;
  if (explainDay) result.day = explainDay.range.start;
  if (amount !== undefined) result.budget = amount;
  if (groupBy !== undefined) result.groupBy = groupBy;
  const limit = anomalyWords.limit ?? grouping.limit;
  if (limit !== undefined) result.limit = limit;
  const wantsGranularity =
    result.intent === 'trend' ||
    signals.granularity !== undefined ||
    (intent === 'forecast' && signals.trend);
  if (wantsGranularity && (intent === 'forecast' || !forecasting) && !anomalies && !explainDay) {
    const span = forecast && intent === 'forecast' ? forecast.target : time.range;
    result.granularity = signals.granularity ?? (daysIn(span) <= 62 ? 'day' : 'month');
    if (signals.weekly) assumptions.push('weekly buckets are not available: showing daily figures');
    else if (!signals.granularity)
      assumptions.push(`no granularity given: ${result.granularity === 'day' ? 'daily' : 'monthly'}`);
  }
  if (metric) result.metric = metric;
  if (chargeCategories) result.chargeCategories = chargeCategories;
  checkDataRange(result, context.catalog.dataRange);
  return result;
}

function isMultiValue(filter: CostFilter): filter is Extract<CostFilter, { op: 'in' }> {
  return filter.op === 'in' && filter.values.length > 1;
}

function daysIn(range: { start: string; end: string }): number {
  return Math.round((Date.parse(range.end) - Date.parse(range.start)) / 86_400_000);
}
