import { z } from 'zod';

/**
 * The slice of a recommendation an Answer carries: enough to render a card with Approve and
 * Dismiss (title, savings, one line of evidence, effort and risk). The full model (evidence with
 * windows, prices, steps, decisions) lives in src/recommendations and is looked up by `id`.
 */
export const recommendationSummarySchema = z.object({
  id: z.string(),
  type: z.string(),
  title: z.string(),
  service: z.string(),
  account: z.string().optional(),
  accountName: z.string().optional(),
  region: z.string().optional(),
  resourceId: z.string().optional(),
  resourceName: z.string().optional(),
  estimatedMonthlySavings: z.number(),
  currency: z.string().default('USD'),
  status: z.enum(['open', 'approved', 'dismissed', 'snoozed']).default('open'),
  effort: z.enum(['low', 'medium', 'high']).optional(),
  risk: z.enum(['low', 'medium', 'high']).optional(),
  /** One line a person can check, e.g. `CPU p95 1.8 % over 30 days (threshold < 5 %)`. */
  evidence: z.string().optional(),
});
export type RecommendationSummary = z.infer<typeof recommendationSummarySchema>;
