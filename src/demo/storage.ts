import type { AccountKey, TagHygiene, Team } from './accounts.ts';
import { LINKED_ACCOUNTS, tagsFor } from './accounts.ts';
import type { BuildContext } from './build-context.ts';
import {
  addDaysTo,
  availabilityZone,
  growth,
  jitter,
  resourceHexId,
  usageColumns,
  usageType,
} from './build-context.ts';
import type { DemoDay } from './calendar.ts';
import { isMonthEnd, isWeekend } from './calendar.ts';
import type { DemoRegion } from './prices.ts';
import {
  EBS_PRICES,
  FLAT_PRICES,
  RDS_POSTGRES_CLASSES,
  RDS_STORAGE_PRICES,
  S3_STORAGE_PRICES,
  skuFor,
} from './prices.ts';
import type { Prng } from './prng.ts';

export interface BucketSpec {
  name: string;
  team: Team;
  account: AccountKey;
  region: DemoRegion;
  hygiene: TagHygiene;
  storageClass: 'STANDARD' | 'STANDARD_IA';
  /** Size when the data ends, GB. */
  sizeGb: number;
  monthlyGrowth: number;
  getsPerDay: number;
  putsPerDay: number;
  lifecycleRules: number;
  /** Days since the last GET when the data ends (cold buckets). */
  lastAccessDaysAgo: number;
  averageObjectMb: number;
}

/** Adds an S3 bucket: storage, PUT and GET request meters, inventory and bucket stats. */
export function addBucket(context: BuildContext, spec: BucketSpec): string {
  const account = LINKED_ACCOUNTS[spec.account];
  // Bucket names must be globally unique, so estates put the account id in them.
  const bucket = `acme-${spec.name}-${account.id}`;
  const tags = tagsFor(spec.team, account, spec.hygiene);
  const days = context.calendar.days;
  const lastMonths = days[days.length - 1]?.monthsElapsed ?? 0;
  const sizeOn = (monthsElapsed: number) =>
    spec.sizeGb / (1 + spec.monthlyGrowth) ** (lastMonths - monthsElapsed);
  const storagePrice = S3_STORAGE_PRICES[spec.storageClass];
  const base = {
    account,
    service: 's3' as const,
    category: 'Storage',
    region: spec.region,
    resourceId: bucket,
    resourceName: bucket,
    resourceType: 'Bucket',
    tags,
  };
  context.meters.push({
    stream: `s3:storage:${bucket}`,
    columns: usageColumns({
      ...base,
      usageType: usageType(
        spec.region,
        spec.storageClass === 'STANDARD' ? 'TimedStorage-ByteHrs' : 'TimedStorage-SIA-ByteHrs',
      ),
      operation: spec.storageClass === 'STANDARD' ? 'StandardStorage' : 'StandardIAStorage',
      description: `$${storagePrice.price[spec.region]} per GB - ${spec.storageClass === 'STANDARD' ? 'first 50 TB / month of storage used' : 'storage used in Standard-Infrequent Access'}`,
      pricingUnit: 'GB-Months',
      unitPrice: storagePrice.price[spec.region],
      sku: storagePrice.sku[spec.region],
    }),
    unitPrice: storagePrice.price[spec.region],
    quantity: (day) => sizeOn(day.monthsElapsed) / day.daysInMonth,
  });
  const requests = (kind: 'put' | 'get') => ({
    stream: `s3:${kind}:${bucket}`,
    columns: usageColumns({
      ...base,
      usageType: usageType(spec.region, kind === 'put' ? 'Requests-Tier1' : 'Requests-Tier2'),
      operation: kind === 'put' ? 'PutObject' : 'GetObject',
      description:
        kind === 'put'
          ? '$0.005 per 1,000 PUT, COPY, POST, or LIST requests'
          : '$0.0004 per 1,000 GET and all other requests',
      pricingUnit: 'Requests',
      unitPrice: kind === 'put' ? FLAT_PRICES.s3PutRequest : FLAT_PRICES.s3GetRequest,
      sku: kind === 'put' ? 'JDYGPAJRCFR6Q4ST' : 'N6E3MS5ZZH8VWYEV',
    }),
    unitPrice: kind === 'put' ? FLAT_PRICES.s3PutRequest : FLAT_PRICES.s3GetRequest,
    quantity: (day: DemoDay, rng: Prng) => {
      const perDay = kind === 'put' ? spec.putsPerDay : spec.getsPerDay;
      if (perDay <= 0) return 0;
      return Math.round(
        perDay * growth(day, spec.monthlyGrowth) * (isWeekend(day) ? 0.55 : 1) * jitter(rng, 0.12),
      );
    },
  });
  if (spec.putsPerDay > 0) context.meters.push(requests('put'));
  if (spec.getsPerDay > 0) context.meters.push(requests('get'));
  const sizeBytes = Math.round(spec.sizeGb * 1024 ** 3);
  const createdAt = `${addDaysTo(context.calendar.start, -context.rng.int(60, 900))}T10:12:00.000Z`;
  context.resources.push({
    resourceId: bucket,
    resourceName: bucket,
    service: 'Amazon Simple Storage Service',
    resourceType: 's3_bucket',
    accountId: account.id,
    region: spec.region,
    size: `${Math.round(spec.sizeGb)} GB`,
    state: 'available',
    attributes: {
      storage_class: spec.storageClass,
      size_gib: Math.round(spec.sizeGb),
      versioning: spec.lifecycleRules > 0 ? 'Enabled' : 'Suspended',
      lifecycle_rules: spec.lifecycleRules,
    },
    tags,
    createdAt,
  });
  context.buckets.push({
    bucket,
    accountId: account.id,
    region: spec.region,
    storageClass: spec.storageClass,
    sizeBytes,
    objectCount: Math.round((spec.sizeGb * 1024) / spec.averageObjectMb),
    getRequests30d: Math.round(spec.getsPerDay * 30 * 0.87),
    putRequests30d: Math.round(spec.putsPerDay * 30 * 0.87),
    lifecycleRules: spec.lifecycleRules,
    lastAccessed: `${addDaysTo(context.calendar.end, -spec.lastAccessDaysAgo)}T${spec.lastAccessDaysAgo > 1 ? '03:41:17' : '00:00:00'}.000Z`,
  });
  return bucket;
}

