import { type CostAnomaly, detectAnomalies } from '../../anomalies/index.ts';
import type { Answer, ChartRequest, CostFilter, TimeRange } from '../../domain/index.ts';
import {
  addDays,
  addMonths,
  DEFAULT_METRIC,
  daysBetween,
  dimensionLabel,
  humanRange,
  startOfMonth,
  toDay,
} from '../../domain/index.ts';
import type { ChangeDriver, CostEngine } from '../../engine/index.ts';
import { FinopsError } from '../../errors.ts';
import { compareWithBudget, forecastCost } from '../../forecast/index.ts';
import { type AnswerBasis, describeBasis, FactCollector } from '../../questions/answer-context.ts';
import { displayGroupValue } from '../../questions/answer-intents.ts';
import { formatMoney, formatPercent, formatSignedMoney, relativeChange } from '../../questions/format.ts';
import { matchesFilters, type StoredRecommendation } from '../../recommendations/index.ts';
import { type DigestRecommendationSource, decidedSavings, openSavings } from './digest-recommendations.ts';
import type { TagComplianceSource } from './tag-compliance-source.ts';

export interface DigestScope {
  /** How the digest names its audience: "team payments", "all accounts". */
  label: string;
  filters: CostFilter[];
}

export interface BuildDigestInput {
  engine: CostEngine;
  recommendations: DigestRecommendationSource;
  /** Spend compliance with the tag policy; the tagging line is left out without it. */
  tagCompliance?: TagComplianceSource | undefined;
  /** First day not yet known (YYYY-MM-DD): the forecast and anomalies read history before it. */
  today: string;
  scope: DigestScope;
  /** The week the digest is about, end exclusive (usually the 7 days before today). */
  period: TimeRange;
  /** The month's budget, for the month-to-date line. */
  budget?: number | undefined;
}

export const DIGEST_TOP_MOVERS = 5;
export const DIGEST_TOP_RECOMMENDATIONS = 5;
/** Anomalies listed in the text; the count covers them all. */
const DIGEST_TOP_ANOMALIES = 3;
/** Realised savings compare up to this many days before and after a decision. */
export const REALISED_WINDOW_DAYS = 7;

/** The digest's period: the `days` full days before `today`. */
export function lastFullDays(today: string, days = 7): TimeRange {
  return { start: addDays(today, -days), end: today };
}

/**
 * The weekly digest as an Answer (intent `digest`), so the Slack and Teams renderers show it like
 * any answer: a few bullets a team reads in 30 seconds, every figure a fact, details in the
 * facts, the daily table and one chart, and the top open recommendations as Approve / Dismiss cards.
 */
