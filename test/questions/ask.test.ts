import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/index.ts';
import { createDuckDbCostEngine } from '../../src/engine/index.ts';
import { type Copilot, createCopilot, formatMoney } from '../../src/questions/index.ts';
import { type Database, openDatabase } from '../../src/store/database.ts';
import { insertLineItems, type TestLineItem } from '../support/line-item-rows.ts';

// Today is Tuesday 2026-11-24; data runs through Monday 2026-11-23. Expected figures are computed
// from ROWS in plain JS inside the test.
const NOW = new Date('2026-11-24T09:00:00Z');
const EC2 = { service: 'Amazon Elastic Compute Cloud', serviceCode: 'AmazonEC2', category: 'Compute' };
const S3 = { service: 'Amazon Simple Storage Service', serviceCode: 'AmazonS3', category: 'Storage' };
const PROD = { account: '111111111111', accountName: 'prod' };
const STAGING = { account: '222222222222', accountName: 'staging' };
const SANDBOX = { account: '333333333333', accountName: 'sandbox' };

function makeRows(): TestLineItem[] {
  const rows: TestLineItem[] = [];
  for (let day = '2026-09-01'; day < '2026-11-24'; day = addDays(day, 1)) {
    rows.push({
      day,
      ...EC2,
      ...PROD,
      usageType: 'BoxUsage:m5.large',
      resource: 'i-steady',
      billed: 120,
      effective: 90,
      tags: { team: 'payments' },
    });
    rows.push({
      day,
      ...S3,
      ...PROD,
      usageType: 'TimedStorage-ByteHrs',
      resource: 'logs-bucket',
      billed: 30,
      tags: { team: 'search' },
    });
    rows.push({ day, ...EC2, ...STAGING, usageType: 'BoxUsage:t3.medium', resource: 'i-stage', billed: 15 });
    rows.push({
      day,
      ...S3,
      ...SANDBOX,
      usageType: 'TimedStorage-ByteHrs',
      resource: 'scratch',
      billed: 4.5,
    });
    // The story: payments launched an m5.4xlarge fleet in staging on Monday 2026-11-16.
    if (day >= '2026-11-16')
      rows.push({
        day,
        ...EC2,
        ...STAGING,
        usageType: 'BoxUsage:m5.4xlarge',
        resource: 'i-new',
        billed: 70,
        tags: { team: 'payments' },
      });
  }
  for (const month of ['2026-09-01', '2026-10-01', '2026-11-01']) {
    rows.push({ day: month, ...EC2, ...PROD, chargeCategory: 'Tax', billed: 50, resource: null });
    rows.push({ day: month, ...EC2, ...PROD, chargeCategory: 'Credit', billed: -25, resource: null });
  }
  return rows;
}

const ROWS = makeRows();
const cents = (value: number) => Math.round(value * 100) / 100;
const effective = (row: TestLineItem) => row.effective ?? row.billed;
const total = (filter: (row: TestLineItem) => boolean, pick: (row: TestLineItem) => number = effective) =>
  cents(ROWS.filter(filter).reduce((sum, row) => sum + pick(row), 0));
const between = (start: string, end: string) => (row: TestLineItem) => row.day >= start && row.day < end;