export interface DatabaseSpec {
  name: string;
  team: Team;
  account: AccountKey;
  region: DemoRegion;
  hygiene: TagHygiene;
  instanceClass: string;
  multiAz: boolean;
  storageGb: number;
  backupGb: number;
  /** Busy-hour connections; 0 after `idleForDays` days before now. */
  peakConnections: number;
  idleForDays?: number;
  cpuMean: number;
}

/** Adds an RDS PostgreSQL instance: instance hours, storage, backup, inventory and utilisation. */
export function addDatabase(context: BuildContext, spec: DatabaseSpec): string {
  const account = LINKED_ACCOUNTS[spec.account];
  const arn = `arn:aws:rds:${spec.region}:${account.id}:db:${spec.name}`;
  const tags = tagsFor(spec.team, account, spec.hygiene);
  const dbClass = RDS_POSTGRES_CLASSES[spec.instanceClass];
  if (!dbClass) throw new RangeError(`no price for RDS class ${spec.instanceClass}`);
  const hourly = spec.multiAz ? dbClass.multiAz[spec.region] : dbClass.singleAz[spec.region];
  const storage = spec.multiAz ? RDS_STORAGE_PRICES.multiAz : RDS_STORAGE_PRICES.singleAz;
  const zone = availabilityZone(spec.region, 0);
  const base = {
    account,
    service: 'rds' as const,
    category: 'Databases',
    region: spec.region,
    resourceId: arn,
    resourceName: spec.name,
    resourceType: 'DB Instance',
    tags,
    operation: 'CreateDBInstance:0014',
  };
  context.meters.push({
    stream: `rds:hours:${arn}`,
    columns: usageColumns({
      ...base,
      zone: spec.multiAz ? null : zone,
      usageType: usageType(
        spec.region,
        `${spec.multiAz ? 'Multi-AZUsage' : 'InstanceUsage'}:${spec.instanceClass}`,
      ),
      description: `$${hourly} per RDS ${spec.instanceClass} ${spec.multiAz ? 'Multi-AZ' : 'Single-AZ'} instance hour (or partial hour) running PostgreSQL`,
      pricingUnit: 'Hours',
      unitPrice: hourly,
      sku: skuFor(`rds:${spec.instanceClass}:${spec.region}:${spec.multiAz}`),
    }),
    unitPrice: hourly,
    quantity: () => 24,
  });
  context.meters.push({
    stream: `rds:storage:${arn}`,
    columns: usageColumns({
      ...base,
      usageType: usageType(spec.region, spec.multiAz ? 'RDS:Multi-AZ-GP2-Storage' : 'RDS:GP2-Storage'),
      description: `$${storage.price[spec.region]} per GB-month of provisioned gp2 storage running PostgreSQL`,
      pricingUnit: 'GB-Months',
      unitPrice: storage.price[spec.region],
      sku: storage.sku[spec.region],
    }),
    unitPrice: storage.price[spec.region],
    quantity: (day) => spec.storageGb / day.daysInMonth,
  });
  context.meters.push({
    stream: `rds:backup:${arn}`,
    columns: usageColumns({
      ...base,
      usageType: usageType(spec.region, 'RDS:ChargedBackupUsage'),
      description: `$${RDS_STORAGE_PRICES.backup.price[spec.region]} per additional GB-month of backup storage exceeding free allocation`,
      pricingUnit: 'GB-Months',
      unitPrice: RDS_STORAGE_PRICES.backup.price[spec.region],
      sku: RDS_STORAGE_PRICES.backup.sku[spec.region],
    }),
    unitPrice: RDS_STORAGE_PRICES.backup.price[spec.region],
    quantity: (day) => (spec.backupGb * growth(day, 0.02)) / day.daysInMonth,
  });
  context.resources.push({
    resourceId: arn,
    resourceName: spec.name,
    service: 'Amazon Relational Database Service',
    resourceType: 'rds_instance',
    accountId: account.id,
    region: spec.region,
    size: spec.instanceClass,
    state: 'available',
    attributes: {
      engine: 'postgres',
      engine_version: '15.7',
      instance_class: spec.instanceClass,
      vcpu: dbClass.vcpu,
      memory_gib: dbClass.memoryGib,
      multi_az: spec.multiAz,
      storage_type: 'gp2',
      allocated_storage_gib: spec.storageGb,
    },
    tags,
    createdAt: `${addDaysTo(context.calendar.start, -context.rng.int(100, 700))}T09:30:00.000Z`,
  });
  const idleFrom =
    spec.idleForDays === undefined ? Number.POSITIVE_INFINITY : context.todayIndex - spec.idleForDays;
  context.utilisation.push({
    resourceId: arn,
    stream: `util:${arn}`,
    emit: (day, rng, write) => {
      const idle = day.index >= idleFrom;
      for (let hour = 0; hour < 24; hour++) {
        const diurnal = (1 + Math.sin(((hour - 9) / 24) * 2 * Math.PI)) / 2;
        const weekend = isWeekend(day) ? 0.6 : 1;
        const connections = idle
          ? 0
          : Math.round(spec.peakConnections * (0.25 + 0.75 * diurnal) * weekend * jitter(rng, 0.1));
        write(hour, 'db_connections', connections);
        const cpu = idle
          ? 1.5 + 0.4 * rng.normal()
          : spec.cpuMean * (0.6 + 0.8 * diurnal) * weekend * jitter(rng, 0.1);
        write(hour, 'cpu_percent', Math.min(100, Math.max(0.2, cpu)));
      }
    },
  });
  return arn;
}

