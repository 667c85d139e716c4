import { addDays, startOfMonth } from '../../../src/domain/index.ts';
import { type Catalog, type ParsedQuestion, parseQuestion } from '../../../src/questions/parse/index.ts';
import type { SkillCall } from '../skill-call.ts';
import type { SkillRef } from './action-groups.ts';

/** A function call as Bedrock returns it: flat parameters whose values are strings. */
export interface FunctionInvocation {
  actionGroup: string;
  function: string;
  parameters: readonly { name?: string | undefined; value?: string | undefined }[];
}

/**
 * What our code makes of one function call: a skill call to send, or a reason it cannot be sent
 * (returned to the model as a failed function result so it can rephrase). `plan` is the resolved
 * cost plan when the call is a cost-analysis or forecasting one.
 */
export type FunctionCallReading =
  | { kind: 'call'; call: SkillCall; plan?: ParsedQuestion | undefined }
  | { kind: 'rejected'; call: SkillCall; reason: string };

const COST_SKILLS = ['total', 'breakdown', 'trend', 'compare', 'explain', 'explain_day'] as const;
const FORECAST_SKILLS = ['forecast', 'anomalies'] as const;
/** Words that make the parser read a plan of that intent, tried when the model's words do not. */
const INTENT_WORDS: Record<string, string> = {
  total: 'total',
  breakdown: 'breakdown of',
  trend: 'daily trend of',
  compare: 'compare',
  explain: 'why did',
  explain_day: 'what caused the spike in',
  forecast: 'forecast',
  anomalies: 'anomalies in',
};
/** A total, breakdown or trend answers the same plan: the skill may reshape one into another. */
const RESHAPEABLE = new Set(['total', 'breakdown', 'trend']);
const MAX_SCOPE_LIMIT = 50;
/**
 * Words of a savings, tagging or commitments sub-question that say what to look for, not where:
 * removed before the parser reads the rest for a period and filters, since it does not know them.
 */
const NOT_SCOPE =
  /\b(?:savings? plans?|savings?|save|recommend\w*|rightsiz\w*|right[\s-]?siz\w*|idle|unused|underused|orphaned|unattached|waste\w*|opportunit\w*|coverage|utili[sz]ation|commitments?|reservations?|reserved instances?|compliance|compliant|untagged|tag(?:s|ging)?|missing|resources?|instances?|volumes?|buckets?|databases?|where|can|could|we|how|what|which|are|is|our|cut|reduce|lower|find|show|list|top \d+|top)\b/gi;

export interface TurnCatalog {
  today: string;
  catalog: Catalog;
}

/**
 * Turns a function call into a SkillCall. The model's names are looked up in the cards (an
 * unknown one becomes a call the toolbox fails, naming the agents there are), and its words are
 * read by the deterministic parser against the data's catalog: model-supplied services, accounts
 * or tags are never passed on as they are, only what the parser resolved from them.
 */
export function readFunctionCall(
  invocation: FunctionInvocation,
  ref: SkillRef | undefined,
  turn: TurnCatalog,
  fallbackQuestion: string,
): FunctionCallReading {
  const parameters = new Map(
    invocation.parameters.flatMap((parameter) =>
      parameter.name ? [[parameter.name, (parameter.value ?? '').trim()] as const] : [],
    ),
  );
  if (!ref) {
    return {
      kind: 'call',
      call: { agent: invocation.actionGroup, skill: invocation.function, input: {} },
    };
  }
  const question = parameters.get('question') || fallbackQuestion;
  const period = parameters.get('period') || undefined;
  const limit = readLimit(parameters.get('limit'));
  const text =
    period && !question.toLowerCase().includes(period.toLowerCase()) ? `${question} ${period}` : question;
  if (
    (COST_SKILLS as readonly string[]).includes(ref.skill) ||
    (FORECAST_SKILLS as readonly string[]).includes(ref.skill)
  ) {
    return costCall(ref, text, limit, turn);
  }
  return scopeCall(ref, text, limit, turn);
}

function costCall(
  ref: SkillRef,
  text: string,
  limit: number | undefined,
  turn: TurnCatalog,
): FunctionCallReading {
  const placeholder: SkillCall = { agent: ref.agent, skill: ref.skill, input: {} };
  let plan = parseQuestion(text, turn);
  if (plan.intent !== ref.skill) {
    const hinted = parseQuestion(`${INTENT_WORDS[ref.skill] ?? ''} ${text}`, turn);
    if (hinted.intent === ref.skill) plan = hinted;
  }
  if (plan.intent === 'clarify' || plan.intent === 'help') {
    const reason = plan.clarification?.reason ?? 'the question could not be read';
    return {
      kind: 'rejected',
      call: placeholder,
      reason: `${reason}; rephrase the question for ${ref.skill}`,
    };
  }
  if (plan.intent !== ref.skill) {
    if (!(RESHAPEABLE.has(plan.intent) && RESHAPEABLE.has(ref.skill))) {
      return {
        kind: 'rejected',
        call: placeholder,
        reason: `"${text}" reads as a ${plan.intent} question, not ${ref.skill}; call the ${plan.intent} function or rephrase`,
      };
    }
    plan = reshape(plan, ref.skill);
  }
  const resolved: ParsedQuestion = limit === undefined ? plan : { ...plan, limit };
  return { kind: 'call', call: { ...placeholder, input: json(resolved) }, plan: resolved };
}

function reshape(plan: ParsedQuestion, skill: string): ParsedQuestion {
  if (skill === 'breakdown') return { ...plan, intent: 'breakdown', groupBy: plan.groupBy ?? 'service' };
  if (skill === 'trend') return { ...plan, intent: 'trend', granularity: plan.granularity ?? 'day' };
  return { ...plan, intent: 'total' };
}

function scopeCall(
  ref: SkillRef,
  text: string,
  limit: number | undefined,
  turn: TurnCatalog,
): FunctionCallReading {
  const placeholder: SkillCall = { agent: ref.agent, skill: ref.skill, input: {} };
  const scopeWords = text
    .replace(NOT_SCOPE, ' ')
    .replace(/[?!.,]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const scope = parseQuestion(`cost ${scopeWords}`, turn);
  if (scope.intent === 'clarify' || scope.intent === 'help') {
    const reason = scope.clarification?.reason ?? 'the scope could not be read';
    return {
      kind: 'rejected',
      call: placeholder,
      reason: `${reason}; pass only the period and the accounts, regions or tags in "question", e.g. "last month in the prod account"`,
    };
  }
  // Savings, tags and commitments are read from what was billed: a period ahead means this month.
  const range =
    scope.intent === 'forecast'
      ? { start: startOfMonth(turn.today), end: addDays(turn.today, 1) }
      : scope.range;
  // The specialist implies its own service; a service filter would only narrow it wrongly.
  const filters = scope.filters.filter(
    (filter) => !['service', 'usage_type', 'service_category'].includes(filter.dimension),
  );
  const cappedLimit = limit === undefined ? undefined : Math.min(MAX_SCOPE_LIMIT, limit);
  const input = { range, filters, ...(cappedLimit === undefined ? {} : { limit: cappedLimit }) };
  return { kind: 'call', call: { ...placeholder, input: json(input) } };
}

function readLimit(value: string | undefined): number | undefined {
  if (!value || !/^\d{1,4}$/.test(value)) return undefined;
  const limit = Number(value);
  return limit >= 1 ? Math.min(limit, 1000) : undefined;
}

function json(value: unknown): SkillCall['input'] {
  return JSON.parse(JSON.stringify(value)) as SkillCall['input'];
}
