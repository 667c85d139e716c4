import type { InventoryResource } from '../../inventory/index.ts';
import {
  EBS_VOLUME_TYPES,
  type EbsVolumeType,
  GP2_PERFORMANCE,
  GP3_BASELINE,
  gp2BaselineIops,
  type ListPrice,
  type PriceBook,
} from '../../pricing/index.ts';
import { buildRecommendation } from '../build-recommendation.ts';
import { roundUsd } from '../model.ts';
import type { Rule, RuleContext, RuleResult } from '../rule.ts';
import { daysBetweenIso, perUnit, usd } from './evidence.ts';

const EC2_SERVICE = 'Amazon Elastic Compute Cloud';

const GP3_BASELINE_IOPS = GP3_BASELINE.iops;
const GP3_BASELINE_THROUGHPUT_MIBPS = GP3_BASELINE.throughputMibps;

/**
 * The throughput a gp2 volume sustains without burst credits: 250 MiB/s from 334 GiB, otherwise
 * 128 MiB/s (between 171 and 333 GiB, 250 MiB/s only while credits last). A gp3 replacement
 * provisioned to this keeps at least today's sustained performance.
 */
export function gp2SustainedThroughputMibps(sizeGib: number): number {
  return sizeGib >= GP2_PERFORMANCE.fullThroughputMinGib
    ? GP2_PERFORMANCE.maxThroughputMibps
    : GP2_PERFORMANCE.smallVolumeThroughputMibps;
}

function isEbsVolumeType(value: string): value is EbsVolumeType {
  return (EBS_VOLUME_TYPES as readonly string[]).includes(value);
}

interface Volume {
  resource: InventoryResource;
  volumeType: string;
  sizeGib: number;
  iops: number | undefined;
  throughputMibps: number | undefined;
}

function toVolume(resource: InventoryResource): Volume {
  const attributes = resource.attributes;
  const number = (value: unknown) => (typeof value === 'number' ? value : undefined);
  return {
    resource,
    volumeType: String(attributes.volume_type ?? ''),
    sizeGib: number(attributes.size_gib) ?? Number.parseInt(resource.size ?? '0', 10),
    iops: number(attributes.iops),
    throughputMibps: number(attributes.throughput_mibps),
  };
}

interface VolumeCost {
  monthly: number;
  basis: string;
  prices: ListPrice[];
}

/** The monthly list cost of a volume as configured: storage, plus gp3 IOPS and throughput above the baseline. */
export function volumeMonthlyCost(prices: PriceBook, region: string, volume: Volume): VolumeCost | undefined {
  const storage = isEbsVolumeType(volume.volumeType)
    ? prices.ebsStorage(region, volume.volumeType)
    : undefined;
  if (!storage) return undefined;
  let monthly = volume.sizeGib * storage.usd;
  const parts = [`${volume.sizeGib} GiB × ${perUnit(storage.usd, 'GB-month')}`];
  const used = [storage];
  if (volume.volumeType === 'gp3') {
    const extraIops = Math.max(0, (volume.iops ?? GP3_BASELINE_IOPS) - GP3_BASELINE_IOPS);
    const extraThroughput = Math.max(
      0,
      (volume.throughputMibps ?? GP3_BASELINE_THROUGHPUT_MIBPS) - GP3_BASELINE_THROUGHPUT_MIBPS,
    );
    const extras = gp3Extras(prices, region, extraIops, extraThroughput);
    if (!extras) return undefined;
    monthly += extras.monthly;
    parts.push(...extras.parts);
    used.push(...extras.prices);
  }
  return { monthly, basis: parts.join(' + '), prices: used };
}

function gp3Extras(
  prices: PriceBook,
  region: string,
  extraIops: number,
  extraThroughput: number,
): { monthly: number; parts: string[]; prices: ListPrice[] } | undefined {
  let monthly = 0;
  const parts: string[] = [];
  const used: ListPrice[] = [];
  if (extraIops > 0) {
    const iops = prices.ebsGp3Iops(region);
    if (!iops) return undefined;
    monthly += extraIops * iops.usd;
    parts.push(`${extraIops} IOPS × ${perUnit(iops.usd, 'IOPS-month')}`);
    used.push(iops);
  }
  if (extraThroughput > 0) {
    const throughput = prices.ebsGp3Throughput(region);
    if (!throughput) return undefined;
    monthly += extraThroughput * throughput.usd;
    parts.push(`${extraThroughput} MiB/s × ${perUnit(throughput.usd, 'MiBps-month')}`);
    used.push(throughput);
  }
  return { monthly, parts, prices: used };
}

