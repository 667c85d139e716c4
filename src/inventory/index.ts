export { createDuckDbInventory } from './duckdb-inventory.ts';
export type {
  BucketStats,
  Inventory,
  InventoryResource,
  MetricSummary,
  ResourceType,
  UtilisationMetric,
  UtilisationSummaries,
} from './inventory.ts';
export { RESOURCE_TYPES, UTILISATION_METRICS } from './inventory.ts';
