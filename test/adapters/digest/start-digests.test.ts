import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DigestPoster, startDigests } from '../../../adapters/digest/index.ts';
import type { Runtime } from '../../../src/composition-root.ts';
import { runPartition } from '../../../src/digest/schedule/index.ts';
import { createSubscriptionStore } from '../../../src/digest/subscriptions/index.ts';
import type { StateStore } from '../../../src/state/index.ts';
import { DEMO_NOW, startDemoRuntime } from '../slack/support/slack-harness.ts';

async function until(probe: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !probe(); waited += 20) {
    if (waited > 10_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('startDigests', () => {
  let runtime: Runtime;
  let store: StateStore;

  beforeAll(async () => {
    ({ runtime, store } = await startDemoRuntime());
  }, 60_000);

  afterAll(() => {
    runtime?.close();
  });

  it('should post each due digest through its platform’s poster and skip, logged once, a platform not running here', async () => {
    const subscriptions = createSubscriptionStore(store, { now: () => new Date(DEMO_NOW) });
    const timing = { cadence: 'daily', time: '08:30', timeZone: 'UTC' } as const;
    const scope = { label: 'all accounts', filters: [] };
    const { subscription: inSlack } = await subscriptions.subscribe({
      channel: { platform: 'slack', workspace: 'T1', channel: 'C1' },
      timing,
      scope,
      createdBy: 'U1',
    });
    const { subscription: inTeams } = await subscriptions.subscribe({
      channel: { platform: 'teams', workspace: 'tenant', channel: '19:conversation' },
      timing,
      scope,
      createdBy: 'U2',
    });
    const posted: Array<{ id: string; intent: string }> = [];
    const slack: DigestPoster = async (subscription, digest) => {
      posted.push({ id: subscription.id, intent: digest.intent });
    };
    const warnings: Array<{ message: string; fields?: Record<string, unknown> }> = [];
    const running = startDigests({
      runtime,
      stateStore: store,
      posters: { slack },
      log: {
        info: () => {},
        warn: (message, fields) => warnings.push({ message, ...(fields ? { fields } : {}) }),
        error: () => {},
      },
      now: () => new Date('2026-11-25T08:31:00Z'),
      tickMs: 3_600_000,
    });
    try {
      await until(() => posted.length > 0, 'the first tick');
      // A manual tick as well: the Slack digest is already sent and the Teams one is still skipped.
      const outcomes = await running.scheduler.tick();
      expect(outcomes.map((outcome) => [outcome.subscriptionId, outcome.kind])).toEqual([
        [inSlack.id, 'already_sent'],
      ]);
    } finally {
      await running.stop();
    }
    expect(posted).toEqual([{ id: inSlack.id, intent: 'digest' }]);
    const skipped = warnings.filter((warning) => warning.fields?.subscriptionId === inTeams.id);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]?.fields?.platform).toBe('teams');
    // Nothing was recorded for the Teams digest: a process that runs Teams still posts it.
    const records = await store.query(runPartition(inTeams.id), {});
    expect(records.items).toEqual([]);
    const slackRecords = await store.query(runPartition(inSlack.id), {});
    expect(slackRecords.items.map((item) => String(item.value.status))).toEqual(['sent']);
  });
});