export interface TableSpec {
  name: string;
  team: Team;
  account: AccountKey;
  region: DemoRegion;
  hygiene: TagHygiene;
  writesPerDay: number;
  readsPerDay: number;
  storageGb: number;
}

/** Adds an on-demand DynamoDB table: write and read request units and storage. */
export function addTable(context: BuildContext, spec: TableSpec): string {
  const account = LINKED_ACCOUNTS[spec.account];
  const arn = `arn:aws:dynamodb:${spec.region}:${account.id}:table/${spec.name}`;
  const tags = tagsFor(spec.team, account, spec.hygiene);
  const base = {
    account,
    service: 'dynamoDb' as const,
    category: 'Databases',
    region: spec.region,
    resourceId: arn,
    resourceName: spec.name,
    resourceType: 'Table',
    tags,
  };
  const requests = (kind: 'Write' | 'Read', perDay: number, price: number) =>
    context.meters.push({
      stream: `ddb:${kind}:${arn}`,
      columns: usageColumns({
        ...base,
        usageType: usageType(spec.region, `${kind}RequestUnits`),
        operation: 'PayPerRequestThroughput',
        description: `$${(price * 1e6).toFixed(3)} per million ${kind.toLowerCase()} request units`,
        pricingUnit: `${kind}RequestUnits`,
        unitPrice: price,
        sku: kind === 'Write' ? 'R6PXMNYCEDGZ2EYN' : 'CEEJ7QZA4QK3JXUV',
      }),
      unitPrice: price,
      quantity: (day, rng) =>
        Math.round(
          perDay *
            growth(day, 0.03) *
            (isWeekend(day) ? 0.7 : 1) *
            (isMonthEnd(day) ? 1.15 : 1) *
            jitter(rng, 0.1),
        ),
    });
  requests('Write', spec.writesPerDay, FLAT_PRICES.dynamoWriteRequestUnit);
  requests('Read', spec.readsPerDay, FLAT_PRICES.dynamoReadRequestUnit);
  context.meters.push({
    stream: `ddb:storage:${arn}`,
    columns: usageColumns({
      ...base,
      usageType: usageType(spec.region, 'TimedStorage-ByteHrs'),
      operation: 'StandardStorage',
      description: '$0.25 per GB-Month of storage used beyond first 25 free GB-Months',
      pricingUnit: 'GB-Months',
      unitPrice: FLAT_PRICES.dynamoStorageGbMonth,
      sku: 'J6T772QKJ5B49GMC',
    }),
    unitPrice: FLAT_PRICES.dynamoStorageGbMonth,
    quantity: (day) => (spec.storageGb * growth(day, 0.03)) / 1.4 / day.daysInMonth,
  });
  context.resources.push({
    resourceId: arn,
    resourceName: spec.name,
    service: 'Amazon DynamoDB',
    resourceType: 'dynamodb_table',
    accountId: account.id,
    region: spec.region,
    size: `${spec.storageGb} GB`,
    state: 'active',
    attributes: { billing_mode: 'PAY_PER_REQUEST', size_gib: spec.storageGb },
    tags,
    createdAt: `${addDaysTo(context.calendar.start, -context.rng.int(100, 700))}T11:05:00.000Z`,
  });
  return arn;
}

