import { z } from 'zod';
import { BASE_DIMENSIONS } from '../../src/domain/index.ts';
import {
  awsCallSchema,
  type CallOptions,
  daySchema,
  pageInputSchema,
  pageOutputSchema,
  provenanceSchema,
  rangeSchema,
} from './common.ts';

/**
 * The cost-explorer MCP server's tools: input and output schemas, and the backend port both the
 * embedded dataset and live Cost Explorer implement. Tool handlers validate, call the backend,
 * and turn errors into `isError` results; backends do the work.
 */

export const METRIC_NAMES = [
  'EffectiveCost',
  'BilledCost',
  'ListCost',
  'ContractedCost',
  'UnblendedCost',
  'AmortizedCost',
  'NetAmortizedCost',
] as const;
export const metricInputSchema = z
  .enum(METRIC_NAMES)
  .default('EffectiveCost')
  .describe(
    'EffectiveCost (amortized, net of discounts; default) = NetAmortizedCost; BilledCost = UnblendedCost; ListCost = public on-demand; AmortizedCost is taken as EffectiveCost.',
  );

const TAG_DIMENSION = /^tag:[A-Za-z0-9_.:/=+@\- ]{1,128}$/;
export const dimensionInputSchema = z
  .string()
  .refine((value) => (BASE_DIMENSIONS as readonly string[]).includes(value) || TAG_DIMENSION.test(value), {
    message: `a dimension is one of ${BASE_DIMENSIONS.join(', ')}, or tag:<key> such as tag:team`,
  })
  .describe(
    `One of ${BASE_DIMENSIONS.join(', ')} (sub_account = linked account), or tag:<key> (e.g. tag:team, tag:cost-center).`,
  );

export const filterInputSchema = z
  .object({
    dimension: dimensionInputSchema,
    op: z
      .enum(['in', 'not_in', 'missing', 'present'])
      .default('in')
      .describe(
        'in / not_in match values exactly (accounts by id or name); missing / present test a tag for absence.',
      ),
    values: z.array(z.string().min(1)).max(100).optional().describe('Required for in and not_in.'),
  })
  .refine(
    (filter) => (filter.op === 'in' || filter.op === 'not_in' ? (filter.values?.length ?? 0) > 0 : true),
    {
      message: 'in and not_in need at least one value in values',
    },
  );
export type FilterInput = z.infer<typeof filterInputSchema>;

const filtersField = z
  .array(filterInputSchema)
  .max(20)
  .default([])
  .describe(
    'All must match. Example: [{"dimension":"service","op":"in","values":["Amazon Elastic Compute Cloud"]}, {"dimension":"tag:team","op":"missing"}]',
  );

export const getCostAndUsageInput = z.object({
  period: rangeSchema,
  granularity: z.enum(['total', 'day', 'month']).default('month'),
  metric: metricInputSchema,
  group_by: z.array(dimensionInputSchema).max(2).default([]).describe('Up to two dimensions.'),
  filters: filtersField,
  ...pageInputSchema,
  ...awsCallSchema,
});
export type GetCostAndUsageInput = z.infer<typeof getCostAndUsageInput>;

export const costRowOutput = z.object({
  period_start: z.string().optional().describe('Bucket start day for day / month granularity.'),
  group: z
    .record(z.string(), z.string().nullable())
    .describe('Dimension → value; null = absent (e.g. untagged).'),
  label: z.string().optional().describe('Friendlier name, e.g. the account name for an account id.'),
  amount: z.number(),
});

export const getCostAndUsageOutput = z.object({
  rows: z.array(costRowOutput),
  total: z.number().describe('Sum over every row of the whole result, not only this page.'),
  row_count: z.number().int(),
  provenance: provenanceSchema,
  ...pageOutputSchema,
});
export type GetCostAndUsageOutput = z.infer<typeof getCostAndUsageOutput>;

export const comparePeriodsInput = z.object({
  current: rangeSchema,
  previous: rangeSchema.describe(
    'Any range: not only the month before. Ranges of different lengths are compared as totals.',
  ),
  metric: metricInputSchema,
  group_by: dimensionInputSchema.optional(),
  filters: filtersField,
  limit: z
    .number()
    .int()
    .min(1)
    .max(100)
    .default(10)
    .describe('Groups kept, largest absolute change first; the rest fold into "(other)".'),
  ...awsCallSchema,
});
export type ComparePeriodsInput = z.infer<typeof comparePeriodsInput>;

