import type { DemoTags } from './accounts.ts';
import type { DemoDay } from './calendar.ts';
import type { Prng } from './prng.ts';

/** The descriptive FOCUS columns shared by every row of one series (one resource × one usage type). */
export interface SeriesColumns {
  SubAccountId: string;
  SubAccountName: string;
  ChargeCategory: 'Usage' | 'Purchase' | 'Tax' | 'Credit';
  ChargeClass: string | null;
  ChargeFrequency: 'Usage-Based' | 'Recurring' | 'One-Time';
  ChargeDescription: string;
  ServiceName: string;
  ServiceCategory: string;
  RegionId: string | null;
  RegionName: string | null;
  AvailabilityZone: string | null;
  ResourceId: string | null;
  ResourceName: string | null;
  ResourceType: string | null;
  SkuId: string | null;
  SkuPriceId: string | null;
  PricingCategory: 'Standard' | 'Committed' | null;
  PricingUnit: string | null;
  ListUnitPrice: number | null;
  ContractedUnitPrice: number | null;
  ConsumedUnit: string | null;
  CommitmentDiscountId: string | null;
  CommitmentDiscountType: string | null;
  CommitmentDiscountCategory: string | null;
  CommitmentDiscountStatus: string | null;
  x_ServiceCode: string;
  x_UsageType: string | null;
  x_Operation: string | null;
  tags: DemoTags;
}

/**
 * One metered usage stream. `quantity` is called once per day in order, with the meter's own
 * PRNG stream; it returns the consumed (= priced) quantity, 0 for no row.
 */
export interface Meter {
  stream: string;
  columns: SeriesColumns;
  unitPrice: number;
  quantity(day: DemoDay, rng: Prng): number;
  /** Set when a Compute Savings Plan covers this usage: the SP's hourly rate for it. */
  savingsPlanRate?: number;
}

/** A row of the `resources` inventory table. */
export interface InventoryResource {
  resourceId: string;
  resourceName: string;
  service: string;
  resourceType:
    | 'ec2_instance'
    | 'ebs_volume'
    | 'ebs_snapshot'
    | 's3_bucket'
    | 'rds_instance'
    | 'nat_gateway'
    | 'lambda_function'
    | 'dynamodb_table'
    | 'cloudfront_distribution';
  accountId: string;
  region: string;
  size: string | null;
  state: string;
  attributes: Record<string, string | number | boolean | null>;
  tags: DemoTags;
  createdAt: string;
}

export interface BucketStats {
  bucket: string;
  accountId: string;
  region: string;
  storageClass: string;
  sizeBytes: number;
  objectCount: number;
  getRequests30d: number;
  putRequests30d: number;
  lifecycleRules: number;
  lastAccessed: string;
}

/** Hourly metric generator for one resource over the inventory window. */
export interface UtilisationSource {
  resourceId: string;
  stream: string;
  /** Writes one value per (hour, metric) the resource reported; hours are 0-based within the day. */
  emit(
    day: DemoDay,
    rng: Prng,
    write: (hour: number, metric: UtilisationMetric, value: number) => void,
  ): void;
}

export type UtilisationMetric =
  | 'cpu_percent'
  | 'memory_percent'
  | 'network_in_bytes'
  | 'network_out_bytes'
  | 'db_connections';
