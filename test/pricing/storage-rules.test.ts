import { describe, expect, it } from 'vitest';
import {
  GP3_BASELINE,
  gp2BaselineIops,
  gp2MaxThroughputMibps,
  S3_INTELLIGENT_TIERING_MIN_MONITORED_BYTES,
  S3_MINIMUM_BILLABLE_OBJECT_BYTES,
  S3_MINIMUM_STORAGE_DAYS,
  S3_TIER_BOUNDARIES_GB,
} from '../../src/pricing/index.ts';

// Figures typed from the AWS EC2 user guide ("General Purpose SSD volumes") and the S3 user guide
// ("Comparing the Amazon S3 storage classes"); see src/pricing/README.md.
describe('gp2BaselineIops', () => {
  it('should give 3 IOPS per GiB between a floor of 100 and a ceiling of 16,000', () => {
    expect(gp2BaselineIops(8)).toBe(100);
    expect(gp2BaselineIops(33)).toBe(100);
    expect(gp2BaselineIops(100)).toBe(300);
    expect(gp2BaselineIops(1000)).toBe(3000);
    expect(gp2BaselineIops(5334)).toBe(16_000);
    expect(gp2BaselineIops(16_384)).toBe(16_000);
  });
});

describe('gp2MaxThroughputMibps', () => {
  it('should give 128 MiB/s up to 170 GiB and 250 MiB/s above', () => {
    expect(gp2MaxThroughputMibps(100)).toBe(128);
    expect(gp2MaxThroughputMibps(170)).toBe(128);
    expect(gp2MaxThroughputMibps(171)).toBe(250);
    expect(gp2MaxThroughputMibps(334)).toBe(250);
  });
});

describe('storage constants', () => {
  it('should include 3,000 IOPS and 125 MiB/s with gp3', () => {
    expect(GP3_BASELINE).toMatchObject({ iops: 3000, throughputMibps: 125 });
  });

  it('should hold the S3 minimum storage durations', () => {
    expect(S3_MINIMUM_STORAGE_DAYS).toMatchObject({
      STANDARD: 0,
      STANDARD_IA: 30,
      ONEZONE_IA: 30,
      INTELLIGENT_TIERING: 0,
      GLACIER_IR: 90,
      GLACIER: 90,
      DEEP_ARCHIVE: 180,
    });
  });

  it('should hold the S3 minimum billable object sizes in bytes', () => {
    expect(S3_MINIMUM_BILLABLE_OBJECT_BYTES.STANDARD_IA).toBe(131_072);
    expect(S3_MINIMUM_BILLABLE_OBJECT_BYTES.ONEZONE_IA).toBe(131_072);
    expect(S3_MINIMUM_BILLABLE_OBJECT_BYTES.GLACIER_IR).toBe(131_072);
    expect(S3_MINIMUM_BILLABLE_OBJECT_BYTES.STANDARD).toBe(0);
    expect(S3_INTELLIGENT_TIERING_MIN_MONITORED_BYTES).toBe(131_072);
  });

  it('should put the S3 tier boundaries at 50 TB and 500 TB of 1,024 GB', () => {
    expect(S3_TIER_BOUNDARIES_GB).toEqual({ first: 51_200, next: 512_000 });
  });
});
