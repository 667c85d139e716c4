import { createHash } from 'node:crypto';
import type { BillingFormat } from './types.ts';

/** The rows of one file that belong to one (provider, billing account, billing period). */
export interface Slice {
  fileIndex: number;
  path: string;
  format: BillingFormat;
  mtimeMs: number;
  size: number;
  provider: string;
  billingAccountId: string;
  /** First day of the billing period, YYYY-MM-DD. */
  billingPeriod: string;
  rows: number;
  billedCost: number;
  effectiveCost: number;
  /** Latest ChargePeriodEnd of a Usage row (ISO), null when the slice has no usage. */
  dataThrough: string | null;
}

export interface Delivery {
  id: string;
  format: BillingFormat;
  provider: string;
  billingAccountId: string;
  billingPeriod: string;
  slices: Slice[];
  rows: number;
  billedCost: number;
  effectiveCost: number;
  dataThrough: string | null;
}

export interface DeliveryChoice {
  chosen: Delivery[];
  /** Slices of older deliveries of a period that a newer delivery in the same call supersedes. */
  superseded: { slice: Slice; reason: string }[];
}

export const keyOf = (slice: Pick<Slice, 'provider' | 'billingAccountId' | 'billingPeriod'>) =>
  `${slice.provider}\u0000${slice.billingAccountId}\u0000${slice.billingPeriod}`;

export const pairKey = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);

/** Newest first: later data, then the later file. null data_through (no usage) counts as oldest. */
export function compareNewestFirst(a: Slice, b: Slice): number {
  const through = (b.dataThrough ?? '').localeCompare(a.dataThrough ?? '');
  if (through !== 0) return through;
  if (b.mtimeMs !== a.mtimeMs) return b.mtimeMs - a.mtimeMs;
  return a.path.localeCompare(b.path);
}

/**
 * Groups the slices of each period into deliveries and keeps the newest. Files that share line
 * items (`overlapping`: pairs of file indexes) are different deliveries of the period; files that
 * share none are parts of one. Greedy, newest first: each file joins the first delivery it does not
 * overlap, so an older delivery's files never join a newer one they restate.
 */
export function chooseDeliveries(slices: Slice[], overlapping: Set<string>): DeliveryChoice {
  const byKey = new Map<string, Slice[]>();
  for (const slice of slices) byKey.set(keyOf(slice), [...(byKey.get(keyOf(slice)) ?? []), slice]);
  const chosen: Delivery[] = [];
  const superseded: DeliveryChoice['superseded'] = [];
  for (const group of byKey.values()) {
    const candidates: Slice[][] = [];
    for (const slice of [...group].sort(compareNewestFirst)) {
      const home = candidates.find(
        (members) =>
          members[0]?.format === slice.format &&
          members.every((member) => !overlapping.has(pairKey(member.fileIndex, slice.fileIndex))),
      );
      if (home) home.push(slice);
      else candidates.push([slice]);
    }
    const [winner, ...older] = candidates;
    if (!winner) continue;
    const delivery = toDelivery(winner);
    chosen.push(delivery);
    const kept = winner.map((slice) => slice.path).join(', ');
    for (const slice of older.flat()) {
      const why =
        slice.format === delivery.format
          ? 'it shares line items with the newer delivery'
          : `the same period is also delivered as ${delivery.format}`;
      superseded.push({
        slice,
        reason: `older delivery of ${describePeriod(slice)} (data through ${slice.dataThrough ?? 'no usage'}): ${why} in ${kept} (data through ${delivery.dataThrough ?? 'no usage'}), which is kept`,
      });
    }
  }
  return { chosen, superseded };
}

export function describePeriod(key: Pick<Slice, 'provider' | 'billingAccountId' | 'billingPeriod'>): string {
  return `${key.provider} account ${key.billingAccountId} ${key.billingPeriod.slice(0, 7)}`;
}

function toDelivery(slices: Slice[]): Delivery {
  const first = slices[0];
  if (!first) throw new Error('a delivery needs at least one file');
  const sorted = [...slices].sort((a, b) => a.path.localeCompare(b.path));
  const dataThrough = slices.reduce<string | null>(
    (latest, slice) =>
      slice.dataThrough && (!latest || slice.dataThrough > latest) ? slice.dataThrough : latest,
    null,
  );
  return {
    id: deliveryId(first, filesFingerprint(sorted)),
    format: first.format,
    provider: first.provider,
    billingAccountId: first.billingAccountId,
    billingPeriod: first.billingPeriod,
    slices: sorted,
    rows: sum(slices, (slice) => slice.rows),
    billedCost: sum(slices, (slice) => slice.billedCost),
    effectiveCost: sum(slices, (slice) => slice.effectiveCost),
    dataThrough,
  };
}

/** Same files (path, size, mtime) → same fingerprint, so re-ingesting is idempotent. `files` sorted by path. */
export function filesFingerprint(files: Pick<Slice, 'path' | 'size' | 'mtimeMs'>[]): string {
  return createHash('sha256')
    .update(files.map((file) => `${file.path}|${file.size}|${file.mtimeMs}`).join('\n'))
    .digest('hex')
    .slice(0, FINGERPRINT_LENGTH);
}

export const FINGERPRINT_LENGTH = 12;

/** `format:provider:account:YYYY-MM:fingerprint`; the fingerprint is last, so ids can be matched by it. */
export function deliveryId(
  key: Pick<Slice, 'format' | 'provider' | 'billingAccountId' | 'billingPeriod'>,
  fingerprint: string,
): string {
  return `${key.format}:${key.provider}:${key.billingAccountId}:${key.billingPeriod.slice(0, 7)}:${fingerprint}`;
}

const sum = (slices: Slice[], value: (slice: Slice) => number) =>
  slices.reduce((total, slice) => total + value(slice), 0);
