import { LINKED_ACCOUNTS, tagsFor } from './accounts.ts';
import type { BuildContext } from './build-context.ts';
import { addDaysTo, availabilityZone, resourceHexId, SERVICES } from './build-context.ts';
import type { BuiltInstance, FleetSpec } from './compute.ts';
import { addFleet, addVolumeMeter, volumeAttributes } from './compute.ts';
import {
  addDistribution,
  addFunction,
  addMonitoring,
  addNatGateway,
  addRegionalTransfer,
} from './network.ts';
import type { DemoRegion } from './prices.ts';
import { INSTANCE_TYPES } from './prices.ts';
import { addBucket, addDatabase, addSnapshot, addTable } from './storage.ts';

const BUSY = { mean: 62, swing: 0.3, noise: 4, weekend: 0.8 };
const NORMAL = { mean: 38, swing: 0.35, noise: 4, weekend: 0.7 };
const QUIET = { mean: 12, swing: 0.4, noise: 2, weekend: 0.6 };
const IDLE = { mean: 1.4, swing: 0.3, noise: 0.4, weekend: 1 };
const OVERSIZED = { mean: 21, swing: 0.25, noise: 1.5, weekend: 1 };

/** Days before `now` when the payments team launched its new fleet (story 1). */
export const PAYMENTS_LAUNCH_DAYS_AGO = 9;

/**
 * The fleets of the demo organisation. Names say what runs there; the planted stories are the
 * fleets marked in `describeOrganisation`.
 */
