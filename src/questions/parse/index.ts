/**
 * The deterministic question parser: plain-English cost questions → a structured plan.
 *
 * Pipeline (parse-question.ts): normalise → refuse out-of-scope topics (forecasts, budgets,
 * anomalies, recommendations, blended cost) → recognisers claim spans of the question in a fixed
 * order (compare shortcuts, explicit tags / account ids / region codes, time expressions,
 * metrics and charge categories, intent words, grouping, services / regions / accounts /
 * categories / bare names) → exclusion words turn the filters after them into `not_in` → any
 * word left that is not filler makes the answer `clarify` (after one attempt to read words one
 * typo away from exactly one known word) → the time plan picks the range and baseline.
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
 * - Ranges reaching past today are cut to today; ranges wholly in the future are refused.
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