function missingPrice(region: string, what: string): string {
  return `No ${what} price for ${region} in the price snapshot.`;
}

/** gp2 → gp3 with at least gp2's baseline IOPS and throughput provisioned. */
export const ebsGp2ToGp3Rule: Rule = {
  id: 'ebs-gp2-to-gp3',
  description: 'In-use gp2 volumes that cost less as gp3 with the same baseline performance.',
  async run(context) {
    const result: RuleResult = { recommendations: [], notes: [] };
    const resources = await context.inventory.resources({ resourceTypes: ['ebs_volume'] });
    for (const volume of resources.map(toVolume)) {
      if (volume.volumeType !== 'gp2' || volume.resource.state !== 'in-use') continue;
      const region = volume.resource.region;
      const current = volumeMonthlyCost(context.prices, region, volume);
      const gp3Storage = context.prices.ebsStorage(region, 'gp3');
      const iopsNeeded = gp2BaselineIops(volume.sizeGib);
      const throughputNeeded = gp2SustainedThroughputMibps(volume.sizeGib);
      const extras = gp3Extras(
        context.prices,
        region,
        Math.max(0, iopsNeeded - GP3_BASELINE_IOPS),
        Math.max(0, throughputNeeded - GP3_BASELINE_THROUGHPUT_MIBPS),
      );
      if (!current || !gp3Storage || !extras) {
        result.notes.push(missingPrice(region, 'EBS gp2/gp3'));
        continue;
      }
      const proposedMonthly = volume.sizeGib * gp3Storage.usd + extras.monthly;
      const savings = current.monthly - proposedMonthly;
      if (savings <= 0) continue;
      const provisionedIops = Math.max(GP3_BASELINE_IOPS, iopsNeeded);
      const provisionedThroughput = Math.max(GP3_BASELINE_THROUGHPUT_MIBPS, throughputNeeded);
      const { resourceId } = volume.resource;
      const proposedBasis = [
        `${volume.sizeGib} GiB × ${perUnit(gp3Storage.usd, 'GB-month')}`,
        ...extras.parts,
      ].join(' + ');
      result.recommendations.push(
        buildRecommendation(context, {
          type: 'ebs-gp2-to-gp3',
          service: EC2_SERVICE,
          accountId: volume.resource.accountId,
          region,
          resourceId,
          resourceName: volume.resource.resourceName,
          title: `Change ${resourceId} (${volume.sizeGib} GiB) from gp2 to gp3`,
          rationale: `As gp2, ${resourceId} gets ${iopsNeeded} IOPS and up to ${throughputNeeded} MiB/s. gp3 includes ${GP3_BASELINE_IOPS} IOPS and ${GP3_BASELINE_THROUGHPUT_MIBPS} MiB/s${extras.parts.length > 0 ? `; provisioning ${provisionedIops} IOPS and ${provisionedThroughput} MiB/s keeps at least today's performance` : ', at least what it has today'}, for ${Math.round((savings / current.monthly) * 100)} % less. The change is online: no detach, no downtime.`,
          evidence: [
            { name: 'size', value: volume.sizeGib, unit: 'GiB' },
            { name: 'gp2 baseline IOPS', value: iopsNeeded, unit: 'IOPS' },
            { name: 'gp2 throughput', value: throughputNeeded, unit: 'MiB/s' },
          ],
          current: {
            volumeType: 'gp2',
            sizeGib: volume.sizeGib,
            iops: iopsNeeded,
            throughputMibps: throughputNeeded,
          },
          proposed: {
            volumeType: 'gp3',
            sizeGib: volume.sizeGib,
            iops: provisionedIops,
            throughputMibps: provisionedThroughput,
          },
          currentMonthlyCost: roundUsd(current.monthly),
          estimatedMonthlySavings: roundUsd(savings),
          savingsBasis: `gp2: ${current.basis} = ${usd(current.monthly)}; gp3: ${proposedBasis} = ${usd(proposedMonthly)}`,
          pricesUsed: [...current.prices, gp3Storage, ...extras.prices],
          effort: 'low',
          risk: 'low',
          steps: {
            console: [
              `EC2 console (${region}) → Elastic Block Store → Volumes → ${resourceId} → Actions → Modify volume.`,
              `Volume type gp3, IOPS ${provisionedIops}, throughput ${provisionedThroughput} → Modify. The volume stays attached and in use.`,
            ],
            cli: [
              `aws ec2 modify-volume --region ${region} --volume-id ${resourceId} --volume-type gp3 --iops ${provisionedIops} --throughput ${provisionedThroughput}`,
            ],
          },
          tags: volume.resource.tags,
        }),
      );
    }
    return result;
  },
};

