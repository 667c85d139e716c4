import { describe, expect, it } from 'vitest';
import type { DigestLog, DigestOutcome } from '../../../src/digest/schedule/index.ts';
import { runDueDigests, runKey, runPartition } from '../../../src/digest/schedule/index.ts';
import type { Subscription } from '../../../src/digest/subscriptions/index.ts';
import type { TimeRange } from '../../../src/domain/index.ts';
import { createMemoryStateStore } from '../../../src/state/index.ts';

const MINUTE = 60_000;

/** Weekly, Monday 09:00 Europe/Berlin: in January that is 08:00 UTC. */
function subscription(overrides: Partial<Subscription> = {}): Subscription {
  return {
    id: 'sub-1',
    platform: 'slack',
    workspace: 'T1',
    channel: 'C1',
    cadence: 'weekly',
    weekday: 'mon',
    time: '09:00',
    timeZone: 'Europe/Berlin',
    scope: { label: 'all accounts', filters: [] },
    paused: false,
    createdBy: 'U1',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

const silentLog: DigestLog = { info: () => {}, warn: () => {}, error: () => {} };

/** A store with a clock the test moves, and a recorder of what was built and posted. */
function harness(start: string) {
  let now = new Date(start);
  const store = createMemoryStateStore({ now: () => now });
  const built: Array<{ id: string; period: TimeRange }> = [];
  const posted: Array<{ id: string; digest: string }> = [];
  let failPosts = 0;
  let postDelayMs = 0;
  return {
    store,
    built,
    posted,
    at(iso: string) {
      now = new Date(iso);
    },
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
    failNextPosts(count: number) {
      failPosts = count;
    },
    slowPosts(ms: number) {
      postDelayMs = ms;
    },
    run(subscriptions: Subscription[]): Promise<DigestOutcome[]> {
      return runDueDigests({
        subscriptions,
        store,
        now,
        log: silentLog,
        async build(target, period) {
          built.push({ id: target.id, period });
          return `digest of ${target.id} for ${period.start}..${period.end}`;
        },
        async post(target, digest) {
          if (postDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, postDelayMs));
          if (failPosts > 0) {
            failPosts -= 1;
            throw new Error('connection reset while posting');
          }
          posted.push({ id: target.id, digest });
        },
      });
    },
  };
}

function kinds(outcomes: DigestOutcome[]): string[] {
  return outcomes.map((outcome) => outcome.kind);
}

describe('runDueDigests', () => {
  it('should post a due digest once, for the week before its slot, however often it runs', async () => {
    const test = harness('2026-01-12T08:00:00Z');
    expect(kinds(await test.run([subscription()]))).toEqual(['posted']);
    test.advance(MINUTE);
    expect(kinds(await test.run([subscription()]))).toEqual(['already_sent']);
    expect(test.posted).toEqual([{ id: 'sub-1', digest: 'digest of sub-1 for 2026-01-05..2026-01-12' }]);
    const record = await test.store.get(
      runPartition('sub-1'),
      runKey({ start: '2026-01-05', end: '2026-01-12' }),
    );
    expect(record?.value).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('should post again at the next slot and not before', async () => {
    const test = harness('2026-01-12T08:00:00Z');
    await test.run([subscription()]);
    test.at('2026-01-19T07:59:59.999Z');
    expect(kinds(await test.run([subscription()]))).toEqual(['already_sent']);
    test.at('2026-01-19T08:00:00Z');
    expect(kinds(await test.run([subscription()]))).toEqual(['posted']);
    expect(test.posted.map((post) => post.digest)).toEqual([
      'digest of sub-1 for 2026-01-05..2026-01-12',
      'digest of sub-1 for 2026-01-12..2026-01-19',
    ]);
  });

  it('should post once when two schedulers run at the same moment on one store', async () => {
    const test = harness('2026-01-12T08:00:30Z');
    test.slowPosts(20);
    const [first, second] = await Promise.all([test.run([subscription()]), test.run([subscription()])]);
    expect([...kinds(first ?? []), ...kinds(second ?? [])].sort()).toEqual(['in_progress', 'posted']);
    expect(test.posted).toHaveLength(1);
  });

  it('should post each of many subscriptions once when two schedulers race over all of them', async () => {
    const test = harness('2026-01-12T08:00:30Z');
    const many = Array.from({ length: 20 }, (_, index) =>
      subscription({ id: `sub-${index}`, channel: `C${index}` }),
    );
    await Promise.all([test.run(many), test.run(many), test.run(many)]);
    expect(test.posted.map((post) => post.id).sort()).toEqual(many.map((target) => target.id).sort());
  });

  it('should retry a digest left sending by a crash once the lease is over, not before', async () => {
    const test = harness('2026-01-12T08:00:00Z');
    test.failNextPosts(1);
    expect(kinds(await test.run([subscription()]))).toEqual(['failed']);
    const left = await test.store.get(
      runPartition('sub-1'),
      runKey({ start: '2026-01-05', end: '2026-01-12' }),
    );
    expect(left?.value).toMatchObject({ status: 'sending', attempts: 1 });

    test.advance(10 * MINUTE - 1);
    expect(kinds(await test.run([subscription()]))).toEqual(['in_progress']);
    expect(test.posted).toHaveLength(0);

    test.advance(1);
    expect(kinds(await test.run([subscription()]))).toEqual(['posted']);
    test.advance(30 * MINUTE);
    expect(kinds(await test.run([subscription()]))).toEqual(['already_sent']);
    expect(test.posted).toHaveLength(1);
    // The retry builds the same week's digest as the first attempt.
    expect(test.built.map((build) => build.period)).toEqual([
      { start: '2026-01-05', end: '2026-01-12' },
      { start: '2026-01-05', end: '2026-01-12' },
    ]);
  });

  it('should retry only once: a digest still unconfirmed after its retry is abandoned', async () => {
    const test = harness('2026-01-12T08:00:00Z');
    test.failNextPosts(5);
    expect(kinds(await test.run([subscription()]))).toEqual(['failed']);
    test.advance(10 * MINUTE);
    expect(kinds(await test.run([subscription()]))).toEqual(['failed']);
    test.advance(10 * MINUTE);
    expect(kinds(await test.run([subscription()]))).toEqual(['abandoned']);
    test.advance(60 * MINUTE);
    expect(kinds(await test.run([subscription()]))).toEqual(['abandoned']);
    expect(test.built).toHaveLength(2);
    expect(test.posted).toHaveLength(0);
  });

  it('should catch up once, with the latest week only, after three weeks down', async () => {
    const test = harness('2026-01-05T08:00:00Z');
    expect(kinds(await test.run([subscription()]))).toEqual(['posted']);
    // Down from just after that post until Tuesday three weeks later.
    test.at('2026-01-27T10:00:00Z');
    expect(kinds(await test.run([subscription()]))).toEqual(['posted']);
    test.advance(MINUTE);
    expect(kinds(await test.run([subscription()]))).toEqual(['already_sent']);
    expect(test.posted.map((post) => post.digest)).toEqual([
      'digest of sub-1 for 2025-12-29..2026-01-05',
      'digest of sub-1 for 2026-01-19..2026-01-26',
    ]);
  });

  it('should never post a paused subscription', async () => {
    const test = harness('2026-01-12T08:00:00Z');
    const paused = subscription({ paused: true });
    for (let week = 0; week < 4; week += 1) {
      expect(kinds(await test.run([paused]))).toEqual(['paused']);
      test.advance(7 * 24 * 60 * MINUTE);
    }
    expect(test.built).toHaveLength(0);
    expect(test.posted).toHaveLength(0);
  });

  it('should not post a slot from before the subscription was created or last changed', async () => {
    const test = harness('2026-01-13T10:00:00Z');
    const fresh = subscription({
      createdAt: '2026-01-13T09:00:00.000Z',
      updatedAt: '2026-01-13T09:00:00.000Z',
    });
    expect(kinds(await test.run([fresh]))).toEqual(['not_due']);
    test.at('2026-01-19T08:00:00Z');
    expect(kinds(await test.run([fresh]))).toEqual(['posted']);
  });

  it('should not post the same week again when the time moves later on the day it was posted', async () => {
    const test = harness('2026-01-12T08:00:00Z');
    expect(kinds(await test.run([subscription()]))).toEqual(['posted']);
    // Changed at 09:30 local to 10:00 local (09:00 UTC): the 10:00 slot is the same week's digest.
    const later = subscription({ time: '10:00', updatedAt: '2026-01-12T08:30:00.000Z' });
    test.at('2026-01-12T09:00:00Z');
    expect(kinds(await test.run([later]))).toEqual(['already_sent']);
    test.at('2026-01-19T09:00:00Z');
    expect(kinds(await test.run([later]))).toEqual(['posted']);
    expect(test.posted).toHaveLength(2);
  });

  it('should post each subscription of a channel for its own scope', async () => {
    const test = harness('2026-01-12T08:00:00Z');
    const payments = subscription({
      id: 'sub-payments',
      scope: { label: 'team=payments', filters: [{ dimension: 'tag:team', op: 'in', values: ['payments'] }] },
    });
    const daily = subscription({ id: 'sub-daily', cadence: 'daily', weekday: undefined, time: '08:30' });
    // 08:30 Berlin on 12 January is 07:30 UTC, before now: due too, covering 11 January.
    const outcomes = await test.run([subscription(), payments, daily]);
    expect(kinds(outcomes)).toEqual(['posted', 'posted', 'posted']);
    expect(test.posted.map((post) => post.digest).sort()).toEqual([
      'digest of sub-1 for 2026-01-05..2026-01-12',
      'digest of sub-daily for 2026-01-11..2026-01-12',
      'digest of sub-payments for 2026-01-05..2026-01-12',
    ]);
  });
});
