import { describe, expect, it } from 'vitest';
import { FinopsError } from '../../src/errors.ts';
import { loadPriceBook, PRICE_SOURCES } from '../../src/pricing/index.ts';
import { priceUsedSchema } from '../../src/recommendations/model.ts';

// Figures typed from SOURCE.md's "Spot checks against the public AWS list prices" (us-east-1 unless named).
const book = loadPriceBook();

describe('loadPriceBook', () => {
  it('should return the same book on every call', () => {
    expect(loadPriceBook()).toBe(book);
  });

  it('should know the 32 commercial regions and no GovCloud region', () => {
    expect(book.regions()).toHaveLength(32);
    expect(book.isKnownRegion('eu-west-1')).toBe(true);
    expect(book.isKnownRegion('us-gov-west-1')).toBe(false);
    expect(book.isKnownRegion('mars-north-1')).toBe(false);
  });

  it('should list its sources with dates and licences', () => {
    expect(book.sources).toBe(PRICE_SOURCES);
    const licences = book.sources.map((source) => `${source.repository} ${source.licence}`);
    expect(licences).toContain('github.com/yeo/ec2.shop MIT');
    expect(licences).toContain('github.com/QuinnyPig/aws-price-watcher MIT');
    expect(licences).toContain('github.com/aws/karpenter-provider-aws Apache-2.0');
    expect(licences).toContain('github.com/vantage-sh/ec2instances.info MIT');
  });
});

describe('PriceBook EC2', () => {
  it('should give m5.large and m6g.large at their us-east-1 list prices', () => {
    expect(book.ec2Hourly('us-east-1', 'm5.large')).toEqual({
      item: 'EC2 m5.large Linux on-demand',
      region: 'us-east-1',
      usd: 0.096,
      unit: 'hour',
      source: 'aws-prices snapshot (github.com/yeo/ec2.shop)',
      sourceDate: '2025-04-04',
      rateCode: '6C86BEPQVG73ZGGR.JRTCKXETXF.6YS6EN2CT7',
    });
    expect(book.ec2Hourly('us-east-1', 'm6g.large')?.usd).toBe(0.077);
  });

  it('should return a price a recommendation can cite as is', () => {
    const price = book.ec2Hourly('eu-west-1', 'r5.2xlarge');
    expect(priceUsedSchema.parse(price)).toEqual(price);
  });

  it('should price the same type differently by region', () => {
    expect(book.ec2Hourly('us-east-1', 'm5.large')?.usd).toBe(0.096);
    expect(book.ec2Hourly('eu-west-1', 'm5.large')?.usd).toBe(0.107);
    expect(book.ec2Hourly('eu-west-1', 'm5.large')?.region).toBe('eu-west-1');
  });

  it('should return undefined for a made-up type, an unknown region and a type not offered in the region', () => {
    expect(book.ec2Hourly('us-east-1', 'm99.huge')).toBeUndefined();
    expect(book.ec2Hourly('mars-north-1', 'm5.large')).toBeUndefined();
    expect(book.ec2Hourly('us-gov-west-1', 'm5.large')).toBeUndefined();
    expect(book.ec2Hourly('us-east-1', 'p3dn.24xlarge')).toBeDefined();
    expect(book.ec2Hourly('ap-southeast-2', 'p3dn.24xlarge')).toBeUndefined();
  });

  it('should describe r5.2xlarge, m7g.xlarge and m3.xlarge', () => {
    expect(book.ec2Spec('r5.2xlarge')).toEqual({
      instanceType: 'r5.2xlarge',
      family: 'r5',
      generation: 5,
      size: '2xlarge',
      category: 'r',
      vcpu: 8,
      memoryGib: 64,
      arch: 'x86_64',
      cpuManufacturer: 'intel',
      currentGeneration: true,
      gpuCount: 0,
      burstable: false,
    });
    expect(book.ec2Spec('m7g.xlarge')).toMatchObject({
      arch: 'arm64',
      cpuManufacturer: 'aws',
      vcpu: 4,
      memoryGib: 16,
    });
    expect(book.ec2Spec('m3.xlarge')).toMatchObject({
      currentGeneration: false,
      family: 'm3',
      generation: 3,
    });
  });

  it('should take the generation flag from AWS price feed, which still files m4, c4 and t2 as current', () => {
    // The feed splits types into current and previous-generation files; in April 2025 m4, c4 and t2
    // were in the current file. A rule that wants to flag them has to look at `generation` too.
    expect(book.ec2Spec('m4.xlarge')).toMatchObject({ currentGeneration: true, family: 'm4', generation: 4 });
    expect(book.ec2Spec('c4.2xlarge')?.currentGeneration).toBe(true);
    expect(book.ec2Spec('t2.large')?.currentGeneration).toBe(true);
  });

  it('should mark t-family types burstable and count GPUs', () => {
    expect(book.ec2Spec('t3.medium')?.burstable).toBe(true);
    expect(book.ec2Spec('g5.xlarge')).toMatchObject({ category: 'g', gpuCount: 1, burstable: false });
    // No source counts the GPUs of p3; the book says it does not know rather than 0.
    expect(book.ec2Spec('p3.2xlarge')?.gpuCount).toBeUndefined();
    expect(book.ec2Spec('m99.huge')).toBeUndefined();
  });

  it('should list the types with a price in a region, and nothing for an unknown region', () => {
    const sydney = book.ec2TypesInRegion('ap-southeast-2').map((spec) => spec.instanceType);
    // SOURCE.md's coverage table: 689 EC2 types in ap-southeast-2.
    expect(sydney).toHaveLength(689);
    expect(sydney).toContain('m5.large');
    expect(sydney).not.toContain('p3dn.24xlarge');
    expect([...sydney].sort((a, b) => a.localeCompare(b))).toEqual(sydney);
    expect(book.ec2TypesInRegion('mars-north-1')).toEqual([]);
  });
});

