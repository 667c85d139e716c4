export { type NumberToken, readNumbers } from './number-tokens.ts';
export { type NumberCheckResult, type NumberEvidence, verifyNumbers } from './verify-numbers.ts';
