import type { Database } from '../store/database.ts';
import { INVENTORY_SCHEMA_SQL } from '../store/inventory-schema.ts';
import type {
  BucketStats,
  Inventory,
  InventoryResource,
  MetricSummary,
  UtilisationMetric,
  UtilisationSummaries,
} from './inventory.ts';

interface ResourceRow {
  resource_id: string;
  resource_name: string | null;
  service: string;
  resource_type: string;
  account_id: string;
  region: string;
  size: string | null;
  state: string;
  attributes: string;
  tags: string;
  created_at: string | null;
}

interface SummaryRow {
  resource_id: string;
  metric: UtilisationMetric;
  datapoints: number;
  q: number[];
  max: number;
  mean: number;
  first: string;
  last: string;
  last_non_zero: string | null;
}

/** The inventory tables of the embedded database (filled by the demo, or by a future inventory import). */
export function createDuckDbInventory({ db }: { db: Database }): Inventory {
  // A database holding only ingested billing exports has no inventory tables yet: create them
  // empty, so rules find nothing instead of failing.
  let ready: Promise<void> | undefined;
  const ensureTables = () => {
    ready ??= db.run(INVENTORY_SCHEMA_SQL);
    return ready;
  };
  return {
    async resources(filter = {}) {
      await ensureTables();
      const types = filter.resourceTypes;
      const where = types && types.length > 0 ? `WHERE resource_type IN (${placeholders(types.length)})` : '';
      const rows = await db.all<ResourceRow>(
        `SELECT resource_id, resource_name, service, resource_type, account_id, region, size, state,
           CAST(attributes AS VARCHAR) AS attributes, CAST(to_json(tags) AS VARCHAR) AS tags,
           strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at
         FROM resources ${where} ORDER BY resource_id`,
        types ? [...types] : [],
      );
      return rows.map(toResource);
    },

    async utilisation({ resourceTypes, window }) {
      await ensureTables();
      // One pass over the hourly table: exact percentiles (one sort per group for all three) per
      // resource and metric, for the resources of the asked types.
      const rows = await db.all<SummaryRow>(
        `SELECT resource_id, metric, count(*) AS datapoints,
           quantile_cont(value, [0.5, 0.95, 0.99]) AS q, max(value) AS max, avg(value) AS mean,
           strftime(min(ts), '%Y-%m-%dT%H:%M:%SZ') AS first, strftime(max(ts), '%Y-%m-%dT%H:%M:%SZ') AS last,
           strftime(max(ts) FILTER (WHERE value > 0), '%Y-%m-%dT%H:%M:%SZ') AS last_non_zero
         FROM utilization_hourly
         WHERE resource_id IN (SELECT resource_id FROM resources WHERE resource_type IN (${placeholders(resourceTypes.length)}))
           AND ts >= CAST(? AS TIMESTAMP) AND ts < CAST(? AS TIMESTAMP)
         GROUP BY resource_id, metric`,
        [...resourceTypes, window.start, window.end],
      );
      const summaries: UtilisationSummaries = new Map();
      for (const row of rows) {
        let entry = summaries.get(row.resource_id);
        if (!entry) {
          entry = {};
          summaries.set(row.resource_id, entry);
        }
        const summary: MetricSummary = {
          datapoints: row.datapoints,
          p50: row.q[0] ?? Number.NaN,
          p95: row.q[1] ?? Number.NaN,
          p99: row.q[2] ?? Number.NaN,
          max: row.max,
          mean: row.mean,
          first: row.first,
          last: row.last,
          lastNonZero: row.last_non_zero ?? undefined,
        };
        entry[row.metric] = summary;
      }
      return summaries;
    },

    async buckets() {
      await ensureTables();
      const rows = await db.all<{
        bucket: string;
        account_id: string;
        region: string;
        storage_class: string;
        size_bytes: number;
        object_count: number;
        get_requests_30d: number;
        put_requests_30d: number;
        lifecycle_rules: number;
        last_accessed: string | null;
      }>(
        `SELECT bucket, account_id, region, storage_class, size_bytes, object_count, get_requests_30d,
           put_requests_30d, lifecycle_rules, strftime(last_accessed, '%Y-%m-%dT%H:%M:%SZ') AS last_accessed
         FROM s3_bucket_stats ORDER BY bucket, storage_class`,
      );
      return rows.map(
        (row): BucketStats => ({
          bucket: row.bucket,
          accountId: row.account_id,
          region: row.region,
          storageClass: row.storage_class,
          sizeBytes: row.size_bytes,
          objectCount: row.object_count,
          getRequests30d: row.get_requests_30d,
          putRequests30d: row.put_requests_30d,
          lifecycleRules: row.lifecycle_rules,
          lastAccessed: row.last_accessed ?? undefined,
        }),
      );
    },

    async lastMetricDay() {
      await ensureTables();
      const [row] = await db.all<{ day: string | null }>(
        `SELECT strftime(max(ts), '%Y-%m-%d') AS day FROM utilization_hourly`,
      );
      return row?.day ?? undefined;
    },
  };
}

function placeholders(count: number): string {
  return Array.from({ length: Math.max(count, 1) }, () => '?').join(', ');
}

function toResource(row: ResourceRow): InventoryResource {
  const attributes = JSON.parse(row.attributes) as Record<string, unknown>;
  const tags: Record<string, string> = {};
  const parsedTags = JSON.parse(row.tags) as Record<string, string | null> | null;
  for (const [key, value] of Object.entries(parsedTags ?? {}))
    if (value !== null && value !== '') tags[key] = value;
  return {
    resourceId: row.resource_id,
    resourceName: row.resource_name ?? undefined,
    service: row.service,
    resourceType: row.resource_type,
    accountId: row.account_id,
    region: row.region,
    size: row.size ?? undefined,
    state: row.state,
    attributes,
    tags,
    createdAt: row.created_at ?? undefined,
  };
}
