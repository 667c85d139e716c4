import type { CostFilter, TimeRange } from '../../../src/domain/index.ts';
import { addDays, startOfMonth } from '../../../src/domain/index.ts';
import type { ParsedQuestion } from '../../../src/questions/parse/index.ts';
import { parseQuestion } from '../../../src/questions/parse/index.ts';
import { statesPeriod } from '../../../src/questions/parse/stated-period.ts';
import { removeWords, SPECIAL_ASK_WORDS, type SpecialAsk } from './ask-words.ts';
import { withCanAnswer } from './can-answer.ts';
import type { Route, RouteContext } from './route-types.ts';
import {
  commitmentsCall,
  isServiceFilter,
  type SavingsAgent,
  savingsAgentsOf,
  savingsCall,
  serviceFilterOf,
  taggingCall,
} from './skill-calls.ts';

/** What a follow-up or the other half of "X and Y" lends an ask that does not say it itself. */
export interface InheritedScope {
  range?: TimeRange | undefined;
  filters?: CostFilter[] | undefined;
  agents?: SavingsAgent[] | undefined;
}

const LIMIT = /\b(?:top|biggest|largest|first) (\d{1,3})\b/;
const MAX_LIMIT = 50;

/** Service words the parser does not read as services, or not for this purpose. */
const BUCKETS = /\bbuckets?\b/;
const DATABASES = /\b(?:databases?|aurora)\b/;
const EBS = /\b(?:ebs|elastic block store|volumes?|snapshots?)\b/;

/**
 * Words around a savings, tagging or commitments ask that say nothing about its scope. They are
 * removed before the parser reads the rest for a period and filters, because it would not know them.
 */
const SCOPE_FILLER =
  /\b(?:opportunit\w*|resources?|instances?|items|assets|things|should|buy|purchase|buying|find|get|more|only|just|are|there|tags?|tagged|key|keys|do|does|have|has|cut|reduce|lower|trim|down|money|its|their|ideas?|options?|quick wins?)\b/;

export function routeSpecialAsk(
  normalised: string,
  ask: SpecialAsk,
  context: RouteContext,
  inherited: InheritedScope = {},
): Route {
  let text = normalised;
  const limitMatch = LIMIT.exec(text);
  const limit = limitMatch ? Math.min(MAX_LIMIT, Math.max(1, Number(limitMatch[1]))) : undefined;
  text = removeWords(text, LIMIT);
  const named = new Set<SavingsAgent>();
  if (ask === 'savings') {
    if (EBS.test(text)) named.add('ec2');
    if (BUCKETS.test(text)) named.add('s3');
    if (DATABASES.test(text)) named.add('rds');
    for (const pattern of [EBS, BUCKETS, DATABASES]) text = removeWords(text, pattern);
  }
  const tagKeys =
    ask === 'tagging'
      ? context.catalog.tagKeys.filter((key) => new RegExp(`\\b${escapeRegExp(key)}\\b(?![=:])`).test(text))
      : [];
  for (const key of tagKeys) text = removeWords(text, new RegExp(`\\b${escapeRegExp(key)}\\b(?![=:])`));
  for (const pattern of SPECIAL_ASK_WORDS) text = removeWords(text, pattern);
  text = removeWords(text, SCOPE_FILLER);

  const scope = parseQuestion(`cost ${text}`, context);
  if (scope.intent === 'clarify' || scope.intent === 'help') {
    return { intent: 'clarify', calls: [], clarification: withCanAnswer(scope.clarification) };
  }
  const ownPeriod = statesPeriod(text, context.today);
  // Savings, tags and commitments are read from what has been billed: a period ahead means now.
  const scopeRange =
    scope.intent === 'forecast'
      ? { start: startOfMonth(context.today), end: addDays(context.today, 1) }
      : scope.range;
  const range = !ownPeriod && inherited.range ? inherited.range : scopeRange;
  const ownFilters = scope.filters.filter((filter) => !isServiceFilter(filter));
  const filters = ownFilters.length === 0 && inherited.filters ? inherited.filters : ownFilters;
  for (const agent of savingsAgentsOf(scope.filters, context.catalog)) named.add(agent);

  const input = { range, filters, ...(limit !== undefined ? { limit } : {}) };
  if (ask === 'commitments') {
    return { intent: 'commitments', calls: [commitmentsCall(input)], plan: scopePlan(scope, range, filters) };
  }
  if (ask === 'tagging') {
    return {
      intent: 'tagging',
      calls: [taggingCall({ ...input, ...(tagKeys.length > 0 ? { tagKeys } : {}) })],
      plan: scopePlan(scope, range, filters),
    };
  }
  const otherServices = scope.filters.some((filter) => filter.dimension === 'service');
  if (named.size === 0 && otherServices) {
    return {
      intent: 'clarify',
      calls: [],
      clarification: withCanAnswer({
        reason:
          'I can look for savings in EC2 (with EBS), S3 and RDS, and in Savings Plans; name one of those or ask "where can we save money?"',
        canAnswer: [],
      }),
    };
  }
  const agents = named.size > 0 ? [...named] : (inherited.agents ?? []);
  const calls =
    agents.length > 0
      ? agents.map((agent) => savingsCall(agent, input))
      : [
          savingsCall('ec2', input),
          savingsCall('s3', input),
          savingsCall('rds', input),
          commitmentsCall(input),
        ];
  const serviceFilter = agents.length > 0 ? serviceFilterOf(agents, context.catalog) : undefined;
  return {
    intent: 'savings',
    calls,
    plan: scopePlan(scope, range, serviceFilter ? [...filters, serviceFilter] : filters),
  };
}

/** The spend a special ask is about, kept so a follow-up ("break that down by account") can use it. */
function scopePlan(scope: ParsedQuestion, range: TimeRange, filters: CostFilter[]): ParsedQuestion {
  return {
    intent: 'total',
    range,
    filters,
    assumptions: scope.assumptions,
    ...(scope.metric ? { metric: scope.metric } : {}),
    ...(scope.chargeCategories ? { chargeCategories: scope.chargeCategories } : {}),
  };
}

function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
