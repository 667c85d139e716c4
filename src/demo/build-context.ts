import { addDays } from '../domain/time-range.ts';
import type { DemoAccount, DemoTags } from './accounts.ts';
import { PAYER_ACCOUNT } from './accounts.ts';
import type { DemoCalendar, DemoDay } from './calendar.ts';
import type { DemoStory } from './demo-manifest.ts';
import type { BucketStats, InventoryResource, Meter, SeriesColumns, UtilisationSource } from './model.ts';
import type { DemoRegion } from './prices.ts';
import { REGION_NAMES, USAGE_PREFIX } from './prices.ts';
import type { Prng } from './prng.ts';

export const SERVICES = {
  ec2: { name: 'Amazon Elastic Compute Cloud', code: 'AmazonEC2' },
  s3: { name: 'Amazon Simple Storage Service', code: 'AmazonS3' },
  rds: { name: 'Amazon Relational Database Service', code: 'AmazonRDS' },
  lambda: { name: 'AWS Lambda', code: 'AWSLambda' },
  cloudFront: { name: 'Amazon CloudFront', code: 'AmazonCloudFront' },
  dynamoDb: { name: 'Amazon DynamoDB', code: 'AmazonDynamoDB' },
  cloudWatch: { name: 'AmazonCloudWatch', code: 'AmazonCloudWatch' },
  vpc: { name: 'Amazon Virtual Private Cloud', code: 'AmazonVPC' },
  dataTransfer: { name: 'AWS Data Transfer', code: 'AWSDataTransfer' },
  savingsPlans: { name: 'Savings Plans for AWS Compute usage', code: 'ComputeSavingsPlans' },
} as const;

export type ServiceKey = keyof typeof SERVICES;

/** Everything the builders add to while they describe the organisation. */
export interface BuildContext {
  seed: number;
  /** Structure draws (ids, sizes): separate from the per-meter noise streams. */
  rng: Prng;
  calendar: DemoCalendar;
  /** Index of `now`'s day: one past the last day with data. */
  todayIndex: number;
  meters: Meter[];
  resources: InventoryResource[];
  utilisation: UtilisationSource[];
  buckets: BucketStats[];
  stories: DemoStory[];
  /** The planted-anomaly multiplier for a series on a day (1 when nothing is planted there). */
  anomalyFactor(columns: SeriesColumns, day: DemoDay): number;
}

/** AWS-style ids whose first three hex digits are 000, so copies for `scale` can rewrite them. */
export function resourceHexId(context: BuildContext, prefix: 'i' | 'vol' | 'snap' | 'nat'): string {
  return `${prefix}-000${context.rng.hex(14)}`;
}

export function usageType(region: DemoRegion, name: string): string {
  return region === 'us-east-1' ? name : `${USAGE_PREFIX[region]}${name}`;
}

export function availabilityZone(region: DemoRegion, index: number): string {
  return `${region}${'abc'[index % 3]}`;
}

export interface ColumnInput {
  account: DemoAccount;
  service: ServiceKey;
  category: string;
  region: DemoRegion | null;
  usageType: string;
  operation: string;
  description: string;
  pricingUnit: string;
  unitPrice: number;
  sku: string;
  resourceId?: string | null;
  resourceName?: string | null;
  resourceType?: string | null;
  zone?: string | null;
  tags?: DemoTags;
}

export function usageColumns(input: ColumnInput): SeriesColumns {
  return {
    SubAccountId: input.account.id,
    SubAccountName: input.account.name,
    ChargeCategory: 'Usage',
    ChargeClass: null,
    ChargeFrequency: 'Usage-Based',
    ChargeDescription: input.description,
    ServiceName: SERVICES[input.service].name,
    ServiceCategory: input.category,
    RegionId: input.region,
    RegionName: input.region ? REGION_NAMES[input.region] : null,
    AvailabilityZone: input.zone ?? null,
    ResourceId: input.resourceId ?? null,
    ResourceName: input.resourceName ?? null,
    ResourceType: input.resourceType ?? null,
    SkuId: input.sku,
    SkuPriceId: `${input.sku}.JRTCKXETXF.6YS6EN2CT7`,
    PricingCategory: 'Standard',
    PricingUnit: input.pricingUnit,
    ListUnitPrice: input.unitPrice,
    ContractedUnitPrice: input.unitPrice,
    ConsumedUnit: input.pricingUnit,
    CommitmentDiscountId: null,
    CommitmentDiscountType: null,
    CommitmentDiscountCategory: null,
    CommitmentDiscountStatus: null,
    x_ServiceCode: SERVICES[input.service].code,
    x_UsageType: input.usageType,
    x_Operation: input.operation,
    tags: input.tags ?? {},
  };
}

/** Compound monthly growth: `rate` 0.03 is +3 % a month. */
export function growth(day: DemoDay, rate: number): number {
  return (1 + rate) ** day.monthsElapsed;
}

/** Multiplicative day-to-day noise around 1, never below 0.2. */
export function jitter(rng: Prng, spread: number): number {
  return Math.max(0.2, 1 + spread * rng.normal());
}

export function dayOfIndex(context: BuildContext, index: number): string {
  const day = context.calendar.days[index];
  if (day) return day.date;
  // Before the period: resources that already existed when the data starts.
  const first = new Date(`${context.calendar.start}T00:00:00Z`).getTime();
  return new Date(first + index * 86_400_000).toISOString().slice(0, 10);
}

export const PAYER = PAYER_ACCOUNT;

export function addDaysTo(day: string, days: number): string {
  return addDays(day, days);
}
