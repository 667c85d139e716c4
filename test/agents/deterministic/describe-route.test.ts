import { describe, expect, it } from 'vitest';
import {
  describeRoute,
  periodBefore,
  routeQuestion,
} from '../../../agents/orchestrator/deterministic/index.ts';
import { statesPeriod } from '../../../src/questions/parse/stated-period.ts';
import { CATALOG, TODAY } from './catalog-fixture.ts';

const line = (question: string) =>
  describeRoute(routeQuestion(question, { today: TODAY, catalog: CATALOG }), { today: TODAY });

describe('describeRoute', () => {
  it.each([
    ['EC2 spend last week', 'Looking at EC2 spend for last week…'],
    ['how can we cut EC2 and S3 costs?', 'Looking for savings in EC2 and S3…'],
    ['forecast this quarter for env=prod', 'Forecasting this quarter for env=prod…'],
    ['where can we save money?', 'Looking for savings in EC2, S3, RDS and commitments…'],
    ['cost by account last month', 'Breaking down spend for last month by account…'],
    ['savings plan coverage last month', 'Checking Savings Plans coverage and utilisation for last month…'],
    ['tag compliance', 'Checking tag compliance…'],
    [
      'forecast and anomalies for prod',
      'Forecasting this month for env=prod, and looking for anomalies in spend for env=prod over the last 14 days…',
    ],
    [
      'EC2 spend last week and its savings',
      'Looking at EC2 spend for last week, and looking for savings in EC2 for last week…',
    ],
    ['help', 'Listing what I can answer…'],
    ["how's the weather", 'Reading your question…'],
  ])('should describe %j as %j', (question, expected) => {
    expect(line(question)).toBe(expected);
  });

  it('should name periods by their dates without today', () => {
    const route = routeQuestion('EC2 spend last week', { today: TODAY, catalog: CATALOG });
    expect(describeRoute(route)).toBe('Looking at EC2 spend for 2026-11-16 to 2026-11-22…');
  });
});

describe('periodBefore', () => {
  it.each([
    ['a whole month', { start: '2026-10-01', end: '2026-11-01' }, { start: '2026-09-01', end: '2026-10-01' }],
    ['month to date', { start: '2026-11-01', end: '2026-11-25' }, { start: '2026-10-01', end: '2026-10-25' }],
    [
      'a whole quarter',
      { start: '2026-07-01', end: '2026-10-01' },
      { start: '2026-04-01', end: '2026-07-01' },
    ],
    [
      'a calendar week',
      { start: '2026-11-16', end: '2026-11-23' },
      { start: '2026-11-09', end: '2026-11-16' },
    ],
    ['one day', { start: '2026-11-12', end: '2026-11-13' }, { start: '2026-11-11', end: '2026-11-12' }],
    // 31 March to date against February, which has no 31st: the end stops at the month's end.
    [
      'month to date on the 31st',
      { start: '2026-03-01', end: '2026-04-01' },
      { start: '2026-02-01', end: '2026-03-01' },
    ],
    ['part of March', { start: '2026-03-01', end: '2026-03-31' }, { start: '2026-02-01', end: '2026-02-28' }],
  ])('should set %s against the period before it', (_name, range, expected) => {
    expect(periodBefore(range)).toEqual(expected);
  });
});

describe('statesPeriod', () => {
  it.each([
    ['and last month?', true],
    ['S3 this month', true],
    ['week over week', true],
    ['forecast next quarter', true],
    ['since march', true],
    ['what about S3?', false],
    ['only prod', false],
    ['by region', false],
    ['the forecast', false],
    ['top 10', false],
  ])('should tell whether %j names a period (%s)', (question, expected) => {
    expect(statesPeriod(question, TODAY)).toBe(expected);
  });
});
