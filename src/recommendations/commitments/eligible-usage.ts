/**
 * Usage a Compute Savings Plan can cover, recognised by its AWS usage type (the region prefix,
 * e.g. `USW2-`, is ignored): EC2 instance hours on shared, dedicated or host tenancy, Fargate vCPU
 * and memory hours, and Lambda duration and provisioned concurrency. Spot, EBS, data transfer,
 * NAT Gateway and Lambda requests are not covered by any Savings Plan.
 */
export const SAVINGS_PLAN_FAMILIES = ['ec2-instance', 'fargate', 'lambda'] as const;
export type SavingsPlanFamily = (typeof SAVINGS_PLAN_FAMILIES)[number];

export const FAMILY_LABELS: Record<SavingsPlanFamily, string> = {
  'ec2-instance': 'EC2 instance usage (BoxUsage, DedicatedUsage, HostUsage)',
  fargate: 'Fargate vCPU and memory hours',
  lambda: 'Lambda duration and provisioned concurrency',
};

const FAMILY_PATTERNS: [SavingsPlanFamily, RegExp][] = [
  ['ec2-instance', /^(?:[A-Z0-9]+-)?(?:BoxUsage|DedicatedUsage|HostUsage|HostBoxUsage)(?::|$)/],
  ['fargate', /^(?:[A-Z0-9]+-)?Fargate-(?:ARM-|Windows-)?(?:vCPU|GB)-Hours/],
  ['lambda', /^(?:[A-Z0-9]+-)?Lambda-(?:GB-Second(?:-ARM)?|Provisioned-(?:Concurrency|GB-Second)(?:-ARM)?)$/],
];

/** The family a usage type belongs to, or undefined when no Compute Savings Plan covers it. */
export function savingsPlanFamily(usageType: string | null | undefined): SavingsPlanFamily | undefined {
  if (!usageType) return undefined;
  return FAMILY_PATTERNS.find(([, pattern]) => pattern.test(usageType))?.[0];
}
