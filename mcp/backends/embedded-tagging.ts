import type { DataSource } from '../../src/domain/index.ts';
import type { CostEngine } from '../../src/engine/index.ts';
import { FinopsError } from '../../src/errors.ts';
import type { Inventory } from '../../src/inventory/index.ts';
import {
  createTagSuggester,
  resourceArn,
  TAG_SPEND_METRIC,
  TAGGABLE_CHARGES,
  tagComplianceReport,
} from '../../src/recommendations/tagging/index.ts';
import type { Database } from '../../src/store/database.ts';
import type { Provenance } from '../contracts/common.ts';
import type {
  GetResourcesInput,
  GetResourcesOutput,
  GetTagComplianceInput,
  GetTagComplianceOutput,
  GetTagKeysInput,
  GetTagKeysOutput,
  GetTagValuesForKeyInput,
  GetTagValuesForKeyOutput,
  GetUntaggedResourcesInput,
  GetUntaggedResourcesOutput,
  TaggingBackend,
} from '../contracts/tagging.ts';
import { taggingRuleContext } from './embedded/tagging-context.ts';
import { resourceTypeMatcher, taggingTypeOf } from './embedded/tagging-resource-types.ts';
import { paginate } from './page-token.ts';

export interface EmbeddedTaggingOptions {
  db: Database;
  engine: CostEngine;
  inventory: Inventory;
  /** The configured policy (Config.requiredTags); a call may override it. */
  requiredTags: readonly string[];
  now: () => Date;
}

/** Every resource with spend missing a required key: the report lists them all, the tool pages. */
const ALL_RESOURCES = Number.MAX_SAFE_INTEGER;

/**
 * The tagging tools over the embedded dataset: resources and their tags from the inventory, tag
 * compliance of spend (the billing rows' tags) and of resources from the same report the
 * `tag-missing` recommendation rule uses, so the chat, the rule and the tools agree.
 */