export interface SnapshotSpec {
  account: AccountKey;
  region: DemoRegion;
  team: Team;
  hygiene: TagHygiene;
  gib: number;
  ageDays: number;
  sourceVolume: string;
}

/** Adds an EBS snapshot billed as EBS:SnapshotUsage GB-months. */
export function addSnapshot(context: BuildContext, spec: SnapshotSpec): string {
  const account = LINKED_ACCOUNTS[spec.account];
  const id = resourceHexId(context, 'snap');
  const tags = tagsFor(spec.team, account, spec.hygiene);
  const startIndex = context.todayIndex - spec.ageDays;
  const price = EBS_PRICES.snapshot.price[spec.region];
  context.meters.push({
    stream: `snap:${id}`,
    columns: usageColumns({
      account,
      service: 'ec2',
      category: 'Storage',
      region: spec.region,
      usageType: usageType(spec.region, 'EBS:SnapshotUsage'),
      operation: 'CreateSnapshot',
      description: `$${price} per GB-Month of snapshot data stored`,
      pricingUnit: 'GB-Months',
      unitPrice: price,
      sku: EBS_PRICES.snapshot.sku[spec.region],
      resourceId: `arn:aws:ec2:${spec.region}:${account.id}:snapshot/${id}`,
      resourceName: id,
      resourceType: 'Snapshot',
      tags,
    }),
    unitPrice: price,
    quantity: (day) => (day.index >= startIndex ? spec.gib / day.daysInMonth : 0),
  });
  context.resources.push({
    resourceId: `arn:aws:ec2:${spec.region}:${account.id}:snapshot/${id}`,
    resourceName: id,
    service: 'Amazon Elastic Compute Cloud',
    resourceType: 'ebs_snapshot',
    accountId: account.id,
    region: spec.region,
    size: `${spec.gib} GiB`,
    state: 'completed',
    attributes: { size_gib: spec.gib, source_volume: spec.sourceVolume, snapshot_id: id },
    tags,
    createdAt: `${addDaysTo(context.calendar.end, -spec.ageDays)}T02:00:00.000Z`,
  });
  return id;
}
