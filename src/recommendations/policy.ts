import { z } from 'zod';

/**
 * Thresholds the rules use, and the required-tag policy. Defaults follow AWS's own checks where
 * they exist (Trusted Advisor's idle instance: CPU ≤ 10 % and network ≤ 5 MB a day; Compute
 * Optimizer: 14 days of metrics and headroom) and are documented in src/recommendations/README.md.
 */
export const rulePolicySchema = z.object({
  /** Tag keys every resource and every dollar of spend should carry. */
  requiredTags: z.array(z.string().min(1)).min(1).default(['team', 'env', 'cost-center', 'owner']),
  /** Days of hourly metrics a rule needs before it speaks. */
  minimumMetricDays: z.number().int().positive().default(14),
  ec2: z
    .object({
      idleCpuP95: z.number().default(5),
      /** Network in + out per hour (bytes, p95) under which an instance counts as silent. */
      idleNetworkBytesPerHourP95: z.number().default(1_000_000),
      oversizedCpuP95: z.number().default(40),
      oversizedMemoryP95: z.number().default(50),
      /** The p95 a resized instance may reach: the rest is headroom for peaks. */
      targetCpuP95: z.number().default(60),
      targetMemoryP95: z.number().default(70),
    })
    .prefault({}),
  ebs: z
    .object({
      /** Snapshots older than this many days are worth a look. */
      oldSnapshotDays: z.number().int().positive().default(365),
    })
    .prefault({}),
  s3: z
    .object({
      /** GET requests per GB-month under which Standard data counts as rarely read. */
      coldGetsPerGbMonth: z.number().default(0.01),
      /** Buckets smaller than this are not worth a storage-class change. */
      minimumBucketGb: z.number().default(100),
      /** A class change whose one-off transition requests take longer than this to repay is not proposed. */
      maxPaybackMonths: z.number().positive().default(6),
    })
    .prefault({}),
  rds: z
    .object({
      idleDays: z.number().int().positive().default(7),
      oversizedCpuP95: z.number().default(30),
      targetCpuP95: z.number().default(60),
    })
    .prefault({}),
});
export type RulePolicy = z.output<typeof rulePolicySchema>;
export type RulePolicyInput = z.input<typeof rulePolicySchema>;

export const DEFAULT_RULE_POLICY: RulePolicy = rulePolicySchema.parse({});
