import { z } from 'zod';
import { costQuerySchema } from './cost-query.ts';
import { dataSourceSchema } from './data-source.ts';
import { dimensionSchema } from './dimensions.ts';

/** Group key of one row: dimension → value. `null` means the value is absent (e.g. untagged). */
export const groupKeySchema = z.record(z.string(), z.string().nullable());
export type GroupKey = z.infer<typeof groupKeySchema>;

export const OTHER_GROUP = '(other)';

export const costRowSchema = z.object({
  /** Start day of the bucket (YYYY-MM-DD) for day / month granularity; absent for totals. */
  period: z.string().optional(),
  key: groupKeySchema,
  /** Display labels for key values that have a friendlier name (account id → account name). */
  labels: z.record(z.string(), z.string()).optional(),
  value: z.number(),
});
export type CostRow = z.infer<typeof costRowSchema>;

/** The engine's answer to a CostQuery. `total` is the sum over every row, "(other)" included. */
export const costTableSchema = z.object({
  query: costQuerySchema,
  dimensions: z.array(dimensionSchema),
  rows: z.array(costRowSchema),
  total: z.number(),
  currency: z.string(),
  source: dataSourceSchema,
});
export type CostTable = z.infer<typeof costTableSchema>;
