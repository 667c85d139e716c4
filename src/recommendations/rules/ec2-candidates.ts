import type { InstanceTypeSpec, ListPrice, PriceBook } from '../../pricing/index.ts';

export interface PricedType {
  spec: InstanceTypeSpec;
  price: ListPrice;
}

/**
 * Families that run on the Xen hypervisor rather than Nitro (`hypervisor: xen` in Karpenter's
 * instance-type reference, generated from EC2 DescribeInstanceTypes). AWS's price feed still files
 * m4, c4, r4 and t2 as current generation, but every one has a cheaper or faster Nitro successor
 * and AWS's previous-generation upgrade paths point there, so the rule treats them as previous.
 */
export const PRE_NITRO_FAMILIES: ReadonlySet<string> = new Set([
  'c1',
  'c3',
  'c4',
  'd2',
  'h1',
  'i2',
  'i3',
  'm1',
  'm2',
  'm3',
  'm4',
  'r3',
  'r4',
  't1',
  't2',
  'x1',
  'x1e',
]);

export function isPreviousGeneration(spec: InstanceTypeSpec): boolean {
  return !spec.currentGeneration || PRE_NITRO_FAMILIES.has(spec.family);
}

/** Fleets where CPU is not what sizes the instance: GPUs and accelerators, bare metal. */
export function isSpecialPurpose(spec: InstanceTypeSpec): boolean {
  return (
    (spec.gpuCount ?? 0) > 0 || spec.size.includes('metal') || /^(p|g|inf|trn|dl|f|vt)\d/.test(spec.family)
  );
}

const pricedByBook = new WeakMap<PriceBook, Map<string, PricedType[]>>();

/**
 * Every current-generation, general-use type priced in `region`, cheapest first. Built once per
 * price book and region: a fleet of 10,000 instances asks the same question thousands of times.
 */
function pricedTypes(prices: PriceBook, region: string): PricedType[] {
  let byRegion = pricedByBook.get(prices);
  if (!byRegion) {
    byRegion = new Map();
    pricedByBook.set(prices, byRegion);
  }
  let list = byRegion.get(region);
  if (!list) {
    list = [];
    for (const spec of prices.ec2TypesInRegion(region)) {
      if (isPreviousGeneration(spec) || isSpecialPurpose(spec)) continue;
      const price = prices.ec2Hourly(region, spec.instanceType);
      if (price) list.push({ spec, price });
    }
    list.sort((a, b) => a.price.usd - b.price.usd || a.spec.instanceType.localeCompare(b.spec.instanceType));
    byRegion.set(region, list);
  }
  return list;
}

const equivalentCache = new WeakMap<PriceBook, Map<string, PricedType | undefined>>();

/** Equivalents depend only on the book, region, type and kind: remember them. */
function memoised(
  prices: PriceBook,
  key: string,
  compute: () => PricedType | undefined,
): PricedType | undefined {
  let cache = equivalentCache.get(prices);
  if (!cache) {
    cache = new Map();
    equivalentCache.set(prices, cache);
  }
  if (!cache.has(key)) cache.set(key, compute());
  return cache.get(key);
}

export interface FitInput {
  current: InstanceTypeSpec;
  cpuP95: number;
  /** Undefined when the instance reports no memory metric (no CloudWatch agent). */
  memoryP95: number | undefined;
  targetCpuP95: number;
  targetMemoryP95: number;
}

/** The p95 CPU the workload would show on `target`, scaling by vCPU count. */
export function projectedCpu(input: FitInput, target: InstanceTypeSpec): number {
  return (input.cpuP95 * input.current.vcpu) / target.vcpu;
}

/**
 * Whether `target` holds the workload's p95 with headroom. Without a memory metric the target
 * may have at most one size less memory (half), and the recommendation says memory was not seen.
 */
export function fits(input: FitInput, target: InstanceTypeSpec): boolean {
  if (projectedCpu(input, target) > input.targetCpuP95) return false;
  if (input.memoryP95 === undefined) return target.memoryGib >= input.current.memoryGib / 2;
  return (input.memoryP95 * input.current.memoryGib) / target.memoryGib <= input.targetMemoryP95;
}

/**
 * The cheapest type that fits, same family first: a smaller size of the same family when one fits
 * and saves; otherwise the cheapest current-generation type of the same category and architecture.
 * Burstable (t) types are never targets: their CPU credits make a p95 misleading.
 */
export function rightsizeTarget(
  prices: PriceBook,
  region: string,
  input: FitInput,
  currentPrice: ListPrice,
): PricedType | undefined {
  let other: PricedType | undefined;
  for (const candidate of pricedTypes(prices, region)) {
    if (candidate.price.usd >= currentPrice.usd) break;
    const spec = candidate.spec;
    if (
      spec.arch !== input.current.arch ||
      spec.burstable ||
      spec.instanceType === input.current.instanceType
    )
      continue;
    if (spec.family === input.current.family) {
      if (fits(input, spec)) return candidate;
    } else if (!other && spec.category === input.current.category && fits(input, spec)) {
      other = candidate;
    }
  }
  return other;
}

/**
 * The cheapest current-generation arm64 (Graviton) type of the same category with at least the
 * vCPUs and memory of `like`.
 */
export function gravitonEquivalent(
  prices: PriceBook,
  region: string,
  like: InstanceTypeSpec,
): PricedType | undefined {
  return memoised(prices, `graviton\u0000${region}\u0000${like.instanceType}`, () =>
    pricedTypes(prices, region).find(
      ({ spec }) =>
        spec.arch === 'arm64' &&
        spec.cpuManufacturer === 'aws' &&
        spec.category === like.category &&
        spec.burstable === like.burstable &&
        spec.vcpu >= like.vcpu &&
        spec.memoryGib >= like.memoryGib &&
        spec.vcpu <= like.vcpu * 2 &&
        spec.memoryGib <= like.memoryGib * 2,
    ),
  );
}

/** The cheapest current-generation type of the same architecture and category with at least the same vCPUs and memory. */
export function currentGenerationEquivalent(
  prices: PriceBook,
  region: string,
  like: InstanceTypeSpec,
): PricedType | undefined {
  return memoised(prices, `current\u0000${region}\u0000${like.instanceType}`, () =>
    pricedTypes(prices, region).find(
      ({ spec }) =>
        spec.arch === like.arch &&
        spec.category === like.category &&
        spec.burstable === like.burstable &&
        spec.vcpu >= like.vcpu &&
        spec.memoryGib >= like.memoryGib &&
        spec.vcpu <= like.vcpu * 2 &&
        spec.memoryGib <= like.memoryGib * 2,
    ),
  );
}
