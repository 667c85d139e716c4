import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ConditionFailedError, FinopsError } from '../../errors.ts';
import type { StateItem, StateStore, StateValue, WriteOperation } from '../../state/index.ts';
import { MAX_TRANSACT_OPERATIONS } from '../../state/index.ts';
import type { RecommendationRun } from '../generate-recommendations.ts';
import type { Recommendation } from '../model.ts';
import {
  type AuditRecord,
  auditRecordSchema,
  type StoredRecommendation,
  storedRecommendationSchema,
} from './decision-types.ts';

/**
 * Where recommendations, their decisions and the audit trail live in the StateStore:
 * - `rec` / `<id>`: the stored recommendation (latest evidence + status + last decision);
 * - `audit#<id>` / `<ISO time>#<uuid>`: one append-only record per decision or refused attempt;
 * - `rec-run` / `latest`: when the last run happened, so items it no longer produced are stale.
 */
export const RECOMMENDATION_PARTITION = 'rec';
export const RUN_PARTITION = 'rec-run';
export const auditPartition = (recommendationId: string) => `audit#${recommendationId}`;

/** A snoozed item reopens early when its saving grows by more than this share. */
export const SNOOZE_REOPEN_GROWTH = 0.5;

const runMarkerSchema = z.object({
  generatedAt: z.string(),
  count: z.number(),
  totalMonthlySavings: z.number(),
});

/** zod output can hold `undefined` members; the store takes plain JSON only. */
export function toStateValue(value: unknown): StateValue {
  return JSON.parse(JSON.stringify(value)) as StateValue;
}

export function parseStored(item: StateItem): StoredRecommendation {
  const parsed = storedRecommendationSchema.safeParse(item.value);
  if (!parsed.success) {
    throw new FinopsError(
      'finops_state_error',
      `the stored recommendation ${item.sort} does not have the expected shape (${parsed.error.issues[0]?.message ?? 'invalid'}); it was written by an incompatible version`,
      { cause: parsed.error },
    );
  }
  return parsed.data;
}

/** The status a reader should see: a snooze that has ended counts as open. */
export function effectiveStatus(stored: StoredRecommendation, now: Date): StoredRecommendation['status'] {
  if (
    stored.status === 'snoozed' &&
    stored.decision?.snoozeUntil &&
    Date.parse(stored.decision.snoozeUntil) <= now.getTime()
  )
    return 'open';
  return stored.status;
}

function shouldReopenSnoozed(
  stored: StoredRecommendation,
  fresh: Recommendation,
  now: Date,
): string | undefined {
  if (stored.status !== 'snoozed' || !stored.decision) return undefined;
  if (stored.decision.snoozeUntil && Date.parse(stored.decision.snoozeUntil) <= now.getTime())
    return `snooze ended ${stored.decision.snoozeUntil}`;
  const before = stored.decision.savingsAtDecision;
  const after = fresh.estimatedMonthlySavings;
  if (before !== null && after !== null && before > 0 && after > before * (1 + SNOOZE_REOPEN_GROWTH))
    return `saving grew from $${before.toFixed(2)} to $${after.toFixed(2)} a month (more than ${SNOOZE_REOPEN_GROWTH * 100} %)`;
  return undefined;
}

export async function readAll(store: StateStore, partition: string): Promise<StateItem[]> {
  const items: StateItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.query(partition, { limit: 1000, cursor });
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return items;
}

export interface SyncResult {
  created: number;
  updated: number;
  /** Snoozed items this run reopened, with why. */
  reopened: { id: string; reason: string }[];
}

const SYSTEM_ACTOR = { id: 'finops-copilot', displayName: 'FinOps Copilot', platform: 'system' as const };

/**
 * Stores a run: new items open; known items get the fresh evidence and keep their decision;
 * dismissed and approved items stay closed; a snoozed item reopens when its snooze has ended or
 * its saving grew by more than half (audited as a system reopen).
 */
export async function saveRun(store: StateStore, run: RecommendationRun, now: Date): Promise<SyncResult> {
  const existing = new Map(
    (await readAll(store, RECOMMENDATION_PARTITION)).map((item) => [item.sort, item] as const),
  );
  const result: SyncResult = { created: 0, updated: 0, reopened: [] };
  const at = run.generatedAt;
  const writes: { operations: WriteOperation[]; recommendation: Recommendation }[] = [];
  for (const recommendation of run.recommendations) {
    const item = existing.get(recommendation.id);
    writes.push({ operations: planWrite(item, recommendation, at, now, result), recommendation });
  }
  // Transactions of up to 25 operations; a batch that meets a concurrent decision is redone item by item.
  let batch: typeof writes = [];
  let size = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    try {
      await store.transact(batch.flatMap((write) => write.operations));
    } catch (error) {
      if (!(error instanceof ConditionFailedError)) throw error;
      for (const write of batch) await saveOne(store, write.recommendation, now, at);
    }
    batch = [];
    size = 0;
  };
  for (const write of writes) {
    if (size + write.operations.length > MAX_TRANSACT_OPERATIONS) await flush();
    batch.push(write);
    size += write.operations.length;
  }
  await flush();
  await store.put({
    partition: RUN_PARTITION,
    sort: 'latest',
    value: toStateValue({
      generatedAt: run.generatedAt,
      count: run.recommendations.length,
      totalMonthlySavings: run.totalMonthlySavings,
    }),
  });
  return result;
}

