import { setTimeout as delay } from 'node:timers/promises';
import { FinopsError } from '../../src/errors.ts';
import { type AwsService, iamAction, isThrottling, toAwsError } from './aws-errors.ts';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Waits; injected in tests so they neither sleep nor depend on timers. */
  sleep: (milliseconds: number, signal?: AbortSignal) => Promise<void>;
  /** A number in [0, 1); injected in tests to pin the jitter. */
  random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  sleep: async (milliseconds, signal) => {
    await delay(milliseconds, undefined, signal ? { signal } : undefined);
  },
  random: Math.random,
};

/**
 * The wait before retry number `retry` (1 = the first retry): "equal jitter", half of the
 * exponential ceiling plus a random share of the other half, so callers never retry in lock-step
 * and never retry at once.
 */
export function backoffDelay(
  retry: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>,
) {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return ceiling / 2 + policy.random() * (ceiling / 2);
}

export interface AttemptCounter {
  /** Called before every HTTP attempt, retries included. */
  onAttempt?: (() => void) | undefined;
  onThrottled?: (() => void) | undefined;
}

/**
 * Runs one AWS request with our own backoff on throttling (the SDK clients are built with
 * maxAttempts 1, so this is the only retry loop and it can be tested), and maps every failure to a
 * FinopsError.
 */
export async function callWithRetry<T>(
  work: () => Promise<T>,
  context: { service: AwsService; operation: string; signal?: AbortSignal | undefined },
  policy: RetryPolicy,
  counter: AttemptCounter = {},
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      counter.onAttempt?.();
      return await work();
    } catch (error) {
      if (!isThrottling(error)) throw toAwsError(error, context.service, context.operation);
      counter.onThrottled?.();
      if (attempt >= policy.maxAttempts) {
        throw new FinopsError(
          'finops_query_error',
          `AWS throttled ${iamAction(context.service, context.operation)} ${attempt} times in a row; wait a minute and retry, or ask for a smaller period or fewer groups`,
          { cause: error, isRetryable: true },
        );
      }
      if (context.signal?.aborted) throw toAwsError(error, context.service, context.operation);
      // A cancelled wait ends the call with the throttling error it was waiting out.
      await policy.sleep(backoffDelay(attempt, policy), context.signal).catch(() => {
        throw toAwsError(error, context.service, context.operation);
      });
    }
  }
}
