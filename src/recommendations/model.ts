import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * The recommendation model: what to do, why (evidence a skeptical engineer can check), what it
 * saves (priced from a named list price with its date), and how to do it.
 */

export const RECOMMENDATION_TYPES = [
  'ec2-idle',
  'ec2-rightsize',
  'ec2-graviton',
  'ec2-previous-generation',
  'ebs-gp2-to-gp3',
  'ebs-unattached',
  'ebs-old-snapshot',
  's3-storage-class',
  's3-lifecycle-missing',
  'rds-idle',
  'rds-rightsize',
  'rds-gp2-to-gp3',
  'tag-missing',
  'savings-plan-purchase',
] as const;
export const recommendationTypeSchema = z.enum(RECOMMENDATION_TYPES);
export type RecommendationType = z.infer<typeof recommendationTypeSchema>;

export const RECOMMENDATION_SOURCES = [
  'copilot',
  'trusted-advisor',
  'compute-optimizer',
  'cost-optimization-hub',
  'cloudhealth',
  'cloudability',
  'spot',
] as const;
export const recommendationSourceSchema = z.enum(RECOMMENDATION_SOURCES);

export const RECOMMENDATION_STATUSES = ['open', 'approved', 'dismissed', 'snoozed'] as const;
export const recommendationStatusSchema = z.enum(RECOMMENDATION_STATUSES);
export type RecommendationStatus = z.infer<typeof recommendationStatusSchema>;

export const levelSchema = z.enum(['low', 'medium', 'high']);
export type Level = z.infer<typeof levelSchema>;

/** One measured fact behind a recommendation: "CPU p95 3.1 % over 2026-10-25 – 2026-11-23". */
export const evidenceSchema = z.object({
  /** What was measured, e.g. `CPU p95`, `GET requests (30 days)`, `size`. */
  name: z.string(),
  value: z.number(),
  /** `%`, `bytes/s`, `GiB`, `requests`, `connections`, `days`, `objects`, `USD` … */
  unit: z.string(),
  /** Half-open day range the value covers, where it is a statistic over time. */
  window: z.object({ start: z.string(), end: z.string() }).optional(),
  /** How many datapoints the statistic is built from (hours, for hourly metrics). */
  datapoints: z.number().int().optional(),
  /** The threshold the rule compared the value with, e.g. `< 5 %`. */
  threshold: z.string().optional(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

/** A list price a saving was computed from, with where and when it was published. */
export const priceUsedSchema = z.object({
  /** What the price is for: `EC2 r5.2xlarge Linux on-demand`, `EBS gp3 storage`. */
  item: z.string(),
  region: z.string(),
  usd: z.number(),
  /** `hour`, `GB-month`, `IOPS-month`, `MiBps-month`, `object-month`. */
  unit: z.string(),
  /** The snapshot it came from and the feed's publication date (YYYY-MM-DD). */
  source: z.string(),
  sourceDate: z.string(),
  /** AWS's SKU.offerTerm.rateCode where the feed gives one, to join back to the Price List API. */
  rateCode: z.string().optional(),
});
export type PriceUsed = z.infer<typeof priceUsedSchema>;

export const configurationSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
export type Configuration = z.infer<typeof configurationSchema>;

export const RECOMMENDATION_ID_PATTERN = /^rec-[0-9a-f]{16}$/;

export const recommendationSchema = z.object({
  /** `rec-` + 16 hex of sha256(type, account, resource): a re-run finds the same item. */
  id: z.string().regex(RECOMMENDATION_ID_PATTERN),
  type: recommendationTypeSchema,
  /**
   * Alternatives for the same thing share a group (idle vs rightsize vs Graviton for one
   * instance); totals count only the best of each group.
   */
  group: z.string(),
  service: z.string(),
  accountId: z.string(),
  accountName: z.string().optional(),
  region: z.string(),
  resourceId: z.string(),
  resourceName: z.string().optional(),
  title: z.string(),
  rationale: z.string(),
  evidence: z.array(evidenceSchema),
  current: configurationSchema,
  proposed: configurationSchema,
  /** List-price cost of the resource as it is today, per month (730 hours). */
  currentMonthlyCost: z.number().nullable(),
  /** Null when a price the saving needs is missing from the snapshot (see `warnings`). */
  estimatedMonthlySavings: z.number().nullable(),
  /** How the saving was computed, in words and numbers. */
  savingsBasis: z.string(),
  pricesUsed: z.array(priceUsedSchema),
  effort: levelSchema,
  risk: levelSchema,
  steps: z.object({ console: z.array(z.string()), cli: z.array(z.string()) }),
  source: recommendationSourceSchema,
  status: recommendationStatusSchema,
  /** Things a reader should know: a missing price, a short metrics window. */
  warnings: z.array(z.string()),
  /** When the rule ran (ISO timestamp) and over which data. */
  generatedAt: z.string(),
  tags: z.record(z.string(), z.string()),
});
export type Recommendation = z.infer<typeof recommendationSchema>;

/** The stable id of the recommendation of `type` for `resourceId` in `accountId`. */
export function recommendationId(type: RecommendationType, accountId: string, resourceId: string): string {
  const digest = createHash('sha256').update(`${type}\u0000${accountId}\u0000${resourceId}`).digest('hex');
  return `rec-${digest.slice(0, 16)}`;
}

/** AWS prices instances and monthly fees over 730 hours a month (8760 / 12). */
export const HOURS_PER_MONTH = 730;

/** Money to the cent, for figures shown and compared; sums are taken before rounding. */
export function roundUsd(value: number): number {
  return Math.round(value * 100) / 100;
}
