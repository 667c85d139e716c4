import type { TimeRange } from '../../domain/index.ts';
import { asFinopsError, ConditionFailedError } from '../../errors.ts';
import type { StateItem, StateStore } from '../../state/index.ts';
import type { Subscription } from '../subscriptions/index.ts';
import type { DigestLog } from './digest-log.ts';
import { digestPeriod, latestSlotAtOrBefore } from './digest-slots.ts';

/**
 * How long a digest recorded as `sending` belongs to the run that recorded it. Ten minutes is
 * far longer than building and posting one digest takes (seconds, plus Slack's one message a
 * second per channel), and short enough that a digest whose process died mid-post still arrives
 * well within the hour it was due.
 */
export const DEFAULT_LEASE_MS = 10 * 60_000;
/** The first attempt and one retry after a crash: a post that may have gone out is not repeated again. */
export const MAX_ATTEMPTS = 2;
/** Run records outlive any period that could still be the latest one (a week) by far; then they expire. */
const RECORD_TTL_SECONDS = 90 * 86_400;

export type DigestRunStatus = 'sending' | 'sent' | 'abandoned';

/**
 * The idempotency record of one digest: one subscription for one period, stored at
 * `runKey(period)`. Keyed by period rather than slot so that moving a digest from 09:00 to 10:00
 * after the 09:00 one went out does not post the same week again.
 */
export interface DigestRunRecord {
  [key: string]: string | number;
  subscriptionId: string;
  /** The period's first and last-plus-one day, YYYY-MM-DD. */
  periodStart: string;
  periodEnd: string;
  /** The scheduled instant, ISO. */
  slot: string;
  status: DigestRunStatus;
  attempts: number;
  /** When the current attempt took the digest (ISO); the lease runs from here. */
  recordedAt: string;
}

export type DigestOutcomeKind =
  /** Built and posted by this run. */
  | 'posted'
  /** Posted before, by this or another scheduler. */
  | 'already_sent'
  /** Another run holds the lease (or just took it): it posts, not us. */
  | 'in_progress'
  /** Build or post threw after the record was written; retried once after the lease. */
  | 'failed'
  /** Still `sending` after its retry: it may have been posted, so it is not tried again. */
  | 'abandoned'
  | 'paused'
  /** No slot since the subscription was created or last changed. */
  | 'not_due';

export interface DigestOutcome {
  subscriptionId: string;
  slot?: string | undefined;
  kind: DigestOutcomeKind;
  error?: string | undefined;
}

export interface RunDueDigestsOptions<D> {
  subscriptions: readonly Subscription[];
  store: StateStore;
  now: Date;
  /** Builds the digest of a subscription for the calendar days before its slot (see digestPeriod). */
  build(subscription: Subscription, period: TimeRange): Promise<D>;
  post(subscription: Subscription, digest: D): Promise<void>;
  log: DigestLog;
  leaseMs?: number | undefined;
  /** Subscriptions handled at once; default 4. */
  concurrency?: number | undefined;
}

export function runPartition(subscriptionId: string): string {
  return `digest#runs#${subscriptionId}`;
}

export function runKey(period: TimeRange): string {
  return `period#${period.start}..${period.end}`;
}

/**
 * Posts every digest that is due, exactly once, however often and from however many processes it
 * is called: the minute tick of the long-running process and EventBridge Scheduler on AWS both call
 * this. For each active subscription only its most recent slot at or before `now` is considered, so
 * a process that was down for three weeks posts one digest, not three. A slot is taken by writing
 * its record create-once (`sending`) before anything is posted; whoever wins that write posts, then
 * marks it `sent`. A record left `sending` by a crash is retried once, after the lease.
 */
export async function runDueDigests<D>(options: RunDueDigestsOptions<D>): Promise<DigestOutcome[]> {
  const queue = [...options.subscriptions];
  const outcomes: DigestOutcome[] = [];
  const workers = Array.from({ length: Math.max(1, options.concurrency ?? 4) }, async () => {
    for (let subscription = queue.shift(); subscription; subscription = queue.shift()) {
      outcomes.push(await runOne(subscription, options));
    }
  });
  await Promise.all(workers);
  return outcomes;
}

