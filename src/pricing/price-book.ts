import { FinopsError } from '../errors.ts';
import { type PriceRow, type PriceTables, readPriceTables } from './price-tables.ts';
import { EC2_SHOP_SOURCE, PRICE_SOURCES, PRICE_WATCHER_SOURCE, SOURCE_DATES } from './sources.ts';
import { S3_TIER_BOUNDARIES_GB } from './storage-rules.ts';
import type {
  EbsVolumeType,
  InstanceTypeSpec,
  ListPrice,
  PriceSource,
  PriceUnit,
  RdsClassSpec,
  RdsEngine,
  RdsStorageType,
  S3IntelligentTieringAccessTier,
  S3MonthlyCost,
  S3RetrievalOption,
  S3StorageClass,
  S3VolumeTier,
} from './types.ts';

/**
 * AWS on-demand list prices by region, from the bundled snapshot. Every lookup returns undefined when
 * the snapshot has no such price (unknown region, type not offered there, engine or class not
 * collected): callers say the price is missing instead of guessing one.
 */
export interface PriceBook {
  /** Where each price comes from, with feed dates and licences. */
  readonly sources: readonly PriceSource[];
  /** The commercial region codes the snapshot covers. */
  regions(): readonly string[];
  isKnownRegion(region: string): boolean;

  /** Linux, shared tenancy, no pre-installed software; per hour. */
  ec2Hourly(region: string, instanceType: string): ListPrice | undefined;
  ec2Spec(instanceType: string): InstanceTypeSpec | undefined;
  /** Types with a Linux on-demand price in the region, sorted by name. */
  ec2TypesInRegion(region: string): InstanceTypeSpec[];

  /** Per GB-month of provisioned storage. */
  ebsStorage(region: string, volumeType: EbsVolumeType): ListPrice | undefined;
  /** gp3 IOPS above the 3,000 included, per IOPS-month. */
  ebsGp3Iops(region: string): ListPrice | undefined;
  /** gp3 throughput above the 125 MiB/s included, per MiBps-month (the feed's GiBps-month price / 1024). */
  ebsGp3Throughput(region: string): ListPrice | undefined;
  /** io1 or io2 provisioned IOPS per IOPS-month (io2: the first tier, up to 32,000 IOPS). */
  ebsProvisionedIops(region: string, volumeType: 'io1' | 'io2'): ListPrice | undefined;
  /** Standard-tier snapshot storage per GB-month. */
  ebsSnapshot(region: string): ListPrice | undefined;

  /**
   * Per GB-month. STANDARD (and Intelligent-Tiering's frequent access tier) are tiered by monthly
   * volume: without `tier` this is the first 50 TB. Other classes have one price and ignore `tier`.
   */
  s3Storage(region: string, storageClass: S3StorageClass, tier?: S3VolumeTier): ListPrice | undefined;
  s3IntelligentTieringStorage(
    region: string,
    accessTier: S3IntelligentTieringAccessTier,
    tier?: S3VolumeTier,
  ): ListPrice | undefined;
  /**
   * The monthly storage cost of `gb` GB in one class, applying the volume tiers. S3 applies the tiers to
   * the account's total in the class and region, so pass that total where it is known.
   */
  s3StorageMonthly(region: string, storageClass: S3StorageClass, gb: number): S3MonthlyCost | undefined;
  /** Per object-month; AWS quotes it per 1,000 objects. */
  s3IntelligentTieringMonitoring(region: string): ListPrice | undefined;
  /**
   * Per GB retrieved. Deep Archive has `standard` (default) and `bulk`. Classes without a retrieval
   * fee (STANDARD, INTELLIGENT_TIERING) and Glacier Flexible Retrieval (not in the feed extract)
   * return undefined.
   */
  s3Retrieval(
    region: string,
    storageClass: S3StorageClass,
    option?: S3RetrievalOption,
  ): ListPrice | undefined;
  /** Per lifecycle transition request into the class; AWS quotes it per 1,000 requests. */
  s3LifecycleTransition(region: string, storageClass: S3StorageClass): ListPrice | undefined;

