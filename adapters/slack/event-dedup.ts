import { ConditionFailedError } from '../../src/errors.ts';
import type { StateStore } from '../../src/state/index.ts';

/** Slack retries an event for about an hour at most (three retries, the last after ~5 min); keep keys a day. */
export const DEDUP_TTL_SECONDS = 24 * 60 * 60;
export const DEDUP_PARTITION = 'slack-event';

/**
 * Claims an event id once: the first caller gets true, every retry (same `event_id`, any
 * `X-Slack-Retry-Num`) and any concurrent delivery gets false. A create-once write, so two app
 * instances behind a load balancer (or two Lambdas) agree.
 */
export async function claimEvent(
  store: StateStore,
  key: string,
  options: { now: () => Date; ttlSeconds?: number },
): Promise<boolean> {
  const nowSeconds = Math.floor(options.now().getTime() / 1000);
  try {
    await store.put({
      partition: DEDUP_PARTITION,
      sort: key,
      value: { at: new Date(nowSeconds * 1000).toISOString() },
      expiresAt: nowSeconds + (options.ttlSeconds ?? DEDUP_TTL_SECONDS),
      condition: { kind: 'absent' },
    });
    return true;
  } catch (error) {
    if (error instanceof ConditionFailedError) return false;
    throw error;
  }
}
