import type { AccountKey, DemoAccount, TagHygiene, Team } from './accounts.ts';
import { LINKED_ACCOUNTS, tagsFor } from './accounts.ts';
import type { BuildContext } from './build-context.ts';
import {
  availabilityZone,
  dayOfIndex,
  growth,
  jitter,
  resourceHexId,
  usageColumns,
  usageType,
} from './build-context.ts';
import type { DemoDay } from './calendar.ts';
import { isMonthEnd, isWeekend } from './calendar.ts';
import type { UtilisationMetric } from './model.ts';
import type { DemoRegion } from './prices.ts';
import { EBS_PRICES, FLAT_PRICES, INSTANCE_TYPES, SAVINGS_PLAN_DISCOUNT } from './prices.ts';
import { createPrng, deriveSeed } from './prng.ts';

/** Hourly CPU shape: a daytime peak of `swing` around `mean`, scaled by `weekend` on Sat/Sun. */
export interface CpuProfile {
  mean: number;
  swing: number;
  noise: number;
  weekend: number;
}

export interface FleetSpec {
  name: string;
  team: Team;
  account: AccountKey;
  region: DemoRegion;
  type: string;
  count: number;
  hygiene: TagHygiene;
  /** steady: always on; autoscaled: instance count follows demand (growth, weekends, month end). */
  mode: 'steady' | 'autoscaled';
  /** autoscaled: share of `count` needed when the data starts (demand grows to ~90 % of it). */
  startShare?: number;
  /** autoscaled: demand multiplier on Saturdays and Sundays. */
  weekend?: number;
  /** autoscaled: demand multiplier in the last three days of a month (batch and reporting). */
  monthEnd?: number;
  /** Launched this many days before `now` (at 14:00); otherwise before the data starts. */
  launchedDaysAgo?: number;
  cpu: CpuProfile;
  memoryAgent?: boolean;
  root: { type: 'gp2' | 'gp3'; gib: number };
  data?: { type: 'gp2' | 'gp3'; gib: number };
  /** Internet egress per running hour, GB (AWS Data Transfer rows on the instance). */
  egressGbPerHour?: number;
  /**
   * Network out per hour in the CloudWatch-style metrics when there is no billed egress; default
   * 20 MB (service chatter). Idle fleets set a few hundred KB: agents and NTP only.
   */
  quietNetworkBytesPerHour?: number;
  savingsPlan?: boolean;
}

export interface BuiltInstance {
  id: string;
  fleet: FleetSpec;
  account: DemoAccount;
  hoursByDay: Float64Array;
  volumeIds: string[];
}

const LAUNCH_HOUR = 14;

