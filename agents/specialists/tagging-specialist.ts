import { getTagComplianceOutput, getUntaggedResourcesOutput } from '../../mcp/contracts/tagging.ts';
import type { CostFilter, CostTable, DataSource, Metric, TimeRange } from '../../src/domain/index.ts';
import { humanRange, METRICS } from '../../src/domain/index.ts';
import type { SpecialistDependencies } from './dependencies.ts';
import type { FindingsInput } from './findings.ts';
import { callMcpTool, type McpServerHandle, sourceOf } from './mcp-tool-call.ts';
import { readRecommendationSet } from './recommendation-set.ts';
import { incompleteRangeWarnings } from './service-spend.ts';
import { type TagComplianceInput, tagComplianceInput } from './skill-inputs.ts';
import { defineSkill, type Specialist } from './specialist.ts';
import { FactList } from './specialist-facts.ts';

/** Pages of untagged resources read while looking for ones in the accounts asked about. */
const MAX_UNTAGGED_PAGES = 10;

/** Tag compliance against the tag policy: share of spend and resources tagged, the gaps, the fixes. */
export function createTaggingSpecialist(deps: SpecialistDependencies): Specialist {
  return {
    name: 'tagging',
    description:
      'Measures tag compliance against the tag policy (team, env, cost-center, owner by default): the share of spend and of resources carrying every required tag, coverage by tag key, the largest untagged resources, and the tagging recommendations with suggested values.',
    skills: [
      defineSkill({
        id: 'compliance',
        name: 'Tag compliance',
        description:
          'Share of spend and resources carrying the required tags (or the tag keys asked about) over a period, by key; the largest untagged resources; and the open tagging recommendations.',
        tags: ['tagging', 'compliance', 'allocation'],
        examples: [
          'how much of our spend is untagged?',
          'which resources are missing an owner tag?',
          'tag compliance in prod',
        ],
        input: tagComplianceInput,
        run: async (input, context) => ({
          kind: 'findings',
          findings: await tagCompliance(deps, input, context.signal),
        }),
      }),
    ],
  };
}

