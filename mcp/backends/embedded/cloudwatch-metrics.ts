import type { UtilisationMetric } from '../../../src/inventory/index.ts';
import { METRIC_NAMES_BY_RESOURCE } from '../../contracts/cloudwatch.ts';

/**
 * CloudWatch metric names and what the embedded dataset holds for them. The hourly table keeps
 * one value per resource, metric and hour: a percentage for CPU and memory, bytes moved in the
 * hour for the network, open connections for databases.
 */
export interface DatasetMetric {
  column: UtilisationMetric;
  unit: 'Percent' | 'Bytes' | 'Count';
}

export const DATASET_METRICS: Readonly<Record<string, DatasetMetric>> = {
  CPUUtilization: { column: 'cpu_percent', unit: 'Percent' },
  mem_used_percent: { column: 'memory_percent', unit: 'Percent' },
  NetworkIn: { column: 'network_in_bytes', unit: 'Bytes' },
  NetworkOut: { column: 'network_out_bytes', unit: 'Bytes' },
  DatabaseConnections: { column: 'db_connections', unit: 'Count' },
};

/** Every metric name the tools accept: the dataset's and the ones only live CloudWatch answers. */
export const KNOWN_METRIC_NAMES: readonly string[] = [
  ...new Set(Object.values(METRIC_NAMES_BY_RESOURCE).flat()),
];

export type MetricLookup =
  | { kind: 'dataset'; name: string; metric: DatasetMetric }
  | { kind: 'not-in-dataset'; name: string }
  | { kind: 'unknown'; name: string; suggestion?: string | undefined };

export function lookUpMetric(name: string): MetricLookup {
  const metric = DATASET_METRICS[name];
  if (metric) return { kind: 'dataset', name, metric };
  if (KNOWN_METRIC_NAMES.includes(name)) return { kind: 'not-in-dataset', name };
  // CloudWatch names are case-sensitive; a model that writes `cpuutilization` meant CPUUtilization.
  const suggestion = KNOWN_METRIC_NAMES.find((known) => known.toLowerCase() === name.toLowerCase());
  return { kind: 'unknown', name, suggestion };
}

/** Which dataset metrics each inventory type reports, for "why is there no data" messages. */
export const METRICS_BY_INVENTORY_TYPE: Readonly<Record<string, readonly string[]>> = {
  ec2_instance: METRIC_NAMES_BY_RESOURCE.ec2,
  rds_instance: METRIC_NAMES_BY_RESOURCE.rds,
  ebs_volume: METRIC_NAMES_BY_RESOURCE.ebs,
  nat_gateway: ['NetworkIn', 'NetworkOut'],
};

export const DATASET_METRIC_LIST = Object.keys(DATASET_METRICS).join(', ');