export async function buildDigest(input: BuildDigestInput): Promise<Answer> {
  const { engine, scope, period, today } = input;
  checkInput(input);
  const [source, catalog] = await Promise.all([engine.source(), engine.catalog()]);
  const basis: AnswerBasis = { metric: DEFAULT_METRIC, filters: scope.filters, source, catalog };
  const facts = new FactCollector(basis);
  const currency = source.currency;
  const money = (value: number) => formatMoney(value, currency);
  const signed = (value: number) => formatSignedMoney(value, currency);
  const days = daysBetween(period.start, period.end);
  const previous: TimeRange = { start: addDays(period.start, -days), end: period.start };
  const monthAgoStart = addMonths(period.start, -1);
  const monthAgo: TimeRange = { start: monthAgoStart, end: addDays(monthAgoStart, days) };
  const selection = { metric: basis.metric, filters: scope.filters };

  const [explanation, monthAgoTable, daily, anomalies, open, approved] = await Promise.all([
    engine.explainChange({ current: period, previous, ...selection }),
    engine.query({ range: monthAgo, ...selection }),
    engine.query({ range: { start: previous.start, end: period.end }, ...selection, granularity: 'day' }),
    detectAnomalies(engine, { window: period, today, filters: scope.filters, metric: basis.metric }),
    input.recommendations.list({ status: 'open' }),
    input.recommendations.list({ status: 'approved' }),
  ]);
  const openInScope = open.filter((stored) => matchesFilters(stored.recommendation, scope.filters));
  const approvedInScope = approved.filter((stored) => matchesFilters(stored.recommendation, scope.filters));
  const approvedThisWeek = approvedInScope.filter((stored) => decidedIn(stored, period));

  const heading = `*Weekly cost digest: ${scope.label}, ${humanRange(period)}*`;
  const current = facts.add(`Spend, ${humanRange(period)}`, explanation.currentTotal, period);
  const before = facts.add(`Spend, ${humanRange(previous)}`, explanation.previousTotal, previous);
  const isEmpty =
    explanation.currentTotal === 0 &&
    explanation.previousTotal === 0 &&
    anomalies.length === 0 &&
    openInScope.length === 0 &&
    approvedThisWeek.length === 0;
  if (isEmpty) {
    return {
      question: `weekly digest for ${scope.label}`,
      intent: 'digest',
      text: `${heading}\nA quiet week: ${money(current.value)} spent, as the week before (${money(before.value)}); no anomalies, no open recommendations.`,
      basis: describeBasis(basis, [period, previous]),
      facts: facts.facts,
      tables: [],
      charts: [],
      recommendations: [],
      followUps: [],
      warnings: [],
    };
  }

  const lines = [heading];
  const warnings: string[] = [];
  facts.add(`Change, ${humanRange(previous)} → ${humanRange(period)}`, explanation.delta, period);
  const weekChange = relativeChange(explanation.currentTotal, explanation.previousTotal);
  if (weekChange !== undefined)
    facts.add('Relative change from the week before', weekChange, period, { unit: 'ratio', metric: false });
  const monthAgoFact = facts.add(`Spend, ${humanRange(monthAgo)}`, monthAgoTable.total, monthAgo);
  const monthDelta = explanation.currentTotal - monthAgoTable.total;
  facts.add(`Change, ${humanRange(monthAgo)} → ${humanRange(period)}`, monthDelta, period);
  const monthChange = relativeChange(explanation.currentTotal, monthAgoTable.total);
  if (monthChange !== undefined)
    facts.add('Relative change from the same week a month earlier', monthChange, period, {
      unit: 'ratio',
      metric: false,
    });
  const percent = (change: number | undefined) => (change === undefined ? '' : `, ${formatPercent(change)}`);
  lines.push(
    `• Spend: *${money(current.value)}* vs ${money(before.value)} the week before (${signed(explanation.delta)}${percent(weekChange)}) and ${money(monthAgoFact.value)} a month earlier (${signed(monthDelta)}${percent(monthChange)}).`,
  );

  lines.push(...(await monthToDate(input, basis, facts, money, warnings)));
  lines.push(...movers(explanation.drivers, facts, { current: period, previous }, currency));
  lines.push(...anomalyLines(anomalies, facts, period, currency));
  if (input.tagCompliance)
    lines.push(...(await taggingLines(input.tagCompliance, scope, period, previous, facts)));

  const savings = openSavings(openInScope, DIGEST_TOP_RECOMMENDATIONS);
  if (savings.resources > 0) {
    facts.add('Open recommendations, resources', savings.resources, period, { unit: 'count', metric: false });
    facts.add('Open recommendations, savings a month', savings.totalMonthlySavings, period, {
      metric: false,
    });
    for (const summary of savings.top)
      facts.add(`Savings a month, ${summary.title}`, summary.estimatedMonthlySavings, period, {
        groupKey: { resource: summary.resourceId ?? null },
        metric: false,
      });
    lines.push(
      `• Open savings: *${money(savings.totalMonthlySavings)} a month* on ${savings.resources} resource${savings.resources === 1 ? '' : 's'}; the largest are below to approve or dismiss.`,
    );
  } else {
    lines.push('• No open recommendations.');
  }
  lines.push(...(await decisionLines(input, approvedThisWeek, approvedInScope, facts, money)));

  const chart = dailyChart(daily.rows, { start: previous.start, end: period.end }, period, currency);
  return {
    question: `weekly digest for ${scope.label}`,
    intent: 'digest',
    text: lines.join('\n'),
    basis: describeBasis(basis, [period, previous, monthAgo]),
    facts: facts.facts,
    tables: [daily],
    charts: [chart],
    recommendations: savings.top,
    followUps: ['why did it change?', 'any anomalies last week?', 'forecast this month'],
    warnings,
  };
}