  /** No-licence engines; per hour. */
  rdsHourly(
    region: string,
    engine: RdsEngine,
    instanceClass: string,
    multiAz: boolean,
  ): ListPrice | undefined;
  rdsSpec(instanceClass: string): RdsClassSpec | undefined;
  /** Classes with a price for the engine and deployment in the region, sorted by name. */
  rdsClassesInRegion(region: string, engine: RdsEngine, multiAz: boolean): RdsClassSpec[];
  /** Per GB-month of allocated storage. */
  rdsStorage(
    region: string,
    engine: RdsEngine,
    storageType: RdsStorageType,
    multiAz: boolean,
  ): ListPrice | undefined;
  /** Provisioned IOPS per IOPS-month (gp3: above the included baseline). */
  rdsProvisionedIops(
    region: string,
    engine: RdsEngine,
    storageType: 'gp3' | 'io1' | 'io2',
    multiAz: boolean,
  ): ListPrice | undefined;
  /** gp3 throughput above the included baseline, per MiBps-month. */
  rdsGp3Throughput(region: string, engine: RdsEngine, multiAz: boolean): ListPrice | undefined;
  /** Backup storage beyond the free allowance, per GB-month. */
  rdsBackupStorage(region: string, engine: RdsEngine): ListPrice | undefined;
}

const S3_CLASS_NAMES: Record<S3StorageClass, string> = {
  STANDARD: 'S3 Standard',
  STANDARD_IA: 'S3 Standard-IA',
  ONEZONE_IA: 'S3 One Zone-IA',
  INTELLIGENT_TIERING: 'S3 Intelligent-Tiering',
  GLACIER_IR: 'S3 Glacier Instant Retrieval',
  GLACIER: 'S3 Glacier Flexible Retrieval',
  DEEP_ARCHIVE: 'S3 Glacier Deep Archive',
  EXPRESS_ONEZONE: 'S3 Express One Zone',
};

const S3_TIER_COMPONENTS: Record<S3VolumeTier, { suffix: string; label: string }> = {
  'first-50TB': { suffix: 'first_50TB', label: 'first 50 TB tier' },
  'next-450TB': { suffix: 'next_450TB', label: 'next 450 TB tier' },
  'over-500TB': { suffix: 'over_500TB', label: 'over 500 TB tier' },
};

const S3_ACCESS_TIER_COMPONENTS: Record<Exclude<S3IntelligentTieringAccessTier, 'frequent'>, string> = {
  infrequent: 'infrequent_access',
  'archive-instant': 'archive_instant_access',
  archive: 'archive_access',
  'deep-archive': 'deep_archive_access',
};

const RDS_ENGINE_NAMES: Record<RdsEngine, string> = {
  postgres: 'PostgreSQL',
  mysql: 'MySQL',
  mariadb: 'MariaDB',
};

function key(...parts: readonly string[]): string {
  return parts.join('\u0000');
}

function indexBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T> {
  const index = new Map<string, T>();
  for (const row of rows) index.set(keyOf(row), row);
  return index;
}

/** Builds an index on first use, so a process that only prices S3 never reads the EC2 file. */
function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= build();
    return value;
  };
}

function deployment(multiAz: boolean): 'Single-AZ' | 'Multi-AZ' {
  return multiAz ? 'Multi-AZ' : 'Single-AZ';
}

/** A number for an item's text, without binary-float noise (0.0025, not 0.0025000000000000005). */
function plain(value: number): string {
  return String(Number(value.toPrecision(10)));
}

