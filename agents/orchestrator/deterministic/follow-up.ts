import type { ParsedQuestion } from '../../../src/questions/parse/index.ts';
import { parsedQuestionSchema, parseQuestion } from '../../../src/questions/parse/index.ts';
import { statesPeriod } from '../../../src/questions/parse/stated-period.ts';
import type { RememberedTurn } from '../conversation-context.ts';
import type { SkillCall } from '../skill-call.ts';
import { askKind, removeWords, squash } from './ask-words.ts';
import { withCanAnswer } from './can-answer.ts';
import { explainPlan, mergeFilters, mergePlan, type StatedChange } from './merge-plan.ts';
import type { Route, RouteContext } from './route-types.ts';
import {
  costCall,
  isCostCall,
  isServiceFilter,
  type SavingsAgent,
  type ScopeInput,
  savingsAgentsOf,
  savingsCall,
} from './skill-calls.ts';
import { type InheritedScope, routeSpecialAsk } from './special-asks.ts';

const LEAD_IN = /^(?:and|but|ok|okay|so|now|then|also|what about|how about|same for|same but|what if)\s+/;
const REFERENCE = /\b(?:that|it|this|those|them|same)\b/;
const WHY =
  /^(?:why|why so|why is that|why was that|why did that happen|how come|what drove (?:that|it|this|the change)|what caused (?:that|it|this|the change)|whats behind (?:that|it|this)|what is behind (?:that|it|this)|explain(?: (?:that|it|this))?|whats driving (?:that|it|this)|what changed)$/;
const BREAK_DOWN = /\b(?:break|split|group)(?: (?:that|it|this|those|them))?(?: (?:down|up|out))?\b/;
const LIMIT = /\b(?:top|first|biggest|largest) (\d{1,3})\b/;
/** Words a follow-up uses that the parser does not know and that change nothing. */
const MODIFIER_FILLER = /\b(?:only|just|instead|that|it|this|those|them|same|too|as well|please|pls)\b/;

/**
 * A turn that only makes sense with the previous one ("and last month?", "only prod", "why?"),
 * resolved against it; `undefined` when the question stands on its own and is routed fresh.
 * Conservative: a question naming a measure and a period is complete; one naming an ask with no
 * lead-in ("and", "what about") and no "that"/"it" is fresh too.
 */
export function routeFollowUp(normalised: string, context: RouteContext): Route | undefined {
  const previous = context.previous;
  if (!previous) return undefined;
  const kind = askKind(normalised);
  if (kind !== undefined && kind !== 'explain' && statesPeriod(normalised, context.today)) return undefined;
  let body = normalised;
  let ledIn = false;
  for (let match = LEAD_IN.exec(body); match; match = LEAD_IN.exec(body)) {
    body = body.slice(match[0].length);
    ledIn = true;
  }
  const refers = REFERENCE.test(body);
  const previousPlan = planOf(previous);
  if (WHY.test(body) || (kind === 'explain' && (ledIn || refers) && !statesPeriod(body, context.today))) {
    if (!previousPlan) return undefined;
    const plan = explainPlan(previousPlan, previous.question);
    return { intent: plan.intent, calls: [costCall(plan)], plan };
  }
  const bodyKind = askKind(body);
  if (bodyKind !== undefined && !ledIn && !refers) return undefined;
  if (bodyKind === 'savings' || bodyKind === 'tagging' || bodyKind === 'commitments') {
    return routeSpecialAsk(body, bodyKind, context, inheritedScope(previousPlan, context));
  }
  if (bodyKind === 'forecast' || bodyKind === 'anomalies') {
    return routeNewCostAsk(removeWords(body, MODIFIER_FILLER), previousPlan, context);
  }
  return routeModifier(body, previous, previousPlan, context);
}

