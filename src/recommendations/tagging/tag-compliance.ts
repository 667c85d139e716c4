import type { CostFilter, CostTable, DataSource, Dimension, Metric, TimeRange } from '../../domain/index.ts';
import { daysBetween } from '../../domain/index.ts';
import type { InventoryResource } from '../../inventory/index.ts';
import type { RuleContext } from '../rule.ts';

/**
 * Spend that can carry a resource tag: usage. Purchases (commitment fees), tax and credits have no
 * resource and no tags in CUR or FOCUS, so counting them would make full compliance impossible.
 */
export const TAGGABLE_CHARGES = ['Usage'] as const;
/**
 * Amortised cost: a Savings Plan covered instance bills 0 on its own line (the plan's fee is
 * billed instead), so BilledCost would hide exactly the steady resources whose owner matters most.
 */
export const TAG_SPEND_METRIC: Metric = 'EffectiveCost';

export interface KeyCoverage {
  key: string;
  /** Spend whose rows lack the key (or carry it empty). */
  missingUsd: number;
  /** Share of taggable spend carrying the key, 0–1; null when there is no spend. */
  coverage: number | null;
}

export interface AccountServiceGap {
  accountId: string;
  accountName?: string | undefined;
  service: string;
  totalUsd: number;
  /** Spend missing at least one required key. */
  nonCompliantUsd: number;
}

export interface UntaggedResource {
  resourceId: string;
  resourceName?: string | undefined;
  accountId: string;
  service: string;
  region?: string | undefined;
  /** Required keys absent on at least one of the resource's rows in the window. */
  missingKeys: string[];
  /** The resource's spend in the window missing at least one required key. */
  nonCompliantUsd: number;
  /** Its tags as the inventory knows them, when the inventory knows it. */
  tags: Record<string, string>;
  inventory?: InventoryResource | undefined;
}

export interface TagComplianceReport {
  requiredTags: string[];
  window: TimeRange;
  metric: Metric;
  chargeCategories: string[];
  spend: {
    totalUsd: number;
    compliantUsd: number;
    nonCompliantUsd: number;
    /** Spend carrying none of the required keys: wholly unallocated. */
    untaggedUsd: number;
    /** compliant / total, 0–1; null when there is no taggable spend. */
    compliance: number | null;
    byKey: KeyCoverage[];
    /** Non-compliant spend on rows without a resource id (cannot be tagged resource by resource). */
    withoutResourceUsd: number;
  };
  /** Non-compliant spend per account and service, largest first; only pairs with some. */
  byAccountService: AccountServiceGap[];
  resources: {
    total: number;
    compliant: number;
    compliance: number | null;
    byKey: { key: string; missing: number }[];
  };
  /** Resources with non-compliant spend, largest first, at most `topResources`. */
  topUntaggedResources: UntaggedResource[];
  source: DataSource;
  notes: string[];
}

export interface TagComplianceOptions {
  /** How many untagged resources to list (default 20). */
  topResources?: number;
}

function tagDimension(key: string): Dimension {
  return `tag:${key}`;
}

/**
 * Compliance of spend and of resources against the policy's required tags, from the cost engine
 * (spend) and the inventory (resources). A row or resource complies when it carries every
 * required key with a non-empty value.
 */