/** Volumes attached to nothing: snapshot if in doubt, then delete. */
export const ebsUnattachedRule: Rule = {
  id: 'ebs-unattached',
  description: 'EBS volumes in state available (attached to nothing) that are billed every day.',
  async run(context) {
    const result: RuleResult = { recommendations: [], notes: [] };
    const resources = await context.inventory.resources({ resourceTypes: ['ebs_volume'] });
    for (const volume of resources.map(toVolume)) {
      if (volume.resource.state !== 'available') continue;
      const region = volume.resource.region;
      const cost = volumeMonthlyCost(context.prices, region, volume);
      const snapshot = context.prices.ebsSnapshot(region);
      if (!cost) result.notes.push(missingPrice(region, `EBS ${volume.volumeType}`));
      const detachedDays =
        typeof volume.resource.attributes.detached_days === 'number'
          ? volume.resource.attributes.detached_days
          : undefined;
      const { resourceId } = volume.resource;
      const snapshotMonthly = snapshot ? volume.sizeGib * snapshot.usd : undefined;
      result.recommendations.push(
        buildRecommendation(context, {
          type: 'ebs-unattached',
          service: EC2_SERVICE,
          accountId: volume.resource.accountId,
          region,
          resourceId,
          resourceName: volume.resource.resourceName,
          title: `Delete unattached volume ${resourceId} (${volume.sizeGib} GiB ${volume.volumeType})`,
          rationale: `${resourceId} is attached to nothing${detachedDays !== undefined ? ` and has been for ${detachedDays} days` : ''}, yet every GiB is billed.${snapshotMonthly !== undefined ? ` If its data might be needed, a snapshot first costs at most ${usd(snapshotMonthly)} a month (snapshots bill only the blocks written).` : ''}`,
          evidence: [
            { name: 'state', value: 0, unit: 'attachments' },
            { name: 'size', value: volume.sizeGib, unit: 'GiB' },
            ...(detachedDays !== undefined
              ? [{ name: 'detached for', value: detachedDays, unit: 'days' }]
              : []),
          ],
          current: {
            volumeType: volume.volumeType,
            sizeGib: volume.sizeGib,
            state: 'available',
          },
          proposed: { action: 'snapshot if needed, then delete' },
          currentMonthlyCost: cost ? roundUsd(cost.monthly) : null,
          estimatedMonthlySavings: cost ? roundUsd(cost.monthly) : null,
          savingsBasis: cost
            ? `${cost.basis} = ${usd(cost.monthly)} a month`
            : 'not priced: no EBS price for this region',
          pricesUsed: [...(cost?.prices ?? []), ...(snapshot ? [snapshot] : [])],
          effort: 'low',
          risk: 'low',
          steps: {
            console: [
              `EC2 console (${region}) → Volumes → ${resourceId} → Actions → Create snapshot (if the data may be needed).`,
              'Actions → Delete volume.',
            ],
            cli: [
              `aws ec2 create-snapshot --region ${region} --volume-id ${resourceId} --description "before deleting ${resourceId}"`,
              `aws ec2 delete-volume --region ${region} --volume-id ${resourceId}`,
            ],
          },
          warnings: cost ? [] : [missingPrice(region, `EBS ${volume.volumeType}`)],
          tags: volume.resource.tags,
        }),
      );
    }
    return result;
  },
};

