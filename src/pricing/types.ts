import type { PriceUsed } from '../recommendations/model.ts';

/**
 * A list price as a recommendation cites it: what, where, how much per which unit, from which
 * snapshot and feed date, and AWS's rate code. Structurally the recommendation model's `PriceUsed`.
 */
export type ListPrice = PriceUsed;

export type PriceUnit =
  | 'hour'
  | 'GB-month'
  | 'IOPS-month'
  | 'MiBps-month'
  | 'object-month'
  | 'GB'
  | 'request';

export const EBS_VOLUME_TYPES = ['gp2', 'gp3', 'io1', 'io2', 'st1', 'sc1', 'standard'] as const;
export type EbsVolumeType = (typeof EBS_VOLUME_TYPES)[number];

/** S3 API names; GLACIER is Glacier Flexible Retrieval. */
export const S3_STORAGE_CLASSES = [
  'STANDARD',
  'STANDARD_IA',
  'ONEZONE_IA',
  'INTELLIGENT_TIERING',
  'GLACIER_IR',
  'GLACIER',
  'DEEP_ARCHIVE',
  'EXPRESS_ONEZONE',
] as const;
export type S3StorageClass = (typeof S3_STORAGE_CLASSES)[number];

/** S3's monthly volume tiers, which apply to STANDARD and to Intelligent-Tiering's frequent access tier. */
export const S3_VOLUME_TIERS = ['first-50TB', 'next-450TB', 'over-500TB'] as const;
export type S3VolumeTier = (typeof S3_VOLUME_TIERS)[number];

export const S3_INTELLIGENT_TIERING_ACCESS_TIERS = [
  'frequent',
  'infrequent',
  'archive-instant',
  'archive',
  'deep-archive',
] as const;
export type S3IntelligentTieringAccessTier = (typeof S3_INTELLIGENT_TIERING_ACCESS_TIERS)[number];

/** Deep Archive has two retrieval speeds in the snapshot; the other classes have one. */
export type S3RetrievalOption = 'standard' | 'bulk';

/** RDS engine API names (`aws rds describe-db-instances` → Engine). */
export const RDS_ENGINES = ['postgres', 'mysql', 'mariadb'] as const;
export type RdsEngine = (typeof RDS_ENGINES)[number];

export const RDS_STORAGE_TYPES = ['gp2', 'gp3', 'io1', 'io2'] as const;
export type RdsStorageType = (typeof RDS_STORAGE_TYPES)[number];

export type Architecture = 'x86_64' | 'arm64';

export interface InstanceTypeSpec {
  instanceType: string;
  /** `m5`, `r6gd`, `u-6tb1`. */
  family: string;
  generation: number;
  /** `large`, `2xlarge`, `metal`. */
  size: string;
  /** Karpenter's category letter(s): `m`, `c`, `r`, `t`, `g`, `x`, `inf`, `hpc` … */
  category: string;
  vcpu: number;
  memoryGib: number;
  arch: Architecture;
  /** `intel`, `amd`, `aws` (Graviton), `apple`; undefined for the few old types no source names. */
  cpuManufacturer: string | undefined;
  /** False for the types AWS lists as previous generation (m4, c4, t2, r4 …). */
  currentGeneration: boolean;
  /** 0 for types without GPUs; undefined for the few old types no source counts (p2, p3, g2, g3, f1 …). */
  gpuCount: number | undefined;
  /** T-family types earn and spend CPU credits. */
  burstable: boolean;
}

export interface RdsClassSpec {
  /** `db.m5.large`. */
  instanceClass: string;
  /** `m5`, `r6g`. */
  family: string;
  size: string;
  vcpu: number;
  memoryGib: number;
  /** db.*g* classes (db.m6g, db.r7g, db.t4g …) run on Graviton. */
  arch: Architecture;
  currentGeneration: boolean;
}

/** One source file behind the book, for provenance in docs and answers. */
export interface PriceSource {
  services: readonly ('EC2' | 'EBS' | 'RDS' | 'S3' | 'EC2 specs')[];
  repository: string;
  paths: readonly string[];
  commit: string;
  /** The feed's `manifest.hawkFilePublicationDate` (YYYY-MM-DD), or when the source was generated. */
  publicationDate: string;
  licence: string;
  copyright: string;
  use: string;
}

/** A monthly storage cost with each tier's share, so a saving can cite every price it used. */
export interface S3MonthlyCost {
  usd: number;
  parts: readonly { gb: number; price: ListPrice }[];
  pricesUsed: readonly ListPrice[];
}
