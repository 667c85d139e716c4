import type { CostFilter, TimeRange } from '../../../src/domain/index.ts';
import { addDays, addMonths, describeRange, startOfMonth } from '../../../src/domain/index.ts';
import type { ParsedQuestion } from '../../../src/questions/parse/index.ts';
import { parsedQuestionSchema } from '../../../src/questions/parse/index.ts';
import type { SkillCall } from '../skill-call.ts';
import type { Route } from './route-types.ts';
import { isCostCall, SAVINGS_AGENTS, type SavingsAgent, savingsAgentLabel } from './skill-calls.ts';

export interface DescribeOptions {
  /** The current UTC day: with it, periods read "last week" instead of dates. */
  today?: string | undefined;
}

/**
 * One line for a chat placeholder while the specialists work: "Looking at EC2 spend for last
 * week…", "Looking for savings in EC2 and S3…", "Forecasting this quarter for env=prod…".
 * Written from the route alone, so it is cheap and cannot fail.
 */
export function describeRoute(route: Route, options: DescribeOptions = {}): string {
  if (route.help) return 'Listing what I can answer…';
  if (route.calls.length === 0) return 'Reading your question…';
  const parts: string[] = [];
  const savings = route.calls.filter((call) => call.skill === 'savings');
  for (const call of route.calls) {
    if (call === savings[0]) {
      const names = savings
        .map((each) => each.agent)
        .filter(isSavingsAgent)
        .map(savingsAgentLabel);
      if (route.calls.some((each) => each.agent === 'commitments')) names.push('commitments');
      parts.push(`looking for savings in ${joinAnd(names)}${scopeOf(call, options)}`);
    } else if (isCostCall(call)) {
      const plan = parsedQuestionSchema.safeParse(call.input);
      if (plan.success) parts.push(describePlan(plan.data, options));
    } else if (call.agent === 'tagging') {
      parts.push(`checking tag compliance${scopeOf(call, options)}`);
    } else if (call.agent === 'commitments' && savings.length === 0) {
      parts.push(`checking Savings Plans coverage and utilisation${scopeOf(call, options)}`);
    }
  }
  const line = parts.join(', and ');
  return `${line.charAt(0).toUpperCase()}${line.slice(1)}…`;
}

function isSavingsAgent(agent: string): agent is SavingsAgent {
  return (SAVINGS_AGENTS as readonly string[]).includes(agent);
}

function describePlan(plan: ParsedQuestion, options: DescribeOptions): string {
  const what = subjectOf(plan.filters);
  const scope = scopeFilters(plan.filters);
  const period = periodName(plan.range, options);
  switch (plan.intent) {
    case 'forecast':
      return `forecasting ${plan.target ? periodName(plan.target, options) : period}${what ? ` ${what} spend` : ''}${scope}`;
    case 'anomalies':
      return `looking for anomalies in ${what ? `${what} spend` : 'spend'}${scope} over ${period}`;
    case 'explain':
    case 'explain_day':
      return `looking into what changed in ${what ? `${what} ` : ''}spend${scope} over ${period}`;
    case 'compare':
      return `comparing ${what ? `${what} ` : ''}spend${scope} for ${period}${plan.compareTo ? ` with ${periodName(plan.compareTo, options)}` : ''}`;
    case 'breakdown':
      return `breaking down ${what ? `${what} ` : ''}spend${scope} for ${period} by ${dimensionName(plan.groupBy)}`;
    case 'trend':
      return `looking at the trend of ${what ? `${what} ` : ''}spend${scope} over ${period}`;
    default:
      return `looking at ${what ? `${what} ` : ''}spend${scope} for ${period}`;
  }
}

/** "EC2", "EC2 and S3": the services a plan is about, in their short names. */
function subjectOf(filters: readonly CostFilter[]): string {
  const services = filters.find((filter) => filter.dimension === 'service' && filter.op === 'in');
  if (services?.op !== 'in') return '';
  const names = services.values.map(shortServiceName);
  return joinAnd([...new Set(names)]);
}

function shortServiceName(name: string): string {
  if (/elastic compute cloud|^ec2\b/i.test(name)) return 'EC2';
  if (/simple storage service/i.test(name)) return 'S3';
  if (/relational database service/i.test(name)) return 'RDS';
  return name.replace(/^(?:Amazon|AWS)\s+/, '');
}

/** " for env=prod and account 111122223333": the filters other than services. */
function scopeFilters(filters: readonly CostFilter[]): string {
  const parts = filters
    .filter((filter) => filter.dimension !== 'service')
    .map((filter) => {
      const name = filter.dimension === 'sub_account' ? 'account ' : '';
      const key = filter.dimension.startsWith('tag:') ? filter.dimension.slice(4) : '';
      if (filter.op === 'missing') return `no ${key || filter.dimension} tag`;
      if (filter.op === 'present') return `any ${key || filter.dimension} tag`;
      const values = filter.values.join(', ');
      const stated = key ? `${key}=${values}` : `${name}${values}`;
      return filter.op === 'not_in' ? `not ${stated}` : stated;
    });
  return parts.length > 0 ? ` for ${joinAnd(parts)}` : '';
}

function scopeOf(call: SkillCall | undefined, options: DescribeOptions): string {
  const input = call?.input as { range?: TimeRange; filters?: CostFilter[] } | undefined;
  const filters = scopeFilters(input?.filters ?? []);
  // Month to date is what these asks read unless told otherwise: only another period is worth saying.
  const name = input?.range ? periodName(input.range, options) : 'this month';
  const period = name === 'this month' ? '' : ` for ${name}`;
  return `${filters}${period}`;
}

function dimensionName(dimension: string | undefined): string {
  if (!dimension) return 'service';
  if (dimension.startsWith('tag:')) return dimension.slice(4);
  return dimension === 'sub_account' ? 'account' : dimension.replace(/_/g, ' ');
}

/** "last week", "this month", "October 2026": the period as a person would say it. */
export function periodName(range: TimeRange, options: DescribeOptions): string {
  const today = options.today;
  if (today) {
    const tomorrow = addDays(today, 1);
    const monday = addDays(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7));
    const month = startOfMonth(today);
    const quarter = `${today.slice(0, 4)}-${String(Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
    const named: [string, TimeRange][] = [
      ['today', { start: today, end: tomorrow }],
      ['yesterday', { start: addDays(today, -1), end: today }],
      ['this week', { start: monday, end: tomorrow }],
      ['last week', { start: addDays(monday, -7), end: monday }],
      ['this month', { start: month, end: tomorrow }],
      ['this month', { start: month, end: addMonths(month, 1) }],
      ['last month', { start: addMonths(month, -1), end: month }],
      ['next month', { start: addMonths(month, 1), end: addMonths(month, 2) }],
      ['this quarter', { start: quarter, end: tomorrow }],
      ['this quarter', { start: quarter, end: addMonths(quarter, 3) }],
      ['last quarter', { start: addMonths(quarter, -3), end: quarter }],
      ['next quarter', { start: addMonths(quarter, 3), end: addMonths(quarter, 6) }],
    ];
    const match = named.find(
      ([, candidate]) => candidate.start === range.start && candidate.end === range.end,
    );
    if (match) return match[0];
    if (range.end === today || range.end === tomorrow) {
      const days = Math.round((Date.parse(range.end) - Date.parse(range.start)) / 86_400_000);
      return `the last ${days} days`;
    }
  }
  return describeRange(range);
}

function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
