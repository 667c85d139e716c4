import type { InventoryResource, MetricSummary, UtilisationSummaries } from '../../inventory/index.ts';
import type { InstanceTypeSpec, ListPrice } from '../../pricing/index.ts';
import { buildRecommendation } from '../build-recommendation.ts';
import { type Evidence, HOURS_PER_MONTH, type Recommendation, roundUsd } from '../model.ts';
import type { Rule, RuleContext, RuleResult } from '../rule.ts';
import {
  currentGenerationEquivalent,
  type FitInput,
  type fits,
  gravitonEquivalent,
  isPreviousGeneration,
  isSpecialPurpose,
  type PricedType,
  projectedCpu,
  rightsizeTarget,
} from './ec2-candidates.ts';
import { bytes, metricDays, percentileEvidence, perUnit, round, usd } from './evidence.ts';

const EC2_SERVICE = 'Amazon Elastic Compute Cloud';

interface Instance {
  resource: InventoryResource;
  instanceType: string;
  spec: InstanceTypeSpec | undefined;
  price: ListPrice | undefined;
  metrics: UtilisationSummaries extends Map<string, infer V> ? V : never;
}

const instancesByRun = new WeakMap<RuleContext, Promise<Instance[]>>();

/** The running instances with their specs, prices and metrics; read once per run and shared by the EC2 rules. */
function runningInstances(context: RuleContext): Promise<Instance[]> {
  let instances = instancesByRun.get(context);
  if (!instances) {
    instances = loadRunningInstances(context);
    instancesByRun.set(context, instances);
  }
  return instances;
}

async function loadRunningInstances(context: RuleContext): Promise<Instance[]> {
  const [resources, metrics] = await Promise.all([
    context.inventory.resources({ resourceTypes: ['ec2_instance'] }),
    context.inventory.utilisation({ resourceTypes: ['ec2_instance'], window: context.metricsWindow }),
  ]);
  return resources
    .filter((resource) => resource.state === 'running')
    .map((resource) => {
      const instanceType = String(resource.attributes.instance_type ?? resource.size ?? '');
      return {
        resource,
        instanceType,
        spec: context.prices.ec2Spec(instanceType),
        price: context.prices.ec2Hourly(resource.region, instanceType),
        metrics: metrics.get(resource.resourceId) ?? {},
      };
    });
}

function label(instance: Instance): string {
  return instance.resource.resourceName
    ? `${instance.resource.resourceName} (${instance.resource.resourceId})`
    : instance.resource.resourceId;
}

function configuration(spec: InstanceTypeSpec, price: ListPrice | undefined) {
  return {
    instanceType: spec.instanceType,
    vcpu: spec.vcpu,
    memoryGib: spec.memoryGib,
    architecture: spec.arch,
    ...(price ? { hourlyUsd: price.usd } : {}),
  };
}

function coverageWarnings(instance: Instance): string[] {
  return instance.resource.attributes.savings_plan_covered === true
    ? [
        'This instance is covered by a Savings Plan today: the saving shows on the bill only once the freed commitment is used by other usage or the plan is resized at renewal.',
      ]
    : [];
}

function monthly(price: ListPrice): number {
  return price.usd * HOURS_PER_MONTH;
}

/** What every instance-type change shares: both configurations, the monthly cost, the saving and the prices behind it. */
function typeChange(spec: InstanceTypeSpec, price: ListPrice, target: PricedType) {
  const savings = (price.usd - target.price.usd) * HOURS_PER_MONTH;
  return {
    current: configuration(spec, price),
    proposed: configuration(target.spec, target.price),
    currentMonthlyCost: roundUsd(monthly(price)),
    estimatedMonthlySavings: roundUsd(savings),
    savingsBasis: `${HOURS_PER_MONTH} h × (${perUnit(price.usd, 'hour')} − ${perUnit(target.price.usd, 'hour')}) = ${usd(savings)} a month`,
    pricesUsed: [price, target.price],
  };
}

function hasEnoughMetrics(context: RuleContext, cpu: MetricSummary | undefined): cpu is MetricSummary {
  return metricDays(cpu) >= context.policy.minimumMetricDays;
}

