import { z } from 'zod';
import { chargeCategorySchema, costFilterSchema } from '../../domain/cost-query.ts';
import { dimensionSchema } from '../../domain/dimensions.ts';
import { METRICS } from '../../domain/metric.ts';
import { timeRangeSchema } from '../../domain/time-range.ts';

/**
 * What the data contains, built by the caller from the billing data. The parser resolves names
 * against it so that every filter value it emits is a value that exists in the data.
 */
export const catalogSchema = z.object({
  services: z.array(
    z.object({ name: z.string(), code: z.string().optional(), category: z.string().optional() }),
  ),
  accounts: z.array(z.object({ id: z.string(), name: z.string().optional() })),
  regions: z.array(z.string()),
  tagKeys: z.array(z.string()),
  tagValues: z.record(z.string(), z.array(z.string())),
  usageTypes: z.array(z.string()).optional(),
  /** First day of data and the day after the last one. */
  dataRange: timeRangeSchema.optional(),
});
export type Catalog = z.infer<typeof catalogSchema>;

export const INTENTS = [
  'total',
  'breakdown',
  'trend',
  'compare',
  'explain',
  'forecast',
  'anomalies',
  'explain_day',
  'help',
  'clarify',
] as const;
export const intentSchema = z.enum(INTENTS);
export type Intent = z.infer<typeof intentSchema>;

export const clarificationSchema = z.object({ reason: z.string(), canAnswer: z.array(z.string()) });
export type Clarification = z.infer<typeof clarificationSchema>;

/**
 * The structured plan for one question. `range` is always present so callers need no special
 * case; for `help` and `clarify` it is the default period (month to date) and carries no meaning.
 *
 * Per intent:
 * - `forecast`: `target` is the whole period to project; `range` is the part of it already known
 *   (target start to today inclusive), or, when the target has not started, the 8 weeks before
 *   today as the basis. `budget` (USD) is set when the question names one; `compareTo` when it
 *   asks for a comparison with a finished period.
 * - `total` may carry `budget` too: a budget question about a period that is already over is
 *   answered with the actual spend against the budget.
 * - `anomalies`: `range` is where to look; `groupBy` is service, sub_account or usage_type or absent.
 * - `explain_day`: `day` is the day in question, `range` is that one day, `compareTo` the 7 days
 *   before it as the usual level.
 */
export const parsedQuestionSchema = z.object({
  intent: intentSchema,
  range: timeRangeSchema,
  compareTo: timeRangeSchema.optional(),
  groupBy: dimensionSchema.optional(),
  limit: z.number().int().positive().max(1000).optional(),
  granularity: z.enum(['day', 'month']).optional(),
  filters: z.array(costFilterSchema),
  metric: z.enum(METRICS).optional(),
  chargeCategories: z.array(chargeCategorySchema).min(1).optional(),
  /** A budget in USD named in the question ("50k" = 50000). */
  budget: z.number().positive().optional(),
  /** For forecasts: the whole period to project. */
  target: timeRangeSchema.optional(),
  /** For explain_day: the day in question, YYYY-MM-DD. */
  day: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  assumptions: z.array(z.string()),
  clarification: clarificationSchema.optional(),
});
export type ParsedQuestion = z.infer<typeof parsedQuestionSchema>;

export interface ParseContext {
  /** The current UTC day, YYYY-MM-DD. Injected so that answers are reproducible. */
  today: string;
  catalog: Catalog;
}
