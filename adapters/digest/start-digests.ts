import type { Runtime } from '../../src/composition-root.ts';
import {
  createDigestScheduler,
  type DigestLog,
  type DigestScheduler,
} from '../../src/digest/schedule/index.ts';
import {
  createSubscriptionStore,
  type Platform,
  type Subscription,
} from '../../src/digest/subscriptions/index.ts';
import { FinopsError } from '../../src/errors.ts';
import type { StateStore } from '../../src/state/index.ts';
import { createDigestBuilder } from './digest-builder.ts';
import type { DigestPoster } from './digest-poster.ts';

export interface StartDigestsOptions {
  runtime: Pick<Runtime, 'engine' | 'recommendations' | 'config'>;
  /** Subscriptions, run records, recommendations: the same store the chat adapters write to. */
  stateStore: StateStore;
  /** One poster per platform running in this process. */
  posters: Partial<Record<Platform, DigestPoster>>;
  log: DigestLog;
  /** The scheduler's wall clock; default the real one. */
  now?: (() => Date) | undefined;
  tickMs?: number | undefined;
}

export interface RunningDigests {
  scheduler: DigestScheduler;
  /** Stops ticking and waits for digests being posted. */
  stop(): Promise<void>;
}

/**
 * Starts the digest scheduler in the long-running process. A subscription for a platform with no
 * poster here (Teams subscriptions while only `finops slack` runs) is left out of the tick before
 * anything is recorded, so another process that does post there (or this one after a restart
 * with Teams) still sends it; it is logged once, not every minute.
 */
export function startDigests(options: StartDigestsOptions): RunningDigests {
  const { posters, log } = options;
  const subscriptionStore = createSubscriptionStore(options.stateStore);
  const reported = new Set<string>();
  const scheduler = createDigestScheduler({
    subscriptions: {
      async listAll(): Promise<Subscription[]> {
        const all = await subscriptionStore.listAll();
        return all.filter((subscription) => {
          if (posters[subscription.platform]) return true;
          if (!reported.has(subscription.id)) {
            reported.add(subscription.id);
            log.warn('digest skipped: its platform does not run in this process', {
              subscriptionId: subscription.id,
              platform: subscription.platform,
            });
          }
          return false;
        });
      },
    },
    store: options.stateStore,
    build: createDigestBuilder({ runtime: options.runtime, stateStore: options.stateStore }),
    async post(subscription, digest) {
      const poster = posters[subscription.platform];
      if (!poster) {
        throw new FinopsError(
          'finops_config_error',
          `no ${subscription.platform} poster for digest ${subscription.id}; start ${subscription.platform} in this process`,
        );
      }
      await poster(subscription, digest);
    },
    log,
    now: options.now,
    tickMs: options.tickMs,
  });
  scheduler.start();
  return { scheduler, stop: () => scheduler.stop() };
}
