import {
  GetResourcesCommand,
  type GetResourcesCommandInput,
  GetTagKeysCommand,
  type GetTagKeysCommandInput,
  GetTagValuesCommand,
  type GetTagValuesCommandInput,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { z } from 'zod';
import { paginate, queryFingerprint } from '../../mcp/backends/page-token.ts';
import type { CallOptions, DayRange, Provenance } from '../../mcp/contracts/common.ts';
import type {
  GetResourcesOutput,
  GetTagComplianceOutput,
  GetUntaggedResourcesOutput,
  TaggingBackend,
} from '../../mcp/contracts/tagging.ts';
import { FinopsError } from '../../src/errors.ts';
import { type AwsCaller, callOptionsFor } from './aws-caller.ts';
import { addDays, money, toDay } from './aws-values.ts';
import { combine } from './cost-explorer-mapping.ts';
import { type CostReader, createCostReader, DEFAULT_MAX_ROWS } from './cost-explorer-reader.ts';

export interface AwsTaggingBackendOptions {
  caller: AwsCaller;
  now: () => Date;
  /** The tag policy: keys every resource should carry. */
  requiredTags: string[];
  /** Most resources read for a compliance report; default 10 000. */
  maxResources?: number | undefined;
}

/** The Tagging API's largest page. */
export const RESOURCES_PER_PAGE = 100;
const DEFAULT_SPEND_WINDOW_DAYS = 30;
/** The embedded backend's default metric: amortized, net of discounts. */
const SPEND_METRIC = 'NetAmortizedCost';
const SOURCE = 'AWS Resource Groups Tagging API (live)';
const ONLY_TAGGED_NOTE =
  'the Tagging API lists only resources that carry or once carried a tag, so never-tagged resources are not counted';

const getResourcesResponse = z.object({
  ResourceTagMappingList: z
    .array(
      z.object({
        ResourceARN: z.string(),
        Tags: z.array(z.object({ Key: z.string(), Value: z.string().default('') })).default([]),
      }),
    )
    .default([]),
  PaginationToken: z.string().optional(),
});

const getTagKeysResponse = z.object({
  TagKeys: z.array(z.string()).default([]),
  PaginationToken: z.string().optional(),
});

const getTagValuesResponse = z.object({
  TagValues: z.array(z.string()).default([]),
  PaginationToken: z.string().optional(),
});

type Resource = GetResourcesOutput['resources'][number];

/** arn:partition:service:region:account:resource, where resource is `type/id`, `type:id` or an id. */
export function parseResourceArn(arn: string): Omit<Resource, 'tags' | 'name'> {
  const [, , service = '', region = '', account = '', ...rest] = arn.split(':');
  const resource = rest.join(':');
  const typed = /^([^/:]+)[/:](.+)$/.exec(resource);
  return {
    resource_arn: arn,
    resource_id: typed?.[2] ?? resource,
    resource_type: typed?.[1] ? `${service}:${typed[1]}` : service,
    ...(account ? { account_id: account } : {}),
    ...(region ? { region } : {}),
  };
}

function toResource(
  mapping: z.infer<typeof getResourcesResponse>['ResourceTagMappingList'][number],
): Resource {
  const tags = Object.fromEntries(mapping.Tags.map((tag) => [tag.Key, tag.Value]));
  const name = tags.Name;
  return { ...parseResourceArn(mapping.ResourceARN), ...(name ? { name } : {}), tags };
}

function missingTags(resource: Resource, required: string[]): string[] {
  return required.filter((key) => (resource.tags[key] ?? '').trim() === '');
}

interface PagePosition {
  /** The Tagging API's PaginationToken of the page to read next; undefined = the first. */
  token: string | undefined;
  /** Resources of that page already returned. */
  skip: number;
}

/**
 * Our page token for get_resources: where in the Tagging API's pages the next page starts, bound to
 * the query like the embedded tokens, so no full listing is ever held in memory.
 */
function encodePosition(position: PagePosition, query: unknown): string {
  return Buffer.from(
    JSON.stringify({ t: position.token ?? null, s: position.skip, q: queryFingerprint(query) }),
    'utf8',
  ).toString('base64url');
}

const positionSchema = z.object({ t: z.string().nullable(), s: z.number().int().min(0), q: z.string() });

function decodePosition(token: string | undefined, query: unknown): PagePosition {
  if (token === undefined) return { token: undefined, skip: 0 };
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const parsed = positionSchema.safeParse(decoded);
  if (!parsed.success || parsed.data.q !== queryFingerprint(query)) {
    throw new FinopsError(
      'finops_invalid_input',
      'page_token does not belong to this query: pass the next_page_token of the previous call with the same arguments, or omit it to start again',
    );
  }
  return { token: parsed.data.t ?? undefined, skip: parsed.data.s };
}

/**
 * The tagging port over the Resource Groups Tagging API (resources, keys, values) and Cost
 * Explorer (spend by tag presence: GetCostAndUsage grouped by TAG, with ABSENT filters).
 */
export function createAwsTaggingBackend(options: AwsTaggingBackendOptions): TaggingBackend {
  const { caller } = options;
  const maxResources = options.maxResources ?? DEFAULT_MAX_ROWS;
  const readCosts: CostReader = createCostReader({ caller, maxRows: DEFAULT_MAX_ROWS });

  function provenance(extra: Partial<Provenance> & { cached: boolean }): Provenance {
    return { source: SOURCE, kind: 'aws-api', currency: 'USD', ...extra };
  }

  async function readResourcePage(request: GetResourcesCommandInput, callOptions: CallOptions) {
    return caller.call({
      service: 'tag',
      operation: 'GetResources',
      input: request,
      options: callOptions,
      schema: getResourcesResponse,
      send: (clients, target, signal) =>
        clients.tagging(target).send(new GetResourcesCommand(request), signal ? { abortSignal: signal } : {}),
    });
  }

  /** Every resource (up to maxResources) through PaginationToken. */
  async function readAllResources(callOptions: CallOptions) {
    const resources: Resource[] = [];
    let cached = true;
    let token: string | undefined;
    let capped = false;
    do {
      const page = await readResourcePage(
        { ResourcesPerPage: RESOURCES_PER_PAGE, ...(token ? { PaginationToken: token } : {}) },
        callOptions,
      );
      cached &&= page.cached;
      resources.push(...page.output.ResourceTagMappingList.map(toResource));
      token = page.output.PaginationToken || undefined;
      if (resources.length >= maxResources && token) capped = true;
    } while (token && !capped);
    return { resources: resources.slice(0, maxResources), cached, capped };
  }

  /** GetTagKeys / GetTagValues through every page. */
  async function readStrings(
    operation: 'GetTagKeys' | 'GetTagValues',
    key: string | undefined,
    callOptions: CallOptions,
  ) {
    const values: string[] = [];
    let cached = true;
    let token: string | undefined;
    do {
      const pagination = token ? { PaginationToken: token } : {};
      if (operation === 'GetTagKeys') {
        const request: GetTagKeysCommandInput = pagination;
        const result = await caller.call({
          service: 'tag',
          operation,
          input: request,
          options: callOptions,
          schema: getTagKeysResponse,
          send: (clients, target, signal) =>
            clients
              .tagging(target)
              .send(new GetTagKeysCommand(request), signal ? { abortSignal: signal } : {}),
        });
        cached &&= result.cached;
        values.push(...result.output.TagKeys);
        token = result.output.PaginationToken || undefined;
      } else {
        const request: GetTagValuesCommandInput = { Key: key, ...pagination };
        const result = await caller.call({
          service: 'tag',
          operation,
          input: request,
          options: callOptions,
          schema: getTagValuesResponse,
          send: (clients, target, signal) =>
            clients
              .tagging(target)
              .send(new GetTagValuesCommand(request), signal ? { abortSignal: signal } : {}),
        });
        cached &&= result.cached;
        values.push(...result.output.TagValues);
        token = result.output.PaginationToken || undefined;
      }
    } while (token && values.length < maxResources);
    return { values: values.sort(), cached };
  }

  function spendWindow(period: DayRange | undefined): DayRange {
    if (period) return period;
    const today = toDay(options.now());
    return { start: addDays(today, -DEFAULT_SPEND_WINDOW_DAYS), end: today };
  }

  return {
    kind: 'aws',

    async getResources(input, given) {
      const callOptions = callOptionsFor(input, given);
      const query = {
        tool: 'get_resources',
        tag_filters: input.tag_filters,
        resource_types: input.resource_types,
        region: callOptions.region,
        role_arn: callOptions.roleArn,
      };
      let position = decodePosition(input.page_token, query);
      const resources: Resource[] = [];
      let cached = true;
      let next: PagePosition | undefined;
      for (;;) {
        const request: GetResourcesCommandInput = {
          ResourcesPerPage: RESOURCES_PER_PAGE,
          ...(input.tag_filters.length > 0
            ? {
                TagFilters: input.tag_filters.map((filter) => ({
                  Key: filter.key,
                  ...(filter.values ? { Values: filter.values } : {}),
                })),
              }
            : {}),
          ...(input.resource_types.length > 0 ? { ResourceTypeFilters: input.resource_types } : {}),
          ...(position.token ? { PaginationToken: position.token } : {}),
        };
        const page = await readResourcePage(request, callOptions);
        cached &&= page.cached;
        const available = page.output.ResourceTagMappingList.slice(position.skip);
        const room = input.limit - resources.length;
        if (available.length > room) {
          resources.push(...available.slice(0, room).map(toResource));
          next = { token: position.token, skip: position.skip + room };
          break;
        }
        resources.push(...available.map(toResource));
        const token = page.output.PaginationToken || undefined;
        if (!token) break;
        position = { token, skip: 0 };
        if (resources.length === input.limit) {
          next = position;
          break;
        }
      }
      return {
        resources,
        provenance: provenance({ filters: input.tag_filters, cached }),
        truncated: next !== undefined,
        ...(next ? { next_page_token: encodePosition(next, query) } : {}),
      };
    },

    async getTagCompliance(input, given) {
      const callOptions = callOptionsFor(input, given);
      const required = input.required_tags ?? options.requiredTags;
      const period = spendWindow(input.period);
      const listing = await readAllResources(callOptions);
      const compliantResources = listing.resources.filter(
        (resource) => missingTags(resource, required).length === 0,
      ).length;
      // Spend by tag presence needs the keys activated as cost allocation tags in Billing.
      const byKeyReads = await Promise.all(
        required.map((key) =>
          readCosts(
            {
              period,
              granularity: 'MONTHLY',
              metric: SPEND_METRIC,
              groupBy: [{ Type: 'TAG', Key: key }],
              filter: undefined,
            },
            callOptions,
          ),
        ),
      );
      const absent = (key: string) => ({ Tags: { Key: key, MatchOptions: ['ABSENT' as const] } });
      const [compliantRead, untaggedRead] = await Promise.all([
        readCosts(
          {
            period,
            granularity: 'MONTHLY',
            metric: SPEND_METRIC,
            groupBy: [],
            filter: combine(
              'And',
              required.map((key) => ({ Not: absent(key) })),
            ),
          },
          callOptions,
        ),
        readCosts(
          {
            period,
            granularity: 'MONTHLY',
            metric: SPEND_METRIC,
            groupBy: [
              { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
              { Type: 'DIMENSION', Key: 'SERVICE' },
            ],
            filter: combine(
              'Or',
              required.map((key) => absent(key)),
            ),
          },
          callOptions,
        ),
      ]);
      const firstRead = byKeyReads[0];
      const total = firstRead ? firstRead.cells.reduce((sum, cell) => sum + cell.amount, 0) : 0;
      const byKey = required.map((key, index) => {
        const cells = byKeyReads[index]?.cells ?? [];
        const tagged = cells
          .filter((cell) => cell.keys[0] !== null)
          .reduce((sum, cell) => sum + cell.amount, 0);
        return {
          key,
          tagged_spend: money(tagged),
          percent: total === 0 ? null : money((tagged / total) * 100),
        };
      });
      const compliantSpend = compliantRead.cells.reduce((sum, cell) => sum + cell.amount, 0);
      const untagged = new Map<string, { account_id: string; service: string; spend: number }>();
      for (const cell of untaggedRead.cells) {
        const [account = '', service = ''] = cell.keys.map((key) => key ?? '');
        const id = `${account}\u0000${service}`;
        const entry = untagged.get(id) ?? { account_id: account, service, spend: 0 };
        entry.spend += cell.amount;
        untagged.set(id, entry);
      }
      const untaggedRows: GetTagComplianceOutput['untagged_by_account_service'] = [...untagged.values()]
        .filter((entry) => entry.spend !== 0)
        .sort((a, b) => b.spend - a.spend)
        .map((entry) => {
          const name = untaggedRead.labels.get(entry.account_id);
          return { ...entry, ...(name ? { account_name: name } : {}), spend: money(entry.spend) };
        });
      const cached =
        listing.cached &&
        compliantRead.cached &&
        untaggedRead.cached &&
        byKeyReads.every((read) => read.cached);
      return {
        required_tags: required,
        spend: {
          total: money(total),
          compliant: money(compliantSpend),
          compliance_percent: total === 0 ? null : money((compliantSpend / total) * 100),
          by_key: byKey,
        },
        resources: {
          total: listing.resources.length,
          compliant: compliantResources,
          compliance_percent:
            listing.resources.length === 0
              ? null
              : money((compliantResources / listing.resources.length) * 100),
        },
        untagged_by_account_service: untaggedRows,
        provenance: provenance({
          source: `${SOURCE} for resources (${ONLY_TAGGED_NOTE}${listing.capped ? `; the first ${maxResources} resources only` : ''}); AWS Cost Explorer GetCostAndUsage by tag presence for spend (cost allocation tags must be activated)`,
          metric: SPEND_METRIC,
          period,
          cached,
        }),
      };
    },

    async getUntaggedResources(input, given) {
      const callOptions = callOptionsFor(input, given);
      const required = input.required_tags ?? options.requiredTags;
      const listing = await readAllResources(callOptions);
      const rows: GetUntaggedResourcesOutput['resources'] = listing.resources
        .map((resource) => ({ resource, missing: missingTags(resource, required) }))
        .filter((entry) => entry.missing.length > 0)
        .sort(
          (a, b) =>
            b.missing.length - a.missing.length ||
            a.resource.resource_arn.localeCompare(b.resource.resource_arn),
        )
        .map(({ resource, missing }) => ({
          resource_id: resource.resource_id,
          ...(resource.name ? { name: resource.name } : {}),
          ...(resource.account_id ? { account_id: resource.account_id } : {}),
          service: resource.resource_type.split(':')[0],
          // Per-resource spend needs resource-level Cost Explorer data (14 days, EC2 only, opt-in)
          // or a CUR export: the live API gives 0 and the embedded dataset gives the real figure.
          spend: 0,
          missing_tags: missing,
        }));
      const { page, ...paging } = paginate(rows, input, {
        tool: 'get_untagged_resources',
        required,
        region: callOptions.region,
        role_arn: callOptions.roleArn,
      });
      return {
        resources: page,
        provenance: provenance({
          source: `${SOURCE}: resources missing required tags, most missing first; spend per resource is not available from live APIs (0 here: use get_tag_compliance for untagged spend by account and service, or the embedded dataset); ${ONLY_TAGGED_NOTE}`,
          cached: listing.cached,
        }),
        ...paging,
      };
    },

    async getTagKeys(input, given) {
      const callOptions = callOptionsFor(input, given);
      const read = await readStrings('GetTagKeys', undefined, callOptions);
      const { page, ...paging } = paginate(read.values, input, {
        tool: 'get_tag_keys',
        region: callOptions.region,
        role_arn: callOptions.roleArn,
      });
      return { keys: page, provenance: provenance({ cached: read.cached }), ...paging };
    },

    async getTagValues(input, given) {
      const callOptions = callOptionsFor(input, given);
      const read = await readStrings('GetTagValues', input.key, callOptions);
      const { page, ...paging } = paginate(read.values, input, {
        tool: 'get_tag_values',
        key: input.key,
        region: callOptions.region,
        role_arn: callOptions.roleArn,
      });
      return { key: input.key, values: page, provenance: provenance({ cached: read.cached }), ...paging };
    },
  };
}