const FLEETS: FleetSpec[] = [
  // prod, us-east-1
  {
    name: 'payments-api',
    team: 'payments',
    account: 'prod',
    region: 'us-east-1',
    type: 'm5.xlarge',
    count: 8,
    hygiene: 'full',
    mode: 'steady',
    cpu: NORMAL,
    memoryAgent: true,
    root: { type: 'gp3', gib: 50 },
    egressGbPerHour: 0.6,
    savingsPlan: true,
  },
  {
    name: 'payments-worker',
    team: 'payments',
    account: 'prod',
    region: 'us-east-1',
    type: 'c5.xlarge',
    count: 6,
    hygiene: 'full',
    mode: 'autoscaled',
    startShare: 0.6,
    weekend: 0.6,
    cpu: NORMAL,
    root: { type: 'gp3', gib: 30 },
  },
  {
    name: 'payments-reconciliation',
    team: 'payments',
    account: 'prod',
    region: 'us-east-1',
    type: 'c6i.4xlarge',
    count: 12,
    hygiene: 'full',
    mode: 'steady',
    launchedDaysAgo: PAYMENTS_LAUNCH_DAYS_AGO,
    cpu: NORMAL,
    root: { type: 'gp3', gib: 100 },
  },
  {
    name: 'checkout-web',
    team: 'checkout',
    account: 'prod',
    region: 'us-east-1',
    type: 'm6i.xlarge',
    count: 12,
    hygiene: 'full',
    mode: 'autoscaled',
    startShare: 0.55,
    weekend: 0.75,
    cpu: NORMAL,
    memoryAgent: true,
    root: { type: 'gp3', gib: 30 },
    egressGbPerHour: 1.2,
  },
  {
    name: 'checkout-cache',
    team: 'checkout',
    account: 'prod',
    region: 'us-east-1',
    type: 'r5.xlarge',
    count: 3,
    hygiene: 'no-owner',
    mode: 'steady',
    cpu: QUIET,
    root: { type: 'gp3', gib: 30 },
    savingsPlan: true,
  },
  {
    name: 'search-api',
    team: 'search',
    account: 'prod',
    region: 'us-east-1',
    type: 'c5.2xlarge',
    count: 6,
    hygiene: 'full',
    mode: 'steady',
    cpu: BUSY,
    memoryAgent: true,
    root: { type: 'gp3', gib: 50 },
    egressGbPerHour: 0.4,
    savingsPlan: true,
  },
  {
    name: 'search-indexer',
    team: 'search',
    account: 'prod',
    region: 'us-east-1',
    type: 'r5.2xlarge',
    count: 4,
    hygiene: 'full',
    mode: 'steady',
    cpu: OVERSIZED,
    root: { type: 'gp3', gib: 50 },
    data: { type: 'gp3', gib: 500 },
  },
  {
    name: 'legacy-admin',
    team: 'checkout',
    account: 'prod',
    region: 'us-east-1',
    type: 'm5.large',
    count: 2,
    hygiene: 'env-only',
    mode: 'steady',
    cpu: QUIET,
    root: { type: 'gp2', gib: 100 },
    data: { type: 'gp2', gib: 500 },
  },
  // prod, us-west-2 (disaster recovery) and eu-west-1
  {
    name: 'checkout-web-dr',
    team: 'checkout',
    account: 'prod',
    region: 'us-west-2',
    type: 'm6i.xlarge',
    count: 3,
    hygiene: 'full',
    mode: 'steady',
    cpu: QUIET,
    root: { type: 'gp3', gib: 30 },
  },
  {
    name: 'bastion',
    team: 'platform',
    account: 'prod',
    region: 'us-west-2',
    type: 't3.medium',
    count: 1,
    hygiene: 'none',
    mode: 'steady',
    cpu: QUIET,
    root: { type: 'gp2', gib: 20 },
  },
  {
    name: 'checkout-web-eu',
    team: 'checkout',
    account: 'prod',
    region: 'eu-west-1',
    type: 'm6i.xlarge',
    count: 6,
    hygiene: 'full',
    mode: 'autoscaled',
    startShare: 0.5,
    weekend: 0.8,
    cpu: NORMAL,
    root: { type: 'gp3', gib: 30 },
    egressGbPerHour: 0.8,
  },
  {
    name: 'payments-api-eu',
    team: 'payments',
    account: 'prod',
    region: 'eu-west-1',
    type: 'm5.xlarge',
    count: 4,
    hygiene: 'full',
    mode: 'steady',
    cpu: NORMAL,
    root: { type: 'gp3', gib: 50 },
    savingsPlan: true,
  },
  {
    name: 'legacy-reporting',
    team: 'checkout',
    account: 'prod',
    region: 'eu-west-1',
    type: 'm4.xlarge',
    count: 2,
    hygiene: 'no-owner',
    mode: 'steady',
    cpu: NORMAL,
    root: { type: 'gp2', gib: 100 },
  },
  {
    name: 'legacy-etl',
    team: 'data-platform',
    account: 'prod',
    region: 'eu-west-1',
    type: 'c4.2xlarge',
    count: 1,
    hygiene: 'no-owner',
    mode: 'steady',
    cpu: NORMAL,
    root: { type: 'gp2', gib: 200 },
  },
  // staging
  {
    name: 'staging-app',
    team: 'checkout',
    account: 'staging',
    region: 'us-east-1',
    type: 'm5.large',
    count: 8,
    hygiene: 'no-owner',
    mode: 'autoscaled',
    startShare: 0.7,
    weekend: 0.3,
    cpu: QUIET,
    root: { type: 'gp2', gib: 50 },
  },
  {
    name: 'staging-payments',
    team: 'payments',
    account: 'staging',
    region: 'us-east-1',
    type: 't2.large',
    count: 3,
    hygiene: 'full',
    mode: 'steady',
    cpu: QUIET,
    root: { type: 'gp2', gib: 50 },
  },
  {
    name: 'staging-loadtest',
    team: 'platform',
    account: 'staging',
    region: 'us-east-1',
    type: 'm5.xlarge',
    count: 2,
    hygiene: 'env-only',
    mode: 'steady',
    cpu: IDLE,
    quietNetworkBytesPerHour: 300_000,
    root: { type: 'gp3', gib: 50 },
  },
  // data
  {
    name: 'spark-workers',
    team: 'data-platform',
    account: 'data',
    region: 'us-east-1',
    type: 'r6i.2xlarge',
    count: 14,
    hygiene: 'full',
    mode: 'autoscaled',
    startShare: 0.42,
    weekend: 0.5,
    monthEnd: 1.7,
    cpu: BUSY,
    memoryAgent: true,
    root: { type: 'gp3', gib: 100 },
    data: { type: 'gp3', gib: 200 },
  },
  {
    name: 'airflow',
    team: 'data-platform',
    account: 'data',
    region: 'us-east-1',
    type: 'm5.2xlarge',
    count: 2,
    hygiene: 'full',
    mode: 'steady',
    cpu: NORMAL,
    root: { type: 'gp3', gib: 100 },
    savingsPlan: true,
  },
  {
    name: 'ml-training',
    team: 'ml',
    account: 'data',
    region: 'us-east-1',
    type: 'g5.xlarge',
    count: 4,
    hygiene: 'full',
    mode: 'autoscaled',
    startShare: 0.4,
    weekend: 0.4,
    cpu: BUSY,
    root: { type: 'gp3', gib: 200 },
  },
  {
    name: 'ml-notebooks',
    team: 'ml',
    account: 'data',
    region: 'us-east-1',
    type: 'm7g.xlarge',
    count: 3,
    hygiene: 'no-owner',
    mode: 'steady',
    cpu: QUIET,
    root: { type: 'gp3', gib: 100 },
  },
  {
    name: 'ml-inference',
    team: 'ml',
    account: 'data',
    region: 'us-west-2',
    type: 'm7g.2xlarge',
    count: 4,
    hygiene: 'full',
    mode: 'steady',
    cpu: NORMAL,
    root: { type: 'gp3', gib: 50 },
    egressGbPerHour: 0.3,
  },
  // sandbox: hand-made, mostly untagged
  {
    name: 'sandbox-dev',
    team: 'platform',
    account: 'sandbox',
    region: 'us-east-1',
    type: 't3.large',
    count: 5,
    hygiene: 'none',
    mode: 'autoscaled',
    startShare: 0.6,
    weekend: 0.4,
    cpu: QUIET,
    root: { type: 'gp2', gib: 40 },
  },
  {
    name: 'sandbox-experiment',
    team: 'ml',
    account: 'sandbox',
    region: 'us-east-1',
    type: 'm5.xlarge',
    count: 1,
    hygiene: 'none',
    mode: 'steady',
    cpu: IDLE,
    quietNetworkBytesPerHour: 300_000,
    root: { type: 'gp3', gib: 100 },
  },
  // shared services
  {
    name: 'ci-runners',
    team: 'platform',
    account: 'shared',
    region: 'us-east-1',
    type: 'c6i.2xlarge',
    count: 8,
    hygiene: 'full',
    mode: 'autoscaled',
    startShare: 0.5,
    weekend: 0.2,
    cpu: BUSY,
    root: { type: 'gp3', gib: 100 },
  },
  {
    name: 'monitoring',
    team: 'platform',
    account: 'shared',
    region: 'us-east-1',
    type: 'm5.xlarge',
    count: 3,
    hygiene: 'full',
    mode: 'steady',
    cpu: NORMAL,
    memoryAgent: true,
    root: { type: 'gp3', gib: 200 },
    savingsPlan: true,
  },
  {
    name: 'vpn',
    team: 'platform',
    account: 'shared',
    region: 'us-east-1',
    type: 't3.medium',
    count: 2,
    hygiene: 'none',
    mode: 'steady',
    cpu: QUIET,
    root: { type: 'gp2', gib: 20 },
  },
];