function checkInput(input: BuildDigestInput): void {
  const { period, today, budget } = input;
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (!day.test(today) || !day.test(period.start) || !day.test(period.end) || period.start >= period.end) {
    throw new FinopsError(
      'finops_invalid_input',
      `a digest needs today and a period as YYYY-MM-DD days with start before end, got today ${today}, period ${period.start} to ${period.end}`,
    );
  }
  if (period.end > today) {
    throw new FinopsError(
      'finops_invalid_input',
      `a digest covers days that are over: the period must end on or before today (${today}), not ${period.end}`,
    );
  }
  if (budget !== undefined && (!Number.isFinite(budget) || budget <= 0)) {
    throw new FinopsError(
      'finops_invalid_input',
      `a budget must be a positive amount a month, e.g. 50000, not ${String(budget)}`,
    );
  }
}

function decidedIn(stored: StoredRecommendation, range: TimeRange): boolean {
  const at = stored.decision?.at;
  if (!at) return false;
  const day = toDay(new Date(at));
  return day >= range.start && day < range.end;
}

/** Month to date, the month's forecast with its 80 % range, and the budget verdict when given. */
async function monthToDate(
  input: BuildDigestInput,
  basis: AnswerBasis,
  facts: FactCollector,
  money: (value: number) => string,
  warnings: string[],
): Promise<string[]> {
  // The month the digest's last day falls in: on the 1st, the month just ended.
  const monthStart = startOfMonth(addDays(input.period.end, -1));
  const month: TimeRange = { start: monthStart, end: addMonths(monthStart, 1) };
  const forecast = await forecastCost(input.engine, {
    period: month,
    today: input.today,
    filters: basis.filters,
    metric: basis.metric,
  });
  const { projection } = forecast;
  warnings.push(...projection.caveats);
  const known: TimeRange = { start: month.start, end: addDays(month.start, projection.daysActual) };
  const parts: string[] = [];
  if (projection.daysActual > 0) {
    const spent = facts.add(`Spend, ${humanRange(known)}`, projection.actualToDate, known);
    parts.push(`${money(spent.value)} so far`);
  }
  const projected = facts.add(`Forecast, ${humanRange(month)}`, projection.projected, month);
  facts.add('Forecast 80% range, low', projection.lo80, month);
  facts.add('Forecast 80% range, high', projection.hi80, month);
  parts.push(
    `forecast *${money(projected.value)}* for ${humanRange(month)} (80% range ${money(projection.lo80)}–${money(projection.hi80)})`,
  );
  let line = `• Month to date: ${parts.join(', ')}`;
  if (input.budget !== undefined) {
    const check = compareWithBudget(projection, input.budget);
    facts.add('Budget', check.budget, month, { metric: false });
    facts.add('Forecast minus budget', check.overBy, month);
    facts.add('Chance of going over the budget', check.probabilityOver, month, {
      unit: 'ratio',
      metric: false,
    });
    const verdict =
      check.verdict === 'over'
        ? `*over* by about ${money(check.overBy)}`
        : check.verdict === 'at-risk'
          ? '*at risk*'
          : `under by about ${money(-check.overBy)}`;
    line += `; budget ${money(check.budget)}: ${verdict} (chance of going over ${formatPercent(check.probabilityOver).replace('+', '')})`;
  }
  return [`${line}.`];
}

/** The top movers by service, each with the path that explains most of it (account → usage type → resource). */
function movers(
  drivers: ChangeDriver[],
  facts: FactCollector,
  periods: { current: TimeRange; previous: TimeRange },
  currency: string,
): string[] {
  const top = drivers
    .filter((driver) => !driver.isOther && driver.delta !== 0)
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta))
    .slice(0, DIGEST_TOP_MOVERS);
  if (top.length === 0) return [];
  const lines = ['• Top movers:'];
  for (const driver of top) {
    const name = displayGroupValue(driver.dimension, driver.key, driver.label);
    const groupKey = { [driver.dimension]: driver.key };
    facts.add(`${name}, ${humanRange(periods.previous)}`, driver.previous, periods.previous, { groupKey });
    facts.add(`${name}, ${humanRange(periods.current)}`, driver.current, periods.current, { groupKey });
    facts.add(`Change from ${name}`, driver.delta, periods.current, { groupKey });
    const path = explainPath(driver);
    lines.push(
      `  ◦ ${name}: ${formatSignedMoney(driver.delta, currency)} (${formatMoney(driver.previous, currency)} → ${formatMoney(driver.current, currency)})${path.length > 0 ? `, mostly ${path.join(' › ')}` : ''}`,
    );
  }
  return lines;
}