export async function tagComplianceReport(
  context: RuleContext,
  options: TagComplianceOptions = {},
): Promise<TagComplianceReport> {
  const requiredTags = [...context.policy.requiredTags];
  const window = context.spendWindow;
  const chargeCategories = [...TAGGABLE_CHARGES];
  const allPresent: CostFilter[] = requiredTags.map((key) => ({
    dimension: tagDimension(key),
    op: 'present',
  }));
  const allMissing: CostFilter[] = requiredTags.map((key) => ({
    dimension: tagDimension(key),
    op: 'missing',
  }));
  const run = (groupBy: Dimension[], filters: CostFilter[] = []): Promise<CostTable> =>
    context.engine.query({ range: window, groupBy, filters, metric: TAG_SPEND_METRIC, chargeCategories });

  const [
    untaggedTotal,
    totalByAccount,
    compliantByAccount,
    totalByResource,
    compliantByResource,
    serviceByResource,
    regionByResource,
    ...missingByKey
  ] = await Promise.all([
    run([], allMissing),
    run(['sub_account', 'service']),
    run(['sub_account', 'service'], allPresent),
    run(['resource', 'sub_account']),
    run(['resource', 'sub_account'], allPresent),
    run(['resource', 'service']),
    run(['resource', 'region']),
    ...requiredTags.map((key) => run(['resource'], [{ dimension: tagDimension(key), op: 'missing' }])),
  ]);

  const totalUsd = totalByAccount.total;
  const compliantUsd = compliantByAccount.total;
  const byKey = requiredTags.map((key, index) => {
    const missingUsd = missingByKey[index]?.total ?? 0;
    return { key, missingUsd, coverage: totalUsd === 0 ? null : (totalUsd - missingUsd) / totalUsd };
  });

  const compliantPairs = new Map(
    compliantByAccount.rows.map((row) => [pairKey(row.key.sub_account, row.key.service), row.value]),
  );
  const byAccountService: AccountServiceGap[] = totalByAccount.rows
    .map((row) => {
      const accountId = row.key.sub_account ?? '';
      const service = row.key.service ?? '';
      const nonCompliantUsd = row.value - (compliantPairs.get(pairKey(accountId, service)) ?? 0);
      return {
        accountId,
        accountName: context.accountNames.get(accountId) ?? row.labels?.sub_account,
        service,
        totalUsd: row.value,
        nonCompliantUsd,
      };
    })
    .filter((gap) => gap.nonCompliantUsd > 0.005)
    .sort((a, b) => b.nonCompliantUsd - a.nonCompliantUsd || a.accountId.localeCompare(b.accountId));

  const inventory = await context.inventory.resources();
  const inventoryById = new Map(inventory.map((resource) => [resource.resourceId, resource]));
  const serviceOf = firstKeyByResource(serviceByResource, 'service');
  const regionOf = firstKeyByResource(regionByResource, 'region');
  const missingKeysOf = new Map<string, string[]>();
  requiredTags.forEach((key, index) => {
    for (const row of missingByKey[index]?.rows ?? []) {
      const id = row.key.resource;
      if (id) missingKeysOf.set(id, [...(missingKeysOf.get(id) ?? []), key]);
    }
  });
  const compliantResource = new Map(
    compliantByResource.rows.map((row) => [pairKey(row.key.resource, row.key.sub_account), row.value]),
  );
  let withoutResourceUsd = 0;
  const untagged: UntaggedResource[] = [];
  for (const row of totalByResource.rows) {
    const nonCompliantUsd =
      row.value - (compliantResource.get(pairKey(row.key.resource, row.key.sub_account)) ?? 0);
    if (nonCompliantUsd <= 0.005) continue;
    const resourceId = row.key.resource;
    if (!resourceId) {
      withoutResourceUsd += nonCompliantUsd;
      continue;
    }
    const known = inventoryById.get(resourceId);
    untagged.push({
      resourceId,
      resourceName: known?.resourceName ?? row.labels?.resource,
      accountId: row.key.sub_account ?? known?.accountId ?? '',
      service: serviceOf.get(resourceId) ?? known?.service ?? '',
      region: regionOf.get(resourceId) ?? known?.region,
      missingKeys: missingKeysOf.get(resourceId) ?? [],
      nonCompliantUsd,
      tags: known?.tags ?? {},
      inventory: known,
    });
  }
  untagged.sort((a, b) => b.nonCompliantUsd - a.nonCompliantUsd || a.resourceId.localeCompare(b.resourceId));

  const compliantResources = inventory.filter((resource) => requiredTags.every((key) => resource.tags[key]));
  const notes: string[] = [];
  const days = daysBetween(window.start, window.end);
  notes.push(
    `Spend is ${TAG_SPEND_METRIC} of usage charges over ${window.start} – ${window.end} (${days} days); purchases, tax and credits carry no resource tags and are left out.`,
  );
  if (withoutResourceUsd > 0.005)
    notes.push(
      `$${withoutResourceUsd.toFixed(2)} of non-compliant spend has no resource id (e.g. data transfer or requests billed to the account) and cannot be fixed by tagging a resource.`,
    );
  if (inventory.length === 0)
    notes.push('The inventory is empty: resource compliance and suggested tag values are unavailable.');

  return {
    requiredTags,
    window,
    metric: TAG_SPEND_METRIC,
    chargeCategories,
    spend: {
      totalUsd,
      compliantUsd,
      nonCompliantUsd: totalUsd - compliantUsd,
      untaggedUsd: untaggedTotal.total,
      compliance: totalUsd === 0 ? null : compliantUsd / totalUsd,
      byKey,
      withoutResourceUsd,
    },
    byAccountService,
    resources: {
      total: inventory.length,
      compliant: compliantResources.length,
      compliance: inventory.length === 0 ? null : compliantResources.length / inventory.length,
      byKey: requiredTags.map((key) => ({
        key,
        missing: inventory.filter((resource) => !resource.tags[key]).length,
      })),
    },
    topUntaggedResources: untagged.slice(0, options.topResources ?? 20),
    source: totalByAccount.source,
    notes,
  };
}

function pairKey(first: string | null | undefined, second: string | null | undefined): string {
  return `${first ?? ''}\u0000${second ?? ''}`;
}

/** Resource → its value of `dimension` with the most spend (a resource lives in one region and service). */
function firstKeyByResource(table: CostTable, dimension: Dimension): Map<string, string> {
  const result = new Map<string, string>();
  for (const row of table.rows) {
    const id = row.key.resource;
    const value = row.key[dimension];
    if (id && value && !result.has(id)) result.set(id, value);
  }
  return result;
}
