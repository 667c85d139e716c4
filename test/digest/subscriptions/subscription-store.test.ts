import { describe, expect, it } from 'vitest';
import type { ChannelRef, DigestScope, DigestTiming } from '../../../src/digest/subscriptions/index.ts';
import { createSubscriptionStore } from '../../../src/digest/subscriptions/index.ts';
import { FinopsError } from '../../../src/errors.ts';
import { createMemoryStateStore } from '../../../src/state/index.ts';

const CHANNEL: ChannelRef = { platform: 'slack', workspace: 'T1', channel: 'C1' };
const OTHER_CHANNEL: ChannelRef = {
  platform: 'teams',
  workspace: 'tenant-1',
  channel: '19:abc@thread.tacv2',
};
const MONDAY: DigestTiming = { cadence: 'weekly', weekday: 'mon', time: '09:00', timeZone: 'Europe/Berlin' };
const ALL: DigestScope = { label: 'all accounts', filters: [] };
const PAYMENTS: DigestScope = {
  label: 'team=payments',
  filters: [{ dimension: 'tag:team', op: 'in', values: ['payments'] }],
};

function setup() {
  let now = new Date('2026-11-24T10:00:00Z');
  let next = 0;
  const state = createMemoryStateStore({ now: () => now });
  const store = createSubscriptionStore(state, {
    now: () => now,
    generateId: () => {
      next += 1;
      return `id${next}`;
    },
  });
  return {
    store,
    tick(ms: number) {
      now = new Date(now.getTime() + ms);
    },
  };
}

async function rejection(promise: Promise<unknown>): Promise<FinopsError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(FinopsError);
  return error as FinopsError;
}

