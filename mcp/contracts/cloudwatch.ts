import { z } from 'zod';
import {
  awsCallSchema,
  type CallOptions,
  pageInputSchema,
  pageOutputSchema,
  provenanceSchema,
  rangeSchema,
} from './common.ts';

/**
 * The cloudwatch MCP server's tools. Metric names are CloudWatch's (CPUUtilization, NetworkIn,
 * DatabaseConnections …); the embedded dataset maps them onto its hourly utilisation table.
 */

export const METRIC_NAMES_BY_RESOURCE = {
  ec2: ['CPUUtilization', 'mem_used_percent', 'NetworkIn', 'NetworkOut'],
  rds: ['CPUUtilization', 'DatabaseConnections'],
  ebs: ['VolumeReadOps', 'VolumeWriteOps', 'VolumeIdleTime'],
} as const;

export const STATISTICS = ['Average', 'Maximum', 'Minimum', 'Sum', 'SampleCount'] as const;
export const PERCENTILE_PATTERN = /^p(\d{1,2}(\.\d{1,2})?|100)$/;

export const getMetricDataInput = z.object({
  resource_ids: z
    .array(z.string().min(1).max(2048))
    .min(1)
    .max(50)
    .describe('Instance ids (i-…), DB instance identifiers or ARNs, volume ids (vol-…). Up to 50.'),
  metric: z
    .string()
    .min(1)
    .max(255)
    .describe(
      'CloudWatch metric name: CPUUtilization, NetworkIn, NetworkOut, mem_used_percent (CloudWatch agent), DatabaseConnections, VolumeReadOps …',
    ),
  period: rangeSchema,
  period_seconds: z
    .number()
    .int()
    .refine((value) => value >= 60 && value % 60 === 0, {
      message: 'period_seconds is a multiple of 60, e.g. 3600 or 86400',
    })
    .default(3600),
  statistics: z.array(z.enum(STATISTICS)).max(5).default(['Average', 'Maximum']),
  percentiles: z
    .array(z.string().regex(PERCENTILE_PATTERN, 'percentiles are written p50, p95, p99.9'))
    .max(5)
    .default([])
    .describe('Extended statistics, e.g. ["p95"].'),
  ...pageInputSchema,
  ...awsCallSchema,
});
export type GetMetricDataInput = z.infer<typeof getMetricDataInput>;

export const getMetricDataOutput = z.object({
  series: z.array(
    z.object({
      resource_id: z.string(),
      statistic: z.string().describe('Average, Maximum … or a percentile such as p95.'),
      unit: z.string(),
      points: z.array(z.object({ timestamp: z.string(), value: z.number() })),
    }),
  ),
  messages: z.array(z.string()).describe('Resources or metrics with no data, and why.'),
  provenance: provenanceSchema,
  ...pageOutputSchema,
});
export type GetMetricDataOutput = z.infer<typeof getMetricDataOutput>;

export const getUtilizationSummaryInput = z.object({
  resource_type: z.enum(['ec2', 'rds', 'ebs']),
  period: rangeSchema.optional().describe('Default: the last 14 days of data.'),
  resource_ids: z
    .array(z.string().min(1))
    .max(500)
    .optional()
    .describe('Default: every resource of the type.'),
  sort_by: z.enum(['cpu_p95_asc', 'cpu_p95_desc', 'resource_id']).default('cpu_p95_asc'),
  ...pageInputSchema,
  ...awsCallSchema,
});
export type GetUtilizationSummaryInput = z.infer<typeof getUtilizationSummaryInput>;

const statsOutput = z.object({
  p50: z.number(),
  p95: z.number(),
  max: z.number(),
  datapoints: z.number().int(),
});

export const getUtilizationSummaryOutput = z.object({
  resources: z.array(
    z.object({
      resource_id: z.string(),
      name: z.string().optional(),
      type: z.string().optional().describe('Instance type / DB class / volume type.'),
      account_id: z.string().optional(),
      region: z.string().optional(),
      metrics: z
        .record(z.string(), statsOutput)
        .describe('CloudWatch metric name → p50 / p95 / max over the window.'),
    }),
  ),
  window: z.object({ start: z.string(), end: z.string() }),
  messages: z
    .array(z.string())
    .optional()
    .describe(
      'Resources or metrics with no data in the window, and why (e.g. no EBS metrics in the dataset).',
    ),
  provenance: provenanceSchema,
  ...pageOutputSchema,
});
export type GetUtilizationSummaryOutput = z.infer<typeof getUtilizationSummaryOutput>;

export interface CloudWatchBackend {
  readonly kind: 'embedded' | 'aws';
  getMetricData(input: GetMetricDataInput, options?: CallOptions): Promise<GetMetricDataOutput>;
  getUtilizationSummary(
    input: GetUtilizationSummaryInput,
    options?: CallOptions,
  ): Promise<GetUtilizationSummaryOutput>;
}
