import { describe, expect, it } from 'vitest';
import { createChannelPacer } from '../../../adapters/slack/channel-pacer.ts';

/** A fake clock: sleeping moves time forward, so spacing is checked without waiting. */
function fakeTime() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
  };
}

describe('createChannelPacer', () => {
  it('should start calls in one channel at least the interval apart, in order', async () => {
    const time = fakeTime();
    const pacer = createChannelPacer({ intervalMs: 1000, now: time.now, sleep: time.sleep });
    const starts: Array<[string, number]> = [];
    await Promise.all(
      ['a', 'b', 'c'].map((name) => pacer.run('C1', async () => starts.push([name, time.now()]))),
    );
    expect(starts).toEqual([
      ['a', 0],
      ['b', 1000],
      ['c', 2000],
    ]);
  });

  it('should not make one channel wait for another', async () => {
    const time = fakeTime();
    const pacer = createChannelPacer({ intervalMs: 1000, now: time.now, sleep: time.sleep });
    await Promise.all([pacer.run('C1', async () => 1), pacer.run('C2', async () => 2)]);
    expect(time.sleeps).toEqual([]);
  });

  it('should keep going after a failed call', async () => {
    const time = fakeTime();
    const pacer = createChannelPacer({ intervalMs: 10, now: time.now, sleep: time.sleep });
    const failed = pacer.run('C1', async () => {
      throw new Error('channel_not_found');
    });
    const next = pacer.run('C1', async () => 'ok');
    await expect(failed).rejects.toThrow('channel_not_found');
    await expect(next).resolves.toBe('ok');
  });
});