describe('createSubscriptionStore', () => {
  it('should store a subscription and list it for its channel only', async () => {
    const { store } = setup();
    const { subscription, created } = await store.subscribe({
      channel: CHANNEL,
      timing: MONDAY,
      scope: ALL,
      createdBy: 'U1',
    });
    expect(created).toBe(true);
    expect(subscription).toMatchObject({ id: 'id1', ...CHANNEL, ...MONDAY, paused: false, createdBy: 'U1' });
    expect(await store.list(CHANNEL)).toEqual([subscription]);
    expect(await store.list(OTHER_CHANNEL)).toEqual([]);
    expect(await store.get('id1')).toEqual(subscription);
  });

  it('should keep several scopes in one channel and update, not duplicate, the same scope and cadence', async () => {
    const { store, tick } = setup();
    await store.subscribe({ channel: CHANNEL, timing: MONDAY, scope: ALL, createdBy: 'U1' });
    await store.subscribe({ channel: CHANNEL, timing: MONDAY, scope: PAYMENTS, createdBy: 'U1' });
    tick(60_000);
    const again = await store.subscribe({
      channel: CHANNEL,
      timing: { cadence: 'weekly', weekday: 'fri', time: '16:00', timeZone: 'UTC' },
      scope: { ...PAYMENTS, label: 'payments' },
      createdBy: 'U2',
    });
    expect(again.created).toBe(false);
    expect(again.subscription).toMatchObject({ id: 'id2', weekday: 'fri', time: '16:00', createdBy: 'U1' });
    expect(again.subscription.updatedAt).toBe('2026-11-24T10:01:00.000Z');
    expect((await store.listAll()).map((subscription) => subscription.id).sort()).toEqual(['id1', 'id2']);
    // Daily is another digest for the same scope.
    const daily = await store.subscribe({
      channel: CHANNEL,
      timing: { cadence: 'daily', time: '08:00', timeZone: 'UTC' },
      scope: ALL,
      createdBy: 'U1',
    });
    expect(daily.created).toBe(true);
    expect(daily.subscription).not.toHaveProperty('weekday');
  });

  it('should create one subscription when the same one is subscribed twice at once', async () => {
    const { store } = setup();
    const results = await Promise.all(
      [1, 2, 3].map(() => store.subscribe({ channel: CHANNEL, timing: MONDAY, scope: ALL, createdBy: 'U1' })),
    );
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(await store.listAll()).toHaveLength(1);
  });

  it('should pause and resume the only subscription of a channel without an id', async () => {
    const { store } = setup();
    await store.subscribe({ channel: CHANNEL, timing: MONDAY, scope: ALL, createdBy: 'U1' });
    expect((await store.pause(CHANNEL)).paused).toBe(true);
    expect((await store.get('id1'))?.paused).toBe(true);
    expect((await store.resume(CHANNEL)).paused).toBe(false);
  });

  it('should ask for an id when the channel has several subscriptions', async () => {
    const { store } = setup();
    await store.subscribe({ channel: CHANNEL, timing: MONDAY, scope: ALL, createdBy: 'U1' });
    await store.subscribe({ channel: CHANNEL, timing: MONDAY, scope: PAYMENTS, createdBy: 'U1' });
    const error = await rejection(store.pause(CHANNEL));
    expect(error.code).toBe('finops_invalid_input');
    expect(error.message).toMatch(
      /has 2 digest subscriptions \(id1: weekly mon 09:00 .*; id2: .*team=payments\); say which one/,
    );
    expect((await store.pause(CHANNEL, 'id2')).paused).toBe(true);
    expect((await store.get('id1'))?.paused).toBe(false);
  });

  it("should not let a channel touch another channel's subscription", async () => {
    const { store } = setup();
    await store.subscribe({ channel: CHANNEL, timing: MONDAY, scope: ALL, createdBy: 'U1' });
    const error = await rejection(store.unsubscribe(OTHER_CHANNEL, 'id1'));
    expect(error.code).toBe('finops_not_found');
    expect(await store.get('id1')).toBeDefined();
  });

  it('should unsubscribe, after which the same scope can be subscribed afresh', async () => {
    const { store } = setup();
    await store.subscribe({ channel: CHANNEL, timing: MONDAY, scope: ALL, createdBy: 'U1' });
    expect((await store.unsubscribe(CHANNEL)).id).toBe('id1');
    expect(await store.listAll()).toEqual([]);
    expect((await rejection(store.pause(CHANNEL))).code).toBe('finops_not_found');
    const again = await store.subscribe({ channel: CHANNEL, timing: MONDAY, scope: ALL, createdBy: 'U1' });
    expect(again).toMatchObject({ created: true, subscription: { id: 'id2' } });
  });

  it('should change the timing and scope, dropping the weekday of a digest made daily', async () => {
    const { store } = setup();
    await store.subscribe({ channel: CHANNEL, timing: MONDAY, scope: ALL, createdBy: 'U1' });
    const changed = await store.change(CHANNEL, 'id1', {
      timing: { cadence: 'daily', time: '07:30', timeZone: 'America/New_York' },
      scope: PAYMENTS,
    });
    expect(changed).toMatchObject({
      cadence: 'daily',
      time: '07:30',
      timeZone: 'America/New_York',
      scope: PAYMENTS,
    });
    expect(changed).not.toHaveProperty('weekday');
    expect(await store.get('id1')).toEqual(changed);
    // The old identity is free again; the new one is taken.
    expect(
      (await store.subscribe({ channel: CHANNEL, timing: MONDAY, scope: ALL, createdBy: 'U1' })).created,
    ).toBe(true);
    const again = await store.subscribe({
      channel: CHANNEL,
      timing: { cadence: 'daily', time: '06:00', timeZone: 'UTC' },
      scope: PAYMENTS,
      createdBy: 'U1',
    });
    expect(again).toMatchObject({ created: false, subscription: { id: 'id1', time: '06:00' } });
  });

  it('should refuse a change that would duplicate another subscription of the channel', async () => {
    const { store } = setup();
    await store.subscribe({ channel: CHANNEL, timing: MONDAY, scope: ALL, createdBy: 'U1' });
    await store.subscribe({ channel: CHANNEL, timing: MONDAY, scope: PAYMENTS, createdBy: 'U1' });
    const error = await rejection(store.change(CHANNEL, 'id2', { timing: MONDAY, scope: ALL }));
    expect(error.message).toMatch(/already has a weekly digest for all accounts \(id1\)/);
    expect((await store.get('id2'))?.scope).toEqual(PAYMENTS);
  });
});
