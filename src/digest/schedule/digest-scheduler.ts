import type { TimeRange } from '../../domain/index.ts';
import { asFinopsError } from '../../errors.ts';
import type { StateStore } from '../../state/index.ts';
import type { Subscription, SubscriptionStore } from '../subscriptions/index.ts';
import type { DigestLog } from './digest-log.ts';
import type { DigestOutcome } from './run-due-digests.ts';
import { runDueDigests } from './run-due-digests.ts';

export interface DigestSchedulerOptions<D> {
  subscriptions: Pick<SubscriptionStore, 'listAll'>;
  store: StateStore;
  build(subscription: Subscription, period: TimeRange): Promise<D>;
  post(subscription: Subscription, digest: D): Promise<void>;
  log: DigestLog;
  now?: (() => Date) | undefined;
  /** How often to look for due digests; default one minute. Ticks fall on whole multiples of it. */
  tickMs?: number | undefined;
  leaseMs?: number | undefined;
  concurrency?: number | undefined;
}

export interface DigestScheduler {
  /** Looks for due digests at once (catching up what was missed while the process was down), then every tick. */
  start(): void;
  /** Stops ticking and waits for a tick in progress to finish. */
  stop(): Promise<void>;
  /** One look for due digests, as a tick does; for tests and a manual "run now". */
  tick(): Promise<DigestOutcome[]>;
}

/**
 * The long-running process's scheduler: one timer ticking every minute and calling
 * runDueDigests over the subscriptions read fresh from the store, rather than one croner job per
 * subscription. Subscriptions change from chat at any time and in any process (Slack and Teams may
 * run apart); re-reading them each tick needs no job bookkeeping on subscribe / pause / change,
 * and a tick is the very call EventBridge Scheduler makes on AWS, so both paths share the
 * idempotency and catch-up rules. Reading a few hundred items and computing their latest slots
 * with croner takes milliseconds a minute. Ticks never overlap: the next is set when one ends.
 */
export function createDigestScheduler<D>(options: DigestSchedulerOptions<D>): DigestScheduler {
  const now = options.now ?? (() => new Date());
  const tickMs = options.tickMs ?? 60_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let inFlight: Promise<unknown> = Promise.resolve();

  async function tick(): Promise<DigestOutcome[]> {
    return runDueDigests({
      subscriptions: await options.subscriptions.listAll(),
      store: options.store,
      now: now(),
      build: options.build,
      post: options.post,
      log: options.log,
      leaseMs: options.leaseMs,
      concurrency: options.concurrency,
    });
  }

  function schedule(delayMs: number): void {
    if (!running) return;
    timer = setTimeout(() => {
      inFlight = tick()
        .catch((error: unknown) => {
          // One bad tick (the store unreachable) must not stop the scheduler: the next one catches up.
          options.log.error('digest tick failed', { error: asFinopsError(error).message });
        })
        .finally(() => schedule(untilNextTick()));
    }, delayMs);
    // The scheduler alone should not keep a CLI process alive.
    timer.unref?.();
  }

  function untilNextTick(): number {
    const elapsed = now().getTime() % tickMs;
    return tickMs - elapsed;
  }

  return {
    start() {
      if (running) return;
      running = true;
      schedule(0);
    },
    async stop() {
      running = false;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      await inFlight;
    },
    tick,
  };
}
