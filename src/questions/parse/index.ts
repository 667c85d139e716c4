export { CAN_ANSWER } from './clarify.ts';
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