/** The previous turn's cost plan: the one it remembered, or that of its first cost call. */
function planOf(previous: RememberedTurn): ParsedQuestion | undefined {
  if (previous.plan) return previous.plan;
  const call = previous.calls.find(isCostCall);
  const parsed = call ? parsedQuestionSchema.safeParse(call.input) : undefined;
  return parsed?.success ? parsed.data : undefined;
}

function inheritedScope(plan: ParsedQuestion | undefined, context: RouteContext): InheritedScope {
  if (!plan) return {};
  return {
    range: plan.range,
    filters: plan.filters.filter((filter) => !isServiceFilter(filter)),
    agents: savingsAgentsOf(plan.filters, context.catalog),
  };
}

/** "and the forecast?": a forecast (or anomalies) over the previous filters, unless it names its own. */
function routeNewCostAsk(text: string, previous: ParsedQuestion | undefined, context: RouteContext): Route {
  const parsed = parseQuestion(text, context);
  if (parsed.intent === 'clarify' || parsed.intent === 'help') return clarify(parsed);
  const plan: ParsedQuestion = { ...parsed };
  if (previous && parsed.filters.length === 0) plan.filters = previous.filters;
  if (previous?.metric && !plan.metric) plan.metric = previous.metric;
  if (previous?.chargeCategories && !plan.chargeCategories) plan.chargeCategories = previous.chargeCategories;
  return { intent: plan.intent, calls: [costCall(plan)], plan };
}

function routeModifier(
  body: string,
  previous: RememberedTurn,
  previousPlan: ParsedQuestion | undefined,
  context: RouteContext,
): Route | undefined {
  const limitMatch = LIMIT.exec(body);
  const limit = limitMatch ? Number(limitMatch[1]) : undefined;
  const text = squash(removeWords(removeWords(removeWords(body, LIMIT), BREAK_DOWN), MODIFIER_FILLER));
  const parses = new Map<string, ParsedQuestion>();
  const parseAs = (prefix: string): ParsedQuestion => {
    let parsed = parses.get(prefix);
    if (!parsed) {
      parsed = parseQuestion(`${prefix} ${text}`, context);
      parses.set(prefix, parsed);
    }
    return parsed;
  };
  const plain = parseAs('cost');
  if (plain.intent === 'clarify' || plain.intent === 'help') {
    // Nothing here reads as a change to the previous turn: let the question be asked fresh.
    return text === '' && limit !== undefined
      ? routeLimitOnly(limit, previous, previousPlan)
      : clarifyOrFresh(plain, text);
  }
  const period = text !== '' && statesPeriod(text, context.today);
  const changed =
    period ||
    plain.filters.length > 0 ||
    plain.groupBy !== undefined ||
    plain.metric !== undefined ||
    plain.chargeCategories !== undefined ||
    limit !== undefined ||
    plain.limit !== undefined;
  if (!changed) return undefined;
  const change = (prefix: string): StatedChange => ({
    parsed: parseAs(prefix),
    period,
    limit: limit ?? plain.limit,
  });

  const calls: SkillCall[] = [];
  let plan: ParsedQuestion | undefined;
  const costCalls = previous.calls.filter(isCostCall);
  if (costCalls.length === 0 && plain.groupBy !== undefined && previousPlan) {
    // A grouping only means something for spend: break down what the savings turn was about.
    plan = mergePlan(previousPlan, change('cost'), previous.question);
    return { intent: plan.intent, calls: [costCall(plan)], plan };
  }
  const namedAgents = savingsAgentsOf(plain.filters, context.catalog);
  const savingsTurn = previous.calls.some((call) => call.skill === 'savings');
  let savingsDone = false;
  let rejected: ParsedQuestion | undefined;
  for (const call of previous.calls.length > 0
    ? previous.calls
    : previousPlan
      ? [costCall(previousPlan)]
      : []) {
    if (isCostCall(call)) {
      const before = parsedQuestionSchema.safeParse(call.input);
      if (!before.success) continue;
      const prefix =
        before.data.intent === 'forecast' || before.data.intent === 'anomalies' ? before.data.intent : 'cost';
      const parsed = parseAs(prefix);
      if (parsed.intent === 'clarify') {
        // "and next quarter?" after forecast and anomalies: a forecast can look ahead, anomalies cannot.
        rejected ??= parsed;
        continue;
      }
      const merged = mergePlan(before.data, change(prefix), previous.question);
      plan ??= merged;
      calls.push(costCall(merged));
      continue;
    }
    const scope = mergeScope(call.input, plain, period, limit ?? plain.limit);
    const replacesServices = savingsTurn && namedAgents.length > 0;
    if (replacesServices && (call.skill === 'savings' || call.agent === 'commitments')) {
      if (!savingsDone) calls.push(...namedAgents.map((agent: SavingsAgent) => savingsCall(agent, scope)));
      savingsDone = true;
      continue;
    }
    if (call.skill === 'savings') calls.push({ ...call, input: json(scope) });
    else {
      const serviceFilters = plain.filters.filter(isServiceFilter);
      calls.push({
        ...call,
        input: json({ ...scope, filters: mergeFilters(scope.filters, serviceFilters) }),
      });
    }
  }
  if (calls.length === 0) return rejected ? clarify(rejected) : undefined;
  plan ??= previousPlan ? mergePlan(previousPlan, change('cost'), previous.question) : undefined;
  return { intent: intentOf(calls), calls: dedupe(calls), plan };
}

