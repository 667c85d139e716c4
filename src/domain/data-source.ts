import { z } from 'zod';

/** Where a figure came from: the demo organisation, an ingested export, or a live API. */
export const dataSourceSchema = z.object({
  kind: z.enum(['demo', 'export', 'aws-api']),
  /** For people: "demo organisation (seed 42)", "FOCUS 1.0 export, 3 files". */
  name: z.string(),
  /** Latest charge day the data covers (YYYY-MM-DD), when known. */
  dataThrough: z.string().optional(),
  currency: z.string().default('USD'),
});
export type DataSource = z.infer<typeof dataSourceSchema>;
