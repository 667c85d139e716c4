import type { CostFilter } from '../../../src/domain/index.ts';
import type { Catalog, ParsedQuestion } from '../../../src/questions/parse/index.ts';
import type { SkillCall } from '../skill-call.ts';

/** The specialists that look for savings in one service. */
export const SAVINGS_AGENTS = ['ec2', 's3', 'rds'] as const;
export type SavingsAgent = (typeof SAVINGS_AGENTS)[number];

const SAVINGS_AGENT_SERVICES: Record<SavingsAgent, { codes: string[]; names: RegExp; label: string }> = {
  // EBS volumes and snapshots are billed under EC2 ("EC2 - Other"), so the EC2 specialist owns them.
  ec2: { codes: ['AmazonEC2'], names: /\b(?:ec2|elastic compute cloud)\b/i, label: 'EC2' },
  s3: { codes: ['AmazonS3'], names: /\b(?:s3|simple storage service)\b/i, label: 'S3' },
  rds: { codes: ['AmazonRDS'], names: /\b(?:rds|relational database service)\b/i, label: 'RDS' },
};

export function savingsAgentLabel(agent: SavingsAgent): string {
  return SAVINGS_AGENT_SERVICES[agent].label;
}

/** Which savings specialist owns a service of the data, by its code or its name. */
export function savingsAgentOf(serviceName: string, catalog: Catalog): SavingsAgent | undefined {
  const code = catalog.services.find((service) => service.name === serviceName)?.code;
  for (const agent of SAVINGS_AGENTS) {
    const owner = SAVINGS_AGENT_SERVICES[agent];
    if ((code && owner.codes.includes(code)) || owner.names.test(serviceName)) return agent;
  }
  return undefined;
}

/** The data's services a savings specialist covers, as a filter for the plan of a savings turn. */
export function serviceFilterOf(agents: readonly SavingsAgent[], catalog: Catalog): CostFilter | undefined {
  const values = catalog.services
    .map((service) => service.name)
    .filter((name) => {
      const agent = savingsAgentOf(name, catalog);
      return agent !== undefined && agents.includes(agent);
    });
  return values.length > 0 ? { dimension: 'service', op: 'in', values } : undefined;
}

/** Filters that say which service is meant ("EC2", "EBS", "compute"): implied by the specialist. */
export function isServiceFilter(filter: CostFilter): boolean {
  return (
    filter.dimension === 'service' ||
    filter.dimension === 'usage_type' ||
    filter.dimension === 'service_category'
  );
}

/** The specialists a plan's service filters point at (EBS usage types count as EC2). */
export function savingsAgentsOf(filters: readonly CostFilter[], catalog: Catalog): SavingsAgent[] {
  const agents = new Set<SavingsAgent>();
  for (const filter of filters) {
    if (filter.op !== 'in') continue;
    if (filter.dimension === 'service') {
      for (const value of filter.values) {
        const agent = savingsAgentOf(value, catalog);
        if (agent) agents.add(agent);
      }
    }
    if (filter.dimension === 'usage_type' && filter.values.some((value) => /ebs|snapshot/i.test(value))) {
      agents.add('ec2');
    }
  }
  return SAVINGS_AGENTS.filter((agent) => agents.has(agent));
}

function json(value: unknown): SkillCall['input'] {
  return JSON.parse(JSON.stringify(value)) as SkillCall['input'];
}

/** cost-analysis or forecasting, with the plan as the input and its intent as the skill. */
export function costCall(plan: ParsedQuestion): SkillCall {
  const agent = plan.intent === 'forecast' || plan.intent === 'anomalies' ? 'forecasting' : 'cost-analysis';
  return { agent, skill: plan.intent, input: json(plan) };
}

export interface ScopeInput {
  range: { start: string; end: string };
  filters: CostFilter[];
  limit?: number | undefined;
}

export function savingsCall(agent: SavingsAgent, scope: ScopeInput): SkillCall {
  return { agent, skill: 'savings', input: json(scope) };
}

export function commitmentsCall(scope: ScopeInput): SkillCall {
  return { agent: 'commitments', skill: 'coverage', input: json(scope) };
}

export function taggingCall(scope: ScopeInput & { tagKeys?: string[] | undefined }): SkillCall {
  return { agent: 'tagging', skill: 'compliance', input: json(scope) };
}

export function isCostCall(call: SkillCall): boolean {
  return call.agent === 'cost-analysis' || call.agent === 'forecasting';
}
