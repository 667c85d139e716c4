import { z } from 'zod';
import { chartRequestSchema } from './chart-request.ts';
import { costTableSchema } from './cost-table.ts';
import { factSchema } from './fact.ts';
import { recommendationSummarySchema } from './recommendation.ts';

/**
 * What the copilot says back. `text` is for people (Markdown-ish, one short paragraph and
 * bullets); every number in it also appears in `facts` with its provenance. `clarification`
 * is set instead of facts when the question could not be answered without guessing.
 */
export const answerSchema = z.object({
  question: z.string(),
  intent: z.string(),
  text: z.string(),
  /** One sentence saying which metric, period, filters and charge categories were used. */
  basis: z.string().optional(),
  facts: z.array(factSchema),
  tables: z.array(costTableSchema),
  charts: z.array(chartRequestSchema),
  recommendations: z.array(recommendationSummarySchema),
  followUps: z.array(z.string()),
  warnings: z.array(z.string()),
  clarification: z.object({ reason: z.string(), canAnswer: z.array(z.string()) }).optional(),
  /**
   * How the answer was made, when agents made it: the planner, the bus, each specialist call and
   * how it ended, and why the deterministic planner took over if it did. For logs and debugging;
   * adapters do not show it.
   */
  trace: z
    .object({
      planner: z.string(),
      bus: z.string(),
      calls: z.array(z.object({ agent: z.string(), skill: z.string(), state: z.string() })),
      fallback: z.string().optional(),
    })
    .optional(),
});
export type Answer = z.infer<typeof answerSchema>;
