import type { S3StorageClass } from './types.ts';

/**
 * Performance that gp3 includes in its storage price (AWS EC2 user guide, "General Purpose SSD
 * volumes"): 3,000 IOPS and 125 MiB/s; more is billed per IOPS-month and MiBps-month.
 */
export const GP3_BASELINE = {
  iops: 3000,
  throughputMibps: 125,
  maxIops: 16000,
  maxThroughputMibps: 1000,
} as const;

/**
 * gp2 performance scales with size (same guide): 3 IOPS per GiB, at least 100 and at most 16,000;
 * throughput up to 128 MiB/s for volumes of 170 GiB and less, 250 MiB/s from 334 GiB (between the
 * two, 250 MiB/s only while burst credits last).
 */
export const GP2_PERFORMANCE = {
  iopsPerGib: 3,
  minIops: 100,
  maxIops: 16000,
  burstIops: 3000,
  smallVolumeMaxGib: 170,
  smallVolumeThroughputMibps: 128,
  fullThroughputMinGib: 334,
  maxThroughputMibps: 250,
} as const;

/** The baseline IOPS of a gp2 volume of `sizeGib`. */
export function gp2BaselineIops(sizeGib: number): number {
  return Math.min(
    GP2_PERFORMANCE.maxIops,
    Math.max(GP2_PERFORMANCE.minIops, GP2_PERFORMANCE.iopsPerGib * sizeGib),
  );
}

/**
 * The most throughput a gp2 volume of `sizeGib` can deliver (MiB/s). Between 171 and 333 GiB that
 * 250 MiB/s is a burst, so a gp3 replacement sized to it is on the safe side.
 */
export function gp2MaxThroughputMibps(sizeGib: number): number {
  return sizeGib <= GP2_PERFORMANCE.smallVolumeMaxGib
    ? GP2_PERFORMANCE.smallVolumeThroughputMibps
    : GP2_PERFORMANCE.maxThroughputMibps;
}

/**
 * Days an object is billed for at least, once it enters the class (AWS S3 user guide, "Comparing the
 * Amazon S3 storage classes"). Deleting, overwriting or transitioning it earlier still bills the rest.
 */
export const S3_MINIMUM_STORAGE_DAYS: Readonly<Record<S3StorageClass, number>> = {
  STANDARD: 0,
  STANDARD_IA: 30,
  ONEZONE_IA: 30,
  INTELLIGENT_TIERING: 0,
  GLACIER_IR: 90,
  GLACIER: 90,
  DEEP_ARCHIVE: 180,
  // S3 Express One Zone has no minimum storage duration; it is billed by the hour.
  EXPRESS_ONEZONE: 0,
};

/** 1 KiB, the unit AWS's "128 KB" object-size rules are written in. */
const KIB = 1024;

/**
 * The smallest size an object is billed as (same table): smaller objects are billed as this size.
 * Glacier Flexible Retrieval and Deep Archive instead add 40 KB of index and metadata per object.
 */
export const S3_MINIMUM_BILLABLE_OBJECT_BYTES: Readonly<Record<S3StorageClass, number>> = {
  STANDARD: 0,
  STANDARD_IA: 128 * KIB,
  ONEZONE_IA: 128 * KIB,
  INTELLIGENT_TIERING: 0,
  GLACIER_IR: 128 * KIB,
  GLACIER: 40 * KIB,
  DEEP_ARCHIVE: 40 * KIB,
  EXPRESS_ONEZONE: 0,
};

/**
 * Intelligent-Tiering does not monitor objects smaller than 128 KB: they pay no monitoring fee and
 * always stay at the frequent access rate, so moving small objects there saves nothing.
 */
export const S3_INTELLIGENT_TIERING_MIN_MONITORED_BYTES = 128 * KIB;

/**
 * The boundaries of S3's monthly storage tiers in GB: "first 50 TB", "next 450 TB", "over 500 TB",
 * with 1 TB = 1,024 GB as in AWS's Price List API ranges (0–51,200 and 51,200–512,000 GB).
 */
export const S3_TIER_BOUNDARIES_GB = { first: 50 * 1024, next: 500 * 1024 } as const;
