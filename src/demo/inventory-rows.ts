import type { BuildContext } from './build-context.ts';
import { csvRow } from './csv.ts';
import { createPrng, deriveSeed } from './prng.ts';

/** Days of hourly utilisation kept in the inventory, ending yesterday. */
export const UTILISATION_DAYS = 30;

export interface InventoryRows {
  resources: string[];
  utilisation: string[];
  buckets: string[];
}

/** CSV rows (with headers) for the three inventory tables. */
export function buildInventoryRows(context: BuildContext): InventoryRows {
  const resources = [
    csvRow([
      'resource_id',
      'resource_name',
      'service',
      'resource_type',
      'account_id',
      'region',
      'size',
      'state',
      'attributes',
      'tag_team',
      'tag_env',
      'tag_cost_center',
      'tag_owner',
      'created_at',
    ]),
  ];
  for (const resource of context.resources) {
    resources.push(
      csvRow([
        resource.resourceId,
        resource.resourceName,
        resource.service,
        resource.resourceType,
        resource.accountId,
        resource.region,
        resource.size,
        resource.state,
        JSON.stringify(resource.attributes),
        resource.tags.team,
        resource.tags.env,
        resource.tags['cost-center'],
        resource.tags.owner,
        resource.createdAt,
      ]),
    );
  }
  const utilisation = ['resource_id,ts,metric,value'];
  const days = context.calendar.days.slice(
    Math.max(0, context.todayIndex - UTILISATION_DAYS),
    context.todayIndex,
  );
  const hourStamps = days.map((day) =>
    Array.from({ length: 24 }, (_, hour) => `${day.date} ${String(hour).padStart(2, '0')}:00:00`),
  );
  for (const source of context.utilisation) {
    const rng = createPrng(deriveSeed(context.seed, source.stream));
    days.forEach((day, dayOffset) => {
      const stamps = hourStamps[dayOffset] ?? [];
      source.emit(day, rng, (hour, metric, value) => {
        utilisation.push(`${source.resourceId},${stamps[hour]},${metric},${Math.round(value * 100) / 100}`);
      });
    });
  }
  const buckets = [
    'bucket,account_id,region,storage_class,size_bytes,object_count,get_requests_30d,put_requests_30d,lifecycle_rules,last_accessed',
  ];
  for (const bucket of context.buckets) {
    buckets.push(
      csvRow([
        bucket.bucket,
        bucket.accountId,
        bucket.region,
        bucket.storageClass,
        bucket.sizeBytes,
        bucket.objectCount,
        bucket.getRequests30d,
        bucket.putRequests30d,
        bucket.lifecycleRules,
        bucket.lastAccessed,
      ]),
    );
  }
  return { resources, utilisation, buckets };
}