/** Builds the whole organisation into `context` and records the planted stories. */
export function describeOrganisation(context: BuildContext): void {
  const fleets = new Map<string, BuiltInstance[]>();
  for (const fleet of FLEETS) fleets.set(`${fleet.account}:${fleet.name}`, addFleet(context, fleet));
  const ids = (key: string) => (fleets.get(key) ?? []).map((instance) => instance.id);
  const stories = context.stories;
  const today = context.calendar.end;

  const newFleet = fleets.get('prod:payments-reconciliation') ?? [];
  const weekDelta = newFleet.reduce((sum, instance) => {
    const hours = (from: number, to: number) =>
      instance.hoursByDay.slice(Math.max(0, from), Math.max(0, to)).reduce((a, b) => a + b, 0);
    // On demand: the fleet is not covered by the Savings Plan.
    const price = INSTANCE_TYPES[instance.fleet.type]?.hourly[instance.fleet.region] ?? 0;
    return (
      sum +
      (hours(context.todayIndex - 7, context.todayIndex) -
        hours(context.todayIndex - 14, context.todayIndex - 7)) *
        price
    );
  }, 0);
  stories.push({
    id: 'payments-ec2-jump',
    description:
      'The payments team launched 12 on-demand c6i.4xlarge instances (payments-reconciliation) in acme-prod us-east-1 nine days ago: payments EC2 spend last week is clearly up on the week before.',
    resourceIds: ids('prod:payments-reconciliation'),
    accountId: LINKED_ACCOUNTS.prod.id,
    service: SERVICES.ec2.name,
    period: { start: addDaysTo(today, -PAYMENTS_LAUNCH_DAYS_AGO), end: today },
    expectedDeltaUsd: round2(weekDelta),
  });
  stories.push({
    id: 'idle-ec2-instances',
    description:
      'Instances running for 30 days with CPU p95 under 5 % and a few hundred KB of network an hour: a load-test pair left on in staging and a forgotten sandbox experiment.',
    resourceIds: [...ids('staging:staging-loadtest'), ...ids('sandbox:sandbox-experiment')],
    accountId: LINKED_ACCOUNTS.staging.id,
    service: SERVICES.ec2.name,
  });
  stories.push({
    id: 'oversized-ec2-instances',
    description:
      'search-indexer runs on r5.2xlarge with CPU p95 between 20 and 35 %: one size down would do.',
    resourceIds: ids('prod:search-indexer'),
    accountId: LINKED_ACCOUNTS.prod.id,
    service: SERVICES.ec2.name,
  });
  stories.push({
    id: 'previous-generation-instances',
    description: 'Previous-generation instance types still running (m4, c4, t2).',
    resourceIds: [
      ...ids('prod:legacy-reporting'),
      ...ids('prod:legacy-etl'),
      ...ids('staging:staging-payments'),
    ],
    accountId: LINKED_ACCOUNTS.prod.id,
    service: SERVICES.ec2.name,
  });
  const gp2Volumes = [...fleets.values()]
    .flat()
    .filter((instance) => instance.fleet.root.type === 'gp2' || instance.fleet.data?.type === 'gp2')
    .flatMap((instance) =>
      instance.volumeIds.filter(
        (_, index) => (index === 0 ? instance.fleet.root.type : instance.fleet.data?.type) === 'gp2',
      ),
    );
  stories.push({
    id: 'gp2-volumes',
    description:
      'In-use gp2 volumes that would cost about 20 % less as gp3 with at least the same baseline performance.',
    resourceIds: gp2Volumes,
    accountId: LINKED_ACCOUNTS.prod.id,
    service: SERVICES.ec2.name,
  });
  stories.push({
    id: 'healthy-busy-instance',
    description:
      'Control: search-api instances are busy (CPU p95 above 70 %); rightsizing rules must stay silent.',
    resourceIds: ids('prod:search-api'),
    accountId: LINKED_ACCOUNTS.prod.id,
    service: SERVICES.ec2.name,
  });

  addUnattachedVolumes(context);
  addHealthyGp3Volume(context, fleets.get('prod:search-indexer')?.[0]);
  addSnapshots(context, fleets);
  addStorage(context);
  addDatabases(context);
  addNetworking(context);
  addServerless(context);
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function addUnattachedVolumes(context: BuildContext): void {
  const specs: {
    account: 'prod' | 'staging' | 'data';
    region: DemoRegion;
    gib: number;
    type: 'gp2' | 'gp3';
    detachedDaysAgo: number;
  }[] = [
    { account: 'prod', region: 'us-east-1', gib: 500, type: 'gp2', detachedDaysAgo: 140 },
    { account: 'prod', region: 'us-east-1', gib: 200, type: 'gp3', detachedDaysAgo: 75 },
    { account: 'staging', region: 'us-east-1', gib: 1000, type: 'gp3', detachedDaysAgo: 210 },
    { account: 'data', region: 'us-east-1', gib: 2000, type: 'gp2', detachedDaysAgo: 95 },
    { account: 'data', region: 'us-west-2', gib: 300, type: 'gp3', detachedDaysAgo: 45 },
  ];
  const ids: string[] = [];
  specs.forEach((spec, index) => {
    const account = LINKED_ACCOUNTS[spec.account];
    const id = resourceHexId(context, 'vol');
    const zone = availabilityZone(spec.region, index);
    const tags = index % 2 === 0 ? {} : tagsFor('data-platform', account, 'env-only');
    addVolumeMeter(context, {
      id,
      name: `detached-${index + 1}`,
      account,
      region: spec.region,
      zone,
      volumeType: spec.type,
      gib: spec.gib,
      tags,
      share: () => 1,
    });
    context.resources.push({
      resourceId: id,
      resourceName: `detached-${index + 1}`,
      service: 'Amazon Elastic Compute Cloud',
      resourceType: 'ebs_volume',
      accountId: account.id,
      region: spec.region,
      size: `${spec.gib} GiB`,
      state: 'available',
      attributes: {
        ...volumeAttributes(spec.type, spec.gib, null, zone),
        detached_days: spec.detachedDaysAgo,
      },
      tags,
      createdAt: `${addDaysTo(context.calendar.start, -context.rng.int(30, 300))}T16:00:00.000Z`,
    });
    ids.push(id);
  });
  context.stories.push({
    id: 'unattached-ebs-volumes',
    description: 'EBS volumes in state available (attached to nothing) that are still billed every day.',
    resourceIds: ids,
    accountId: LINKED_ACCOUNTS.prod.id,
    service: SERVICES.ec2.name,
  });
}

function addHealthyGp3Volume(context: BuildContext, instance: BuiltInstance | undefined): void {
  const volume = instance?.volumeIds[1];
  if (!instance || !volume) return;
  context.stories.push({
    id: 'healthy-gp3-volume',
    description: 'Control: an attached, busy gp3 data volume; volume rules must stay silent.',
    resourceIds: [volume],
    accountId: instance.account.id,
    service: SERVICES.ec2.name,
  });
}

function addSnapshots(context: BuildContext, fleets: Map<string, BuiltInstance[]>): void {
  const sources = [
    ...(fleets.get('prod:payments-api') ?? []).slice(0, 4),
    ...(fleets.get('prod:search-indexer') ?? []),
    ...(fleets.get('data:airflow') ?? []),
    ...(fleets.get('prod:legacy-admin') ?? []),
  ];
  sources.forEach((instance, index) => {
    for (let copy = 0; copy < 4; copy++) {
      const volume = instance.volumeIds[instance.volumeIds.length - 1] ?? '';
      const size = instance.fleet.data?.gib ?? instance.fleet.root.gib;
      addSnapshot(context, {
        account: instance.fleet.account,
        region: instance.fleet.region,
        team: instance.fleet.team,
        hygiene: instance.fleet.hygiene,
        gib: Math.round(size * (0.35 + 0.1 * copy)),
        ageDays: 20 + copy * 90 + index * 7,
        sourceVolume: volume,
      });
    }
  });
}

function addStorage(context: BuildContext): void {
  const cold = addBucket(context, {
    name: 'data-archive',
    team: 'data-platform',
    account: 'data',
    region: 'us-east-1',
    hygiene: 'no-owner',
    storageClass: 'STANDARD',
    sizeGb: 40_000,
    monthlyGrowth: 0.01,
    getsPerDay: 2,
    putsPerDay: 0.5,
    lifecycleRules: 0,
    lastAccessDaysAgo: 190,
    averageObjectMb: 64,
  });
  const hot = addBucket(context, {
    name: 'checkout-assets',
    team: 'checkout',
    account: 'prod',
    region: 'us-east-1',
    hygiene: 'full',
    storageClass: 'STANDARD',
    sizeGb: 1_800,
    monthlyGrowth: 0.03,
    getsPerDay: 1_800_000,
    putsPerDay: 40_000,
    lifecycleRules: 2,
    lastAccessDaysAgo: 0,
    averageObjectMb: 0.4,
  });
  addBucket(context, {
    name: 'data-lake-raw',
    team: 'data-platform',
    account: 'data',
    region: 'us-east-1',
    hygiene: 'full',
    storageClass: 'STANDARD',
    sizeGb: 22_000,
    monthlyGrowth: 0.05,
    getsPerDay: 900_000,
    putsPerDay: 350_000,
    lifecycleRules: 1,
    lastAccessDaysAgo: 0,
    averageObjectMb: 32,
  });
  addBucket(context, {
    name: 'data-lake-curated',
    team: 'data-platform',
    account: 'data',
    region: 'us-east-1',
    hygiene: 'full',
    storageClass: 'STANDARD',
    sizeGb: 9_500,
    monthlyGrowth: 0.04,
    getsPerDay: 2_400_000,
    putsPerDay: 120_000,
    lifecycleRules: 1,
    lastAccessDaysAgo: 0,
    averageObjectMb: 128,
  });
  addBucket(context, {
    name: 'ml-datasets',
    team: 'ml',
    account: 'data',
    region: 'us-west-2',
    hygiene: 'full',
    storageClass: 'STANDARD',
    sizeGb: 6_000,
    monthlyGrowth: 0.06,
    getsPerDay: 300_000,
    putsPerDay: 20_000,
    lifecycleRules: 0,
    lastAccessDaysAgo: 0,
    averageObjectMb: 8,
  });
  addBucket(context, {
    name: 'payments-statements',
    team: 'payments',
    account: 'prod',
    region: 'us-east-1',
    hygiene: 'full',
    storageClass: 'STANDARD_IA',
    sizeGb: 3_200,
    monthlyGrowth: 0.03,
    getsPerDay: 15_000,
    putsPerDay: 25_000,
    lifecycleRules: 2,
    lastAccessDaysAgo: 0,
    averageObjectMb: 0.3,
  });
  addBucket(context, {
    name: 'search-snapshots',
    team: 'search',
    account: 'prod',
    region: 'us-east-1',
    hygiene: 'full',
    storageClass: 'STANDARD',
    sizeGb: 2_500,
    monthlyGrowth: 0.02,
    getsPerDay: 5_000,
    putsPerDay: 5_000,
    lifecycleRules: 1,
    lastAccessDaysAgo: 0,
    averageObjectMb: 256,
  });
  addBucket(context, {
    name: 'logs-central',
    team: 'platform',
    account: 'shared',
    region: 'us-east-1',
    hygiene: 'none',
    storageClass: 'STANDARD',
    sizeGb: 14_000,
    monthlyGrowth: 0.04,
    getsPerDay: 20_000,
    putsPerDay: 900_000,
    lifecycleRules: 0,
    lastAccessDaysAgo: 1,
    averageObjectMb: 2,
  });
  addBucket(context, {
    name: 'cloudtrail',
    team: 'platform',
    account: 'shared',
    region: 'us-east-1',
    hygiene: 'none',
    storageClass: 'STANDARD',
    sizeGb: 1_100,
    monthlyGrowth: 0.03,
    getsPerDay: 3_000,
    putsPerDay: 60_000,
    lifecycleRules: 1,
    lastAccessDaysAgo: 1,
    averageObjectMb: 0.05,
  });
  addBucket(context, {
    name: 'terraform-state',
    team: 'platform',
    account: 'shared',
    region: 'us-east-1',
    hygiene: 'full',
    storageClass: 'STANDARD',
    sizeGb: 2,
    monthlyGrowth: 0.01,
    getsPerDay: 4_000,
    putsPerDay: 400,
    lifecycleRules: 1,
    lastAccessDaysAgo: 0,
    averageObjectMb: 0.2,
  });
  addBucket(context, {
    name: 'checkout-assets-eu',
    team: 'checkout',
    account: 'prod',
    region: 'eu-west-1',
    hygiene: 'full',
    storageClass: 'STANDARD',
    sizeGb: 900,
    monthlyGrowth: 0.03,
    getsPerDay: 700_000,
    putsPerDay: 12_000,
    lifecycleRules: 2,
    lastAccessDaysAgo: 0,
    averageObjectMb: 0.4,
  });
  addBucket(context, {
    name: 'sandbox-scratch',
    team: 'ml',
    account: 'sandbox',
    region: 'us-east-1',
    hygiene: 'none',
    storageClass: 'STANDARD',
    sizeGb: 3_000,
    monthlyGrowth: 0.05,
    getsPerDay: 800,
    putsPerDay: 300,
    lifecycleRules: 0,
    lastAccessDaysAgo: 12,
    averageObjectMb: 50,
  });
  context.stories.push({
    id: 'cold-s3-standard',
    description:
      'acme-data-archive holds about 40 TB in S3 Standard with a handful of GETs a month and no lifecycle rule: Glacier Instant Retrieval or Intelligent-Tiering would cost a fraction.',
    resourceIds: [cold],
    accountId: LINKED_ACCOUNTS.data.id,
    service: SERVICES.s3.name,
  });
  context.stories.push({
    id: 'healthy-hot-bucket',
    description:
      'Control: a busy bucket (millions of GETs a day, lifecycle rules); storage-class rules must stay silent.',
    resourceIds: [hot],
    accountId: LINKED_ACCOUNTS.prod.id,
    service: SERVICES.s3.name,
  });
}

function addDatabases(context: BuildContext): void {
  addDatabase(context, {
    name: 'payments-db',
    team: 'payments',
    account: 'prod',
    region: 'us-east-1',
    hygiene: 'full',
    instanceClass: 'db.r6g.xlarge',
    multiAz: true,
    storageGb: 800,
    backupGb: 400,
    peakConnections: 180,
    cpuMean: 45,
  });
  addDatabase(context, {
    name: 'checkout-db',
    team: 'checkout',
    account: 'prod',
    region: 'us-east-1',
    hygiene: 'full',
    instanceClass: 'db.r5.large',
    multiAz: true,
    storageGb: 400,
    backupGb: 150,
    peakConnections: 120,
    cpuMean: 40,
  });
  addDatabase(context, {
    name: 'checkout-db-eu',
    team: 'checkout',
    account: 'prod',
    region: 'eu-west-1',
    hygiene: 'full',
    instanceClass: 'db.r5.large',
    multiAz: true,
    storageGb: 300,
    backupGb: 100,
    peakConnections: 80,
    cpuMean: 35,
  });
  const idle = addDatabase(context, {
    name: 'orders-legacy-db',
    team: 'checkout',
    account: 'prod',
    region: 'us-east-1',
    hygiene: 'no-owner',
    instanceClass: 'db.m5.large',
    multiAz: false,
    storageGb: 500,
    backupGb: 200,
    peakConnections: 25,
    idleForDays: 21,
    cpuMean: 15,
  });
  addDatabase(context, {
    name: 'airflow-metadata',
    team: 'data-platform',
    account: 'data',
    region: 'us-east-1',
    hygiene: 'full',
    instanceClass: 'db.m6g.large',
    multiAz: false,
    storageGb: 100,
    backupGb: 40,
    peakConnections: 60,
    cpuMean: 25,
  });
  addDatabase(context, {
    name: 'feature-store',
    team: 'ml',
    account: 'data',
    region: 'us-west-2',
    hygiene: 'full',
    instanceClass: 'db.r6g.xlarge',
    multiAz: false,
    storageGb: 600,
    backupGb: 300,
    peakConnections: 90,
    cpuMean: 50,
  });
  addDatabase(context, {
    name: 'staging-db',
    team: 'checkout',
    account: 'staging',
    region: 'us-east-1',
    hygiene: 'env-only',
    instanceClass: 'db.t3.medium',
    multiAz: false,
    storageGb: 100,
    backupGb: 20,
    peakConnections: 15,
    cpuMean: 10,
  });
  addDatabase(context, {
    name: 'staging-payments-db',
    team: 'payments',
    account: 'staging',
    region: 'us-east-1',
    hygiene: 'full',
    instanceClass: 'db.t3.medium',
    multiAz: false,
    storageGb: 100,
    backupGb: 20,
    peakConnections: 12,
    cpuMean: 8,
  });
  context.stories.push({
    id: 'idle-rds-instance',
    description:
      'orders-legacy-db (db.m5.large) has had no connections for 21 days after its traffic moved to checkout-db.',
    resourceIds: [idle],
    accountId: LINKED_ACCOUNTS.prod.id,
    service: SERVICES.rds.name,
  });
  addTable(context, {
    name: 'payments-ledger',
    team: 'payments',
    account: 'prod',
    region: 'us-east-1',
    hygiene: 'full',
    writesPerDay: 20_000_000,
    readsPerDay: 80_000_000,
    storageGb: 250,
  });
  addTable(context, {
    name: 'checkout-sessions',
    team: 'checkout',
    account: 'prod',
    region: 'us-east-1',
    hygiene: 'full',
    writesPerDay: 40_000_000,
    readsPerDay: 150_000_000,
    storageGb: 60,
  });
  addTable(context, {
    name: 'search-clicks',
    team: 'search',
    account: 'prod',
    region: 'us-east-1',
    hygiene: 'no-owner',
    writesPerDay: 25_000_000,
    readsPerDay: 10_000_000,
    storageGb: 400,
  });
  addTable(context, {
    name: 'payments-idempotency-keys',
    team: 'payments',
    account: 'prod',
    region: 'us-east-1',
    hygiene: 'full',
    writesPerDay: 6_000_000,
    readsPerDay: 6_000_000,
    storageGb: 12,
  });
  addTable(context, {
    name: 'checkout-carts-eu',
    team: 'checkout',
    account: 'prod',
    region: 'eu-west-1',
    hygiene: 'full',
    writesPerDay: 9_000_000,
    readsPerDay: 30_000_000,
    storageGb: 20,
  });
  addTable(context, {
    name: 'staging-sessions',
    team: 'checkout',
    account: 'staging',
    region: 'us-east-1',
    hygiene: 'env-only',
    writesPerDay: 300_000,
    readsPerDay: 900_000,
    storageGb: 2,
  });
  addTable(context, {
    name: 'platform-locks',
    team: 'platform',
    account: 'shared',
    region: 'us-east-1',
    hygiene: 'no-owner',
    writesPerDay: 2_000_000,
    readsPerDay: 4_000_000,
    storageGb: 1,
  });
  addTable(context, {
    name: 'feature-flags',
    team: 'platform',
    account: 'shared',
    region: 'us-east-1',
    hygiene: 'none',
    writesPerDay: 50_000,
    readsPerDay: 80_000_000,
    storageGb: 1,
  });
  addTable(context, {
    name: 'ml-features-online',
    team: 'ml',
    account: 'data',
    region: 'us-west-2',
    hygiene: 'full',
    writesPerDay: 30_000_000,
    readsPerDay: 120_000_000,
    storageGb: 180,
  });
}

function addNetworking(context: BuildContext): void {
  addNatGateway(context, {
    name: 'prod-use1-nat-a',
    team: 'platform',
    account: 'prod',
    region: 'us-east-1',
    hygiene: 'no-owner',
    gbPerDay: 650,
  });
  addNatGateway(context, {
    name: 'prod-use1-nat-b',
    team: 'platform',
    account: 'prod',
    region: 'us-east-1',
    hygiene: 'no-owner',
    gbPerDay: 420,
  });
  addNatGateway(context, {
    name: 'prod-euw1-nat-a',
    team: 'platform',
    account: 'prod',
    region: 'eu-west-1',
    hygiene: 'no-owner',
    gbPerDay: 180,
  });
  addNatGateway(context, {
    name: 'prod-usw2-nat-a',
    team: 'platform',
    account: 'prod',
    region: 'us-west-2',
    hygiene: 'no-owner',
    gbPerDay: 25,
  });
  addNatGateway(context, {
    name: 'staging-use1-nat-a',
    team: 'platform',
    account: 'staging',
    region: 'us-east-1',
    hygiene: 'env-only',
    gbPerDay: 60,
  });
  addNatGateway(context, {
    name: 'data-use1-nat-a',
    team: 'data-platform',
    account: 'data',
    region: 'us-east-1',
    hygiene: 'full',
    gbPerDay: 900,
  });
  addNatGateway(context, {
    name: 'data-usw2-nat-a',
    team: 'ml',
    account: 'data',
    region: 'us-west-2',
    hygiene: 'full',
    gbPerDay: 150,
  });
  addNatGateway(context, {
    name: 'shared-use1-nat-a',
    team: 'platform',
    account: 'shared',
    region: 'us-east-1',
    hygiene: 'none',
    gbPerDay: 220,
  });
  const regional: [keyof typeof LINKED_ACCOUNTS, DemoRegion, number][] = [
    ['prod', 'us-east-1', 2_600],
    ['prod', 'eu-west-1', 700],
    ['prod', 'us-west-2', 60],
    ['staging', 'us-east-1', 150],
    ['data', 'us-east-1', 3_800],
    ['data', 'us-west-2', 400],
    ['shared', 'us-east-1', 500],
  ];
  for (const [account, region, gb] of regional)
    addRegionalTransfer(context, LINKED_ACCOUNTS[account], region, gb);
  addDistribution(context, {
    name: 'www.acme-retail.example',
    team: 'checkout',
    hygiene: 'full',
    gbPerDay: 320,
    requestsPerDay: 16_000_000,
  });
  addDistribution(context, {
    name: 'static.acme-retail.example',
    team: 'checkout',
    hygiene: 'no-owner',
    gbPerDay: 480,
    requestsPerDay: 22_000_000,
  });
  addDistribution(context, {
    name: 'api.acme-retail.example',
    team: 'platform',
    hygiene: 'none',
    gbPerDay: 40,
    requestsPerDay: 9_000_000,
  });
}

function addServerless(context: BuildContext): void {
  const functions: [
    string,
    Parameters<typeof addFunction>[1]['team'],
    keyof typeof LINKED_ACCOUNTS,
    DemoRegion,
    number,
    number,
    number,
    number?,
  ][] = [
    ['payments-webhook', 'payments', 'prod', 'us-east-1', 3_500_000, 120, 512],
    ['payments-fraud-score', 'payments', 'prod', 'us-east-1', 2_000_000, 350, 1024],
    ['checkout-image-resize', 'checkout', 'prod', 'us-east-1', 1_200_000, 800, 1536],
    ['checkout-cart-events', 'checkout', 'prod', 'us-east-1', 8_000_000, 40, 256],
    ['checkout-eu-events', 'checkout', 'prod', 'eu-west-1', 2_500_000, 45, 256],
    ['search-suggest', 'search', 'prod', 'us-east-1', 6_000_000, 60, 512],
    ['data-ingest-router', 'data-platform', 'data', 'us-east-1', 4_000_000, 200, 1024],
    ['monthly-finance-report', 'data-platform', 'data', 'us-east-1', 2_000, 90_000, 3008, 12],
    ['ml-batch-trigger', 'ml', 'data', 'us-west-2', 20_000, 3_000, 512],
    ['platform-log-shipper', 'platform', 'shared', 'us-east-1', 9_000_000, 150, 512],
    ['platform-slack-alerts', 'platform', 'shared', 'us-east-1', 30_000, 300, 256],
    ['payments-refund-worker', 'payments', 'prod', 'us-east-1', 300_000, 250, 512],
    ['payments-payout-scheduler', 'payments', 'prod', 'us-east-1', 40_000, 1_200, 1024],
    ['checkout-email-sender', 'checkout', 'prod', 'us-east-1', 900_000, 180, 256],
    ['checkout-inventory-sync', 'checkout', 'prod', 'eu-west-1', 600_000, 300, 512],
    ['search-index-updater', 'search', 'prod', 'us-east-1', 1_500_000, 90, 512],
    ['search-synonyms-loader', 'search', 'prod', 'us-east-1', 2_000, 4_000, 1024],
    ['data-schema-validator', 'data-platform', 'data', 'us-east-1', 1_000_000, 120, 512],
    ['data-partition-compactor', 'data-platform', 'data', 'us-east-1', 5_000, 60_000, 2048, 3],
    ['ml-feature-refresh', 'ml', 'data', 'us-west-2', 200_000, 900, 2048],
    ['platform-cost-exporter', 'platform', 'shared', 'us-east-1', 1_000, 20_000, 512, 4],
    ['platform-secrets-rotator', 'platform', 'shared', 'us-east-1', 3_000, 2_000, 256],
    ['staging-smoke-tests', 'checkout', 'staging', 'us-east-1', 50_000, 3_000, 1024],
    ['sandbox-hello', 'platform', 'sandbox', 'us-east-1', 500, 100, 128],
  ];
  for (const [
    name,
    team,
    account,
    region,
    invocationsPerDay,
    durationMs,
    memoryMb,
    monthEndBoost,
  ] of functions) {
    addFunction(context, {
      name,
      team,
      account,
      region,
      hygiene: account === 'sandbox' ? 'none' : name.startsWith('platform') ? 'no-owner' : 'full',
      invocationsPerDay,
      durationMs,
      memoryMb,
      ...(monthEndBoost ? { monthEndBoost } : {}),
    });
  }
  const monitoring: [keyof typeof LINKED_ACCOUNTS, DemoRegion, number, number][] = [
    ['prod', 'us-east-1', 1_500, 30],
    ['prod', 'eu-west-1', 400, 8],
    ['prod', 'us-west-2', 120, 1],
    ['staging', 'us-east-1', 300, 5],
    ['data', 'us-east-1', 600, 20],
    ['data', 'us-west-2', 150, 3],
    ['sandbox', 'us-east-1', 40, 1],
    ['shared', 'us-east-1', 800, 15],
  ];
  for (const [account, region, metrics, logs] of monitoring)
    addMonitoring(context, LINKED_ACCOUNTS[account], region, metrics, logs);
}
