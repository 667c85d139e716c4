import { z } from 'zod';

/**
 * The parts of Cost Explorer's responses the backend reads (shapes from the ce-2017-10-25 API
 * model), in their JSON form. Amounts are decimal strings.
 */
const dateInterval = z.object({ Start: z.string(), End: z.string() });
const metricValue = z.object({ Amount: z.string().optional(), Unit: z.string().optional() });

export const getCostAndUsageResponse = z.object({
  ResultsByTime: z
    .array(
      z.object({
        TimePeriod: dateInterval,
        Total: z.record(z.string(), metricValue).optional(),
        Groups: z
          .array(
            z.object({
              Keys: z.array(z.string()).default([]),
              Metrics: z.record(z.string(), metricValue).default({}),
            }),
          )
          .default([]),
        Estimated: z.boolean().optional(),
      }),
    )
    .default([]),
  DimensionValueAttributes: z
    .array(
      z.object({ Value: z.string().optional(), Attributes: z.record(z.string(), z.string()).optional() }),
    )
    .default([]),
  NextPageToken: z.string().optional(),
});
export type GetCostAndUsageResponse = z.infer<typeof getCostAndUsageResponse>;

export const getCostForecastResponse = z.object({
  Total: metricValue.optional(),
  ForecastResultsByTime: z
    .array(
      z.object({
        TimePeriod: dateInterval.optional(),
        MeanValue: z.string().optional(),
        PredictionIntervalLowerBound: z.string().optional(),
        PredictionIntervalUpperBound: z.string().optional(),
      }),
    )
    .default([]),
});

export const getDimensionValuesResponse = z.object({
  DimensionValues: z
    .array(z.object({ Value: z.string(), Attributes: z.record(z.string(), z.string()).optional() }))
    .default([]),
  NextPageToken: z.string().optional(),
});

export const getTagsResponse = z.object({
  Tags: z.array(z.string()).default([]),
  NextPageToken: z.string().optional(),
});

const rootCause = z.object({
  Service: z.string().optional(),
  Region: z.string().optional(),
  LinkedAccount: z.string().optional(),
  LinkedAccountName: z.string().optional(),
  UsageType: z.string().optional(),
  Impact: z.object({ Contribution: z.number() }).optional(),
});

export const getAnomaliesResponse = z.object({
  Anomalies: z
    .array(
      z.object({
        AnomalyId: z.string(),
        AnomalyStartDate: z.string().optional(),
        AnomalyEndDate: z.string().optional(),
        DimensionValue: z.string().optional(),
        RootCauses: z.array(rootCause).default([]),
        AnomalyScore: z.object({ MaxScore: z.number(), CurrentScore: z.number() }),
        Impact: z.object({
          MaxImpact: z.number(),
          TotalImpact: z.number().optional(),
          TotalActualSpend: z.number().nullable().optional(),
          TotalExpectedSpend: z.number().nullable().optional(),
          TotalImpactPercentage: z.number().nullable().optional(),
        }),
        MonitorArn: z.string(),
      }),
    )
    .default([]),
  NextPageToken: z.string().optional(),
});
export type CeAnomaly = z.infer<typeof getAnomaliesResponse>['Anomalies'][number];

export const getSavingsPlansCoverageResponse = z.object({
  SavingsPlansCoverages: z
    .array(
      z.object({
        Attributes: z.record(z.string(), z.string()).default({}),
        Coverage: z
          .object({
            SpendCoveredBySavingsPlans: z.string().optional(),
            OnDemandCost: z.string().optional(),
            TotalCost: z.string().optional(),
            CoveragePercentage: z.string().optional(),
          })
          .default({}),
        TimePeriod: dateInterval.optional(),
      }),
    )
    .default([]),
  NextToken: z.string().optional(),
});

export const getSavingsPlansUtilizationResponse = z.object({
  Total: z.object({
    Utilization: z.object({
      TotalCommitment: z.string().optional(),
      UsedCommitment: z.string().optional(),
      UnusedCommitment: z.string().optional(),
      UtilizationPercentage: z.string().optional(),
    }),
    Savings: z
      .object({ NetSavings: z.string().optional(), OnDemandCostEquivalent: z.string().optional() })
      .optional(),
  }),
});
