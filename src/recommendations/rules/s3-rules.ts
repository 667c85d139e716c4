import type { BucketStats } from '../../inventory/index.ts';
import {
  type ListPrice,
  type PriceBook,
  S3_INTELLIGENT_TIERING_MIN_MONITORED_BYTES,
  S3_MINIMUM_BILLABLE_OBJECT_BYTES,
  S3_MINIMUM_STORAGE_DAYS,
  S3_STORAGE_CLASSES,
  type S3MonthlyCost,
  type S3StorageClass,
} from '../../pricing/index.ts';
import { buildRecommendation } from '../build-recommendation.ts';
import { roundUsd } from '../model.ts';
import type { Rule, RuleContext, RuleResult } from '../rule.ts';
import { perUnit, round, usd } from './evidence.ts';

const S3_SERVICE = 'Amazon Simple Storage Service';
const GIB = 1024 ** 3;

interface Option {
  storageClass: 'INTELLIGENT_TIERING' | 'STANDARD_IA' | 'GLACIER_IR';
  monthly: number;
  oneOff: number;
  basis: string;
  prices: ListPrice[];
  minimumDays: number;
}

function isS3StorageClass(value: string): value is S3StorageClass {
  return (S3_STORAGE_CLASSES as readonly string[]).includes(value);
}

function monthlyBasis(cost: S3MonthlyCost): string {
  return cost.parts
    .map((part) => `${round(part.gb, 1)} GB × ${perUnit(part.price.usd, 'GB-month')}`)
    .join(' + ');
}

function bucketShape(bucket: BucketStats) {
  const sizeGb = bucket.sizeBytes / GIB;
  const averageObjectBytes = bucket.objectCount > 0 ? bucket.sizeBytes / bucket.objectCount : 0;
  const retrievedGbPerMonth = (bucket.getRequests30d * averageObjectBytes) / GIB;
  return { sizeGb, averageObjectBytes, retrievedGbPerMonth };
}

/** Steady-state monthly cost of each colder class for this bucket's size, object count and reads. */
export function storageClassOptions(prices: PriceBook, bucket: BucketStats): Option[] {
  const { sizeGb, averageObjectBytes, retrievedGbPerMonth } = bucketShape(bucket);
  const region = bucket.region;
  const options: Option[] = [];
  for (const storageClass of ['STANDARD_IA', 'GLACIER_IR'] as const) {
    const storage = prices.s3Storage(region, storageClass);
    const retrieval = prices.s3Retrieval(region, storageClass);
    const transition = prices.s3LifecycleTransition(region, storageClass);
    if (!storage || !retrieval) continue;
    const billedGb =
      (bucket.objectCount * Math.max(averageObjectBytes, S3_MINIMUM_BILLABLE_OBJECT_BYTES[storageClass])) /
      GIB;
    const monthly = billedGb * storage.usd + retrievedGbPerMonth * retrieval.usd;
    const oneOff = transition ? bucket.objectCount * transition.usd : 0;
    options.push({
      storageClass,
      monthly,
      oneOff,
      basis: `${round(billedGb, 1)} GB billed × ${perUnit(storage.usd, 'GB-month')} + ${round(retrievedGbPerMonth, 2)} GB read × ${perUnit(retrieval.usd, 'GB')}`,
      prices: [storage, retrieval, ...(transition ? [transition] : [])],
      minimumDays: S3_MINIMUM_STORAGE_DAYS[storageClass],
    });
  }
  // Intelligent-Tiering: cold objects settle in Archive Instant Access after 90 days without access;
  // objects under 128 KiB are neither monitored nor tiered and stay at the frequent-access price.
  const archiveInstant = prices.s3IntelligentTieringStorage(region, 'archive-instant');
  const frequent = prices.s3IntelligentTieringStorage(region, 'frequent');
  const monitoring = prices.s3IntelligentTieringMonitoring(region);
  const transition = prices.s3LifecycleTransition(region, 'INTELLIGENT_TIERING');
  if (archiveInstant && frequent && monitoring) {
    const small = averageObjectBytes < S3_INTELLIGENT_TIERING_MIN_MONITORED_BYTES;
    const monitored = small ? 0 : bucket.objectCount;
    const monthly = small ? sizeGb * frequent.usd : sizeGb * archiveInstant.usd + monitored * monitoring.usd;
    options.push({
      storageClass: 'INTELLIGENT_TIERING',
      monthly,
      oneOff: transition ? bucket.objectCount * transition.usd : 0,
      basis: small
        ? `objects average ${Math.round(averageObjectBytes / 1024)} KiB (< 128 KiB): never tiered, ${round(sizeGb, 1)} GB × ${perUnit(frequent.usd, 'GB-month')}`
        : `${round(sizeGb, 1)} GB × ${perUnit(archiveInstant.usd, 'GB-month')} (Archive Instant Access after 90 days) + ${monitored.toLocaleString('en-US')} objects × ${perUnit(monitoring.usd, 'object-month')} monitoring`,
      prices: [archiveInstant, monitoring, ...(transition ? [transition] : [])],
      minimumDays: 0,
    });
  }
  return options;
}