export const comparePeriodsOutput = z.object({
  current_total: z.number(),
  previous_total: z.number(),
  delta: z.number(),
  delta_percent: z.number().nullable(),
  rows: z.array(
    z.object({
      key: z.string().nullable(),
      label: z.string().optional(),
      previous: z.number(),
      current: z.number(),
      delta: z.number(),
    }),
  ),
  provenance: provenanceSchema,
});
export type ComparePeriodsOutput = z.infer<typeof comparePeriodsOutput>;

export const explainChangeInput = z.object({
  current: rangeSchema,
  previous: rangeSchema,
  metric: metricInputSchema,
  filters: filtersField,
  levels: z
    .array(dimensionInputSchema)
    .min(1)
    .max(4)
    .default(['service', 'sub_account', 'usage_type', 'resource'])
    .describe('Drill-down order, outermost first.'),
  top_per_level: z.number().int().min(1).max(10).default(3),
  ...awsCallSchema,
});
export type ExplainChangeInput = z.infer<typeof explainChangeInput>;

export interface DriverOutput {
  dimension: string;
  key: string | null;
  label?: string | undefined;
  previous: number;
  current: number;
  delta: number;
  is_other: boolean;
  children: DriverOutput[];
}
export const driverOutput: z.ZodType<DriverOutput> = z.lazy(() =>
  z.object({
    dimension: z.string(),
    key: z.string().nullable(),
    label: z.string().optional(),
    previous: z.number(),
    current: z.number(),
    delta: z.number(),
    is_other: z.boolean(),
    children: z.array(driverOutput),
  }),
);

export const explainChangeOutput = z.object({
  current_total: z.number(),
  previous_total: z.number(),
  delta: z.number(),
  drivers: z.array(driverOutput).describe('At every level the children sum exactly to the parent.'),
  provenance: provenanceSchema,
});
export type ExplainChangeOutput = z.infer<typeof explainChangeOutput>;

export const getCostForecastInput = z.object({
  period: rangeSchema.describe('The period to project, e.g. this month; days already past are actual spend.'),
  metric: metricInputSchema,
  filters: filtersField,
  group_by: dimensionInputSchema.optional().describe('Project each group separately (top 10).'),
  ...awsCallSchema,
});
export type GetCostForecastInput = z.infer<typeof getCostForecastInput>;

const intervalOutput = z.object({ low: z.number(), high: z.number() });
export const getCostForecastOutput = z.object({
  actual_to_date: z.number(),
  forecast_remaining: z.number(),
  total: z.number(),
  interval_80: intervalOutput,
  interval_95: intervalOutput,
  method: z.string(),
  groups: z
    .array(
      z.object({
        key: z.string().nullable(),
        label: z.string().optional(),
        total: z.number(),
        interval_80: intervalOutput,
      }),
    )
    .optional(),
  warnings: z.array(z.string()),
  provenance: provenanceSchema,
});
export type GetCostForecastOutput = z.infer<typeof getCostForecastOutput>;

export const getDimensionValuesInput = z.object({
  dimension: dimensionInputSchema,
  search: z.string().max(200).optional().describe('Case-insensitive substring.'),
  period: rangeSchema.optional().describe('Only values with spend in this range (default: all data).'),
  ...pageInputSchema,
  ...awsCallSchema,
});
export type GetDimensionValuesInput = z.infer<typeof getDimensionValuesInput>;

export const getDimensionValuesOutput = z.object({
  dimension: z.string(),
  values: z.array(z.object({ value: z.string(), label: z.string().optional() })),
  provenance: provenanceSchema,
  ...pageOutputSchema,
});
export type GetDimensionValuesOutput = z.infer<typeof getDimensionValuesOutput>;

export const getTagValuesInput = z.object({
  tag_key: z.string().min(1).max(128).optional().describe('Omit to list the tag keys.'),
  search: z.string().max(200).optional(),
  period: rangeSchema.optional(),
  ...pageInputSchema,
  ...awsCallSchema,
});
export type GetTagValuesInput = z.infer<typeof getTagValuesInput>;

