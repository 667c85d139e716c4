import { findBudget } from './budget.ts';
import { findForecastPeriods, hasForwardPeriod } from './forecast-periods.ts';
import { findCompareShortcut } from './intents.ts';
import { normalizeQuestion } from './normalize.ts';
import { createQuestionText } from './question-text.ts';
import { findTimeExpressions } from './time-expressions.ts';

/**
 * Whether a question names a period itself ("last month", "Q3", "week over week", "next
 * quarter"), as opposed to getting the parser's default (month to date). A follow-up such as
 * "what about S3?" names none and keeps the thread's period; "S3 this month" names one even
 * though it equals the default. Runs the parser's own time recognisers in the parser's order,
 * so it agrees with `parseQuestion` on what counts as a period.
 */
export function statesPeriod(question: string, today: string): boolean {
  const text = createQuestionText(normalizeQuestion(question));
  if (findCompareShortcut(text)) return true;
  // Claimed first, as the parser does, so "over 50k" is not read as a period.
  findBudget(text);
  if (hasForwardPeriod(text)) return true;
  if (findForecastPeriods(text, today).periods.length > 0) return true;
  const expressions = findTimeExpressions(text, today, { keepFuture: true });
  return expressions.periods.length + expressions.baselines.length + expressions.problems.length > 0;
}
