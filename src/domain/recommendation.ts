import { z } from 'zod';

/**
 * The slice of a recommendation an Answer carries. The recommendations issue owns the full
 * model (evidence, prices, decisions); answers only need enough to render a card.
 */
export const recommendationSummarySchema = z.object({
  id: z.string(),
  type: z.string(),
  title: z.string(),
  service: z.string(),
  account: z.string().optional(),
  region: z.string().optional(),
  resourceId: z.string().optional(),
  estimatedMonthlySavings: z.number(),
  currency: z.string().default('USD'),
  status: z.enum(['open', 'approved', 'dismissed', 'snoozed']).default('open'),
});
export type RecommendationSummary = z.infer<typeof recommendationSummarySchema>;