async function tagCompliance(
  deps: SpecialistDependencies,
  input: TagComplianceInput,
  signal: AbortSignal,
): Promise<FindingsInput> {
  const server: McpServerHandle = { name: 'tagging', client: deps.mcp.tagging };
  const requiredTags = input.tagKeys ?? [...deps.requiredTags];
  const args = { required_tags: requiredTags, period: input.range };
  const wantedKeys = new Set(requiredTags);
  const [compliance, untagged, set, catalog] = await Promise.all([
    callMcpTool(server, 'get_tag_compliance', args, getTagComplianceOutput, signal),
    readUntagged(deps, server, args, input, signal),
    readRecommendationSet(deps, {
      types: ['tag-missing'],
      filters: input.filters,
      limit: input.limit,
      // A tagging recommendation counts when it fixes one of the keys asked about.
      where: (recommendation) =>
        String(recommendation.current.missingTags ?? '')
          .split(/,\s*/)
          .some((key) => wantedKeys.has(key)),
    }),
    deps.engine.catalog(),
  ]);
  const source = sourceOf(compliance.provenance);
  const period: TimeRange = compliance.provenance.period ?? input.range;
  const metric = metricOf(compliance.provenance.metric);
  const org = { period, filters: [] as CostFilter[], source };
  const facts = new FactList('f');
  const lines: string[] = [];
  const keys = requiredTags.join(', ');

  const spendShare =
    compliance.spend.compliance_percent === null
      ? undefined
      : facts.share({
          ...org,
          label: `Share of spend carrying every tag of ${keys}`,
          value: compliance.spend.compliance_percent / 100,
        });
  const compliant = facts.money({
    ...org,
    label: 'Spend carrying every required tag',
    value: compliance.spend.compliant,
    metric,
  });
  const total = facts.money({ ...org, label: 'Usage spend', value: compliance.spend.total, metric });
  lines.push(
    spendShare === undefined
      ? `No usage spend in ${humanRange(period)} to measure tag compliance on.`
      : `Tag compliance for ${humanRange(period)} (${keys}): *${spendShare}* of usage spend carries every required tag (${compliant} of ${total}).`,
  );
  if (compliance.resources.compliance_percent !== null) {
    const share = facts.share({
      ...org,
      label: 'Share of resources carrying every required tag',
      value: compliance.resources.compliance_percent / 100,
    });
    const count = facts.count({
      ...org,
      label: 'Resources carrying every required tag',
      value: compliance.resources.compliant,
    });
    const all = facts.count({ ...org, label: 'Resources checked', value: compliance.resources.total });
    lines.push(`Resources: ${share} carry every required tag (${count} of ${all}).`);
  }
  const byKey = compliance.spend.by_key.flatMap((entry) =>
    entry.percent === null
      ? []
      : [
          `${entry.key} ${facts.share({ ...org, label: `Share of spend tagged ${entry.key}`, value: entry.percent / 100, groupKey: { tag_key: entry.key } })}`,
        ],
  );
  if (byKey.length > 0) lines.push(`By key: ${byKey.join(', ')}.`);

  const accountFilters = input.filters.filter((filter) => filter.dimension === 'sub_account');
  if (accountFilters.length > 0) {
    const names = new Map(catalog.accounts.map((account) => [account.id, account.name] as const));
    const gap = compliance.untagged_by_account_service
      .filter((row) =>
        accountFilters.every((filter) => accountMatches(filter, row.account_id, names.get(row.account_id))),
      )
      .reduce((sum, row) => sum + Math.round(row.spend * 100), 0);
    const scoped = facts.money({
      period,
      filters: accountFilters,
      source,
      label: 'Usage spend missing a required tag in the accounts asked about',
      value: gap / 100,
      metric,
    });
    lines.push(`In the accounts asked about, ${scoped} of usage spend misses a required tag.`);
  }

  const top = untagged.resources.slice(0, input.limit);
  if (top.length > 0) {
    lines.push('Largest untagged resources:');
    for (const resource of top) {
      const spend = facts.money({
        period: untagged.period,
        filters: untagged.filters,
        source: untagged.source,
        label: `Spend of ${resource.name ?? resource.resource_id} (missing ${resource.missing_tags.join(', ')})`,
        value: resource.spend,
        metric,
        groupKey: { resource: resource.resource_id },
      });
      const account = resource.account_id
        ? (catalog.accounts.find((a) => a.id === resource.account_id)?.name ?? resource.account_id)
        : undefined;
      const where = [account, resource.service].filter(Boolean).join(', ');
      lines.push(
        `- ${resource.name ?? resource.resource_id}${where ? ` (${where})` : ''}: ${spend}, missing ${resource.missing_tags.join(', ')}`,
      );
    }
  }

  if (set.groups.length > 0) {
    const base = { period: set.window, filters: set.filters, source: set.source };
    const count = facts.count({
      ...base,
      label: 'Resources with open tagging recommendations',
      value: set.groups.length,
    });
    // Tagging saves nothing by itself: what it buys is spend that can be allocated.
    const allocatable = facts.money({
      ...base,
      label: 'Monthly spend the tagging recommendations make allocatable',
      value:
        set.groups.reduce((sum, group) => sum + Math.round((group.best.currentMonthlyCost ?? 0) * 100), 0) /
        100,
      metric: 'EffectiveCost',
    });
    lines.push(
      `${count} open tagging ${set.groups.length === 1 ? 'recommendation suggests' : 'recommendations suggest'} tag values, making ${allocatable} a month allocatable.`,
    );
  } else {
    lines.push('No open tagging recommendations.');
  }

  const warnings = [...incompleteRangeWarnings(input.range, source), ...set.warnings, ...untagged.warnings];
  if (input.filters.length > 0)
    warnings.push(
      'Tag compliance shares cover the whole organisation (get_tag_compliance takes no filters); account and service filters narrow the largest untagged resources, and account, region, resource and tag filters the recommendations.',
    );
  return {
    intent: 'tag-compliance',
    summary: lines.join('\n'),
    basis: `Tag compliance: ${metric} usage spend over ${period.start} to ${period.end} (end exclusive) against the required tags ${keys}, through the tagging MCP server; source: ${source.name}${source.dataThrough ? `, data through ${source.dataThrough}` : ''}.`,
    facts: facts.facts,
    tables: untaggedTable(untagged, top, input, metric),
    charts: byKeyChart(compliance.spend.total, compliance.spend.by_key),
    recommendations: set.top,
    followUps: [
      'Untagged spend by team this month',
      'Which resources are missing an owner tag?',
      'Tag compliance in prod',
    ],
    warnings: [...new Set(warnings)],
  };
}

interface UntaggedRead {
  resources: {
    resource_id: string;
    name?: string | undefined;
    account_id?: string | undefined;
    service?: string | undefined;
    spend: number;
    missing_tags: string[];
  }[];
  period: TimeRange;
  filters: CostFilter[];
  source: DataSource;
  warnings: string[];
}