/**
 * Network in p95 + network out p95, bytes per hour: the idle signal. Taking each direction's p95
 * keeps the aggregation one pass over the hourly table; for an idle instance, where both stay low,
 * the sum is what matters.
 */
function networkP95(instance: Instance): { bytes: number; datapoints: number } | undefined {
  const inbound = instance.metrics.network_in_bytes;
  const outbound = instance.metrics.network_out_bytes;
  if (!inbound || !outbound) return undefined;
  return { bytes: inbound.p95 + outbound.p95, datapoints: Math.min(inbound.datapoints, outbound.datapoints) };
}

function cpuThreshold(value: number): string {
  return `< ${value} %`;
}

function modifySteps(instance: Instance, targetType: string): Recommendation['steps'] {
  const id = instance.resource.resourceId;
  const region = instance.resource.region;
  return {
    console: [
      `EC2 console (${region}) → Instances → ${id} → Instance state → Stop instance.`,
      `Actions → Instance settings → Change instance type → ${targetType} → Apply.`,
      'Instance state → Start instance; watch CPU and memory for a week.',
    ],
    cli: [
      `aws ec2 stop-instances --region ${region} --instance-ids ${id}`,
      `aws ec2 wait instance-stopped --region ${region} --instance-ids ${id}`,
      `aws ec2 modify-instance-attribute --region ${region} --instance-id ${id} --instance-type "{\\"Value\\": \\"${targetType}\\"}"`,
      `aws ec2 start-instances --region ${region} --instance-ids ${id}`,
    ],
  };
}

function missingPriceNote(instance: Instance): string {
  return `No Linux on-demand price for ${instance.instanceType} in ${instance.resource.region} in the price snapshot: ${label(instance)} was not priced.`;
}

/** EC2 idle: CPU p95 under 5 % and almost no network for at least 14 days → stop or terminate. */
export const ec2IdleRule: Rule = {
  id: 'ec2-idle',
  description: 'Running instances with CPU p95 < 5 % and almost no network traffic for 14+ days.',
  async run(context) {
    const result: RuleResult = { recommendations: [], notes: [] };
    const policy = context.policy.ec2;
    for (const instance of await runningInstances(context)) {
      const cpu = instance.metrics.cpu_percent;
      const network = networkP95(instance);
      if (!hasEnoughMetrics(context, cpu) || !network) continue;
      if (cpu.p95 >= policy.idleCpuP95 || network.bytes >= policy.idleNetworkBytesPerHourP95) continue;
      const warnings = coverageWarnings(instance);
      if (!instance.price) {
        warnings.push(missingPriceNote(instance));
        result.notes.push(missingPriceNote(instance));
      }
      const cost = instance.price ? monthly(instance.price) : null;
      const evidence: Evidence[] = [
        percentileEvidence('CPU', cpu, 'p95', '%', context.metricsWindow, cpuThreshold(policy.idleCpuP95)),
        percentileEvidence('CPU', cpu, 'max', '%', context.metricsWindow),
        {
          name: 'Network in p95 + out p95 per hour',
          value: Math.round(network.bytes),
          unit: 'bytes',
          window: { start: context.metricsWindow.start, end: context.metricsWindow.end },
          datapoints: network.datapoints,
          threshold: `< ${bytes(policy.idleNetworkBytesPerHourP95)}`,
        },
      ];
      const { resourceId, region } = instance.resource;
      result.recommendations.push(
        buildRecommendation(context, {
          type: 'ec2-idle',
          service: EC2_SERVICE,
          accountId: instance.resource.accountId,
          region,
          resourceId,
          resourceName: instance.resource.resourceName,
          title: `Stop idle instance ${instance.resource.resourceName ?? resourceId} (${instance.instanceType})`,
          rationale: `${label(instance)} used at most ${round(cpu.max, 1)} % CPU (p95 ${round(cpu.p95, 1)} %) and sent and received about ${bytes(network.bytes)} an hour (p95 in + p95 out) over ${Math.round(metricDays(cpu))} days: nothing is using it. Stop it (its EBS volumes keep billing) or, once the owner confirms, create an image and terminate it.`,
          evidence,
          current: instance.spec
            ? configuration(instance.spec, instance.price)
            : { instanceType: instance.instanceType },
          proposed: { action: 'stop or terminate' },
          currentMonthlyCost: cost === null ? null : roundUsd(cost),
          estimatedMonthlySavings: cost === null ? null : roundUsd(cost),
          savingsBasis: instance.price
            ? `${HOURS_PER_MONTH} h × ${perUnit(instance.price.usd, 'hour')} = ${usd(monthly(instance.price))} a month of compute; attached EBS volumes are not included`
            : 'not priced: the instance type has no price in the snapshot for this region',
          pricesUsed: instance.price ? [instance.price] : [],
          effort: 'low',
          risk: 'medium',
          steps: {
            console: [
              `Confirm with the owner (${instance.resource.tags.owner ?? 'no owner tag'}) that nothing needs ${resourceId}.`,
              `EC2 console (${region}) → Instances → ${resourceId} → Actions → Image and templates → Create image (keeps a way back).`,
              'Instance state → Stop instance; terminate it after a quiet week.',
            ],
            cli: [
              `aws ec2 create-image --region ${region} --instance-id ${resourceId} --name ${resourceId}-before-stop`,
              `aws ec2 stop-instances --region ${region} --instance-ids ${resourceId}`,
            ],
          },
          warnings,
          tags: instance.resource.tags,
        }),
      );
    }
    return result;
  },
};

