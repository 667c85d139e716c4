import type { Runtime } from '../../src/composition-root.ts';
import { buildDigest, createEngineTagCompliance } from '../../src/digest/content/index.ts';
import type { Subscription } from '../../src/digest/subscriptions/index.ts';
import type { Answer, TimeRange } from '../../src/domain/index.ts';
import { toDay } from '../../src/domain/index.ts';
import type { StateStore } from '../../src/state/index.ts';

export interface DigestBuilderOptions {
  runtime: Pick<Runtime, 'engine' | 'recommendations' | 'config'>;
  /** Where the recommendations and their decisions are kept. */
  stateStore: StateStore;
  /** The clock "today" is read from; default the runtime's (FINOPS_NOW, else the time it was loaded). */
  now?: (() => Date) | undefined;
}

export type DigestBuilder = (subscription: Subscription, period: TimeRange) => Promise<Answer>;

/**
 * Builds a subscription's digest over the runtime's engine, stored recommendations and tag policy.
 * "Today" is the later of the clock's day and the period's end: the period ends on the slot's
 * local day, which east of UTC (Asia/Tokyo at 09:00) is a day ahead of the UTC day, and a
 * long-running process's loaded clock falls behind the slots it serves.
 */
export function createDigestBuilder(options: DigestBuilderOptions): DigestBuilder {
  const { runtime, stateStore } = options;
  const now = options.now ?? (() => runtime.config.now);
  const recommendations = runtime.recommendations(stateStore);
  const tagCompliance = createEngineTagCompliance({
    engine: runtime.engine,
    requiredTags: runtime.config.requiredTags,
  });
  return (subscription, period) => {
    const clockDay = toDay(now());
    return buildDigest({
      engine: runtime.engine,
      recommendations,
      tagCompliance,
      today: clockDay > period.end ? clockDay : period.end,
      scope: subscription.scope,
      period,
    });
  };
}