export function createPriceBook(tables: PriceTables): PriceBook {
  const regionSet = lazy(() => new Set(tables.regions().map((row) => row.region)));
  const isKnownRegion = (region: string) => regionSet().has(region);

  const ec2Prices = lazy(() => indexBy(tables.ec2Prices(), (row) => key(row.region, row.instanceType)));
  const ec2TypesByRegion = lazy(() => {
    const byRegion = new Map<string, string[]>();
    for (const row of tables.ec2Prices()) {
      const list = byRegion.get(row.region) ?? [];
      list.push(row.instanceType);
      byRegion.set(row.region, list);
    }
    return byRegion;
  });
  const ec2Specs = lazy(() => indexBy(tables.ec2InstanceTypes(), (row) => row.instanceType));
  const rdsPrices = lazy(() =>
    indexBy(tables.rdsPrices(), (row) =>
      key(row.region, row.engine, row.instanceClass, row.deploymentOption),
    ),
  );
  const rdsClassesByRegion = lazy(() => {
    const byKey = new Map<string, string[]>();
    for (const row of tables.rdsPrices()) {
      const groupKey = key(row.region, row.engine, row.deploymentOption);
      const list = byKey.get(groupKey) ?? [];
      list.push(row.instanceClass);
      byKey.set(groupKey, list);
    }
    return byKey;
  });
  const rdsClasses = lazy(() => indexBy(tables.rdsClasses(), (row) => row.instanceClass));
  const rdsStorageRows = lazy(() =>
    indexBy(tables.rdsStorage(), (row) =>
      key(row.region, row.engine, row.component, row.storageType, row.deploymentOption),
    ),
  );
  const ebsRows = lazy(() => indexBy(tables.ebs(), (row) => key(row.region, row.volumeType, row.component)));
  const s3Rows = lazy(() => indexBy(tables.s3(), (row) => key(row.region, row.storageClass, row.component)));

  const cite = (
    item: string,
    region: string,
    row: PriceRow,
    unit: PriceUnit,
    source: string,
    sourceDate: string,
    usd: number = row.usd,
  ): ListPrice => ({
    item,
    region,
    usd,
    unit,
    source,
    sourceDate,
    ...(row.rateCode === '' ? {} : { rateCode: row.rateCode }),
  });

  const ec2Spec = (instanceType: string): InstanceTypeSpec | undefined => {
    const row = ec2Specs().get(instanceType);
    if (!row) return undefined;
    return { ...row, burstable: row.category === 't' };
  };

  const rdsSpec = (instanceClass: string): RdsClassSpec | undefined => {
    const row = rdsClasses().get(instanceClass);
    return row ? { ...row } : undefined;
  };

  const ebs = (region: string, volumeType: string, component: string) =>
    isKnownRegion(region) ? ebsRows().get(key(region, volumeType, component)) : undefined;
  const ebsCite = (item: string, region: string, row: PriceRow, unit: PriceUnit, usd?: number) =>
    cite(item, region, row, unit, EC2_SHOP_SOURCE, SOURCE_DATES.ebs, usd);

  const s3 = (region: string, storageClass: string, component: string) =>
    isKnownRegion(region) ? s3Rows().get(key(region, storageClass, component)) : undefined;
  const s3Cite = (item: string, region: string, row: PriceRow, unit: PriceUnit) =>
    cite(item, region, row, unit, PRICE_WATCHER_SOURCE, SOURCE_DATES.s3);

  const s3FrequentTier = (
    region: string,
    storageClass: 'STANDARD' | 'INTELLIGENT_TIERING',
    tier: S3VolumeTier,
  ) => {
    const { suffix, label } = S3_TIER_COMPONENTS[tier];
    const component = storageClass === 'STANDARD' ? `storage_${suffix}` : `frequent_access_${suffix}`;
    const row = s3(region, storageClass, component);
    const what = storageClass === 'STANDARD' ? 'storage' : 'frequent access storage';
    return row && s3Cite(`${S3_CLASS_NAMES[storageClass]} ${what}, ${label}`, region, row, 'GB-month');
  };

  const s3Storage = (
    region: string,
    storageClass: S3StorageClass,
    tier?: S3VolumeTier,
  ): ListPrice | undefined => {
    if (storageClass === 'STANDARD' || storageClass === 'INTELLIGENT_TIERING') {
      return s3FrequentTier(region, storageClass, tier ?? 'first-50TB');
    }
    const row = s3(region, storageClass, 'storage');
    return row && s3Cite(`${S3_CLASS_NAMES[storageClass]} storage`, region, row, 'GB-month');
  };

  const rdsStorageRow = (
    region: string,
    engine: RdsEngine,
    component: string,
    storageType: string,
    dep: string,
  ) =>
    isKnownRegion(region)
      ? rdsStorageRows().get(key(region, engine, component, storageType, dep))
      : undefined;
  const rdsCite = (item: string, region: string, row: PriceRow, unit: PriceUnit) =>
    cite(item, region, row, unit, EC2_SHOP_SOURCE, SOURCE_DATES.rds);

  return {
    sources: PRICE_SOURCES,
    regions: () => [...regionSet()],
    isKnownRegion,

    ec2Hourly(region, instanceType) {
      if (!isKnownRegion(region)) return undefined;
      const row = ec2Prices().get(key(region, instanceType));
      return (
        row &&
        cite(`EC2 ${instanceType} Linux on-demand`, region, row, 'hour', EC2_SHOP_SOURCE, SOURCE_DATES.ec2)
      );
    },
    ec2Spec,
    ec2TypesInRegion(region) {
      if (!isKnownRegion(region)) return [];
      const types = ec2TypesByRegion().get(region) ?? [];
      return types
        .map(ec2Spec)
        .filter((spec): spec is InstanceTypeSpec => spec !== undefined)
        .sort((a, b) => a.instanceType.localeCompare(b.instanceType));
    },

    ebsStorage(region, volumeType) {
      const row = ebs(region, volumeType, 'storage');
      return row && ebsCite(`EBS ${volumeType} storage`, region, row, 'GB-month');
    },
    ebsGp3Iops(region) {
      const row = ebs(region, 'gp3', 'iops');
      return row && ebsCite('EBS gp3 IOPS above the included 3,000', region, row, 'IOPS-month');
    },
    ebsGp3Throughput(region) {
      const row = ebs(region, 'gp3', 'throughput');
      if (!row) return undefined;
      // The feed prices gp3 throughput per GiBps-month; volumes are provisioned in MiB/s.
      if (row.unit === 'MiBps-Mo')
        return ebsCite('EBS gp3 throughput above the included 125 MiB/s', region, row, 'MiBps-month');
      if (row.unit !== 'GiBps-Mo') return undefined;
      return ebsCite(
        `EBS gp3 throughput above the included 125 MiB/s (feed: $${plain(row.usd)} per GiBps-month / 1024)`,
        region,
        row,
        'MiBps-month',
        row.usd / 1024,
      );
    },
    ebsProvisionedIops(region, volumeType) {
      const row = ebs(region, volumeType, 'iops');
      const suffix = volumeType === 'io2' ? ' (first tier, up to 32,000 IOPS)' : '';
      return row && ebsCite(`EBS ${volumeType} provisioned IOPS${suffix}`, region, row, 'IOPS-month');
    },
    ebsSnapshot(region) {
      const row = ebs(region, '', 'snapshot');
      return row && ebsCite('EBS snapshot storage (standard tier)', region, row, 'GB-month');
    },

    s3Storage,
    s3IntelligentTieringStorage(region, accessTier, tier) {
      if (accessTier === 'frequent')
        return s3FrequentTier(region, 'INTELLIGENT_TIERING', tier ?? 'first-50TB');
      const row = s3(region, 'INTELLIGENT_TIERING', S3_ACCESS_TIER_COMPONENTS[accessTier]);
      return (
        row &&
        s3Cite(
          `S3 Intelligent-Tiering ${accessTier.replace('-', ' ')} access storage`,
          region,
          row,
          'GB-month',
        )
      );
    },
    s3StorageMonthly(region, storageClass, gb) {
      if (!Number.isFinite(gb) || gb < 0) {
        throw new FinopsError(
          'finops_invalid_input',
          `s3StorageMonthly needs a storage amount in GB that is a finite number of 0 or more, but got ${gb}`,
        );
      }
      if (storageClass !== 'STANDARD' && storageClass !== 'INTELLIGENT_TIERING') {
        const price = s3Storage(region, storageClass);
        return price && { usd: gb * price.usd, parts: [{ gb, price }], pricesUsed: [price] };
      }
      const { first, next } = S3_TIER_BOUNDARIES_GB;
      const amounts: [S3VolumeTier, number][] = [
        ['first-50TB', Math.min(gb, first)],
        ['next-450TB', Math.min(Math.max(gb - first, 0), next - first)],
        ['over-500TB', Math.max(gb - next, 0)],
      ];
      const parts: { gb: number; price: ListPrice }[] = [];
      for (const [tier, amount] of amounts) {
        if (amount === 0 && tier !== 'first-50TB') continue;
        const price = s3FrequentTier(region, storageClass, tier);
        if (!price) return undefined;
        parts.push({ gb: amount, price });
      }
      const usd = parts.reduce((sum, part) => sum + part.gb * part.price.usd, 0);
      return { usd, parts, pricesUsed: parts.map((part) => part.price) };
    },
    s3IntelligentTieringMonitoring(region) {
      const row = s3(region, 'INTELLIGENT_TIERING', 'monitoring_automation');
      return (
        row &&
        s3Cite(
          `S3 Intelligent-Tiering monitoring and automation, per object (AWS quotes $${plain(row.usd * 1000)} per 1,000 objects)`,
          region,
          row,
          'object-month',
        )
      );
    },
    s3Retrieval(region, storageClass, option) {
      const isDeepArchive = storageClass === 'DEEP_ARCHIVE';
      const speed = option ?? 'standard';
      const row = s3(region, storageClass, isDeepArchive ? `retrieval_${speed}` : 'retrieval');
      const suffix = isDeepArchive ? ` (${speed})` : '';
      return row && s3Cite(`${S3_CLASS_NAMES[storageClass]} retrieval${suffix}`, region, row, 'GB');
    },
    s3LifecycleTransition(region, storageClass) {
      const row = s3(region, storageClass, 'lifecycle_transition');
      return (
        row &&
        s3Cite(
          `S3 lifecycle transition into ${S3_CLASS_NAMES[storageClass]}, per request (AWS quotes $${plain(row.usd * 1000)} per 1,000 requests)`,
          region,
          row,
          'request',
        )
      );
    },

    rdsHourly(region, engine, instanceClass, multiAz) {
      if (!isKnownRegion(region)) return undefined;
      const dep = deployment(multiAz);
      const row = rdsPrices().get(key(region, engine, instanceClass, dep));
      return (
        row &&
        rdsCite(`RDS ${RDS_ENGINE_NAMES[engine]} ${instanceClass} ${dep} on-demand`, region, row, 'hour')
      );
    },
    rdsSpec,
    rdsClassesInRegion(region, engine, multiAz) {
      if (!isKnownRegion(region)) return [];
      const classes = rdsClassesByRegion().get(key(region, engine, deployment(multiAz))) ?? [];
      return classes
        .map(rdsSpec)
        .filter((spec): spec is RdsClassSpec => spec !== undefined)
        .sort((a, b) => a.instanceClass.localeCompare(b.instanceClass));
    },
    rdsStorage(region, engine, storageType, multiAz) {
      const dep = deployment(multiAz);
      const row = rdsStorageRow(region, engine, 'storage', storageType, dep);
      return (
        row &&
        rdsCite(`RDS ${RDS_ENGINE_NAMES[engine]} ${storageType} storage (${dep})`, region, row, 'GB-month')
      );
    },
    rdsProvisionedIops(region, engine, storageType, multiAz) {
      const dep = deployment(multiAz);
      const row = rdsStorageRow(region, engine, 'iops', storageType, dep);
      const what = storageType === 'gp3' ? 'IOPS above the included baseline' : 'provisioned IOPS';
      return (
        row &&
        rdsCite(`RDS ${RDS_ENGINE_NAMES[engine]} ${storageType} ${what} (${dep})`, region, row, 'IOPS-month')
      );
    },
    rdsGp3Throughput(region, engine, multiAz) {
      const dep = deployment(multiAz);
      const row = rdsStorageRow(region, engine, 'throughput', 'gp3', dep);
      return (
        row &&
        rdsCite(
          `RDS ${RDS_ENGINE_NAMES[engine]} gp3 throughput above the included baseline (${dep})`,
          region,
          row,
          'MiBps-month',
        )
      );
    },
    rdsBackupStorage(region, engine) {
      const row = rdsStorageRow(region, engine, 'backup', '', '');
      return row && rdsCite(`RDS ${RDS_ENGINE_NAMES[engine]} backup storage`, region, row, 'GB-month');
    },
  };
}

let shared: PriceBook | undefined;

/** The book over the project's bundled data, built once per process; files are read on first use. */
export function loadPriceBook(): PriceBook {
  shared ??= createPriceBook(readPriceTables());
  return shared;
}