/** EC2 oversized: CPU p95 < 40 % (and memory p95 < 50 % where reported) → the cheapest type that still fits. */
interface RightsizePlan {
  spec: InstanceTypeSpec;
  price: ListPrice;
  target: PricedType;
  input: FitInput;
  memory: MetricSummary | undefined;
}

/** The rightsizing an instance qualifies for (same rules the Graviton alternative builds on), if any. */
function rightsizePlan(
  context: RuleContext,
  instance: Instance,
): RightsizePlan | 'missing-price' | undefined {
  const policy = context.policy.ec2;
  const cpu = instance.metrics.cpu_percent;
  const memory = instance.metrics.memory_percent;
  const { spec, price } = instance;
  if (!hasEnoughMetrics(context, cpu) || !spec || spec.burstable || isSpecialPurpose(spec)) return undefined;
  if (cpu.p95 >= policy.oversizedCpuP95) return undefined;
  if (memory && memory.p95 >= policy.oversizedMemoryP95) return undefined;
  const network = networkP95(instance);
  if (cpu.p95 < policy.idleCpuP95 && network && network.bytes < policy.idleNetworkBytesPerHourP95)
    return undefined;
  if (!price) return 'missing-price';
  const input: FitInput = {
    current: spec,
    cpuP95: cpu.p95,
    memoryP95: memory ? memory.p95 : undefined,
    targetCpuP95: policy.targetCpuP95,
    targetMemoryP95: policy.targetMemoryP95,
  };
  const target = rightsizeTarget(context.prices, instance.resource.region, input, price);
  return target ? { spec, price, target, input, memory } : undefined;
}

/** EC2 oversized: CPU p95 < 40 % (and memory p95 < 50 % where reported) → the cheapest type that still fits. */
export const ec2RightsizeRule: Rule = {
  id: 'ec2-rightsize',
  description: 'Instances whose p95 CPU (and memory, where reported) would fit a cheaper type with headroom.',
  async run(context) {
    const result: RuleResult = { recommendations: [], notes: [] };
    for (const instance of await runningInstances(context)) {
      const plan = rightsizePlan(context, instance);
      if (plan === 'missing-price') {
        result.notes.push(missingPriceNote(instance));
        continue;
      }
      if (!plan) continue;
      result.recommendations.push(
        rightsizeRecommendation(
          context,
          instance,
          plan.spec,
          plan.price,
          plan.target,
          plan.input,
          plan.memory,
        ),
      );
    }
    return result;
  },
};