describe('createCopilot', () => {
  let db: Database;
  let copilot: Copilot;

  beforeAll(async () => {
    db = await openDatabase({ dataDir: ':memory:' });
    await insertLineItems(db, ROWS);
    copilot = createCopilot({ engine: createDuckDbCostEngine({ db }), now: () => NOW });
  });
  afterAll(() => db.close());

  it('should answer a total with the effective cost by default and say so', async () => {
    const answer = await copilot.ask('how much did we spend last month?');
    expect(answer.intent).toBe('total');
    const [fact] = answer.facts;
    expect(fact?.period).toEqual({ start: '2026-10-01', end: '2026-11-01' });
    expect(fact?.metric).toBe('EffectiveCost');
    expect(cents(fact?.value ?? Number.NaN)).toBe(total(between('2026-10-01', '2026-11-01')));
    expect(answer.text).toContain(formatMoney(total(between('2026-10-01', '2026-11-01'))));
    expect(answer.basis).toMatch(/effective cost/);
    expect(answer.basis).toMatch(/all charge categories/);
  });

  it('should use the billed cost and drop tax when asked', async () => {
    const answer = await copilot.ask('unblended cost last month excluding tax');
    const [fact] = answer.facts;
    expect(fact?.metric).toBe('BilledCost');
    expect(fact?.chargeCategories).not.toContain('Tax');
    expect(cents(fact?.value ?? Number.NaN)).toBe(
      total(
        (row) => between('2026-10-01', '2026-11-01')(row) && row.chargeCategory !== 'Tax',
        (row) => row.billed,
      ),
    );
    expect(answer.basis).toMatch(/except tax/);
  });

  it('should rank the top accounts with names and ids', async () => {
    const answer = await copilot.ask('top 2 accounts this month');
    expect(answer.intent).toBe('breakdown');
    const perAccount = [PROD, STAGING, SANDBOX]
      .map((account) => ({
        ...account,
        value: total((row) => between('2026-11-01', '2026-11-25')(row) && row.account === account.account),
      }))
      .sort((a, b) => b.value - a.value);
    const accountFacts = answer.facts.filter((fact) => fact.groupKey?.sub_account);
    expect(accountFacts.map((fact) => fact.groupKey?.sub_account)).toEqual([
      perAccount[0]?.account,
      perAccount[1]?.account,
      '(other)',
    ]);
    expect(cents(accountFacts[0]?.value ?? Number.NaN)).toBe(perAccount[0]?.value);
    expect(answer.text).toContain(`${perAccount[0]?.accountName} (${perAccount[0]?.account})`);
    expect(answer.warnings.join(' ')).toMatch(/Data runs through 2026-11-23/);
  });

  it('should explain last week\u2019s EC2 jump down to the new instance', async () => {
    const answer = await copilot.ask('why did EC2 spend jump last week?');
    expect(answer.intent).toBe('explain');
    const ec2 = (row: TestLineItem) => row.serviceCode === 'AmazonEC2';
    const current = total((row) => ec2(row) && between('2026-11-16', '2026-11-23')(row));
    const previous = total((row) => ec2(row) && between('2026-11-09', '2026-11-16')(row));
    const change = answer.facts.find((fact) => fact.label.startsWith('Change,'));
    expect(cents(change?.value ?? Number.NaN)).toBe(cents(current - previous));
    expect(answer.text).toContain('i-new');
    expect(answer.text).toContain('BoxUsage:m5.4xlarge');
    const waterfall = answer.charts.find((chart) => chart.kind === 'waterfall');
    expect(
      waterfall?.kind === 'waterfall' &&
        cents(waterfall.start + waterfall.contributions.reduce((sum, part) => sum + part.value, 0)),
    ).toBe(cents(current));
  });

  it('should ask back, with no figures, for a service the data does not have', async () => {
    const answer = await copilot.ask('how much did we spend on Snowflake last month?');
    expect(answer.intent).toBe('clarify');
    expect(answer.facts).toEqual([]);
    expect(answer.clarification?.canAnswer.length).toBeGreaterThan(0);
  });

  it('should only show amounts that are facts', async () => {
    for (const question of [
      'how much did we spend last month?',
      'spend by service this month',
      'daily cost last 14 days',
      'this month vs last month',
      'why did EC2 spend jump last week?',
      'untagged spend by account last month',
      'forecast this month',
      'will we go over a 5k budget this month?',
      'any anomalies last week?',
      'what caused the spike on the 16th?',
    ]) {
      const answer = await copilot.ask(question);
      const shown = [...answer.text.matchAll(/-?\$[\d,]+(?:\.\d+)?/g)].map((match) =>
        match[0].replace(/[$,]/g, ''),
      );
      const factAmounts = new Set(
        answer.facts.flatMap((fact) => [cents(fact.value), cents(Math.abs(fact.value))]),
      );
      for (const amount of shown)
        expect(factAmounts, `${question}: ${amount}`).toContain(cents(Math.abs(Number(amount))));
    }
  });

  it('should forecast this month as the actual spend so far plus a forecast of the rest', async () => {
    const answer = await copilot.ask('forecast this month');
    expect(answer.intent).toBe('forecast');
    const value = (prefix: string) =>
      answer.facts.find((fact) => fact.label.startsWith(prefix))?.value ?? Number.NaN;
    expect(cents(value('Spent so far'))).toBe(total(between('2026-11-01', '2026-11-24')));
    expect(value('Projected spend')).toBeCloseTo(
      value('Spent so far') + value('Forecast for the remaining'),
      6,
    );
    expect(value('80% range, low')).toBeLessThanOrEqual(value('Projected spend'));
    expect(value('95% range, low')).toBeLessThanOrEqual(value('80% range, low'));
    expect(value('80% range, high')).toBeLessThanOrEqual(value('95% range, high'));
    // The fixture's daily spend is flat apart from the new instance: the rest of the month is
    // about 7 more days at the current daily rate.
    const lastDay = total((row) => row.day === '2026-11-23');
    expect(value('Forecast for the remaining')).toBeGreaterThan(5 * lastDay);
    expect(value('Forecast for the remaining')).toBeLessThan(9 * lastDay);
    expect(answer.charts[0]?.kind).toBe('forecast');
  });

  it('should give a budget verdict', async () => {
    const over = await copilot.ask('will we go over a 5k budget this month?');
    expect(over.facts.find((fact) => fact.label === 'Budget')?.value).toBe(5000);
    expect(over.text).toMatch(/over\* the \$5,000\.00 budget/);
    const under = await copilot.ask('are we on track for a $100,000 budget this month');
    expect(under.text).toMatch(/under\* the \$100,000\.00 budget/);
  });

  it('should find the new instance type as an anomaly and nothing in a quiet month', async () => {
    const lastWeek = await copilot.ask('any anomalies last week?');
    expect(lastWeek.intent).toBe('anomalies');
    expect(lastWeek.text).toMatch(/BoxUsage:m5\.4xlarge|i-new|staging/);
    const quiet = await copilot.ask('any anomalies in October?');
    expect(quiet.text).toMatch(/^No cost anomalies/);
    expect(quiet.facts).toEqual([]);
  });

  it('should explain one day against its usual level', async () => {
    const answer = await copilot.ask('what caused the spike on the 16th?');
    expect(answer.intent).toBe('explain_day');
    const spent = answer.facts.find((fact) => fact.label.startsWith('Spend on'));
    expect(cents(spent?.value ?? Number.NaN)).toBe(total((row) => row.day === '2026-11-16'));
    expect(answer.text).toMatch(/i-new|m5\.4xlarge|staging/);
  });
});
