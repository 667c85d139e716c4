import {
  getSavingsPlansCoverageOutput,
  getSavingsPlansUtilizationOutput,
} from '../../mcp/contracts/cost-explorer.ts';
import type { CostFilter, TimeRange } from '../../src/domain/index.ts';
import { humanRange } from '../../src/domain/index.ts';
import type { SpecialistDependencies } from './dependencies.ts';
import type { FindingsInput } from './findings.ts';
import { callMcpTool, sourceOf } from './mcp-tool-call.ts';
import { readRecommendationSet } from './recommendation-set.ts';
import { recommendationLines, savingsChart } from './savings-findings.ts';
import { costExplorerServer, incompleteRangeWarnings } from './service-spend.ts';
import { type CommitmentsInput, commitmentsInput } from './skill-inputs.ts';
import { defineSkill, type Specialist } from './specialist.ts';
import { FactList } from './specialist-facts.ts';

/** Savings Plans: how much eligible usage they cover, how much of the commitment is used, what to buy. */
export function createCommitmentsSpecialist(deps: SpecialistDependencies): Specialist {
  return {
    name: 'commitments',
    description:
      'Reports Savings Plans coverage (share of eligible usage the plans pay for) and utilisation (share of the commitment used) over a period, and the commitment purchase recommendations sized on the steady on-demand floor.',
    skills: [
      defineSkill({
        id: 'coverage',
        name: 'Savings Plans coverage and utilisation',
        description:
          'Coverage and utilisation of Savings Plans over a period, by usage family, with what the plans saved and the open purchase recommendations.',
        tags: ['commitments', 'savings-plans', 'coverage', 'utilisation'],
        examples: [
          'what is our Savings Plans coverage?',
          'are we using our Savings Plans?',
          'should we buy a Savings Plan?',
        ],
        input: commitmentsInput,
        run: async (input, context) => ({
          kind: 'findings',
          findings: await commitmentCoverage(deps, input, context.signal),
        }),
      }),
    ],
  };
}

async function commitmentCoverage(
  deps: SpecialistDependencies,
  input: CommitmentsInput,
  signal: AbortSignal,
): Promise<FindingsInput> {
  const server = costExplorerServer(deps);
  const [coverage, utilisation, set] = await Promise.all([
    callMcpTool(
      server,
      'get_savings_plans_coverage',
      { period: input.range },
      getSavingsPlansCoverageOutput,
      signal,
    ),
    callMcpTool(
      server,
      'get_savings_plans_utilization',
      { period: input.range },
      getSavingsPlansUtilizationOutput,
      signal,
    ),
    readRecommendationSet(deps, {
      types: ['savings-plan-purchase'],
      filters: input.filters,
      limit: input.limit,
    }),
  ]);
  const facts = new FactList('f');
  const lines: string[] = [];
  // The coverage tool reports eligible usage at on-demand rates (ListCost); utilisation in what the plans cost.
  const coverageBase = {
    period: coverage.provenance.period ?? input.range,
    filters: [] as CostFilter[],
    source: sourceOf(coverage.provenance),
  };
  const period: TimeRange = coverageBase.period;
  if (coverage.coverage_percent === null) {
    lines.push(`No Savings Plans-eligible usage in ${humanRange(period)}.`);
  } else {
    const share = facts.share({
      ...coverageBase,
      label: 'Savings Plans coverage of eligible usage',
      value: coverage.coverage_percent / 100,
    });
    const covered = facts.money({
      ...coverageBase,
      label: 'Eligible usage covered by Savings Plans (at on-demand rates)',
      value: coverage.covered_spend,
      metric: 'ListCost',
    });
    const eligible = facts.money({
      ...coverageBase,
      label: 'Savings Plans-eligible usage (at on-demand rates)',
      value: coverage.covered_spend + coverage.on_demand_spend,
      metric: 'ListCost',
    });
    const onDemand = facts.money({
      ...coverageBase,
      label: 'Eligible usage billed on demand',
      value: coverage.on_demand_spend,
      metric: 'ListCost',
    });
    lines.push(
      `Savings Plans covered *${share}* of eligible usage in ${humanRange(period)} (${covered} of ${eligible} at on-demand rates); ${onDemand} ran on demand.`,
    );
    const families = coverage.by_family.filter(
      (family) => family.coverage_percent !== null && family.covered_spend + family.on_demand_spend > 0,
    );
    if (families.length > 1) {
      lines.push(
        `By usage: ${families
          .map(
            (family) =>
              `${family.family} ${facts.share({
                ...coverageBase,
                label: `Savings Plans coverage of ${family.family}`,
                value: (family.coverage_percent ?? 0) / 100,
                groupKey: { usage_family: family.family },
              })}`,
          )
          .join(', ')}.`,
      );
    }
  }
  const utilisationBase = {
    period: utilisation.provenance.period ?? input.range,
    filters: [] as CostFilter[],
    source: sourceOf(utilisation.provenance),
  };
  if (utilisation.utilization_percent === null || utilisation.total_commitment === 0) {
    lines.push(`No active Savings Plans commitment in ${humanRange(utilisationBase.period)}.`);
  } else {
    const used = facts.share({
      ...utilisationBase,
      label: 'Savings Plans utilisation',
      value: utilisation.utilization_percent / 100,
    });
    const committed = facts.money({
      ...utilisationBase,
      label: 'Savings Plans commitment',
      value: utilisation.total_commitment,
      metric: 'EffectiveCost',
    });
    const unused = facts.money({
      ...utilisationBase,
      label: 'Unused Savings Plans commitment',
      value: utilisation.unused_commitment,
      metric: 'EffectiveCost',
    });
    const saved =
      utilisation.net_savings === null
        ? ''
        : ` The plans saved ${facts.money({
            ...utilisationBase,
            label: 'Net savings of the Savings Plans against on-demand',
            value: utilisation.net_savings,
            metric: 'EffectiveCost',
          })} against on-demand prices.`;
    lines.push(`Utilisation: *${used}* of ${committed} committed was used; ${unused} went unused.${saved}`);
  }
  const purchase = recommendationLines(
    { one: 'open commitment recommendation', many: 'open commitment recommendations' },
    set,
    facts,
  );
  lines.push(...(purchase.length > 0 ? purchase : ['No open Savings Plans purchase recommendations.']));
  const warnings = [
    ...incompleteRangeWarnings(input.range, coverageBase.source),
    ...set.warnings,
    ...(input.filters.length > 0
      ? [
          'Savings Plans coverage and utilisation are for the whole organisation (the tools take no filters); the filters narrow only the purchase recommendations.',
        ]
      : []),
  ];
  return {
    intent: 'commitment-coverage',
    summary: lines.join('\n'),
    basis: `Coverage: Savings Plans-eligible usage at on-demand rates over ${period.start} to ${period.end} (end exclusive); utilisation: the commitment and what used it over the same period, through the cost-explorer MCP server; purchases: open recommendations sized on the steady on-demand floor of ${set.window.start} to ${set.window.end}; source: ${coverageBase.source.name}${coverageBase.source.dataThrough ? `, data through ${coverageBase.source.dataThrough}` : ''}.`,
    facts: facts.facts,
    charts: savingsChart('Savings Plans purchase savings (per month)', set),
    recommendations: set.top,
    followUps: [
      'How can we cut EC2 costs?',
      'Savings Plans coverage last month',
      'EC2 spend by account this month',
    ],
    warnings: [...new Set(warnings)],
  };
}