/** The chain of largest same-direction children: where a mover's change came from, without numbers. */
function explainPath(driver: ChangeDriver): string[] {
  const path: string[] = [];
  let node = driver;
  for (;;) {
    const child = node.children
      .filter((candidate) => !candidate.isOther && Math.sign(candidate.delta) === Math.sign(node.delta))
      .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta))[0];
    // Only a child that explains at least half of its parent is worth naming.
    if (!child || Math.abs(child.delta) < Math.abs(node.delta) / 2) break;
    path.push(
      `${dimensionLabel(child.dimension)} ${displayGroupValue(child.dimension, child.key, child.label)}`,
    );
    node = child;
  }
  return path;
}

function anomalyLines(
  anomalies: CostAnomaly[],
  facts: FactCollector,
  period: TimeRange,
  currency: string,
): string[] {
  const count = facts.add(`Anomalies, ${humanRange(period)}`, anomalies.length, period, {
    unit: 'count',
    metric: false,
  });
  if (anomalies.length === 0) return ['• No cost anomalies.'];
  const lines = [`• Anomalies: ${count.value}`];
  for (const anomaly of anomalies.slice(0, DIGEST_TOP_ANOMALIES)) {
    const range = { start: anomaly.start, end: anomaly.end };
    const name = `${dimensionLabel(anomaly.dimension)} ${displayGroupValue(anomaly.dimension, anomaly.key, anomaly.label)}`;
    facts.add(`Impact, ${name}, ${humanRange(range)}`, anomaly.impact, range, {
      groupKey: { [anomaly.dimension]: anomaly.key },
    });
    // A resource names the cause best; else the account, region or team holding most of it.
    const causes = anomaly.rootCause.filter(
      (item) => item.dimension !== anomaly.dimension && item.key !== null && item.share >= 0.5,
    );
    const cause = causes.find((item) => item.dimension === 'resource') ?? causes[0];
    lines.push(
      `  ◦ ${name}, ${humanRange(range)}: ${formatSignedMoney(anomaly.impact, currency)} vs expected${cause ? `; root cause ${dimensionLabel(cause.dimension)} ${displayGroupValue(cause.dimension, cause.key, cause.label)}` : ''}`,
    );
  }
  return lines;
}

async function taggingLines(
  source: TagComplianceSource,
  scope: DigestScope,
  period: TimeRange,
  previous: TimeRange,
  facts: FactCollector,
): Promise<string[]> {
  const [now, before] = await Promise.all([source(scope.filters, period), source(scope.filters, previous)]);
  if (now.compliance === null) return [];
  const share = (value: number) => `${(value * 100).toFixed(1)}%`;
  facts.add('Tag compliance of spend', now.compliance, period, { unit: 'ratio', metric: false });
  let trend = '';
  if (before.compliance !== null) {
    facts.add('Tag compliance of spend', before.compliance, previous, { unit: 'ratio', metric: false });
    const points = (now.compliance - before.compliance) * 100;
    facts.add('Tag compliance change, percentage points', points, period, { unit: 'points', metric: false });
    trend = ` (${share(before.compliance)} the week before, ${points >= 0 ? '+' : ''}${points.toFixed(1)} points)`;
  }
  return [`• Tagging: ${share(now.compliance)} of spend carries ${now.requiredTags.join(', ')}${trend}.`];
}

