export type { AnswerPlanInput, Copilot, CreateCopilotOptions } from './ask.ts';
export { answerPlan, CAN_ANSWER, createCopilot, helpText } from './ask.ts';
export { formatMoney, formatPercent, formatSignedMoney } from './format.ts';
