import type { Inventory, InventoryResource } from '../../../src/inventory/index.ts';

/**
 * Finds inventory resources by the ids CloudWatch users write: instance ids (i-…), volume ids
 * (vol-…), DB instance identifiers (`orders-legacy-db`) or any of their ARNs. The inventory keys
 * RDS instances by ARN and EC2 resources by short id, so both forms are indexed.
 */
export interface ResourceResolver {
  resolve(id: string): InventoryResource | undefined;
}

export async function createResourceResolver(inventory: Inventory): Promise<ResourceResolver> {
  const resources = await inventory.resources();
  const byKey = new Map<string, InventoryResource>();
  const add = (key: string | undefined, resource: InventoryResource) => {
    if (key && !byKey.has(key)) byKey.set(key, resource);
  };
  for (const resource of resources) add(resource.resourceId, resource);
  for (const resource of resources) {
    add(shortId(resource.resourceId), resource);
    if (resource.resourceType === 'rds_instance') add(resource.resourceName, resource);
  }
  return {
    resolve: (id) => byKey.get(id) ?? byKey.get(shortId(id) ?? ''),
  };
}

/** `arn:aws:ec2:r:a:instance/i-1` → `i-1`; `arn:aws:rds:r:a:db:name` → `name`; other ids unchanged. */
function shortId(id: string): string | undefined {
  if (!id.startsWith('arn:')) return undefined;
  const rds = /:db:([^:/]+)$/.exec(id);
  if (rds) return rds[1];
  const slash = id.lastIndexOf('/');
  return slash >= 0 ? id.slice(slash + 1) : undefined;
}