/** Bucket tags from the inventory (bucket statistics carry none); owners are found through them. */
async function bucketTags(context: RuleContext): Promise<Map<string, Record<string, string>>> {
  const buckets = await context.inventory.resources({ resourceTypes: ['s3_bucket'] });
  return new Map(buckets.map((bucket) => [bucket.resourceName ?? bucket.resourceId, bucket.tags]));
}

/** S3 Standard data that is rarely read → the cheapest colder class for its reads and object sizes. */
export const s3StorageClassRule: Rule = {
  id: 's3-storage-class',
  description:
    'S3 Standard buckets read so rarely that Intelligent-Tiering, Standard-IA or Glacier Instant Retrieval costs less.',
  async run(context) {
    const result: RuleResult = { recommendations: [], notes: [] };
    const tags = await bucketTags(context);
    for (const bucket of await context.inventory.buckets()) {
      if (bucket.storageClass !== 'STANDARD') continue;
      const { sizeGb, averageObjectBytes, retrievedGbPerMonth } = bucketShape(bucket);
      if (sizeGb < context.policy.s3.minimumBucketGb) continue;
      const getsPerGb = bucket.getRequests30d / sizeGb;
      if (getsPerGb >= context.policy.s3.coldGetsPerGbMonth) continue;
      const current = context.prices.s3StorageMonthly(bucket.region, 'STANDARD', sizeGb);
      if (!current) {
        result.notes.push(
          `No S3 Standard price for ${bucket.region} in the price snapshot: ${bucket.bucket} was not priced.`,
        );
        continue;
      }
      const options = storageClassOptions(context.prices, bucket).sort((a, b) => a.monthly - b.monthly);
      const payback = (option: Option) =>
        option.oneOff > 0 ? option.oneOff / (current.usd - option.monthly) : 0;
      // Millions of small objects can make the one-off transition requests cost more than years of savings.
      const worthIt = options.filter(
        (option) => option.monthly < current.usd && payback(option) <= context.policy.s3.maxPaybackMonths,
      );
      const best = worthIt[0];
      if (!best) {
        const cheaper = options.find((option) => option.monthly < current.usd);
        if (cheaper) {
          result.notes.push(
            `${bucket.bucket}: ${cheaper.storageClass} would save ${usd(current.usd - cheaper.monthly)} a month, but moving ${bucket.objectCount.toLocaleString('en-US')} objects costs ${usd(cheaper.oneOff)} in transition requests (${round(payback(cheaper), 1)} months to repay).`,
          );
        }
        continue;
      }
      const savings = current.usd - best.monthly;
      const paybackMonths = payback(best);
      result.recommendations.push(
        buildRecommendation(context, {
          type: 's3-storage-class',
          service: S3_SERVICE,
          accountId: bucket.accountId,
          region: bucket.region,
          resourceId: bucket.bucket,
          resourceName: bucket.bucket,
          title: `Move ${bucket.bucket} (${round(sizeGb, 0).toLocaleString('en-US')} GB, rarely read) from S3 Standard to ${best.storageClass}`,
          rationale: `${bucket.bucket} holds ${round(sizeGb, 0).toLocaleString('en-US')} GB in ${bucket.objectCount.toLocaleString('en-US')} objects (about ${round(averageObjectBytes / 1024 ** 2, 1)} MB each) and served ${bucket.getRequests30d.toLocaleString('en-US')} GETs in 30 days (${round(getsPerGb, 4)} per GB). Compared for its size, object count and reads: ${options.map((option) => `${option.storageClass} ${usd(option.monthly)}`).join(', ')} a month, against ${usd(current.usd)} in Standard.${best.minimumDays > 0 ? ` ${best.storageClass} bills at least ${best.minimumDays} days per object: only move data kept that long (${bucket.putRequests30d.toLocaleString('en-US')} PUTs in 30 days).` : ''} A lifecycle rule does the move; the one-off transition requests cost ${usd(best.oneOff)}${paybackMonths > 0 ? (paybackMonths <= 1 ? ', repaid within the first month' : `, repaid in ${round(paybackMonths, 1)} months`) : ''}.`,
          evidence: [
            { name: 'size', value: round(sizeGb, 1), unit: 'GB' },
            { name: 'objects', value: bucket.objectCount, unit: 'objects' },
            { name: 'GET requests (30 days)', value: bucket.getRequests30d, unit: 'requests' },
            {
              name: 'GETs per GB-month',
              value: round(getsPerGb, 5),
              unit: 'requests/GB',
              threshold: `< ${context.policy.s3.coldGetsPerGbMonth}`,
            },
            { name: 'data read (30 days, estimated)', value: round(retrievedGbPerMonth, 2), unit: 'GB' },
            { name: 'lifecycle rules', value: bucket.lifecycleRules, unit: 'rules' },
          ],
          current: { storageClass: 'STANDARD', sizeGb: round(sizeGb, 1), monthlyUsd: roundUsd(current.usd) },
          proposed: {
            storageClass: best.storageClass,
            monthlyUsd: roundUsd(best.monthly),
            oneOffTransitionUsd: roundUsd(best.oneOff),
            minimumStorageDays: best.minimumDays,
          },
          currentMonthlyCost: roundUsd(current.usd),
          estimatedMonthlySavings: roundUsd(savings),
          savingsBasis: `Standard: ${monthlyBasis(current)} = ${usd(current.usd)}; ${best.storageClass}: ${best.basis} = ${usd(best.monthly)}`,
          pricesUsed: [...current.pricesUsed, ...best.prices],
          effort: 'low',
          risk: best.minimumDays > 0 ? 'medium' : 'low',
          steps: {
            console: [
              `S3 console → ${bucket.bucket} → Management → Create lifecycle rule.`,
              `Apply to all objects; Transition current versions to ${best.storageClass} 0 days after creation (or after the age your retention needs).`,
            ],
            cli: [
              `aws s3api put-bucket-lifecycle-configuration --bucket ${bucket.bucket} --lifecycle-configuration '{"Rules":[{"ID":"to-${best.storageClass.toLowerCase()}","Status":"Enabled","Filter":{},"Transitions":[{"Days":0,"StorageClass":"${best.storageClass}"}]}]}'`,
            ],
          },
          warnings:
            bucket.lifecycleRules > 0
              ? [
                  'The bucket already has lifecycle rules: add the transition to them, since put-bucket-lifecycle-configuration replaces the whole configuration.',
                ]
              : [],
          tags: tags.get(bucket.bucket) ?? {},
        }),
      );
    }
    return result;
  },
};

