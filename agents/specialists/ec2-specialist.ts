import { getUtilizationSummaryOutput } from '../../mcp/contracts/cloudwatch.ts';
import type { CostFilter } from '../../src/domain/index.ts';
import { humanRange, isTagDimension } from '../../src/domain/index.ts';
import { DEFAULT_RULE_POLICY } from '../../src/recommendations/index.ts';
import type { SpecialistDependencies } from './dependencies.ts';
import { callMcpToolAllPages, sourceOf } from './mcp-tool-call.ts';
import { typesStartingWith } from './recommendation-types.ts';
import type { EvidenceContext } from './savings-findings.ts';
import { serviceSavingsSkill } from './savings-findings.ts';
import type { Specialist } from './specialist.ts';

/** EC2 instances, EBS volumes and snapshots: what they cost and what can be cut, with utilisation evidence. */
export function createEc2Specialist(deps: SpecialistDependencies): Specialist {
  return {
    name: 'ec2',
    description:
      'Finds savings in Amazon EC2 and EBS: idle and oversized instances, Graviton and current-generation moves, gp2 volumes, unattached volumes and old snapshots, with EC2 spend over a period and the CPU utilisation behind each finding.',
    skills: [
      serviceSavingsSkill(deps, {
        specialist: 'ec2',
        label: 'EC2',
        // The demo and FOCUS exports say "Amazon Elastic Compute Cloud"; Cost Explorer splits it into
        // "Amazon Elastic Compute Cloud - Compute" and "EC2 - Other" (EBS, snapshots, NAT).
        services: /Elastic Compute Cloud|^EC2\b|Elastic Block Store/i,
        types: typesStartingWith('ec2-', 'ebs-'),
        description:
          'EC2 and EBS spend over a period and the open EC2 / EBS recommendations (largest saving first, each resource counted once), with how many instances run at low CPU.',
        examples: [
          'how can we cut EC2 costs?',
          'idle EC2 instances in prod',
          'which instances should we rightsize?',
        ],
        followUps: [
          'Show the idle EC2 instances',
          'EC2 spend by account this month',
          'What would a Savings Plan save?',
        ],
        evidence: utilisationEvidence,
      }),
    ],
  };
}

/**
 * How many instances run at low CPU over the rules' window, read through the cloudwatch MCP
 * server: the idle and rightsizing thresholds are the rules' own, so the counts explain the list.
 */
async function utilisationEvidence(
  context: EvidenceContext,
): Promise<{ lines: string[]; warnings: string[] }> {
  const { deps, input, facts, set, signal } = context;
  const pages = await callMcpToolAllPages(
    { name: 'cloudwatch', client: deps.mcp.cloudwatch },
    'get_utilization_summary',
    { resource_type: 'ec2', period: set.window, sort_by: 'cpu_p95_asc', limit: 500 },
    getUtilizationSummaryOutput,
    { signal },
  );
  const first = pages[0];
  if (!first) return { lines: [], warnings: [] };
  const passes = await placeFilter(deps, input.filters);
  const cpu = pages
    .flatMap((page) => page.resources)
    .filter(passes)
    .flatMap((resource) => {
      const stats = resource.metrics.CPUUtilization;
      return stats && stats.datapoints > 0 ? [stats.p95] : [];
    });
  const warnings = input.filters.some((filter) => isTagDimension(filter.dimension))
    ? [
        'Utilisation counts cover every instance in the accounts and regions asked about: tag filters do not narrow them.',
      ]
    : [];
  if (cpu.length === 0) {
    return { lines: [], warnings: [...warnings, `No EC2 CPU data for ${humanRange(first.window)}.`] };
  }
  const idle = DEFAULT_RULE_POLICY.ec2.idleCpuP95;
  const oversized = DEFAULT_RULE_POLICY.ec2.oversizedCpuP95;
  const base = {
    period: first.window,
    filters: input.filters.filter(
      (filter) => filter.dimension === 'sub_account' || filter.dimension === 'region',
    ),
    source: sourceOf(first.provenance),
  };
  const measured = facts.count({ ...base, label: 'EC2 instances with CPU data', value: cpu.length });
  const idleThreshold = facts.share({ ...base, label: 'Idle threshold (CPU p95)', value: idle / 100 });
  const idleCount = facts.count({
    ...base,
    label: `EC2 instances with CPU p95 under ${idle} %`,
    value: cpu.filter((p95) => p95 < idle).length,
  });
  const oversizedThreshold = facts.share({
    ...base,
    label: 'Rightsizing threshold (CPU p95)',
    value: oversized / 100,
  });
  const oversizedCount = facts.count({
    ...base,
    label: `EC2 instances with CPU p95 under ${oversized} %`,
    value: cpu.filter((p95) => p95 < oversized).length,
  });
  return {
    lines: [
      `Utilisation ${humanRange(first.window)}: of ${measured} instances with CPU data, ${idleCount} ran under ${idleThreshold} CPU (p95, idle) and ${oversizedCount} under ${oversizedThreshold} (rightsizing candidates).`,
    ],
    warnings,
  };
}

type UtilisedResource = { account_id?: string | undefined; region?: string | undefined };

/**
 * The input's account and region filters as a test on a utilisation row, which names its account
 * by id only: account names are resolved through the catalog.
 */
async function placeFilter(
  deps: SpecialistDependencies,
  filters: readonly CostFilter[],
): Promise<(resource: UtilisedResource) => boolean> {
  const place = filters.filter(
    (filter) => filter.dimension === 'sub_account' || filter.dimension === 'region',
  );
  if (place.length === 0) return () => true;
  const catalog = await deps.engine.catalog();
  const names = new Map(
    catalog.accounts.map((account) => [account.id, account.name?.toLowerCase()] as const),
  );
  return (resource) =>
    place.every((filter) => {
      if (filter.op !== 'in' && filter.op !== 'not_in') return true;
      const wanted = filter.values.map((value) => value.toLowerCase());
      const own =
        filter.dimension === 'region'
          ? [resource.region?.toLowerCase()]
          : [resource.account_id?.toLowerCase(), names.get(resource.account_id ?? '')];
      const hit = own.some((value) => value !== undefined && wanted.includes(value));
      return filter.op === 'in' ? hit : !hit;
    });
}
