import type { Clarification } from '../../../src/questions/parse/index.ts';

/**
 * What the agents answer beyond the parser's cost questions. Added to every clarification, after
 * the parser's own list, so a user who asked something unclear sees these asks too.
 */
export const AGENT_CAN_ANSWER: string[] = [
  'savings: "how can we cut EC2 and S3 costs?", "idle instances", "rightsizing opportunities for prod"',
  'tag compliance: "which resources are missing tags?", "untagged resources in prod"',
  'commitments: "savings plan coverage", "RI utilisation", "should we buy savings plans?"',
  'several at once: "forecast and anomalies for prod", "EC2 spend last week and its savings"',
  'follow-ups in a thread: "and last month?", "break that down by account", "only prod", "why?"',
];

export function withCanAnswer(clarification: Clarification | undefined): Clarification {
  const base = clarification ?? { reason: "I couldn't read that question", canAnswer: [] };
  return { reason: base.reason, canAnswer: [...base.canAnswer, ...AGENT_CAN_ANSWER] };
}
