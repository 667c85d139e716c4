import { describe, expect, it, vi } from 'vitest';
import type { DigestLog } from '../../../src/digest/schedule/index.ts';
import { createDigestScheduler } from '../../../src/digest/schedule/index.ts';
import type { Subscription } from '../../../src/digest/subscriptions/index.ts';
import { createMemoryStateStore } from '../../../src/state/index.ts';

const SUBSCRIPTION: Subscription = {
  id: 'sub-1',
  platform: 'teams',
  workspace: 'tenant-1',
  channel: '19:abc@thread.tacv2',
  cadence: 'daily',
  time: '08:00',
  timeZone: 'UTC',
  scope: { label: 'all accounts', filters: [] },
  paused: false,
  createdBy: 'U1',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

function setup(listAll: () => Promise<Subscription[]>) {
  const now = () => new Date('2026-01-12T08:00:05Z');
  const errors: string[] = [];
  const log: DigestLog = { info: () => {}, warn: () => {}, error: (message) => errors.push(message) };
  const posted: string[] = [];
  const scheduler = createDigestScheduler({
    subscriptions: { listAll },
    store: createMemoryStateStore({ now }),
    now,
    tickMs: 10,
    log,
    build: async (subscription, period) => `${subscription.id} ${period.start}`,
    post: async (_subscription, digest) => {
      posted.push(digest);
    },
  });
  return { scheduler, posted, errors };
}

describe('createDigestScheduler', () => {
  it('should post a due digest at start and never again on later ticks', async () => {
    const listAll = vi.fn(async () => [SUBSCRIPTION]);
    const { scheduler, posted } = setup(listAll);
    scheduler.start();
    await vi.waitFor(() => expect(listAll.mock.calls.length).toBeGreaterThanOrEqual(4));
    await scheduler.stop();
    expect(posted).toEqual(['sub-1 2026-01-11']);
  });

  it('should stop ticking once stopped', async () => {
    const listAll = vi.fn(async () => [SUBSCRIPTION]);
    const { scheduler } = setup(listAll);
    scheduler.start();
    await vi.waitFor(() => expect(listAll.mock.calls.length).toBeGreaterThanOrEqual(2));
    await scheduler.stop();
    const ticks = listAll.mock.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(listAll.mock.calls.length).toBe(ticks);
  });

  it('should log a failed tick and keep ticking', async () => {
    const listAll = vi
      .fn<() => Promise<Subscription[]>>()
      .mockRejectedValueOnce(new Error('state store unreachable'))
      .mockResolvedValue([SUBSCRIPTION]);
    const { scheduler, posted, errors } = setup(listAll);
    scheduler.start();
    await vi.waitFor(() => expect(posted).toHaveLength(1));
    await scheduler.stop();
    expect(errors).toEqual(['digest tick failed']);
  });
});
