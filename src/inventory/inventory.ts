import type { TimeRange } from '../domain/index.ts';

/**
 * What exists and how busy it is: the evidence recommendation rules reason from. The embedded
 * implementation reads the DuckDB inventory tables; a live-AWS one (CloudWatch, Describe* APIs)
 * can sit behind the same interface.
 */
export const RESOURCE_TYPES = [
  'ec2_instance',
  'ebs_volume',
  'ebs_snapshot',
  's3_bucket',
  'rds_instance',
  'nat_gateway',
  'lambda_function',
  'dynamodb_table',
  'cloudfront_distribution',
] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export interface InventoryResource {
  resourceId: string;
  resourceName?: string | undefined;
  /** ServiceName as in the billing data, e.g. `Amazon Elastic Compute Cloud`. */
  service: string;
  resourceType: string;
  accountId: string;
  region: string;
  size?: string | undefined;
  state: string;
  attributes: Record<string, unknown>;
  tags: Record<string, string>;
  createdAt?: string | undefined;
}

export const UTILISATION_METRICS = [
  'cpu_percent',
  'memory_percent',
  'network_in_bytes',
  'network_out_bytes',
  'db_connections',
] as const;
export type UtilisationMetric = (typeof UTILISATION_METRICS)[number];

/** Hourly datapoints of one metric of one resource, summarised over a window. */
export interface MetricSummary {
  datapoints: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  /** First and last hour seen (ISO timestamps). */
  first: string;
  last: string;
  /** Last hour whose value was above zero, when any was (idle databases: "no connections since …"). */
  lastNonZero?: string | undefined;
}

/** Per resource id, per metric. */
export type UtilisationSummaries = Map<string, Partial<Record<UtilisationMetric, MetricSummary>>>;

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
  lastAccessed?: string | undefined;
}

export interface Inventory {
  resources(filter?: { resourceTypes?: readonly string[] }): Promise<InventoryResource[]>;
  /** Percentiles of every metric of the resources of these types over `window` (half-open days). */
  utilisation(input: { resourceTypes: readonly string[]; window: TimeRange }): Promise<UtilisationSummaries>;
  buckets(): Promise<BucketStats[]>;
  /** The last day with utilisation data (YYYY-MM-DD), or undefined when there is none. */
  lastMetricDay(): Promise<string | undefined>;
}