/** Adds a fleet's instances, their EBS volumes, egress, utilisation and inventory rows. */
export function addFleet(context: BuildContext, fleet: FleetSpec): BuiltInstance[] {
  const account = LINKED_ACCOUNTS[fleet.account];
  const days = context.calendar.days;
  const spec = INSTANCE_TYPES[fleet.type];
  if (!spec) throw new RangeError(`no price for instance type ${fleet.type}`);
  const desired = fleetDemand(context, fleet);
  const launchIndex = fleet.launchedDaysAgo === undefined ? -1 : context.todayIndex - fleet.launchedDaysAgo;
  const tags = tagsFor(fleet.team, account, fleet.hygiene);
  const built: BuiltInstance[] = [];
  for (let member = 0; member < fleet.count; member++) {
    const id = resourceHexId(context, 'i');
    const name = `${fleet.name}-${String(member + 1).padStart(2, '0')}`;
    const zone = availabilityZone(fleet.region, member);
    const hoursByDay = new Float64Array(days.length);
    for (const day of days) {
      if (day.index < launchIndex) continue;
      if (fleet.mode === 'steady') hoursByDay[day.index] = day.index === launchIndex ? 24 - LAUNCH_HOUR : 24;
      else
        hoursByDay[day.index] = Math.round(Math.min(1, Math.max(0, (desired[day.index] ?? 0) - member)) * 24);
    }
    const firstIndex = hoursByDay.findIndex((hours) => hours > 0);
    // Launched on its first billed day; instances billed from the first day already existed before.
    const createdIndex =
      launchIndex >= 0 ? launchIndex : firstIndex > 0 ? firstIndex : -context.rng.int(30, 400);
    const createdHour = launchIndex >= 0 ? LAUNCH_HOUR : context.rng.int(8, 18);
    const createdAt = `${dayOfIndex(context, createdIndex)}T${String(createdHour).padStart(2, '0')}:${String(context.rng.int(0, 59)).padStart(2, '0')}:00.000Z`;
    const price = spec.hourly[fleet.region];
    const boxUsage = usageType(fleet.region, `BoxUsage:${fleet.type}`);
    context.meters.push({
      stream: `box:${id}`,
      columns: usageColumns({
        account,
        service: 'ec2',
        category: 'Compute',
        region: fleet.region,
        zone,
        usageType: boxUsage,
        operation: 'RunInstances',
        description: `$${price} per On Demand Linux ${fleet.type} Instance Hour`,
        pricingUnit: 'Hours',
        unitPrice: price,
        sku: spec.sku[fleet.region],
        resourceId: id,
        resourceName: name,
        resourceType: 'Instance',
        tags,
      }),
      unitPrice: price,
      quantity: (day) => hoursByDay[day.index] ?? 0,
      ...(fleet.savingsPlan ? { savingsPlanRate: roundRate(price * (1 - SAVINGS_PLAN_DISCOUNT)) } : {}),
    });
    if (fleet.egressGbPerHour) addEgress(context, fleet, account, id, name, zone, hoursByDay, tags);
    addInterZoneTransfer(context, fleet, account, id, name, zone, hoursByDay, tags);
    const volumeIds = [
      addVolume(context, fleet, account, id, name, zone, 'root', fleet.root, hoursByDay, createdAt),
    ];
    if (fleet.data)
      volumeIds.push(
        addVolume(context, fleet, account, id, name, zone, 'data', fleet.data, hoursByDay, createdAt),
      );
    context.resources.push({
      resourceId: id,
      resourceName: name,
      service: 'Amazon Elastic Compute Cloud',
      resourceType: 'ec2_instance',
      accountId: account.id,
      region: fleet.region,
      size: fleet.type,
      state: 'running',
      attributes: {
        instance_type: fleet.type,
        architecture: spec.architecture,
        vcpu: spec.vcpu,
        memory_gib: spec.memoryGib,
        previous_generation: spec.previousGeneration,
        availability_zone: zone,
        platform: 'Linux/UNIX',
        fleet: fleet.name,
        cloudwatch_agent: fleet.memoryAgent === true,
        savings_plan_covered: fleet.savingsPlan === true,
      },
      tags,
      createdAt,
    });
    context.utilisation.push({
      resourceId: id,
      stream: `util:${id}`,
      emit: (day, rng, write) => emitInstanceMetrics(fleet, hoursByDay[day.index] ?? 0, day, rng, write),
    });
    built.push({ id, fleet, account, hoursByDay, volumeIds });
  }
  return built;
}