/**
 * The largest untagged resources in the accounts and services asked about: the tool takes no
 * filters, so pages are read (largest spend first) until `limit` match.
 */
async function readUntagged(
  deps: SpecialistDependencies,
  server: McpServerHandle,
  args: { required_tags: string[]; period: TimeRange },
  input: TagComplianceInput,
  signal: AbortSignal,
): Promise<UntaggedRead> {
  const applied = input.filters.filter(
    (filter) => filter.dimension === 'sub_account' || filter.dimension === 'service',
  );
  const names = applied.some((filter) => filter.dimension === 'sub_account')
    ? new Map((await deps.engine.catalog()).accounts.map((account) => [account.id, account.name] as const))
    : new Map<string, string | undefined>();
  const matches = (resource: UntaggedRead['resources'][number]) =>
    applied.every((filter) =>
      filter.dimension === 'service'
        ? valueMatches(filter, [resource.service])
        : accountMatches(filter, resource.account_id, names.get(resource.account_id ?? '')),
    );
  const resources: UntaggedRead['resources'] = [];
  let token: string | undefined;
  let first: { provenance: Parameters<typeof sourceOf>[0] } | undefined;
  let pages = 0;
  do {
    const page = await callMcpTool(
      server,
      'get_untagged_resources',
      { ...args, limit: applied.length > 0 ? 100 : input.limit, ...(token ? { page_token: token } : {}) },
      getUntaggedResourcesOutput,
      signal,
    );
    first ??= page;
    resources.push(...page.resources.filter(matches));
    token = page.next_page_token;
    pages += 1;
  } while (token && resources.length < input.limit && pages < MAX_UNTAGGED_PAGES);
  const provenance = first?.provenance;
  return {
    resources: resources.sort((a, b) => b.spend - a.spend),
    period: provenance?.period ?? args.period,
    filters: applied,
    source: provenance ? sourceOf(provenance) : await deps.engine.source(),
    warnings:
      token && resources.length < input.limit
        ? [
            `Only the ${MAX_UNTAGGED_PAGES * 100} largest untagged resources were searched for the accounts and services asked about.`,
          ]
        : [],
  };
}

function accountMatches(filter: CostFilter, id: string | undefined, name: string | undefined): boolean {
  return valueMatches(filter, [id, name?.toLowerCase()], (value) => value.toLowerCase());
}

function valueMatches(
  filter: CostFilter,
  own: (string | undefined)[],
  normalise: (value: string) => string = (value) => value,
): boolean {
  if (filter.op !== 'in' && filter.op !== 'not_in') return true;
  const wanted = new Set(filter.values.map(normalise));
  const hit = own.some((value) => value !== undefined && (wanted.has(value) || wanted.has(normalise(value))));
  return filter.op === 'in' ? hit : !hit;
}

function metricOf(label: string | undefined): Metric {
  return (
    ((METRICS as readonly string[]).find((metric) => label?.startsWith(metric)) as Metric | undefined) ??
    'EffectiveCost'
  );
}

function untaggedTable(
  untagged: UntaggedRead,
  top: UntaggedRead['resources'],
  input: TagComplianceInput,
  metric: Metric,
): CostTable[] {
  if (top.length === 0) return [];
  return [
    {
      query: {
        range: untagged.period,
        granularity: 'total',
        groupBy: ['resource'],
        filters: untagged.filters,
        metric,
        chargeCategories: ['Usage'],
        limit: input.limit,
      },
      dimensions: ['resource'],
      rows: top.map((resource) => ({
        key: { resource: resource.resource_id },
        ...(resource.name ? { labels: { resource: resource.name } } : {}),
        value: resource.spend,
      })),
      total: top.reduce((sum, resource) => sum + Math.round(resource.spend * 100), 0) / 100,
      currency: untagged.source.currency,
      source: untagged.source,
    },
  ];
}

function byKeyChart(total: number, byKey: { key: string; tagged_spend: number }[]): FindingsInput['charts'] {
  if (byKey.length === 0 || total <= 0) return [];
  return [
    {
      kind: 'tag_compliance',
      title: 'Usage spend by required tag',
      groups: byKey.map((entry) => ({
        label: entry.key,
        tagged: entry.tagged_spend,
        untagged: Math.round((total - entry.tagged_spend) * 100) / 100,
      })),
      unit: 'USD',
    },
  ];
}