describe('PriceBook EBS', () => {
  it('should give gp3 storage per region', () => {
    expect(book.ebsStorage('us-east-1', 'gp3')?.usd).toBe(0.08);
    expect(book.ebsStorage('eu-west-1', 'gp3')?.usd).toBe(0.088);
    expect(book.ebsStorage('eu-central-1', 'gp3')?.usd).toBe(0.0952);
    expect(book.ebsStorage('ap-southeast-2', 'gp3')?.usd).toBe(0.096);
    expect(book.ebsStorage('us-east-1', 'gp2')).toMatchObject({
      item: 'EBS gp2 storage',
      usd: 0.1,
      unit: 'GB-month',
      sourceDate: '2024-07-18',
    });
  });

  it('should give gp3 throughput per MiBps-month, the feed GiBps price divided by 1024', () => {
    const throughput = book.ebsGp3Throughput('us-east-1');
    expect(throughput?.usd).toBe(0.04);
    expect(throughput?.unit).toBe('MiBps-month');
    expect(throughput?.item).toContain('40.96 per GiBps-month / 1024');
  });

  it('should give gp3 IOPS, io1 IOPS and snapshot storage', () => {
    expect(book.ebsGp3Iops('us-east-1')).toMatchObject({ usd: 0.005, unit: 'IOPS-month' });
    expect(book.ebsProvisionedIops('us-east-1', 'io1')).toMatchObject({ usd: 0.065, unit: 'IOPS-month' });
    expect(book.ebsSnapshot('us-east-1')).toMatchObject({ usd: 0.05, unit: 'GB-month' });
  });

  it('should return undefined for an unknown region', () => {
    expect(book.ebsStorage('mars-north-1', 'gp3')).toBeUndefined();
    expect(book.ebsGp3Throughput('mars-north-1')).toBeUndefined();
    expect(book.ebsSnapshot('us-gov-east-1')).toBeUndefined();
  });
});

