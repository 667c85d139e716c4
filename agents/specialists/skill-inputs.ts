import { z } from 'zod';
import { costFilterSchema, timeRangeSchema } from '../../src/domain/index.ts';
import { parsedQuestionSchema } from '../../src/questions/parse/index.ts';

/**
 * The specialists' names (their A2A addresses) and the inputs their skills take. Planners build
 * these inputs; specialists validate them (defineSkill) before running.
 */
export const SPECIALIST_NAMES = [
  'cost-analysis',
  'forecasting',
  'ec2',
  's3',
  'rds',
  'tagging',
  'commitments',
] as const;
export type SpecialistName = (typeof SPECIALIST_NAMES)[number];

/**
 * cost-analysis (total, breakdown, trend, compare, explain, explain_day) and forecasting
 * (forecast, anomalies) take the parser's plan as is: period, comparison, grouping, filters,
 * metric, budget. The skill id must match the plan's intent.
 */
export const costQuestionInput = parsedQuestionSchema;
export type CostQuestionInput = z.infer<typeof costQuestionInput>;

/**
 * ec2 / s3 / rds `savings`: the service's spend over `range` and its open recommendations
 * (largest saving first, at most `limit` shown), with the evidence the specialist read through
 * the MCP servers. `filters` narrow to accounts, regions or tags (service filters are implied).
 */
export const savingsInput = z.object({
  range: timeRangeSchema,
  filters: z.array(costFilterSchema).default([]),
  limit: z.number().int().min(1).max(50).default(5),
});
export type SavingsInput = z.infer<typeof savingsInput>;

/**
 * tagging `compliance`: share of spend and of resources carrying the required tags (or
 * `tagKeys` when given), the largest untagged resources, and the tagging recommendations.
 */
export const tagComplianceInput = z.object({
  range: timeRangeSchema,
  filters: z.array(costFilterSchema).default([]),
  tagKeys: z.array(z.string().min(1)).optional(),
  limit: z.number().int().min(1).max(50).default(5),
});
export type TagComplianceInput = z.infer<typeof tagComplianceInput>;

/**
 * commitments `coverage`: Savings Plans coverage and utilisation over `range`, and the purchase
 * recommendations (commitment type ones).
 */
export const commitmentsInput = z.object({
  range: timeRangeSchema,
  filters: z.array(costFilterSchema).default([]),
  limit: z.number().int().min(1).max(50).default(5),
});
export type CommitmentsInput = z.infer<typeof commitmentsInput>;
