/**
 * The deterministic question parser: plain-English cost questions → a structured plan.
 *
 * Pipeline (parse-question.ts): normalise → refuse out-of-scope topics (recommendations, blended
 * cost) → recognisers claim spans of the question in a fixed order (compare shortcuts, explicit
 * tags / account ids / region codes, budget amounts, forecast words, anomaly words, forecast-only
 * periods, time expressions, metrics and charge categories, intent words, grouping, services /
 * regions / accounts / categories / bare names) → exclusion words turn the filters after them into
 * `not_in` → any word left that is not filler makes the answer `clarify` (after one attempt to
 * read words one typo away from exactly one known word) → the time plan picks the range and
 * baseline: forecast-plan.ts for forecasts, anomaly-plan.ts for anomalies, time-plan.ts otherwise.
 *
 * Decisions where the brief left room, each also stated in `assumptions` when it applies:
 * - "last N days/weeks" are whole days before today; "last N months/quarters/years" are whole
 *   calendar months before this month. "this week/month/quarter/year" run to today inclusive.
 * - A period still running ("this month", "November", "Q4") compared with a whole period of the
 *   same unit is compared over the same days ("this month vs last month" = 1–24 Nov vs 1–24 Oct).
 * - "week over week" etc. with no period compare the last full unit with the one before.
 * - When only the baseline is named ("EC2 vs last month"), the running period of its unit is compared.
 * - "data transfer" is the AWS Data Transfer service when the data has it, else its usage types;
 *   "NAT gateway" and "EBS" are always usage types; either absent from the data → clarify.
 * - "untagged" without a key means the first cost-allocation key present (team, cost-center, owner,
 *   …); "untagged spend by team" filters on a missing team tag and groups by account instead.
 * - A bare name that is both an account and a tag value is asked about, unless it is listed next to
 *   a name already settled ("except sandbox and staging") or qualified ("staging account", "env=staging").
 * - A superlative over a singular noun ("the most expensive service") sets limit 1; "top" with no
 *   number sets no limit. "breakdown" with no dimension groups by service.
 * - Monthly trends with no period cover the last 6 full months and this month to date.
 * - Ranges reaching past today are cut to today; ranges wholly in the future are refused, with a
 *   hint to ask for a forecast ("cost in December 2026" is not read as a forecast by itself).
 *
 * Forecasts, budgets, anomalies and a day's spike:
 * - A question is a forecast when it has a forecast word ("forecast", "projected", "run rate",
 *   "will" but not "will you", "going to spend", "where will we land"), a period that can only lie
 *   ahead ("next month", "next 3 months", "end of the quarter", "month-end", "rest of the month",
 *   "tomorrow"), or a budget. Then "this month" / "the quarter" / "this year" are the whole
 *   calendar unit, and a month or quarter without a year is the next one (December → December
 *   2026); a budget question with no forecast word ("did we go over our 50k budget in October")
 *   keeps the most recent one.
 * - "next N days/weeks" are the N days (N × 7 days) after today; "next week" is the calendar
 *   week; "next N months/quarters" are whole calendar units after the current one.
 * - No period: this month. A target that is already over is answered as a total of what was
 *   spent (budget kept); one ending more than 12 whole months after this month is refused.
 * - A target not yet started is forecast from the 56 days (8 weeks) before today.
 * - A forecast compared with something ("vs last month", "higher than", "same month last year")
 *   gets `compareTo`, which must be over; with only a comparison word it is the previous period
 *   of the target's length.
 * - A budget is an amount next to budget or comparison words ("our 50k budget", "budget of
 *   $45,000", "stay under 1.2M", "on track for $120,000"); a bare four-digit year after "over" is
 *   a year. Budget words without an amount ask for it (the data holds no budgets). A budget is
 *   checked against one total, so "by …" and trends with a budget are asked about.
 * - Anomalies: "anomalies", "anything weird/unusual", "outliers", "cost spikes" (plural, or "any
 *   spike"); "spike" as a verb stays a change to explain. No period: the last 14 full days. One
 *   period only; grouping by service, account or usage type only. "top 5 anomalies" sets limit 5,
 *   "the biggest spike" limit 1.
 * - explain_day: an explanation of exactly one day with no baseline named ("what caused the
 *   spike on the 12th", "why did costs spike yesterday"); compareTo is the 7 days before it.
 *   Two days named ("the 12th vs the 11th") stay an ordinary explanation.
 * - "the Nth" is the most recent Nth not after today, skipping months without one ("the 31st"
 *   on 5 December is 31 October).
 * - A forecast that also asks for anomalies or for an explanation is asked about.
 */
export { CAN_ANSWER } from './clarify.ts';
export { isDataCoverageNote } from './data-coverage.ts';
export { normalizeQuestion } from './normalize.ts';
export { parseQuestion } from './parse-question.ts';
export type { Catalog, Clarification, Intent, ParseContext, ParsedQuestion } from './parsed-question.ts';
export {
  catalogSchema,
  clarificationSchema,
  INTENTS,
  intentSchema,
  parsedQuestionSchema,
} from './parsed-question.ts';