function rightsizeRecommendation(
  context: RuleContext,
  instance: Instance,
  spec: InstanceTypeSpec,
  price: ListPrice,
  target: PricedType,
  input: Parameters<typeof fits>[0],
  memory: MetricSummary | undefined,
): Recommendation {
  const cpu = instance.metrics.cpu_percent as MetricSummary;
  const policy = context.policy.ec2;
  const projected = projectedCpu(input, target.spec);
  const evidence: Evidence[] = [
    percentileEvidence('CPU', cpu, 'p95', '%', context.metricsWindow, cpuThreshold(policy.oversizedCpuP95)),
    percentileEvidence('CPU', cpu, 'max', '%', context.metricsWindow),
    {
      name: `Projected CPU p95 on ${target.spec.instanceType}`,
      value: round(projected, 1),
      unit: '%',
      threshold: `≤ ${policy.targetCpuP95} %`,
    },
  ];
  const warnings = coverageWarnings(instance);
  if (memory) {
    evidence.push(
      percentileEvidence(
        'Memory',
        memory,
        'p95',
        '%',
        context.metricsWindow,
        `< ${policy.oversizedMemoryP95} %`,
      ),
    );
  } else {
    warnings.push(
      `No memory metric (the CloudWatch agent is not reporting): ${target.spec.instanceType} has ${target.spec.memoryGib} GiB against ${spec.memoryGib} GiB today; check memory before resizing.`,
    );
  }
  const sameFamily = target.spec.family === spec.family;
  return buildRecommendation(context, {
    type: 'ec2-rightsize',
    service: EC2_SERVICE,
    accountId: instance.resource.accountId,
    region: instance.resource.region,
    resourceId: instance.resource.resourceId,
    resourceName: instance.resource.resourceName,
    title: `Rightsize ${instance.resource.resourceName ?? instance.resource.resourceId} from ${spec.instanceType} to ${target.spec.instanceType}`,
    rationale: `${label(instance)} peaked at ${round(cpu.p95, 1)} % CPU (p95) over ${Math.round(metricDays(cpu))} days${memory ? ` and ${round(memory.p95, 1)} % memory` : ''}. On ${target.spec.instanceType} (${target.spec.vcpu} vCPU, ${target.spec.memoryGib} GiB) the same load would be about ${round(projected, 1)} % CPU at p95, leaving headroom under ${policy.targetCpuP95} %. ${sameFamily ? 'Same family, so nothing else changes.' : `${spec.family} has no smaller size that fits; ${target.spec.family} is the cheapest ${spec.arch} type that does.`}`,
    evidence,
    ...typeChange(spec, price, target),
    effort: 'low',
    risk: memory ? 'low' : 'medium',
    steps: modifySteps(instance, target.spec.instanceType),
    warnings,
    tags: instance.resource.tags,
  });
}

