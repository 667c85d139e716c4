export type { Copilot, CreateCopilotOptions } from './ask.ts';
export { CAN_ANSWER, createCopilot, helpText } from './ask.ts';
export { formatMoney, formatPercent, formatSignedMoney } from './format.ts';
