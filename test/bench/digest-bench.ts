import { createDigestBuilder } from '../../adapters/digest/index.ts';
import { startSlackFromRuntime } from '../../adapters/slack/index.ts';
import type { DigestScope } from '../../src/digest/content/index.ts';
import {
  type DigestOutcome,
  digestPeriod,
  latestSlotAtOrBefore,
  runDueDigests,
} from '../../src/digest/schedule/index.ts';
import { createSubscriptionStore, type Subscription } from '../../src/digest/subscriptions/index.ts';
import type { Answer } from '../../src/domain/index.ts';
import { SIGNING_SECRET } from '../adapters/slack/support/signed-requests.ts';
import { DEMO_NOW, freePort, startDemoRuntime } from '../adapters/slack/support/slack-harness.ts';
import { startSlackWebApiLoopback } from '../support/slack-web-api-loopback.ts';
import { percentile } from './stats.ts';

export interface DigestBenchRow {
  what: string;
  p50Ms: number;
  p95Ms: number;
  /** Wall time of the whole run, for the posting rows; the build rows leave it out. */
  totalMs?: number | undefined;
  samples: number;
}

const CHANNELS = 100;
const BUILDS_PER_SCOPE = 5;
/** Every channel subscribes the same five scopes: a channel's digests differ only by scope. */
const SCOPES: DigestScope[] = [
  { label: 'all accounts', filters: [] },
  ...['payments', 'checkout', 'search', 'ml'].map((team) => ({
    label: `team=${team}`,
    filters: [{ dimension: 'tag:team' as const, op: 'in' as const, values: [team] }],
  })),
];
/** Monday 30 Nov 2026, 09:00 UTC, and half a minute later: the slot all the benched digests share. */
const TIMING = { cadence: 'weekly', weekday: 'mon', time: '09:00', timeZone: 'UTC' } as const;
const RUN_AT = new Date('2026-11-30T09:00:30Z');

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

/** A figure over digests that were not all posted would flatter the poster: fail instead. */
function expectAllPosted(outcomes: DigestOutcome[]): void {
  const other = outcomes.filter((outcome) => outcome.kind !== 'posted');
  if (other.length > 0) {
    throw new Error(
      `${other.length} digests were not posted, e.g. ${other[0]?.kind} ${other[0]?.error ?? ''}`.trim(),
    );
  }
}

/**
 * The weekly digest (issue #10's bench): how long building one subscription's digest takes on the
 * demo organisation (p50 / p95 over a few scopes), and how long 500 Slack subscriptions in 100
 * channels take to post through the app's Slack poster against the loopback Web API, with the
 * real pacer (one message a second per channel), scheduled by runDueDigests as a tick would.
 * The loopback answers at once: Slack's own latency is not in the figures.
 */
export async function benchDigest(options: { subscriptions: number }): Promise<DigestBenchRow[]> {
  const { runtime, store } = await startDemoRuntime();
  const api = await startSlackWebApiLoopback();
  const running = await startSlackFromRuntime({
    runtime,
    stateStore: store,
    slackConfig: {
      botToken: 'xoxb-bench-bot-token',
      signingSecret: SIGNING_SECRET,
      apiUrl: api.apiUrl,
      port: await freePort(),
      channelIntervalMs: 1000,
    },
  });
  const rows: DigestBenchRow[] = [];
  try {
    const build = createDigestBuilder({ runtime, stateStore: store });
    const slot = latestSlotAtOrBefore(TIMING, RUN_AT);
    const period = digestPeriod(TIMING, slot);
    const subscriptions = createSubscriptionStore(store, { now: () => new Date(DEMO_NOW) });

    const buildTimes: number[] = [];
    for (const scope of SCOPES) {
      const { subscription } = await subscriptions.subscribe({
        channel: { platform: 'slack', workspace: 'TBENCH', channel: 'CBUILD' },
        timing: TIMING,
        scope,
        createdBy: 'UBENCH',
      });
      // The first build of a scope warms DuckDB's caches; it is not counted.
      await build(subscription, period);
      for (let index = 0; index < BUILDS_PER_SCOPE; index++) {
        const started = performance.now();
        await build(subscription, period);
        buildTimes.push(performance.now() - started);
      }
    }
    rows.push({
      what: `build one digest (${SCOPES.length} scopes × ${BUILDS_PER_SCOPE})`,
      p50Ms: percentile(buildTimes, 50),
      p95Ms: percentile(buildTimes, 95),
      samples: buildTimes.length,
    });

    const benched: Subscription[] = [];
    for (let index = 0; index < options.subscriptions; index++) {
      const { subscription } = await subscriptions.subscribe({
        channel: {
          platform: 'slack',
          workspace: 'TBENCH',
          channel: `C${String(index % CHANNELS).padStart(8, '0')}`,
        },
        timing: TIMING,
        scope: SCOPES[Math.floor(index / CHANNELS) % SCOPES.length] as DigestScope,
        createdBy: 'UBENCH',
      });
      benched.push(subscription);
    }
    const channels = new Set(benched.map((subscription) => subscription.channel)).size;

    // Posting alone: each scope's digest built once, so the pacer and the Web API set the pace.
    const byScope = new Map<string, Answer>();
    for (const subscription of benched) {
      if (!byScope.has(subscription.scope.label)) {
        byScope.set(subscription.scope.label, await build(subscription, period));
      }
    }
    const postTimes: number[] = [];
    const timedPost = async (subscription: Subscription, digest: Answer) => {
      const started = performance.now();
      await running.postDigest(subscription, digest);
      postTimes.push(performance.now() - started);
    };
    api.reset();
    let started = performance.now();
    let outcomes = await runDueDigests({
      subscriptions: benched,
      store,
      now: RUN_AT,
      build: async (subscription) => byScope.get(subscription.scope.label) as Answer,
      post: timedPost,
      log: quiet,
      concurrency: benched.length,
    });
    expectAllPosted(outcomes);
    rows.push({
      what: `post ${benched.length} digests in ${channels} channels, built once per scope (${api.callsOf('chat.postMessage').length} messages)`,
      p50Ms: percentile(postTimes, 50),
      p95Ms: percentile(postTimes, 95),
      totalMs: performance.now() - started,
      samples: outcomes.filter((outcome) => outcome.kind === 'posted').length,
    });

    // End to end as a tick runs it (build + post per subscription, the scheduler's default 4 at a
    // time), for the next week's slot so nothing is already sent.
    const nextRun = new Date(RUN_AT.getTime() + 7 * 86_400_000);
    const nextPeriod = digestPeriod(TIMING, latestSlotAtOrBefore(TIMING, nextRun));
    postTimes.length = 0;
    api.reset();
    started = performance.now();
    outcomes = await runDueDigests({
      subscriptions: benched,
      store,
      now: nextRun,
      build: (subscription) => build(subscription, nextPeriod),
      post: timedPost,
      log: quiet,
    });
    expectAllPosted(outcomes);
    rows.push({
      what: `build + post ${benched.length} digests in ${channels} channels, 4 at a time (one tick)`,
      p50Ms: percentile(postTimes, 50),
      p95Ms: percentile(postTimes, 95),
      totalMs: performance.now() - started,
      samples: outcomes.filter((outcome) => outcome.kind === 'posted').length,
    });
  } finally {
    await running.stop();
    await api.close();
    runtime.close();
  }
  return rows;
}