/** Graviton: the arm64 equivalent of each x86 instance, or of its rightsized target. */
export const ec2GravitonRule: Rule = {
  id: 'ec2-graviton',
  description: 'x86 instances with a cheaper Graviton (arm64) type of the same shape.',
  async run(context) {
    const result: RuleResult = { recommendations: [], notes: [] };
    for (const instance of await runningInstances(context)) {
      const { spec, price } = instance;
      if (!spec || spec.arch !== 'x86_64' || isSpecialPurpose(spec) || !price) continue;
      // An oversized instance moves to the Graviton equivalent of its rightsized shape, not of today's.
      const plan = rightsizePlan(context, instance);
      const shape = plan && plan !== 'missing-price' ? plan.target.spec : spec;
      const target = gravitonEquivalent(context.prices, instance.resource.region, shape);
      if (!target || target.price.usd >= price.usd) continue;
      const resized = shape !== spec;
      result.recommendations.push(
        buildRecommendation(context, {
          type: 'ec2-graviton',
          service: EC2_SERVICE,
          accountId: instance.resource.accountId,
          region: instance.resource.region,
          resourceId: instance.resource.resourceId,
          resourceName: instance.resource.resourceName,
          title: `${resized ? 'Rightsize' : 'Move'} ${instance.resource.resourceName ?? instance.resource.resourceId} ${resized ? 'onto' : 'to'} Graviton: ${spec.instanceType} → ${target.spec.instanceType}`,
          rationale: `${resized ? `${spec.instanceType} is oversized (see the rightsizing alternative: ${shape.instanceType} fits its p95 with headroom). ` : ''}${target.spec.instanceType} is AWS Graviton (arm64) with ${target.spec.vcpu} vCPU and ${target.spec.memoryGib} GiB, at least the ${shape.vcpu} vCPU and ${shape.memoryGib} GiB of ${shape.instanceType}, for ${Math.round((1 - target.price.usd / price.usd) * 100)} % less than today. The workload needs arm64 builds of its software and images (most interpreted runtimes and containers with multi-arch images move unchanged).`,
          evidence: [
            ...(resized && instance.metrics.cpu_percent
              ? [
                  percentileEvidence(
                    'CPU',
                    instance.metrics.cpu_percent,
                    'p95',
                    '%',
                    context.metricsWindow,
                    cpuThreshold(context.policy.ec2.oversizedCpuP95),
                  ),
                ]
              : []),
            { name: `${spec.instanceType} on-demand`, value: price.usd, unit: 'USD/hour' },
            { name: `${target.spec.instanceType} on-demand`, value: target.price.usd, unit: 'USD/hour' },
          ],
          ...typeChange(spec, price, target),
          effort: 'medium',
          risk: 'medium',
          steps: {
            console: [
              'Build and test arm64 images of the workload (AMI or multi-arch container image).',
              ...modifySteps(instance, target.spec.instanceType).console,
            ],
            cli: [
              `aws ec2 describe-images --region ${instance.resource.region} --owners self --filters Name=architecture,Values=arm64`,
              'Launch a replacement from an arm64 AMI (an x86 AMI cannot boot on Graviton): update the launch template or Auto Scaling group with the new AMI and instance type.',
            ],
          },
          warnings: coverageWarnings(instance),
          tags: instance.resource.tags,
        }),
      );
    }
    return result;
  },
};

/** Previous generation (m4, c4, t2 …) → the current-generation type of the same shape. */
export const ec2PreviousGenerationRule: Rule = {
  id: 'ec2-previous-generation',
  description: 'Previous-generation instance types with a cheaper current-generation equivalent.',
  async run(context) {
    const result: RuleResult = { recommendations: [], notes: [] };
    for (const instance of await runningInstances(context)) {
      const { spec, price } = instance;
      if (!spec || !isPreviousGeneration(spec)) continue;
      if (!price) {
        result.notes.push(missingPriceNote(instance));
        continue;
      }
      const target = currentGenerationEquivalent(context.prices, instance.resource.region, spec);
      if (!target || target.price.usd >= price.usd) continue;
      result.recommendations.push(
        buildRecommendation(context, {
          type: 'ec2-previous-generation',
          service: EC2_SERVICE,
          accountId: instance.resource.accountId,
          region: instance.resource.region,
          resourceId: instance.resource.resourceId,
          resourceName: instance.resource.resourceName,
          title: `Upgrade ${instance.resource.resourceName ?? instance.resource.resourceId} from previous-generation ${spec.instanceType} to ${target.spec.instanceType}`,
          rationale: `${spec.instanceType} is a previous-generation type${spec.currentGeneration ? ' (pre-Nitro, on the Xen hypervisor)' : ''}. ${target.spec.instanceType} is current generation with ${target.spec.vcpu} vCPU and ${target.spec.memoryGib} GiB (≥ ${spec.vcpu} vCPU and ${spec.memoryGib} GiB), usually faster per vCPU, and ${Math.round((1 - target.price.usd / price.usd) * 100)} % cheaper. Nitro types need ENA and NVMe drivers in the AMI (any Amazon Linux 2 or later has them).`,
          evidence: [
            { name: `${spec.instanceType} generation`, value: spec.generation, unit: 'generation' },
            { name: `${spec.instanceType} on-demand`, value: price.usd, unit: 'USD/hour' },
            { name: `${target.spec.instanceType} on-demand`, value: target.price.usd, unit: 'USD/hour' },
          ],
          ...typeChange(spec, price, target),
          effort: 'low',
          risk: 'low',
          steps: modifySteps(instance, target.spec.instanceType),
          warnings: coverageWarnings(instance),
          tags: instance.resource.tags,
        }),
      );
    }
    return result;
  },
};