function roundRate(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Instances wanted per day: growth toward ~90 % of the fleet, weekly and month-end shape, noise. */
function fleetDemand(context: BuildContext, fleet: FleetSpec): Float64Array {
  const days = context.calendar.days;
  const demand = new Float64Array(days.length);
  if (fleet.mode !== 'autoscaled') return demand;
  const rng = createPrng(deriveSeed(context.seed, `demand:${fleet.account}:${fleet.name}`));
  const start = fleet.startShare ?? 0.7;
  const last = Math.max(1, days.length - 1);
  for (const day of days) {
    let share = start + (0.9 - start) * (day.index / last);
    if (isWeekend(day)) share *= fleet.weekend ?? 1;
    if (isMonthEnd(day)) share *= fleet.monthEnd ?? 1;
    demand[day.index] = fleet.count * share * jitter(rng, 0.04);
  }
  return demand;
}

function addEgress(
  context: BuildContext,
  fleet: FleetSpec,
  account: DemoAccount,
  id: string,
  name: string,
  zone: string,
  hoursByDay: Float64Array,
  tags: ReturnType<typeof tagsFor>,
): void {
  const perHour = fleet.egressGbPerHour ?? 0;
  context.meters.push({
    stream: `egress:${id}`,
    columns: usageColumns({
      account,
      service: 'dataTransfer',
      category: 'Networking',
      region: fleet.region,
      zone,
      usageType: usageType(fleet.region, 'DataTransfer-Out-Bytes'),
      operation: 'RunInstances',
      description: `$${FLAT_PRICES.dataTransferOutGb} per GB - first 10 TB / month data transfer out beyond the global free tier`,
      pricingUnit: 'GB',
      unitPrice: FLAT_PRICES.dataTransferOutGb,
      sku: 'AQ3S3GEVBZ2WE7WY',
      resourceId: id,
      resourceName: name,
      resourceType: 'Instance',
      tags,
    }),
    unitPrice: FLAT_PRICES.dataTransferOutGb,
    quantity: (day, rng) => {
      const hours = hoursByDay[day.index] ?? 0;
      if (hours === 0) return 0;
      return hours * perHour * growth(day, 0.02) * (isWeekend(day) ? 0.6 : 1) * jitter(rng, 0.15);
    },
  });
}

/** Traffic between availability zones (service-to-service calls, replication), billed per instance. */
function addInterZoneTransfer(
  context: BuildContext,
  fleet: FleetSpec,
  account: DemoAccount,
  id: string,
  name: string,
  zone: string,
  hoursByDay: Float64Array,
  tags: ReturnType<typeof tagsFor>,
): void {
  const spec = INSTANCE_TYPES[fleet.type];
  const perHour = 0.08 * (spec?.vcpu ?? 2) * (fleet.cpu.mean / 40);
  context.meters.push({
    stream: `interzone:${id}`,
    columns: usageColumns({
      account,
      service: 'dataTransfer',
      category: 'Networking',
      region: fleet.region,
      zone,
      usageType: usageType(fleet.region, 'DataTransfer-Regional-Bytes'),
      operation: 'InterZone-Out',
      description: `$${FLAT_PRICES.dataTransferRegionalGb} per GB - regional data transfer - in/out/between EC2 AZs or using elastic IPs or ELB`,
      pricingUnit: 'GB',
      unitPrice: FLAT_PRICES.dataTransferRegionalGb,
      sku: 'QCH3WJRQ6EXNQ8KB',
      resourceId: id,
      resourceName: name,
      resourceType: 'Instance',
      tags,
    }),
    unitPrice: FLAT_PRICES.dataTransferRegionalGb,
    quantity: (day, rng) => {
      const hours = hoursByDay[day.index] ?? 0;
      return hours === 0 ? 0 : hours * perHour * (isWeekend(day) ? 0.7 : 1) * jitter(rng, 0.2);
    },
  });
}

function addVolume(
  context: BuildContext,
  fleet: FleetSpec,
  account: DemoAccount,
  instanceId: string,
  instanceName: string,
  zone: string,
  role: 'root' | 'data',
  volume: { type: 'gp2' | 'gp3'; gib: number },
  hoursByDay: Float64Array,
  createdAt: string,
): string {
  const id = resourceHexId(context, 'vol');
  const tags = tagsFor(fleet.team, account, fleet.hygiene);
  addVolumeMeter(context, {
    id,
    name: `${instanceName}-${role}`,
    account,
    region: fleet.region,
    zone,
    volumeType: volume.type,
    gib: volume.gib,
    tags,
    // A volume of an autoscaled instance lives as long as the instance runs.
    share: (day) => (hoursByDay[day.index] ?? 0) / 24,
  });
  context.resources.push({
    resourceId: id,
    resourceName: `${instanceName}-${role}`,
    service: 'Amazon Elastic Compute Cloud',
    resourceType: 'ebs_volume',
    accountId: account.id,
    region: fleet.region,
    size: `${volume.gib} GiB`,
    state: 'in-use',
    attributes: volumeAttributes(volume.type, volume.gib, instanceId, zone),
    tags,
    createdAt,
  });
  return id;
}

export function volumeAttributes(
  type: 'gp2' | 'gp3',
  gib: number,
  attachedTo: string | null,
  zone: string,
): Record<string, string | number | null> {
  return {
    volume_type: type,
    size_gib: gib,
    // gp2 IOPS scale with size (3 per GiB, 100 minimum); gp3 gives 3,000 as baseline.
    iops: type === 'gp2' ? Math.min(16000, Math.max(100, gib * 3)) : 3000,
    throughput_mibps: type === 'gp3' ? 125 : null,
    attached_to: attachedTo,
    availability_zone: zone,
  };
}

export interface VolumeMeterInput {
  id: string;
  name: string;
  account: DemoAccount;
  region: DemoRegion;
  zone: string;
  volumeType: 'gp2' | 'gp3';
  gib: number;
  tags: ReturnType<typeof tagsFor>;
  share: (day: DemoDay) => number;
}

/** EBS bills provisioned GB-months: a day of a volume is size × 1/days-in-month. */
export function addVolumeMeter(context: BuildContext, input: VolumeMeterInput): void {
  const price = EBS_PRICES[input.volumeType];
  const unitPrice = price.price[input.region];
  context.meters.push({
    stream: `ebs:${input.id}`,
    columns: usageColumns({
      account: input.account,
      service: 'ec2',
      category: 'Storage',
      region: input.region,
      zone: input.zone,
      usageType: usageType(input.region, `EBS:VolumeUsage.${input.volumeType}`),
      operation: `CreateVolume-${input.volumeType === 'gp2' ? 'Gp2' : 'Gp3'}`,
      description: `$${unitPrice} per GB-month of General Purpose SSD (${input.volumeType}) provisioned storage`,
      pricingUnit: 'GB-Months',
      unitPrice,
      sku: price.sku[input.region],
      resourceId: input.id,
      resourceName: input.name,
      resourceType: 'Volume',
      tags: input.tags,
    }),
    unitPrice,
    quantity: (day) => (input.gib / day.daysInMonth) * input.share(day),
  });
}

const UTILISATION_METRICS = {
  cpu: 'cpu_percent',
  memory: 'memory_percent',
  networkIn: 'network_in_bytes',
  networkOut: 'network_out_bytes',
} as const satisfies Record<string, UtilisationMetric>;

function emitInstanceMetrics(
  fleet: FleetSpec,
  hours: number,
  day: DemoDay,
  rng: ReturnType<typeof createPrng>,
  write: (hour: number, metric: UtilisationMetric, value: number) => void,
): void {
  if (hours <= 0) return;
  const firstHour = 24 - Math.round(hours);
  const profile = fleet.cpu;
  const weekend = isWeekend(day) ? profile.weekend : 1;
  const egressBytesPerHour =
    fleet.egressGbPerHour !== undefined
      ? fleet.egressGbPerHour * 1e9
      : (fleet.quietNetworkBytesPerHour ?? 2e7);
  for (let hour = firstHour; hour < 24; hour++) {
    // Business-hours peak around 15:00 UTC.
    const diurnal = Math.sin(((hour - 9) / 24) * 2 * Math.PI);
    const cpu = profile.mean * (1 + profile.swing * diurnal) * weekend + profile.noise * rng.normal();
    write(hour, UTILISATION_METRICS.cpu, clamp(cpu, 0.1, 100));
    if (fleet.memoryAgent)
      write(hour, UTILISATION_METRICS.memory, clamp(45 + 8 * diurnal + 3 * rng.normal(), 5, 98));
    const traffic = egressBytesPerHour * (0.6 + (0.4 * (1 + diurnal)) / 2) * weekend * jitter(rng, 0.1);
    write(hour, UTILISATION_METRICS.networkOut, Math.round(traffic));
    write(hour, UTILISATION_METRICS.networkIn, Math.round(traffic * 0.35));
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