/** "top 10" alone: the same calls, with a limit. */
function routeLimitOnly(
  limit: number,
  previous: RememberedTurn,
  previousPlan: ParsedQuestion | undefined,
): Route | undefined {
  const calls = previous.calls.map((call) => {
    if (isCostCall(call)) {
      const before = parsedQuestionSchema.safeParse(call.input);
      return before.success ? costCall({ ...before.data, limit }) : call;
    }
    return { ...call, input: { ...call.input, limit: Math.min(50, Math.max(1, limit)) } };
  });
  if (calls.length === 0) return undefined;
  const plan = previousPlan ? { ...previousPlan, limit } : undefined;
  return { intent: intentOf(calls), calls, plan };
}

function mergeScope(
  input: SkillCall['input'],
  stated: ParsedQuestion,
  period: boolean,
  limit: number | undefined,
): ScopeInput & Record<string, unknown> {
  const previous = input as unknown as ScopeInput & Record<string, unknown>;
  const filters = mergeFilters(
    previous.filters ?? [],
    stated.filters.filter((filter) => !isServiceFilter(filter)),
  );
  return {
    ...previous,
    range: period ? stated.range : previous.range,
    filters,
    ...(limit !== undefined ? { limit: Math.min(50, Math.max(1, limit)) } : {}),
  };
}

function clarifyOrFresh(parsed: ParsedQuestion, text: string): Route | undefined {
  // Unknown words mean this was probably not a follow-up at all; an ambiguity ("prod") is worth asking.
  return text !== '' && parsed.clarification && !/I don't know what/.test(parsed.clarification.reason)
    ? clarify(parsed)
    : undefined;
}

function clarify(parsed: ParsedQuestion): Route {
  if (parsed.intent === 'help') return { intent: 'help', calls: [], help: true };
  return { intent: 'clarify', calls: [], clarification: withCanAnswer(parsed.clarification) };
}

export function intentOf(calls: readonly SkillCall[]): string {
  const savings = calls.some((call) => call.skill === 'savings');
  const names = calls.map((call) => {
    if (isCostCall(call)) return call.skill;
    if (call.skill === 'savings' || (savings && call.agent === 'commitments')) return 'savings';
    return call.agent;
  });
  return [...new Set(names)].join('+');
}

export function dedupe(calls: readonly SkillCall[]): SkillCall[] {
  const seen = new Set<string>();
  return calls.filter((call) => {
    const key = JSON.stringify([call.agent, call.skill, call.input]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function json(value: unknown): SkillCall['input'] {
  return JSON.parse(JSON.stringify(value)) as SkillCall['input'];
}