describe('PriceBook S3', () => {
  it('should give each storage class at its us-east-1 list price', () => {
    expect(book.s3Storage('us-east-1', 'STANDARD')?.usd).toBe(0.023);
    expect(book.s3Storage('us-east-1', 'STANDARD_IA')?.usd).toBe(0.0125);
    expect(book.s3Storage('us-east-1', 'ONEZONE_IA')?.usd).toBe(0.01);
    expect(book.s3Storage('us-east-1', 'GLACIER_IR')?.usd).toBe(0.004);
    expect(book.s3Storage('us-east-1', 'GLACIER')?.usd).toBe(0.0036);
    expect(book.s3Storage('us-east-1', 'DEEP_ARCHIVE')).toMatchObject({
      usd: 0.00099,
      unit: 'GB-month',
      source: 'aws-prices snapshot (github.com/QuinnyPig/aws-price-watcher)',
      sourceDate: '2025-06-05',
    });
  });

  it('should give STANDARD by tier, the first 50 TB when no tier is named', () => {
    expect(book.s3Storage('us-east-1', 'STANDARD')?.item).toBe('S3 Standard storage, first 50 TB tier');
    expect(book.s3Storage('us-east-1', 'STANDARD', 'next-450TB')?.usd).toBe(0.022);
    expect(book.s3Storage('us-east-1', 'STANDARD', 'over-500TB')?.usd).toBe(0.021);
    expect(book.s3Storage('eu-central-1', 'STANDARD')?.usd).toBe(0.0245);
  });

  it('should apply the STANDARD tiers to a monthly amount', () => {
    // 600,000 GB in us-east-1: 51,200 GB at 0.023 + 460,800 GB at 0.022 + 88,000 GB at 0.021.
    const byHand = 51_200 * 0.023 + 460_800 * 0.022 + 88_000 * 0.021;
    expect(byHand).toBeCloseTo(13_163.2, 6);
    const cost = book.s3StorageMonthly('us-east-1', 'STANDARD', 600_000);
    expect(cost?.usd).toBeCloseTo(byHand, 6);
    expect(cost?.parts.map((part) => part.gb)).toEqual([51_200, 460_800, 88_000]);
    expect(cost?.pricesUsed.map((price) => price.usd)).toEqual([0.023, 0.022, 0.021]);

    expect(book.s3StorageMonthly('us-east-1', 'STANDARD', 1000)?.usd).toBeCloseTo(23, 9);
    // Frankfurt, 100,000 GB: 51,200 GB at 0.0245 + 48,800 GB at 0.0235.
    expect(book.s3StorageMonthly('eu-central-1', 'STANDARD', 100_000)?.usd).toBeCloseTo(1254.4 + 1146.8, 6);
    expect(book.s3StorageMonthly('us-east-1', 'STANDARD_IA', 2000)?.usd).toBeCloseTo(25, 9);
    expect(book.s3StorageMonthly('us-east-1', 'STANDARD', 0)?.usd).toBe(0);
  });

  it('should refuse a negative or non-numeric amount with a clear error', () => {
    expect(() => book.s3StorageMonthly('us-east-1', 'STANDARD', -1)).toThrow(FinopsError);
    expect(() => book.s3StorageMonthly('us-east-1', 'STANDARD', Number.NaN)).toThrow(
      /finite number of 0 or more/,
    );
  });

  it('should give Intelligent-Tiering monitoring per object, saying AWS quotes it per 1,000', () => {
    const monitoring = book.s3IntelligentTieringMonitoring('us-east-1');
    expect(monitoring?.usd).toBe(0.0000025);
    expect(monitoring?.unit).toBe('object-month');
    expect(monitoring?.item).toContain('$0.0025 per 1,000 objects');
  });

  it('should give Intelligent-Tiering access tiers', () => {
    expect(book.s3IntelligentTieringStorage('us-east-1', 'frequent')?.usd).toBe(0.023);
    expect(book.s3IntelligentTieringStorage('us-east-1', 'infrequent')?.usd).toBe(0.0125);
    expect(book.s3IntelligentTieringStorage('us-east-1', 'archive-instant')?.usd).toBe(0.004);
    expect(book.s3IntelligentTieringStorage('us-east-1', 'deep-archive')?.usd).toBe(0.00099);
  });

  it('should give retrieval per GB and lifecycle transitions per request', () => {
    expect(book.s3Retrieval('us-east-1', 'STANDARD_IA')).toMatchObject({ usd: 0.01, unit: 'GB' });
    expect(book.s3Retrieval('us-east-1', 'GLACIER_IR')?.usd).toBe(0.03);
    expect(book.s3Retrieval('us-east-1', 'DEEP_ARCHIVE')?.usd).toBe(0.02);
    expect(book.s3Retrieval('us-east-1', 'DEEP_ARCHIVE', 'bulk')?.usd).toBe(0.0025);
    expect(book.s3LifecycleTransition('us-east-1', 'STANDARD_IA')).toMatchObject({
      usd: 0.00001,
      unit: 'request',
    });
    expect(book.s3LifecycleTransition('us-east-1', 'GLACIER')?.item).toContain('$0.03 per 1,000 requests');
  });

  it('should return undefined where the snapshot has no price', () => {
    // The feed extract has no Glacier Flexible Retrieval retrieval fee, and STANDARD has none at all.
    expect(book.s3Retrieval('us-east-1', 'GLACIER')).toBeUndefined();
    expect(book.s3Retrieval('us-east-1', 'STANDARD')).toBeUndefined();
    expect(book.s3LifecycleTransition('us-east-1', 'STANDARD')).toBeUndefined();
    expect(book.s3Storage('mars-north-1', 'STANDARD')).toBeUndefined();
    expect(book.s3StorageMonthly('mars-north-1', 'STANDARD', 10)).toBeUndefined();
  });
});

