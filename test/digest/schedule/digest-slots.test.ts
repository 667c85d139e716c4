import { describe, expect, it } from 'vitest';
import { digestPeriod, latestSlotAtOrBefore, nextRunAfter } from '../../../src/digest/schedule/index.ts';
import type { DigestTiming } from '../../../src/digest/subscriptions/index.ts';

function runs(timing: DigestTiming, from: string, count: number): string[] {
  const result: string[] = [];
  let instant = new Date(from);
  for (let index = 0; index < count; index += 1) {
    instant = nextRunAfter(timing, instant);
    result.push(instant.toISOString());
  }
  return result;
}

/** The wall-clock time of an instant in a zone, written independently of the code under test. */
function wallClock(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

// Expected instants below are worked out by hand from the zones' offsets: Europe/Berlin is
// UTC+1 (CET) and UTC+2 (CEST, 29 Mar – 25 Oct 2026); America/New_York UTC−5 / UTC−4 (8 Mar –
// 1 Nov 2026); Pacific/Auckland UTC+13 (NZDT, until 5 Apr and from 27 Sep 2026) / UTC+12 (NZST).
describe('nextRunAfter', () => {
  const berlinMonday: DigestTiming = {
    cadence: 'weekly',
    weekday: 'mon',
    time: '09:00',
    timeZone: 'Europe/Berlin',
  };

  it('should keep 09:00 Europe/Berlin at 09:00 local across the March change', () => {
    const times = runs(berlinMonday, '2026-03-20T12:00:00Z', 3);
    expect(times).toEqual([
      '2026-03-23T08:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
      '2026-04-06T07:00:00.000Z',
    ]);
    for (const time of times) expect(wallClock(time, 'Europe/Berlin')).toBe('Mon 09:00');
  });

  it('should keep 09:00 Europe/Berlin at 09:00 local across the October change', () => {
    const times = runs(berlinMonday, '2026-10-15T00:00:00Z', 3);
    expect(times).toEqual([
      '2026-10-19T07:00:00.000Z',
      '2026-10-26T08:00:00.000Z',
      '2026-11-02T08:00:00.000Z',
    ]);
    for (const time of times) expect(wallClock(time, 'Europe/Berlin')).toBe('Mon 09:00');
  });

  it('should run 02:30 once at 03:00 local on the spring-forward day, when 02:30 does not exist', () => {
    const timing: DigestTiming = { cadence: 'daily', time: '02:30', timeZone: 'Europe/Berlin' };
    expect(runs(timing, '2026-03-27T12:00:00Z', 3)).toEqual([
      '2026-03-28T01:30:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-30T00:30:00.000Z',
    ]);
  });

  it('should run 02:30 once, at its first occurrence, on the fall-back day when it happens twice', () => {
    const timing: DigestTiming = { cadence: 'daily', time: '02:30', timeZone: 'Europe/Berlin' };
    expect(runs(timing, '2026-10-23T12:00:00Z', 3)).toEqual([
      '2026-10-24T00:30:00.000Z',
      '2026-10-25T00:30:00.000Z',
      '2026-10-26T01:30:00.000Z',
    ]);
  });

  it('should keep Friday 16:00 America/New_York at 16:00 local across both changes', () => {
    const timing: DigestTiming = {
      cadence: 'weekly',
      weekday: 'fri',
      time: '16:00',
      timeZone: 'America/New_York',
    };
    expect(runs(timing, '2026-03-01T00:00:00Z', 2)).toEqual([
      '2026-03-06T21:00:00.000Z',
      '2026-03-13T20:00:00.000Z',
    ]);
    expect(runs(timing, '2026-10-25T00:00:00Z', 2)).toEqual([
      '2026-10-30T20:00:00.000Z',
      '2026-11-06T21:00:00.000Z',
    ]);
  });

  it('should place 08:00 Pacific/Auckland on the previous UTC day, at UTC+13 then UTC+12 after April', () => {
    const timing: DigestTiming = { cadence: 'daily', time: '08:00', timeZone: 'Pacific/Auckland' };
    expect(runs(timing, '2026-04-03T00:00:00Z', 3)).toEqual([
      '2026-04-03T19:00:00.000Z',
      '2026-04-04T20:00:00.000Z',
      '2026-04-05T20:00:00.000Z',
    ]);
  });

  it('should run a weekly Sunday 02:30 Pacific/Auckland at 03:00 local on the September spring-forward', () => {
    const timing: DigestTiming = {
      cadence: 'weekly',
      weekday: 'sun',
      time: '02:30',
      timeZone: 'Pacific/Auckland',
    };
    // 27 Sep 2026 02:00 NZST jumps to 03:00 NZDT; 03:00 NZDT is 14:00 UTC the day before.
    expect(runs(timing, '2026-09-20T00:00:00Z', 2)).toEqual([
      '2026-09-26T14:00:00.000Z',
      '2026-10-03T13:30:00.000Z',
    ]);
  });

  it('should give the run after, not at, an instant that is itself a run', () => {
    expect(nextRunAfter(berlinMonday, new Date('2026-03-23T08:00:00Z')).toISOString()).toBe(
      '2026-03-30T07:00:00.000Z',
    );
  });
});

describe('latestSlotAtOrBefore', () => {
  const timing: DigestTiming = {
    cadence: 'weekly',
    weekday: 'mon',
    time: '09:00',
    timeZone: 'Europe/Berlin',
  };

  it('should include a slot exactly at the instant', () => {
    expect(latestSlotAtOrBefore(timing, new Date('2026-03-30T07:00:00Z')).toISOString()).toBe(
      '2026-03-30T07:00:00.000Z',
    );
  });

  it('should give the week before one millisecond before the slot', () => {
    expect(latestSlotAtOrBefore(timing, new Date('2026-03-30T06:59:59.999Z')).toISOString()).toBe(
      '2026-03-23T08:00:00.000Z',
    );
  });
});

describe('digestPeriod', () => {
  it('should cover Monday to Sunday of the week before a Monday slot', () => {
    const timing: DigestTiming = {
      cadence: 'weekly',
      weekday: 'mon',
      time: '09:00',
      timeZone: 'Europe/Berlin',
    };
    expect(digestPeriod(timing, new Date('2026-03-30T07:00:00Z'))).toEqual({
      start: '2026-03-23',
      end: '2026-03-30',
    });
  });

  it('should take the calendar day in the subscription zone, not in UTC', () => {
    const timing: DigestTiming = { cadence: 'daily', time: '08:00', timeZone: 'Pacific/Auckland' };
    // 2026-01-14T19:00Z is 08:00 on 15 January in Auckland: the digest covers 14 January.
    expect(digestPeriod(timing, new Date('2026-01-14T19:00:00Z'))).toEqual({
      start: '2026-01-14',
      end: '2026-01-15',
    });
  });

  it('should cover the local day before a daily slot just after midnight in New York', () => {
    const timing: DigestTiming = { cadence: 'daily', time: '00:30', timeZone: 'America/New_York' };
    // 00:30 EST on 2 February is 05:30 UTC the same day.
    expect(digestPeriod(timing, new Date('2026-02-02T05:30:00Z'))).toEqual({
      start: '2026-02-01',
      end: '2026-02-02',
    });
  });
});
