import { z } from 'zod';
import {
  chartRequestSchema,
  costTableSchema,
  factSchema,
  recommendationSummarySchema,
} from '../../src/domain/index.ts';

/**
 * What a specialist returns for one skill call: prose written by code (every number in it is one
 * of `facts`, rendered with src/questions/format.ts), the facts with their provenance, tables,
 * chart requests (rendered by the adapters), recommendation summaries for cards, and warnings.
 * It travels as the `findings` data part of the task's artifact.
 */
export const findingsSchema = z.object({
  /** Which question kind it answers: `breakdown`, `forecast`, `ec2-savings`, `tag-compliance` … */
  intent: z.string(),
  /** One short paragraph (Markdown-ish, bullets allowed). */
  summary: z.string(),
  /** One sentence saying which metric, period, filters and data the figures use. */
  basis: z.string().optional(),
  facts: z.array(factSchema).default([]),
  tables: z.array(costTableSchema).default([]),
  charts: z.array(chartRequestSchema).default([]),
  recommendations: z.array(recommendationSummarySchema).default([]),
  followUps: z.array(z.string()).default([]),
  warnings: z.array(z.string()).default([]),
});
export type Findings = z.infer<typeof findingsSchema>;
export type FindingsInput = z.input<typeof findingsSchema>;

/** The artifact id and data-part key findings travel under on the A2A bus. */
export const FINDINGS_ARTIFACT = 'findings';