export const getTagValuesOutput = z.object({
  tag_key: z.string().optional(),
  values: z.array(z.string()).describe('Tag values of tag_key, or the tag keys when tag_key was omitted.'),
  provenance: provenanceSchema,
  ...pageOutputSchema,
});
export type GetTagValuesOutput = z.infer<typeof getTagValuesOutput>;

export const getAnomaliesInput = z.object({
  period: rangeSchema,
  min_impact: z.number().min(0).default(0).describe('Smallest total impact in the currency to report.'),
  filters: filtersField,
  ...pageInputSchema,
  ...awsCallSchema,
});
export type GetAnomaliesInput = z.infer<typeof getAnomaliesInput>;

export const getAnomaliesOutput = z.object({
  anomalies: z.array(
    z.object({
      start: daySchema,
      end: daySchema.describe('Exclusive.'),
      dimension: z.string().describe('What was checked: service, sub_account or usage_type.'),
      key: z.string(),
      actual: z.number(),
      expected: z.number(),
      impact: z.number(),
      severity: z.string(),
      root_causes: z.array(
        z.object({ dimension: z.string(), key: z.string().nullable(), impact: z.number() }),
      ),
    }),
  ),
  provenance: provenanceSchema,
  ...pageOutputSchema,
});
export type GetAnomaliesOutput = z.infer<typeof getAnomaliesOutput>;

export const getSavingsPlansCoverageInput = z.object({ period: rangeSchema, ...awsCallSchema });
export type GetSavingsPlansCoverageInput = z.infer<typeof getSavingsPlansCoverageInput>;

export const getSavingsPlansCoverageOutput = z.object({
  coverage_percent: z.number().nullable(),
  covered_spend: z.number().describe('Eligible usage covered by Savings Plans, at on-demand rates.'),
  on_demand_spend: z.number().describe('Eligible usage not covered, at on-demand rates.'),
  by_family: z.array(
    z.object({
      family: z.string(),
      coverage_percent: z.number().nullable(),
      covered_spend: z.number(),
      on_demand_spend: z.number(),
    }),
  ),
  provenance: provenanceSchema,
});
export type GetSavingsPlansCoverageOutput = z.infer<typeof getSavingsPlansCoverageOutput>;

export const getSavingsPlansUtilizationInput = z.object({ period: rangeSchema, ...awsCallSchema });
export type GetSavingsPlansUtilizationInput = z.infer<typeof getSavingsPlansUtilizationInput>;

export const getSavingsPlansUtilizationOutput = z.object({
  utilization_percent: z.number().nullable(),
  total_commitment: z.number(),
  used_commitment: z.number(),
  unused_commitment: z.number(),
  net_savings: z.number().nullable().describe('On-demand equivalent minus what the plans cost, where known.'),
  provenance: provenanceSchema,
});
export type GetSavingsPlansUtilizationOutput = z.infer<typeof getSavingsPlansUtilizationOutput>;

/** The port behind the cost-explorer server. Inputs arrive validated and with defaults applied. */
export interface CostExplorerBackend {
  readonly kind: 'embedded' | 'aws';
  getCostAndUsage(input: GetCostAndUsageInput, options?: CallOptions): Promise<GetCostAndUsageOutput>;
  comparePeriods(input: ComparePeriodsInput, options?: CallOptions): Promise<ComparePeriodsOutput>;
  explainChange(input: ExplainChangeInput, options?: CallOptions): Promise<ExplainChangeOutput>;
  getCostForecast(input: GetCostForecastInput, options?: CallOptions): Promise<GetCostForecastOutput>;
  getDimensionValues(
    input: GetDimensionValuesInput,
    options?: CallOptions,
  ): Promise<GetDimensionValuesOutput>;
  getTagValues(input: GetTagValuesInput, options?: CallOptions): Promise<GetTagValuesOutput>;
  getAnomalies(input: GetAnomaliesInput, options?: CallOptions): Promise<GetAnomaliesOutput>;
  getSavingsPlansCoverage(
    input: GetSavingsPlansCoverageInput,
    options?: CallOptions,
  ): Promise<GetSavingsPlansCoverageOutput>;
  getSavingsPlansUtilization(
    input: GetSavingsPlansUtilizationInput,
    options?: CallOptions,
  ): Promise<GetSavingsPlansUtilizationOutput>;
}
