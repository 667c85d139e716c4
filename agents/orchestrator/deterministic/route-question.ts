import { normalizeQuestion, parseQuestion } from '../../../src/questions/parse/index.ts';
import { specialAsk } from './ask-words.ts';
import { withCanAnswer } from './can-answer.ts';
import { routeFollowUp } from './follow-up.ts';
import type { Route, RouteContext } from './route-types.ts';
import { costCall } from './skill-calls.ts';
import { routeSpecialAsk } from './special-asks.ts';
import { routeSplit } from './split-asks.ts';

/**
 * Decides, without a model, which specialists answer a question and with what input: a
 * follow-up is resolved against the thread's previous turn, two asks joined by "and" go to
 * their specialists together, savings / tagging / commitments asks to theirs, and everything
 * else to the parser's plan (cost-analysis, or forecasting for forecasts and anomalies).
 */
export function routeQuestion(question: string, context: RouteContext): Route {
  const normalised = normalizeQuestion(question);
  const followUp = routeFollowUp(normalised, context);
  if (followUp) return followUp;
  const fresh = { today: context.today, catalog: context.catalog };
  const routeOne = (text: string) => routeSingle(text, fresh);
  return routeSplit(normalised, fresh, routeOne) ?? routeOne(normalised);
}

function routeSingle(normalised: string, context: RouteContext): Route {
  const special = specialAsk(normalised);
  if (special) return routeSpecialAsk(normalised, special, context);
  const plan = parseQuestion(normalised, context);
  if (plan.intent === 'help') return { intent: 'help', calls: [], help: true };
  if (plan.intent === 'clarify') {
    return { intent: 'clarify', calls: [], clarification: withCanAnswer(plan.clarification) };
  }
  return { intent: plan.intent, calls: [costCall(plan)], plan };
}