/** Savings approved this week, and what earlier approvals really saved: cost before vs after. */
async function decisionLines(
  input: BuildDigestInput,
  approvedThisWeek: StoredRecommendation[],
  approved: StoredRecommendation[],
  facts: FactCollector,
  money: (value: number) => string,
): Promise<string[]> {
  const lines: string[] = [];
  const { period } = input;
  if (approvedThisWeek.length > 0) {
    const cents = approvedThisWeek.reduce((sum, stored) => sum + Math.round(decidedSavings(stored) * 100), 0);
    const count = facts.add('Recommendations approved', approvedThisWeek.length, period, {
      unit: 'count',
      metric: false,
    });
    const total = facts.add('Savings approved, a month', cents / 100, period, { metric: false });
    lines.push(
      `• Approved this week: ${money(total.value)} a month (${count.value} recommendation${count.value === 1 ? '' : 's'}).`,
    );
  }
  const realised = await realisedSavings(input, approved);
  if (realised.length > 0) {
    let cents = 0;
    for (const item of realised) {
      const groupKey = { resource: item.resourceId };
      facts.add(`Cost of ${item.resourceId} before approval`, item.before, item.beforeRange, { groupKey });
      facts.add(`Cost of ${item.resourceId} after approval`, item.after, item.afterRange, { groupKey });
      cents += Math.round((item.before - item.after) * 100);
    }
    const total = facts.add('Realised savings of approved recommendations', cents / 100, period);
    lines.push(
      `• Realised: earlier approvals cost ${money(total.value)} less after the decision than the same number of days before (${realised.length} resource${realised.length === 1 ? '' : 's'}).`,
    );
  }
  return lines;
}

export interface RealisedSaving {
  recommendationId: string;
  resourceId: string;
  beforeRange: TimeRange;
  afterRange: TimeRange;
  before: number;
  after: number;
}

/**
 * Each approved resource's cost over up to 7 days after its decision day against the same number
 * of days before it; the decision day itself is left out (the change lands part way through it).
 * Only days before the digest's end count, so a later digest is not needed to read this one.
 */
export async function realisedSavings(
  input: Pick<BuildDigestInput, 'engine' | 'scope' | 'period'>,
  approved: StoredRecommendation[],
): Promise<RealisedSaving[]> {
  const resources = new Map<string, { id: string; day: string }>();
  for (const stored of approved) {
    if (!stored.decision) continue;
    const day = toDay(new Date(stored.decision.at));
    const resourceId = stored.recommendation.resourceId;
    const known = resources.get(resourceId);
    // Alternatives for the same resource: the earliest approval is the one that changed it.
    if (!known || day < known.day) resources.set(resourceId, { id: stored.recommendation.id, day });
  }
  const results: RealisedSaving[] = [];
  for (const [resourceId, { id, day }] of [...resources.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const afterStart = addDays(day, 1);
    const windowDays = Math.min(REALISED_WINDOW_DAYS, daysBetween(afterStart, input.period.end));
    if (windowDays <= 0) continue;
    const beforeRange = { start: addDays(day, -windowDays), end: day };
    const afterRange = { start: afterStart, end: addDays(afterStart, windowDays) };
    const filters: CostFilter[] = [
      ...input.scope.filters,
      { dimension: 'resource', op: 'in', values: [resourceId] },
    ];
    const [before, after] = await Promise.all([
      input.engine.query({ range: beforeRange, filters }),
      input.engine.query({ range: afterRange, filters }),
    ]);
    results.push({
      recommendationId: id,
      resourceId,
      beforeRange,
      afterRange,
      before: before.total,
      after: after.total,
    });
  }
  return results;
}

function dailyChart(
  rows: { period?: string | undefined; value: number }[],
  range: TimeRange,
  period: TimeRange,
  currency: string,
): ChartRequest {
  const byDay = new Map<string, number>();
  for (const row of rows) if (row.period) byDay.set(row.period, (byDay.get(row.period) ?? 0) + row.value);
  const points: { x: string; series: string; value: number }[] = [];
  for (let day = range.start; day < range.end; day = addDays(day, 1)) {
    points.push({
      x: day,
      series: day >= period.start ? 'This week' : 'Week before',
      value: byDay.get(day) ?? 0,
    });
  }
  return {
    kind: 'trend',
    title: `Daily spend, ${humanRange(range)}`,
    granularity: 'day',
    points,
    unit: currency,
  };
}
