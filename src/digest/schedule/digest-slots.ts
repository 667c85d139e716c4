import { Cron } from 'croner';
import type { TimeRange } from '../../domain/index.ts';
import { addDays } from '../../domain/index.ts';
import { FinopsError } from '../../errors.ts';
import type { DigestTiming, Weekday } from '../subscriptions/index.ts';

/** croner's weekday numbers: Sunday is 0. */
const CRON_WEEKDAY: Record<Weekday, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

/**
 * The subscription's schedule as a paused croner job (paused: it only computes times, it never
 * fires). A single second, minute and hour make it a croner "fixed-time job", which is what
 * gives the DST rules documented on `nextRunAfter`.
 */
export function digestCron(timing: DigestTiming): Cron {
  const [hours, minutes] = timing.time.split(':').map(Number);
  const weekday = timing.cadence === 'weekly' && timing.weekday ? String(CRON_WEEKDAY[timing.weekday]) : '*';
  return new Cron(`0 ${minutes} ${hours} * * ${weekday}`, { timezone: timing.timeZone, paused: true });
}

/**
 * The first scheduled time strictly after `instant`. Times are local to the subscription's time
 * zone, so 09:00 Europe/Berlin is 08:00 UTC in winter and 07:00 UTC in summer. Across DST
 * changes we keep croner's (Vixie cron's) rule for fixed-time jobs:
 * - a local time that does not exist (02:30 on the spring-forward day) runs once, at the first
 *   valid time after the gap on the same day (03:00 local in Europe/Berlin);
 * - a local time that occurs twice (02:30 on the fall-back day) runs once, at its first occurrence.
 */
export function nextRunAfter(timing: DigestTiming, instant: Date): Date {
  const next = digestCron(timing).nextRun(instant);
  // A daily or weekly pattern always has a next run; null would mean a broken pattern.
  if (next === null)
    throw new FinopsError(
      'finops_unknown_error',
      `no next run for ${timing.cadence} ${timing.time} ${timing.timeZone}`,
    );
  return next;
}

/** The most recent scheduled time at or before `instant`. */
export function latestSlotAtOrBefore(timing: DigestTiming, instant: Date): Date {
  // previousRuns excludes a run exactly at the reference (it counts from the whole second before),
  // so look from one millisecond later; slots are whole seconds, so nothing after `instant` slips in.
  const [slot] = digestCron(timing).previousRuns(1, new Date(instant.getTime() + 1));
  if (slot === undefined)
    throw new FinopsError(
      'finops_unknown_error',
      `no previous run for ${timing.cadence} ${timing.time} ${timing.timeZone}`,
    );
  return slot;
}

/** The calendar day of an instant in a time zone, YYYY-MM-DD. */
export function localDay(instant: Date, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

/**
 * What a digest posted at `slot` covers: the whole local calendar days before the slot's day — 7
 * for a weekly digest, 1 for a daily one. A Monday 09:00 digest covers Monday to Sunday of the
 * week before; the day it is posted on is not complete yet, so it is left out.
 */
export function digestPeriod(timing: DigestTiming, slot: Date): TimeRange {
  const end = localDay(slot, timing.timeZone);
  return { start: addDays(end, timing.cadence === 'weekly' ? -7 : -1), end };
}

/**
 * "Mon, 30 Nov 2026, 09:00 CET": when the digest next goes out, in its own time zone, as the
 * chat replies (Slack and Teams) show it.
 */
export function formatNextRun(timing: DigestTiming, now: Date): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: timing.timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(nextRunAfter(timing, now));
}
