import { z } from 'zod';
import { chargeCategorySchema, costFilterSchema } from './cost-query.ts';
import { groupKeySchema } from './cost-table.ts';
import { dataSourceSchema } from './data-source.ts';
import { METRICS } from './metric.ts';
import { timeRangeSchema } from './time-range.ts';

/**
 * One number in an answer, with everything needed to check it: what was measured (metric),
 * over which period, with which filters and group key, from which data. Numbers in answer
 * text are always rendered from facts; no number is ever typed by a model.
 */
export const factSchema = z.object({
  id: z.string(),
  label: z.string(),
  value: z.number(),
  unit: z.enum(['USD', 'percent', 'count', 'ratio']).or(z.string()),
  metric: z.enum(METRICS).optional(),
  period: timeRangeSchema,
  filters: z.array(costFilterSchema).default([]),
  groupKey: groupKeySchema.optional(),
  chargeCategories: z.array(chargeCategorySchema).optional(),
  source: dataSourceSchema,
});
export type Fact = z.infer<typeof factSchema>;