function planWrite(
  item: StateItem | undefined,
  recommendation: Recommendation,
  at: string,
  now: Date,
  result: SyncResult,
): WriteOperation[] {
  if (!item) {
    result.created++;
    const stored: StoredRecommendation = { recommendation, status: 'open', firstSeenAt: at, lastSeenAt: at };
    return [
      {
        type: 'put',
        partition: RECOMMENDATION_PARTITION,
        sort: recommendation.id,
        value: toStateValue(stored),
        condition: { kind: 'absent' },
      },
    ];
  }
  result.updated++;
  const stored = parseStored(item);
  const reopenReason = shouldReopenSnoozed(stored, recommendation, now);
  const next: StoredRecommendation = {
    ...stored,
    recommendation: { ...recommendation, status: reopenReason ? 'open' : stored.status },
    status: reopenReason ? 'open' : stored.status,
    lastSeenAt: at,
    ...(reopenReason ? { reopened: { at, reason: reopenReason, by: SYSTEM_ACTOR.id } } : {}),
  };
  const operations: WriteOperation[] = [
    {
      type: 'put',
      partition: RECOMMENDATION_PARTITION,
      sort: recommendation.id,
      value: toStateValue(next),
      condition: { kind: 'version', version: item.version },
    },
  ];
  if (reopenReason) {
    result.reopened.push({ id: recommendation.id, reason: reopenReason });
    operations.push(
      auditOperation({
        recommendationId: recommendation.id,
        at,
        actor: SYSTEM_ACTOR,
        action: 'reopen',
        outcome: 'applied',
        message: `Reopened: ${reopenReason}.`,
        fromStatus: 'snoozed',
        toStatus: 'open',
      }),
    );
  }
  return operations;
}

/** The same as one step of saveRun, with a fresh read: used when a batch met a concurrent write. */
async function saveOne(
  store: StateStore,
  recommendation: Recommendation,
  now: Date,
  at: string,
): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const item = await store.get(RECOMMENDATION_PARTITION, recommendation.id);
    const operations = planWrite(item, recommendation, at, now, {
      created: 0,
      updated: 0,
      reopened: [],
    });
    try {
      await store.transact(operations);
      return;
    } catch (error) {
      if (!(error instanceof ConditionFailedError)) throw error;
    }
  }
  throw new FinopsError(
    'finops_state_error',
    `could not store recommendation ${recommendation.id}: it kept changing underneath (5 attempts); run again`,
    { isRetryable: true },
  );
}

export function auditOperation(record: AuditRecord): WriteOperation {
  const parsed = auditRecordSchema.parse(record);
  return {
    type: 'put',
    partition: auditPartition(parsed.recommendationId),
    sort: `${parsed.at}#${randomUUID()}`,
    value: toStateValue(parsed),
    condition: { kind: 'absent' },
  };
}

export async function appendAudit(store: StateStore, record: AuditRecord): Promise<void> {
  const operation = auditOperation(record);
  if (operation.type !== 'put') return;
  await store.put(operation);
}

/** Every audit record of one recommendation, oldest first. */
export async function readAudit(store: StateStore, recommendationId: string): Promise<AuditRecord[]> {
  const items = await readAll(store, auditPartition(recommendationId));
  return items.map((item) => auditRecordSchema.parse(item.value));
}

export async function readLatestRun(store: StateStore): Promise<z.infer<typeof runMarkerSchema> | undefined> {
  const item = await store.get(RUN_PARTITION, 'latest');
  return item ? runMarkerSchema.parse(item.value) : undefined;
}

export interface ListFilter {
  status?: StoredRecommendation['status'] | 'all';
  service?: string;
  account?: string;
  minSavings?: number;
  type?: string;
}

/**
 * Stored recommendations from the latest run, with their effective status (an ended snooze reads
 * as open), largest saving first.
 */
export async function listStored(
  store: StateStore,
  now: Date,
  filter: ListFilter = {},
): Promise<StoredRecommendation[]> {
  const latest = await readLatestRun(store);
  const items = (await readAll(store, RECOMMENDATION_PARTITION)).map(parseStored);
  const wanted = filter.status ?? 'open';
  const service = filter.service?.toLowerCase();
  const account = filter.account?.toLowerCase();
  return items
    .filter((stored) => latest === undefined || stored.lastSeenAt === latest.generatedAt)
    .map((stored) => ({ ...stored, status: effectiveStatus(stored, now) }))
    .filter((stored) => wanted === 'all' || stored.status === wanted)
    .filter((stored) => !service || stored.recommendation.service.toLowerCase().includes(service))
    .filter(
      (stored) =>
        !account ||
        stored.recommendation.accountId === filter.account ||
        stored.recommendation.accountName?.toLowerCase() === account,
    )
    .filter((stored) => !filter.type || stored.recommendation.type === filter.type)
    .filter(
      (stored) =>
        filter.minSavings === undefined ||
        (stored.recommendation.estimatedMonthlySavings ?? 0) >= filter.minSavings,
    )
    .sort(
      (a, b) =>
        (b.recommendation.estimatedMonthlySavings ?? 0) - (a.recommendation.estimatedMonthlySavings ?? 0) ||
        a.recommendation.id.localeCompare(b.recommendation.id),
    );
}