describe('PriceBook RDS', () => {
  it('should give db.m5.large Single-AZ for MySQL and PostgreSQL', () => {
    expect(book.rdsHourly('us-east-1', 'mysql', 'db.m5.large', false)?.usd).toBe(0.171);
    expect(book.rdsHourly('us-east-1', 'postgres', 'db.m5.large', false)).toMatchObject({
      item: 'RDS PostgreSQL db.m5.large Single-AZ on-demand',
      usd: 0.178,
      unit: 'hour',
      sourceDate: '2024-09-28',
    });
  });

  it('should price Multi-AZ separately and by region', () => {
    expect(book.rdsHourly('us-east-1', 'postgres', 'db.m5.large', true)?.usd).toBe(0.356);
    expect(book.rdsHourly('eu-west-1', 'postgres', 'db.m5.large', false)?.usd).toBe(0.197);
  });

  it('should return undefined for a made-up class and an unknown region', () => {
    expect(book.rdsHourly('us-east-1', 'postgres', 'db.m99.huge', false)).toBeUndefined();
    expect(book.rdsHourly('mars-north-1', 'postgres', 'db.m5.large', false)).toBeUndefined();
    expect(book.rdsClassesInRegion('mars-north-1', 'postgres', false)).toEqual([]);
  });

  it('should describe classes, Graviton ones as arm64', () => {
    expect(book.rdsSpec('db.r6g.xlarge')).toEqual({
      instanceClass: 'db.r6g.xlarge',
      family: 'r6g',
      size: 'xlarge',
      vcpu: 4,
      memoryGib: 32,
      arch: 'arm64',
      currentGeneration: true,
    });
    expect(book.rdsSpec('db.m5.large')).toMatchObject({ arch: 'x86_64', vcpu: 2, memoryGib: 8 });
    expect(book.rdsSpec('db.m4.large')?.currentGeneration).toBe(false);
    expect(book.rdsSpec('db.m99.huge')).toBeUndefined();
  });

  it('should list the classes priced for an engine and deployment in a region', () => {
    const classes = book.rdsClassesInRegion('us-east-1', 'postgres', false).map((spec) => spec.instanceClass);
    expect(classes).toContain('db.m5.large');
    expect(classes).toContain('db.t4g.micro');
    expect([...classes].sort((a, b) => a.localeCompare(b))).toEqual(classes);
  });

  it('should give storage by type and deployment, IOPS, throughput and backup', () => {
    expect(book.rdsStorage('us-east-1', 'postgres', 'gp2', false)).toMatchObject({
      usd: 0.115,
      unit: 'GB-month',
    });
    expect(book.rdsStorage('us-east-1', 'postgres', 'gp2', true)?.usd).toBe(0.23);
    expect(book.rdsStorage('us-east-1', 'mysql', 'gp3', false)?.usd).toBe(0.115);
    expect(book.rdsStorage('us-east-1', 'mariadb', 'io1', true)?.usd).toBe(0.25);
    expect(book.rdsStorage('eu-west-1', 'postgres', 'gp2', false)?.usd).toBe(0.127);
    expect(book.rdsProvisionedIops('us-east-1', 'postgres', 'io1', false)?.usd).toBe(0.1);
    expect(book.rdsProvisionedIops('us-east-1', 'postgres', 'gp3', false)?.usd).toBe(0.02);
    expect(book.rdsGp3Throughput('us-east-1', 'postgres', false)).toMatchObject({
      usd: 0.08,
      unit: 'MiBps-month',
    });
    expect(book.rdsBackupStorage('us-east-1', 'postgres')?.usd).toBe(0.095);
    expect(book.rdsStorage('mars-north-1', 'postgres', 'gp2', false)).toBeUndefined();
  });
});