/** Buckets with no lifecycle rule at all: at least abort incomplete multipart uploads; expire or tier what is write-only. */
export const s3LifecycleMissingRule: Rule = {
  id: 's3-lifecycle-missing',
  description: 'S3 buckets with no lifecycle configuration.',
  async run(context: RuleContext) {
    const result: RuleResult = { recommendations: [], notes: [] };
    const tags = await bucketTags(context);
    const seen = new Set<string>();
    for (const bucket of await context.inventory.buckets()) {
      if (bucket.lifecycleRules > 0 || seen.has(bucket.bucket)) continue;
      seen.add(bucket.bucket);
      const sizeGb = bucket.sizeBytes / GIB;
      const writeMostly = bucket.putRequests30d > bucket.getRequests30d;
      const current = isS3StorageClass(bucket.storageClass)
        ? context.prices.s3StorageMonthly(bucket.region, bucket.storageClass, sizeGb)
        : undefined;
      result.recommendations.push(
        buildRecommendation(context, {
          type: 's3-lifecycle-missing',
          service: S3_SERVICE,
          accountId: bucket.accountId,
          region: bucket.region,
          resourceId: bucket.bucket,
          resourceName: bucket.bucket,
          title: `Add a lifecycle configuration to ${bucket.bucket}`,
          rationale: `${bucket.bucket} (${round(sizeGb, 0).toLocaleString('en-US')} GB) has no lifecycle rule, so incomplete multipart uploads and old object versions are kept and billed forever.${writeMostly ? ` It is written more than read (${bucket.putRequests30d.toLocaleString('en-US')} PUTs vs ${bucket.getRequests30d.toLocaleString('en-US')} GETs in 30 days), like logs: expire or tier objects past the age anyone reads them.` : ''} The saving depends on object ages, which the inventory does not hold (S3 Storage Lens or S3 Inventory report them), so it is not estimated.`,
          evidence: [
            { name: 'lifecycle rules', value: 0, unit: 'rules', threshold: '≥ 1' },
            { name: 'size', value: round(sizeGb, 1), unit: 'GB' },
            { name: 'PUT requests (30 days)', value: bucket.putRequests30d, unit: 'requests' },
            { name: 'GET requests (30 days)', value: bucket.getRequests30d, unit: 'requests' },
          ],
          current: { lifecycleRules: 0, storageClass: bucket.storageClass },
          proposed: {
            abortIncompleteMultipartUploadDays: 7,
            noncurrentVersionExpirationDays: 30,
            ...(writeMostly ? { transitionToIntelligentTieringDays: 30 } : {}),
          },
          currentMonthlyCost: current ? roundUsd(current.usd) : null,
          estimatedMonthlySavings: null,
          savingsBasis:
            'not estimated: depends on object ages and incomplete uploads, which the inventory does not hold',
          pricesUsed: current ? [...current.pricesUsed] : [],
          effort: 'low',
          risk: 'low',
          steps: {
            console: [
              `S3 console → ${bucket.bucket} → Management → Create lifecycle rule.`,
              'Delete expired object delete markers or incomplete multipart uploads: 7 days; permanently delete noncurrent versions: 30 days.',
            ],
            cli: [
              `aws s3api put-bucket-lifecycle-configuration --bucket ${bucket.bucket} --lifecycle-configuration '{"Rules":[{"ID":"hygiene","Status":"Enabled","Filter":{},"AbortIncompleteMultipartUpload":{"DaysAfterInitiation":7},"NoncurrentVersionExpiration":{"NoncurrentDays":30}}]}'`,
            ],
          },
          warnings: ['Savings not estimated: object ages are not in the inventory.'],
          tags: tags.get(bucket.bucket) ?? {},
        }),
      );
    }
    return result;
  },
};