async function runOne<D>(
  subscription: Subscription,
  options: RunDueDigestsOptions<D>,
): Promise<DigestOutcome> {
  const { store, now, log } = options;
  const subscriptionId = subscription.id;
  if (subscription.paused) return { subscriptionId, kind: 'paused' };
  const slotDate = latestSlotAtOrBefore(subscription, now);
  // A new or changed subscription starts afresh: no digest for a slot before the change.
  if (slotDate.getTime() < Date.parse(subscription.updatedAt)) return { subscriptionId, kind: 'not_due' };
  const slot = slotDate.toISOString();
  const period = digestPeriod(subscription, slotDate);
  const partition = runPartition(subscriptionId);
  const key = runKey(period);
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;

  let held: StateItem<DigestRunRecord>;
  try {
    const existing = await store.get<DigestRunRecord>(partition, key);
    if (existing === undefined) {
      held = await store.put({
        partition,
        sort: key,
        value: record(subscriptionId, period, slot, 1, now),
        expiresAt: Math.floor(now.getTime() / 1000) + RECORD_TTL_SECONDS,
        condition: { kind: 'absent' },
      });
    } else if (existing.value.status === 'sent') {
      return { subscriptionId, slot, kind: 'already_sent' };
    } else if (existing.value.status === 'abandoned') {
      return { subscriptionId, slot, kind: 'abandoned' };
    } else if (now.getTime() - Date.parse(existing.value.recordedAt) < leaseMs) {
      return { subscriptionId, slot, kind: 'in_progress' };
    } else if (existing.value.attempts >= MAX_ATTEMPTS) {
      await store.put({
        partition,
        sort: key,
        value: { ...existing.value, status: 'abandoned' },
        expiresAt: existing.expiresAt,
        condition: { kind: 'version', version: existing.version },
      });
      log.error('digest abandoned: still unconfirmed after its retry, it may or may not have been posted', {
        subscriptionId,
        slot,
      });
      return { subscriptionId, slot, kind: 'abandoned' };
    } else {
      held = await store.put({
        partition,
        sort: key,
        value: record(subscriptionId, period, slot, existing.value.attempts + 1, now),
        expiresAt: existing.expiresAt,
        condition: { kind: 'version', version: existing.version },
      });
      log.warn('retrying a digest left unconfirmed by an earlier run', { subscriptionId, slot });
    }
  } catch (error) {
    // Another scheduler wrote the record between our read and our write: it posts.
    if (error instanceof ConditionFailedError) return { subscriptionId, slot, kind: 'in_progress' };
    throw error;
  }

  try {
    const digest = await options.build(subscription, period);
    await options.post(subscription, digest);
  } catch (error) {
    const message = asFinopsError(error).message;
    log.error('digest failed after it was recorded; it is retried once after the lease', {
      subscriptionId,
      slot,
      attempt: held.value.attempts,
      error: message,
    });
    return { subscriptionId, slot, kind: 'failed', error: message };
  }
  try {
    await store.put({
      partition,
      sort: key,
      value: { ...held.value, status: 'sent', sentAt: now.toISOString() },
      expiresAt: held.expiresAt,
      condition: { kind: 'version', version: held.version },
    });
  } catch (error) {
    if (!(error instanceof ConditionFailedError)) throw error;
    // This run outlived its lease and another took the digest over: it may post a second copy.
    log.warn('digest posted after its lease ran out; another run had taken it over', {
      subscriptionId,
      slot,
    });
  }
  log.info('digest posted', { subscriptionId, slot });
  return { subscriptionId, slot, kind: 'posted' };
}

function record(
  subscriptionId: string,
  period: TimeRange,
  slot: string,
  attempts: number,
  now: Date,
): DigestRunRecord {
  return {
    subscriptionId,
    periodStart: period.start,
    periodEnd: period.end,
    slot,
    status: 'sending',
    attempts,
    recordedAt: now.toISOString(),
  };
}
