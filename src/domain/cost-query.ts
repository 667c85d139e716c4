import { z } from 'zod';
import { dimensionSchema } from './dimensions.ts';
import { DEFAULT_METRIC, metricSchema } from './metric.ts';
import { granularitySchema, timeRangeSchema } from './time-range.ts';

/** FOCUS charge categories. */
export const CHARGE_CATEGORIES = ['Usage', 'Purchase', 'Tax', 'Credit', 'Adjustment'] as const;
export const chargeCategorySchema = z.enum(CHARGE_CATEGORIES);
export type ChargeCategory = z.infer<typeof chargeCategorySchema>;

/**
 * A filter on one dimension. `in` / `not_in` match values exactly (accounts match by id or
 * name, services by ServiceName); `missing` / `present` test a tag for being absent or empty,
 * which is how "untagged spend" is asked.
 */
export const costFilterSchema = z.discriminatedUnion('op', [
  z.object({ dimension: dimensionSchema, op: z.literal('in'), values: z.array(z.string()).min(1) }),
  z.object({ dimension: dimensionSchema, op: z.literal('not_in'), values: z.array(z.string()).min(1) }),
  z.object({ dimension: dimensionSchema, op: z.literal('missing') }),
  z.object({ dimension: dimensionSchema, op: z.literal('present') }),
]);
export type CostFilter = z.infer<typeof costFilterSchema>;

/**
 * The question the cost engine answers: one metric over a half-open time range, optionally
 * bucketed by day or month and grouped by up to two dimensions, with filters.
 * `chargeCategories` limits which FOCUS charge categories count; by default all of them do
 * (usage, purchases, tax, credits, adjustments), as on an invoice.
 */
export const costQuerySchema = z.object({
  range: timeRangeSchema,
  granularity: granularitySchema.default('total'),
  groupBy: z.array(dimensionSchema).max(2).default([]),
  filters: z.array(costFilterSchema).default([]),
  metric: metricSchema.default(DEFAULT_METRIC),
  chargeCategories: z.array(chargeCategorySchema).min(1).optional(),
  /** Keep the top N groups (by total over the range) and fold the rest into "Other". */
  limit: z.number().int().positive().max(1000).optional(),
});
export type CostQuery = z.output<typeof costQuerySchema>;
export type CostQueryInput = z.input<typeof costQuerySchema>;
