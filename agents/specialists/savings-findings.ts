import type { ChartRequest, CostFilter, TimeRange } from '../../src/domain/index.ts';
import { humanRange } from '../../src/domain/index.ts';
import { describeFilter } from '../../src/questions/answer-context.ts';
import type { RecommendationType } from '../../src/recommendations/index.ts';
import { RECOMMENDATION_TYPE_LABELS } from '../../src/recommendations/index.ts';
import type { SpecialistDependencies } from './dependencies.ts';
import type { FindingsInput } from './findings.ts';
import { type RecommendationSet, readRecommendationSet } from './recommendation-set.ts';
import { readServiceSpend, type ServiceSpend, SPEND_METRIC } from './service-spend.ts';
import { type SavingsInput, type SpecialistName, savingsInput } from './skill-inputs.ts';
import { defineSkill, type Skill, type SkillContext } from './specialist.ts';
import { FactList } from './specialist-facts.ts';

/** What one of the ec2 / s3 / rds specialists covers. */
export interface ServiceSavingsScope {
  specialist: Extract<SpecialistName, 'ec2' | 's3' | 'rds'>;
  /** How people name the service: `EC2`, `S3`, `RDS`. */
  label: string;
  /** Matches the service names of the family as the data (or Cost Explorer) writes them. */
  services: RegExp;
  types: readonly RecommendationType[];
  description: string;
  examples: string[];
  followUps: string[];
  /** More evidence read through the MCP servers (EC2: utilisation), as summary lines with facts. */
  evidence?: (context: EvidenceContext) => Promise<{ lines: string[]; warnings: string[] }>;
}

export interface EvidenceContext {
  deps: SpecialistDependencies;
  input: SavingsInput;
  facts: FactList;
  set: RecommendationSet;
  signal: AbortSignal;
}

/** The `savings` skill of a service specialist: its spend, its open recommendations, its evidence. */
export function serviceSavingsSkill(deps: SpecialistDependencies, scope: ServiceSavingsScope): Skill {
  return defineSkill({
    id: 'savings',
    name: `${scope.label} savings`,
    description: scope.description,
    tags: ['savings', 'recommendations', scope.specialist],
    examples: scope.examples,
    input: savingsInput,
    async run(input, context: SkillContext) {
      const [spend, set] = await Promise.all([
        readServiceSpend(deps, scope, input.range, input.filters, context.signal),
        readRecommendationSet(deps, { types: scope.types, filters: input.filters, limit: input.limit }),
      ]);
      const facts = new FactList('f');
      const lines = [spendSentence(scope.label, input.range, spend, facts, set.groups.length === 0)];
      lines.push(
        ...recommendationLines(
          { one: `open ${scope.label} recommendation`, many: `open ${scope.label} recommendations` },
          set,
          facts,
        ),
      );
      const extra = scope.evidence
        ? await scope.evidence({ deps, input, facts, set, signal: context.signal })
        : { lines: [], warnings: [] };
      lines.push(...extra.lines);
      const catalog = await deps.engine.catalog();
      const describe = (filters: readonly CostFilter[]) =>
        filters.length ? filters.map((filter) => describeFilter(filter, catalog)).join('; ') : 'none';
      const findings: FindingsInput = {
        intent: `${scope.specialist}-savings`,
        summary: lines.join('\n'),
        basis: `Spend: ${SPEND_METRIC} of ${spend.services.join(', ') || scope.label} over ${input.range.start} to ${input.range.end} (end exclusive) through the cost-explorer MCP server, filters: ${describe(spend.filters)}; savings: open recommendations (the best option per resource, at on-demand list prices) measured over ${set.window.start} to ${set.window.end}, filters: ${describe(set.filters)}; source: ${spend.source.name}${spend.source.dataThrough ? `, data through ${spend.source.dataThrough}` : ''}.`,
        facts: facts.facts,
        charts: savingsChart(`${scope.label} savings by kind (per month)`, set),
        recommendations: set.top,
        followUps: scope.followUps,
        warnings: [...new Set([...spend.warnings, ...set.warnings, ...extra.warnings])],
      };
      return { kind: 'findings', findings };
    },
  });
}

function spendSentence(
  label: string,
  range: TimeRange,
  spend: ServiceSpend,
  facts: FactList,
  nothingOpen: boolean,
): string {
  const total = facts.money({
    label: `${label} spend`,
    value: spend.total,
    metric: SPEND_METRIC,
    period: range,
    filters: spend.filters,
    source: spend.source,
  });
  const parts =
    spend.byService.length > 1
      ? ` (${spend.byService
          .map(
            (row) =>
              `${row.service} ${facts.money({
                label: `${row.service} spend`,
                value: row.amount,
                metric: SPEND_METRIC,
                period: range,
                filters: spend.filters,
                source: spend.source,
                groupKey: { service: row.service },
              })}`,
          )
          .join(', ')})`
      : '';
  if (nothingOpen)
    return `No open ${label} recommendations; ${label} spend for ${humanRange(range)} is *${total}*${parts}.`;
  return `${label} spend for ${humanRange(range)}: *${total}*${parts}.`;
}

/**
 * The recommendations paragraph every specialist shares: how many, on how many resources, the total
 * a month with each resource counted once, and one bullet per kind. Empty when nothing is open.
 */
export function recommendationLines(
  what: { one: string; many: string },
  set: RecommendationSet,
  facts: FactList,
): string[] {
  if (set.groups.length === 0) return [];
  const base = { period: set.window, filters: set.filters, source: set.source };
  const open = facts.count({ ...base, label: what.many, value: set.listed.length });
  const resources = facts.count({ ...base, label: `Resources with ${what.many}`, value: set.groups.length });
  const total = facts.money({
    ...base,
    label: `Estimated monthly savings of ${what.many} (best option per resource)`,
    value: set.totalMonthlySavings,
    metric: 'ListCost',
  });
  const lines = [
    `${open} ${set.listed.length === 1 ? what.one : what.many} on ${resources} ${set.groups.length === 1 ? 'resource' : 'resources'} could save *${total} a month* (the best option for each resource, at on-demand list prices):`,
  ];
  for (const entry of set.byType) {
    const typeLabel = RECOMMENDATION_TYPE_LABELS[entry.type];
    const groupKey = { recommendation_type: entry.type };
    const count = facts.count({ ...base, label: `${typeLabel}`, value: entry.count, groupKey });
    const details: string[] = [];
    if (entry.count > entry.unpriced)
      details.push(
        `${facts.money({ ...base, label: `${typeLabel}: savings a month`, value: entry.savings, metric: 'ListCost', groupKey })} a month`,
      );
    if (entry.unpriced > 0)
      details.push(
        `${facts.count({ ...base, label: `${typeLabel}: not priced`, value: entry.unpriced, groupKey })} not priced`,
      );
    lines.push(`- ${typeLabel}: ${count}${details.length > 0 ? ` (${details.join('; ')})` : ''}`);
  }
  return lines;
}

export function savingsChart(title: string, set: RecommendationSet): ChartRequest[] {
  const bars = set.byType
    .filter((entry) => entry.savings > 0)
    .map((entry) => ({ label: RECOMMENDATION_TYPE_LABELS[entry.type], value: entry.savings }));
  return bars.length > 0 ? [{ kind: 'savings', title, bars, unit: 'USD' }] : [];
}