export function createEmbeddedTaggingBackend({
  db,
  engine,
  inventory,
  requiredTags,
  now,
}: EmbeddedTaggingOptions): TaggingBackend {
  const provenance = async (details: Partial<Provenance>): Promise<Provenance> => {
    const source = await engine.source();
    return { ...fromSource(source), ...details };
  };
  const report = async (input: {
    required_tags?: string[] | undefined;
    period?: { start: string; end: string } | undefined;
  }) => {
    const context = await taggingRuleContext({
      engine,
      inventory,
      requiredTags: input.required_tags ?? requiredTags,
      period: input.period,
      now: now(),
    });
    return tagComplianceReport(context, { topResources: ALL_RESOURCES });
  };

  return {
    kind: 'embedded',

    async getResources(input: GetResourcesInput): Promise<GetResourcesOutput> {
      const matchesType = resourceTypeMatcher(input.resource_types);
      const rows = (await inventory.resources())
        .map((resource) => ({
          resource_arn: resourceArn({ ...resource, inventory: resource }).arn,
          resource_id: resource.resourceId,
          resource_type: taggingTypeOf(resource.resourceType),
          account_id: resource.accountId,
          region: resource.region,
          ...(resource.resourceName ? { name: resource.resourceName } : {}),
          tags: resource.tags,
        }))
        .filter(
          (row) =>
            matchesType(row.resource_type) &&
            input.tag_filters.every((filter) => {
              const value = row.tags[filter.key];
              if (value === undefined) return false;
              return !filter.values || filter.values.length === 0 || filter.values.includes(value);
            }),
        )
        .sort((a, b) => (a.resource_arn < b.resource_arn ? -1 : a.resource_arn > b.resource_arn ? 1 : 0));
      const page = paginate(rows, input, {
        tool: 'get_resources',
        tag_filters: input.tag_filters,
        resource_types: input.resource_types,
      });
      const base = await provenance({});
      return {
        resources: page.page,
        provenance: {
          ...base,
          source: `${base.source}: inventory resources and their tags`,
          filters: [...input.tag_filters, ...input.resource_types.map((type) => ({ resource_type: type }))],
        },
        truncated: page.truncated,
        ...(page.next_page_token ? { next_page_token: page.next_page_token } : {}),
      };
    },

    async getTagCompliance(input: GetTagComplianceInput): Promise<GetTagComplianceOutput> {
      const found = await report(input);
      return {
        required_tags: found.requiredTags,
        spend: {
          total: cents(found.spend.totalUsd),
          compliant: cents(found.spend.compliantUsd),
          compliance_percent: percent(found.spend.compliance),
          by_key: found.spend.byKey.map((key) => ({
            key: key.key,
            tagged_spend: cents(found.spend.totalUsd - key.missingUsd),
            percent: percent(key.coverage),
          })),
        },
        resources: {
          total: found.resources.total,
          compliant: found.resources.compliant,
          compliance_percent: percent(found.resources.compliance),
        },
        untagged_by_account_service: found.byAccountService.map((gap) => ({
          account_id: gap.accountId,
          ...(gap.accountName ? { account_name: gap.accountName } : {}),
          service: gap.service,
          spend: cents(gap.nonCompliantUsd),
        })),
        provenance: await provenance({
          metric: found.metric,
          period: found.window,
          filters: [
            { charge_category: found.chargeCategories },
            ...found.requiredTags.map((key) => ({ tag: key, op: 'present' })),
          ],
        }),
      };
    },

    async getUntaggedResources(input: GetUntaggedResourcesInput): Promise<GetUntaggedResourcesOutput> {
      const found = await report(input);
      const page = paginate(found.topUntaggedResources, input, {
        tool: 'get_untagged_resources',
        required_tags: found.requiredTags,
        window: found.window,
      });
      const suggest = createTagSuggester(page.page.length > 0 ? await inventory.resources() : []);
      const resources = page.page.map((resource) => {
        const suggestions = suggest(
          {
            resourceId: resource.resourceId,
            resourceName: resource.resourceName,
            accountId: resource.accountId,
            tags: resource.tags,
            attributes: resource.inventory?.attributes,
          },
          resource.missingKeys,
        );
        return {
          resource_id: resource.resourceId,
          ...(resource.resourceName ? { name: resource.resourceName } : {}),
          ...(resource.accountId ? { account_id: resource.accountId } : {}),
          ...(resource.service ? { service: resource.service } : {}),
          spend: cents(resource.nonCompliantUsd),
          missing_tags: resource.missingKeys,
          ...(suggestions.length > 0
            ? {
                suggested_tags: Object.fromEntries(
                  suggestions.map((suggestion) => [suggestion.key, suggestion.value]),
                ),
              }
            : {}),
        };
      });
      return {
        resources,
        provenance: await provenance({
          metric: found.metric,
          period: found.window,
          filters: [
            { charge_category: [...TAGGABLE_CHARGES] },
            ...found.requiredTags.map((key) => ({ tag: key, op: 'missing on some rows' })),
          ],
        }),
        truncated: page.truncated,
        ...(page.next_page_token ? { next_page_token: page.next_page_token } : {}),
      };
    },

    async getTagKeys(input: GetTagKeysInput): Promise<GetTagKeysOutput> {
      const keys = await tagKeys(engine, inventory);
      const page = paginate(keys, input, { tool: 'get_tag_keys' });
      const base = await provenance({});
      return {
        keys: page.page,
        provenance: {
          ...base,
          source: `${base.source}: tag keys of the inventory resources and billing rows`,
        },
        truncated: page.truncated,
        ...(page.next_page_token ? { next_page_token: page.next_page_token } : {}),
      };
    },

    async getTagValues(input: GetTagValuesForKeyInput): Promise<GetTagValuesForKeyOutput> {
      const values = await tagValues(db, engine, inventory, input.key);
      if (values.length === 0) {
        const keys = await tagKeys(engine, inventory);
        const nearest = keys.find((key) => key.toLowerCase() === input.key.toLowerCase());
        throw new FinopsError(
          'finops_invalid_input',
          `no resource or billing row carries the tag key "${input.key}"${nearest ? ` (did you mean "${nearest}"? keys are case-sensitive)` : ''}: call get_tag_keys for the keys in use (${keys.slice(0, 20).join(', ')})`,
        );
      }
      const page = paginate(values, input, { tool: 'get_tag_values', key: input.key });
      const base = await provenance({});
      return {
        key: input.key,
        values: page.page,
        provenance: {
          ...base,
          source: `${base.source}: values of ${input.key} on the inventory resources and billing rows`,
        },
        truncated: page.truncated,
        ...(page.next_page_token ? { next_page_token: page.next_page_token } : {}),
      };
    },
  };
}

function fromSource(source: DataSource): Provenance {
  return {
    source: source.name,
    kind: source.kind,
    ...(source.dataThrough ? { data_through: source.dataThrough } : {}),
    currency: source.currency,
    metric: TAG_SPEND_METRIC,
  };
}

function cents(value: number): number {
  return Math.round(value * 100) / 100;
}

function percent(share: number | null): number | null {
  return share === null ? null : Math.round(share * 10_000) / 100;
}

/** Keys with a non-empty value on a resource or a billing row, sorted. */
async function tagKeys(engine: CostEngine, inventory: Inventory): Promise<string[]> {
  const [catalog, resources] = await Promise.all([engine.catalog(), inventory.resources()]);
  const keys = new Set(catalog.tagKeys);
  for (const resource of resources) for (const key of Object.keys(resource.tags)) keys.add(key);
  return [...keys].sort();
}

/**
 * Every distinct non-empty value of `key`, sorted. Billing values come from `tag_sets` (the
 * distinct tag maps of the line items) rather than the catalog, which keeps only 200 per key.
 */
async function tagValues(
  db: Database,
  engine: CostEngine,
  inventory: Inventory,
  key: string,
): Promise<string[]> {
  // The catalog builds the tag index (tag_sets) when the data changed.
  const [, resources] = await Promise.all([engine.catalog(), inventory.resources()]);
  const rows = await db.all<{ value: string }>(
    `SELECT DISTINCT value FROM (
       SELECT unnest(map_keys(tags)) AS key, unnest(map_values(tags)) AS value FROM tag_sets
     ) WHERE key = ? AND value IS NOT NULL AND value <> ''`,
    [key],
  );
  const values = new Set(rows.map((row) => row.value));
  for (const resource of resources) {
    const value = resource.tags[key];
    if (value) values.add(value);
  }
  return [...values].sort();
}