/** Snapshots older than a year, or whose volume is gone. */
export const ebsOldSnapshotRule: Rule = {
  id: 'ebs-old-snapshot',
  description: 'EBS snapshots older than the policy age (default 365 days).',
  async run(context: RuleContext) {
    const result: RuleResult = { recommendations: [], notes: [] };
    const [snapshots, volumes] = await Promise.all([
      context.inventory.resources({ resourceTypes: ['ebs_snapshot'] }),
      context.inventory.resources({ resourceTypes: ['ebs_volume'] }),
    ]);
    const liveVolumes = new Set(volumes.map((volume) => volume.resourceId));
    for (const snapshot of snapshots) {
      if (!snapshot.createdAt) continue;
      const age = daysBetweenIso(snapshot.createdAt, context.now);
      if (age < context.policy.ebs.oldSnapshotDays) continue;
      const sizeGib =
        typeof snapshot.attributes.size_gib === 'number'
          ? snapshot.attributes.size_gib
          : Number.parseInt(snapshot.size ?? '0', 10);
      const sourceVolume =
        typeof snapshot.attributes.source_volume === 'string' ? snapshot.attributes.source_volume : undefined;
      const orphaned = sourceVolume !== undefined && !liveVolumes.has(sourceVolume);
      const price = context.prices.ebsSnapshot(snapshot.region);
      if (!price) result.notes.push(missingPrice(snapshot.region, 'EBS snapshot'));
      const cost = price ? sizeGib * price.usd : null;
      const snapshotId =
        typeof snapshot.attributes.snapshot_id === 'string'
          ? snapshot.attributes.snapshot_id
          : snapshot.resourceId;
      result.recommendations.push(
        buildRecommendation(context, {
          type: 'ebs-old-snapshot',
          service: EC2_SERVICE,
          accountId: snapshot.accountId,
          region: snapshot.region,
          resourceId: snapshot.resourceId,
          resourceName: snapshot.resourceName,
          title: `Review ${age}-day-old snapshot ${snapshotId} (${sizeGib} GiB)`,
          rationale: `${snapshotId} was taken ${age} days ago from ${sourceVolume ?? 'an unknown volume'}${orphaned ? ', which no longer exists' : ''}. Unless a retention rule requires it, delete it or move it to the EBS Snapshots Archive tier. Snapshots are incremental: deleting one frees only the blocks no later snapshot shares, so the saving is an upper bound.`,
          evidence: [
            {
              name: 'age',
              value: age,
              unit: 'days',
              threshold: `≥ ${context.policy.ebs.oldSnapshotDays} days`,
            },
            { name: 'size', value: sizeGib, unit: 'GiB' },
          ],
          current: { snapshotId, sizeGib, ageDays: age, sourceVolumeExists: !orphaned },
          proposed: { action: 'delete or archive' },
          currentMonthlyCost: cost === null ? null : roundUsd(cost),
          estimatedMonthlySavings: cost === null ? null : roundUsd(cost),
          savingsBasis: price
            ? `at most ${sizeGib} GiB × ${perUnit(price.usd, 'GB-month')} = ${usd(sizeGib * price.usd)} a month (upper bound: incremental blocks)`
            : 'not priced: no EBS snapshot price for this region',
          pricesUsed: price ? [price] : [],
          effort: 'low',
          risk: orphaned ? 'low' : 'medium',
          steps: {
            console: [
              `EC2 console (${snapshot.region}) → Snapshots → ${snapshotId} → check it is not used by an AMI or a retention policy.`,
              'Actions → Delete snapshot (or Archive snapshot).',
            ],
            cli: [
              `aws ec2 describe-images --region ${snapshot.region} --owners self --filters Name=block-device-mapping.snapshot-id,Values=${snapshotId}`,
              `aws ec2 delete-snapshot --region ${snapshot.region} --snapshot-id ${snapshotId}`,
            ],
          },
          warnings: ['Incremental snapshots share blocks: the saving is an upper bound.'],
          tags: snapshot.tags,
        }),
      );
    }
    return result;
  },
};
