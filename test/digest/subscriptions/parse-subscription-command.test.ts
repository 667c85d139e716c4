import { describe, expect, it } from 'vitest';
import type { SubscriptionCommand } from '../../../src/digest/subscriptions/index.ts';
import { parseSubscriptionCommand } from '../../../src/digest/subscriptions/index.ts';
import { CATALOG } from '../../questions/parse/catalog-fixture.ts';

const options = { catalog: CATALOG, today: '2026-11-24' };
const ALL = { label: 'all accounts', filters: [] };

const COMMANDS: Array<[string, SubscriptionCommand]> = [
  [
    'weekly mon 09:00 Europe/Berlin',
    {
      kind: 'subscribe',
      timing: { cadence: 'weekly', weekday: 'mon', time: '09:00', timeZone: 'Europe/Berlin' },
      scope: ALL,
    },
  ],
  [
    'daily 08:30 UTC',
    { kind: 'subscribe', timing: { cadence: 'daily', time: '08:30', timeZone: 'UTC' }, scope: ALL },
  ],
  [
    'Weekly Friday 9:05 america/new_york',
    {
      kind: 'subscribe',
      timing: { cadence: 'weekly', weekday: 'fri', time: '09:05', timeZone: 'America/New_York' },
      scope: ALL,
    },
  ],
  [
    'weekly mon 09:00 Europe/Berlin for team=payments',
    {
      kind: 'subscribe',
      timing: { cadence: 'weekly', weekday: 'mon', time: '09:00', timeZone: 'Europe/Berlin' },
      scope: { label: 'team=payments', filters: [{ dimension: 'tag:team', op: 'in', values: ['payments'] }] },
    },
  ],
  [
    'daily 07:00 Pacific/Auckland for account prod',
    {
      kind: 'subscribe',
      timing: { cadence: 'daily', time: '07:00', timeZone: 'Pacific/Auckland' },
      // The catalog's prod account is 111122223333; the engine filters accounts by id.
      scope: {
        label: 'account prod',
        filters: [{ dimension: 'sub_account', op: 'in', values: ['111122223333'] }],
      },
    },
  ],
  ['list', { kind: 'list' }],
  ['pause', { kind: 'pause' }],
  ['pause 3f9a1c2e', { kind: 'pause', id: '3f9a1c2e' }],
  ['resume 3f9a1c2e', { kind: 'resume', id: '3f9a1c2e' }],
  ['unsubscribe', { kind: 'unsubscribe' }],
  [
    'change 3f9a1c2e weekly fri 16:00 America/New_York',
    {
      kind: 'change',
      id: '3f9a1c2e',
      timing: { cadence: 'weekly', weekday: 'fri', time: '16:00', timeZone: 'America/New_York' },
    },
  ],
  [
    'change 3f9a1c2e daily 06:00 UTC for team=search',
    {
      kind: 'change',
      id: '3f9a1c2e',
      timing: { cadence: 'daily', time: '06:00', timeZone: 'UTC' },
      scope: { label: 'team=search', filters: [{ dimension: 'tag:team', op: 'in', values: ['search'] }] },
    },
  ],
];

const ERRORS: Array<[string, RegExp]> = [
  ['', /say how often and when/],
  ['monthly 1 09:00 UTC', /I don't know 'monthly'/],
  ['weekly 09:00 Europe/Berlin', /needs a weekday .* got '09:00'/],
  ['weekly funday 09:00 Europe/Berlin', /needs a weekday \(mon, tue, wed, thu, fri, sat, sun\).*'funday'/],
  ['weekly mon 25:00 Europe/Berlin', /24-hour time written HH:MM.*'25:00'/],
  ['daily 9am UTC', /24-hour time written HH:MM.*'9am'/],
  ['daily 08:60 UTC', /24-hour time.*'08:60'/],
  ['daily 08:30', /add a time zone after the time/],
  ['weekly mon 09:00 Europe/Berlinn', /unknown time zone 'Europe\/Berlinn'/],
  ['daily 08:30 CEST-ish', /unknown time zone 'CEST-ish'/],
  ['daily 08:30 UTC please', /I don't know 'please' here; put a scope after `for`/],
  [
    'weekly mon 09:00 Europe/Berlin for team=nope',
    /can't tell what 'team=nope' covers: no resource is tagged team=nope/,
  ],
  ['weekly mon 09:00 Europe/Berlin for account nope', /can't tell what 'account nope' covers/],
  ['weekly mon 09:00 Europe/Berlin for', /say what the digest covers after `for`/],
  ['weekly mon 09:00 Europe/Berlin for team=payments last month', /not a period/],
  ['weekly mon 09:00 Europe/Berlin for cost by service', /not a question/],
  ['change', /needs a subscription id and the new schedule/],
  ['change 3f9a1c2e', /needs a subscription id and the new schedule/],
  ['change 3f9a1c2e weekly fri 16:00 Mars/Olympus', /unknown time zone 'Mars\/Olympus'/],
  ['pause a b', /at most one subscription id/],
  ['list everything', /`list` takes nothing after it/],
];

describe('parseSubscriptionCommand', () => {
  it.each(COMMANDS)('should read %j', (text, expected) => {
    expect(parseSubscriptionCommand(text, options)).toEqual({ ok: true, command: expected });
  });

  it.each(ERRORS)('should explain what is wrong with %j', (text, message) => {
    const parsed = parseSubscriptionCommand(text, options);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });
});
