import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/index.ts';
import type { ChangeDriver, CostEngine } from '../../src/engine/index.ts';
import { createDuckDbCostEngine } from '../../src/engine/index.ts';
import { type Database, openDatabase } from '../../src/store/database.ts';
import { createRandom, insertLineItems, type TestLineItem } from '../support/line-item-rows.ts';

// A small organisation made in the test. Expected figures below are computed from these JS
// objects with plain filter/reduce, never through the engine.
const SERVICES = [
  { service: 'Amazon Elastic Compute Cloud', serviceCode: 'AmazonEC2', category: 'Compute' },
  { service: 'Amazon Simple Storage Service', serviceCode: 'AmazonS3', category: 'Storage' },
  { service: 'Amazon Relational Database Service', serviceCode: 'AmazonRDS', category: 'Databases' },
];
const ACCOUNTS = [
  { account: '111111111111', accountName: 'prod' },
  { account: '222222222222', accountName: 'staging' },
];
const TEAMS = ['payments', 'search', undefined];

function makeRows(): TestLineItem[] {
  const random = createRandom(7);
  const rows: TestLineItem[] = [];
  for (let day = '2026-09-01'; day < '2026-11-01'; day = addDays(day, 1)) {
    for (const service of SERVICES) {
      for (const account of ACCOUNTS) {
        for (const [index, team] of TEAMS.entries()) {
          const billed = Math.round(random() * 10_000) / 100;
          rows.push({
            day,
            ...service,
            ...account,
            region: index === 0 ? 'us-east-1' : 'eu-west-1',
            usageType: `${service.serviceCode}-usage-${index}`,
            resource: `${service.serviceCode}-${account.accountName}-${index}`,
            billed,
            effective: Math.round(billed * 80) / 100,
            ...(team ? { tags: { team } } : {}),
          });
        }
      }
    }
  }
  // A credit and a tax line at the start of October.
  rows.push({
    day: '2026-10-01',
    ...SERVICES[0]!,
    ...ACCOUNTS[0]!,
    chargeCategory: 'Credit',
    billed: -250.5,
    resource: null,
  });
  rows.push({
    day: '2026-10-01',
    ...SERVICES[0]!,
    ...ACCOUNTS[0]!,
    chargeCategory: 'Tax',
    billed: 99.25,
    resource: null,
  });
  return rows;
}

const ROWS = makeRows();
const cents = (value: number) => Math.round(value * 100) / 100;
const sum = (rows: TestLineItem[], pick: (row: TestLineItem) => number = (row) => row.billed) =>
  cents(rows.reduce((total, row) => total + pick(row), 0));
const inRange = (start: string, end: string) => (row: TestLineItem) => row.day >= start && row.day < end;

describe('createDuckDbCostEngine', () => {
  let db: Database;
  let engine: CostEngine;

  beforeAll(async () => {
    db = await openDatabase({ dataDir: ':memory:' });
    await insertLineItems(db, ROWS);
    engine = createDuckDbCostEngine({ db });
  });
  afterAll(() => db.close());

  it('should total a half-open range, including credits and tax by default', async () => {
    const table = await engine.query({
      range: { start: '2026-10-01', end: '2026-11-01' },
      metric: 'BilledCost',
    });
    expect(cents(table.total)).toBe(sum(ROWS.filter(inRange('2026-10-01', '2026-11-01'))));
    expect(table.rows).toHaveLength(1);
  });

  it('should not count the end day of a half-open range', async () => {
    const table = await engine.query({
      range: { start: '2026-09-30', end: '2026-10-01' },
      metric: 'BilledCost',
    });
    expect(cents(table.total)).toBe(sum(ROWS.filter((row) => row.day === '2026-09-30')));
  });

  it('should use the metric asked for, with CUR names as aliases', async () => {
    const range = { start: '2026-09-01', end: '2026-10-01' };
    const expected = sum(ROWS.filter(inRange(range.start, range.end)), (row) => row.effective ?? row.billed);
    const effective = await engine.query({ range, metric: 'EffectiveCost' });
    const amortized = await engine.query({ range, metric: 'amortized' });
    expect(cents(effective.total)).toBe(expected);
    expect(amortized.total).toBe(effective.total);
    expect(amortized.query.metric).toBe('EffectiveCost');
  });

  it('should exclude charge categories when asked', async () => {
    const range = { start: '2026-10-01', end: '2026-11-01' };
    const table = await engine.query({ range, metric: 'BilledCost', chargeCategories: ['Usage', 'Tax'] });
    const expected = sum(
      ROWS.filter((row) => inRange(range.start, range.end)(row) && row.chargeCategory !== 'Credit'),
    );
    expect(cents(table.total)).toBe(expected);
  });

  it('should break down by service with account names as labels', async () => {
    const range = { start: '2026-10-01', end: '2026-11-01' };
    const table = await engine.query({ range, metric: 'BilledCost', groupBy: ['sub_account'] });
    for (const account of ACCOUNTS) {
      const row = table.rows.find((candidate) => candidate.key.sub_account === account.account);
      expect(row?.labels?.sub_account).toBe(account.accountName);
      expect(cents(row?.value ?? Number.NaN)).toBe(
        sum(ROWS.filter((item) => inRange(range.start, range.end)(item) && item.account === account.account)),
      );
    }
    expect(table.rows.map((row) => row.value)).toEqual(
      [...table.rows.map((row) => row.value)].sort((a, b) => b - a),
    );
  });

  it('should filter accounts by name as well as by id', async () => {
    const range = { start: '2026-10-01', end: '2026-11-01' };
    const byName = await engine.query({
      range,
      filters: [{ dimension: 'sub_account', op: 'in', values: ['staging'] }],
    });
    const byId = await engine.query({
      range,
      filters: [{ dimension: 'sub_account', op: 'in', values: ['222222222222'] }],
    });
    expect(byName.total).toBe(byId.total);
    expect(byName.total).toBeGreaterThan(0);
  });

  it('should group by a tag and report untagged rows as null', async () => {
    const range = { start: '2026-09-01', end: '2026-10-01' };
    const table = await engine.query({ range, metric: 'BilledCost', groupBy: ['tag:team'] });
    const untagged = table.rows.find((row) => row.key['tag:team'] === null);
    expect(cents(untagged?.value ?? Number.NaN)).toBe(
      sum(ROWS.filter((row) => inRange(range.start, range.end)(row) && !row.tags)),
    );
    const missing = await engine.query({
      range,
      metric: 'BilledCost',
      filters: [{ dimension: 'tag:team', op: 'missing' }],
    });
    expect(missing.total).toBe(untagged?.value);
  });

  it('should keep the top N groups and fold the rest into (other) without losing cost', async () => {
    const range = { start: '2026-09-01', end: '2026-11-01' };
    const table = await engine.query({ range, metric: 'BilledCost', groupBy: ['resource'], limit: 3 });
    expect(table.rows).toHaveLength(4);
    expect(table.rows.at(-1)?.key.resource).toBe('(other)');
    expect(cents(table.total)).toBe(sum(ROWS.filter(inRange(range.start, range.end))));
    const byResource = new Map<string, number>();
    for (const row of ROWS.filter(inRange(range.start, range.end))) {
      const key = row.resource ?? 'null';
      byResource.set(key, (byResource.get(key) ?? 0) + row.billed);
    }
    const expectedTop = [...byResource.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
    expect(table.rows.slice(0, 3).map((row) => row.key.resource)).toEqual(expectedTop.map(([key]) => key));
  });

  it('should bucket by day and by month', async () => {
    const range = { start: '2026-09-01', end: '2026-11-01' };
    const monthly = await engine.query({ range, metric: 'BilledCost', granularity: 'month' });
    expect(monthly.rows.map((row) => row.period)).toEqual(['2026-09-01', '2026-10-01']);
    expect(cents(monthly.rows[0]?.value ?? Number.NaN)).toBe(
      sum(ROWS.filter(inRange('2026-09-01', '2026-10-01'))),
    );
    const daily = await engine.query({
      range: { start: '2026-10-01', end: '2026-10-08' },
      granularity: 'day',
      metric: 'BilledCost',
    });
    expect(daily.rows).toHaveLength(7);
    expect(cents(daily.rows[0]?.value ?? Number.NaN)).toBe(
      sum(ROWS.filter((row) => row.day === '2026-10-01')),
    );
  });

  it('should compare two periods per group', async () => {
    const current = { start: '2026-10-01', end: '2026-11-01' };
    const previous = { start: '2026-09-01', end: '2026-10-01' };
    const comparison = await engine.compare({ current, previous, metric: 'BilledCost', groupBy: 'service' });
    expect(cents(comparison.currentTotal)).toBe(sum(ROWS.filter(inRange(current.start, current.end))));
    expect(cents(comparison.previousTotal)).toBe(sum(ROWS.filter(inRange(previous.start, previous.end))));
    const ec2 = comparison.rows.find((row) => row.key === 'Amazon Elastic Compute Cloud');
    const expected =
      sum(ROWS.filter((row) => inRange(current.start, current.end)(row) && row.serviceCode === 'AmazonEC2')) -
      sum(
        ROWS.filter((row) => inRange(previous.start, previous.end)(row) && row.serviceCode === 'AmazonEC2'),
      );
    expect(cents(ec2?.delta ?? Number.NaN)).toBe(cents(expected));
  });

  it('should explain a change with parts that sum exactly to the total at every level', async () => {
    const explanation = await engine.explainChange({
      current: { start: '2026-10-01', end: '2026-11-01' },
      previous: { start: '2026-09-01', end: '2026-10-01' },
      metric: 'BilledCost',
      topPerLevel: 2,
    });
    const expectedDelta =
      sum(ROWS.filter(inRange('2026-10-01', '2026-11-01'))) -
      sum(ROWS.filter(inRange('2026-09-01', '2026-10-01')));
    expect(cents(explanation.delta)).toBe(cents(expectedDelta));
    const checkLevel = (drivers: ChangeDriver[], parentDelta: number) => {
      const total = drivers.reduce((acc, driver) => acc + driver.delta, 0);
      expect(Math.abs(total - parentDelta)).toBeLessThan(1e-6);
      for (const driver of drivers) if (driver.children.length) checkLevel(driver.children, driver.delta);
    };
    checkLevel(explanation.drivers, explanation.delta);
    expect(explanation.drivers.length).toBeLessThanOrEqual(3);
    // Ranked by absolute contribution.
    const magnitudes = explanation.drivers
      .filter((driver) => !driver.isOther)
      .map((driver) => Math.abs(driver.delta));
    expect(magnitudes).toEqual([...magnitudes].sort((a, b) => b - a));
  });

  it('should find the planted driver of a change down to the resource', async () => {
    const db2 = await openDatabase({ dataDir: ':memory:' });
    const base: TestLineItem[] = [];
    for (let day = '2026-11-02'; day < '2026-11-16'; day = addDays(day, 1)) {
      for (const service of SERVICES)
        base.push({
          day,
          ...service,
          ...ACCOUNTS[0]!,
          resource: `${service.serviceCode}-steady`,
          usageType: 'steady',
          billed: 100,
        });
      if (day >= '2026-11-09')
        base.push({
          day,
          ...SERVICES[0]!,
          ...ACCOUNTS[1]!,
          usageType: 'BoxUsage:m5.4xlarge',
          resource: 'i-new',
          billed: 40,
        });
    }
    await insertLineItems(db2, base);
    const explanation = await createDuckDbCostEngine({ db: db2 }).explainChange({
      current: { start: '2026-11-09', end: '2026-11-16' },
      previous: { start: '2026-11-02', end: '2026-11-09' },
      metric: 'BilledCost',
    });
    expect(explanation.delta).toBe(280);
    const [service] = explanation.drivers;
    expect(service?.key).toBe('Amazon Elastic Compute Cloud');
    expect(service?.children[0]?.key).toBe('222222222222');
    expect(service?.children[0]?.children[0]?.key).toBe('BoxUsage:m5.4xlarge');
    expect(service?.children[0]?.children[0]?.children[0]?.key).toBe('i-new');
    db2.close();
  });

  it('should list the names the data holds for the question parser', async () => {
    const catalog = await engine.catalog();
    expect(catalog.services.map((service) => service.code).sort()).toEqual([
      'AmazonEC2',
      'AmazonRDS',
      'AmazonS3',
    ]);
    expect(catalog.accounts).toContainEqual({ id: '111111111111', name: 'prod' });
    expect(catalog.tagValues.team).toEqual(['payments', 'search']);
    expect(catalog.dataRange).toEqual({ start: '2026-09-01', end: '2026-11-01' });
  });

  it('should reject an inverted range with a clear error', async () => {
    await expect(engine.query({ range: { start: '2026-10-05', end: '2026-10-01' } })).rejects.toThrow(
      /must end after it starts/,
    );
  });

  it('should refuse to sum two currencies', async () => {
    const db3 = await openDatabase({ dataDir: ':memory:' });
    await insertLineItems(db3, [
      { day: '2026-10-01', ...SERVICES[0]!, ...ACCOUNTS[0]!, billed: 1 },
      { day: '2026-10-01', ...SERVICES[0]!, ...ACCOUNTS[1]!, billed: 1, currency: 'EUR' },
    ]);
    await expect(
      createDuckDbCostEngine({ db: db3 }).query({ range: { start: '2026-10-01', end: '2026-10-02' } }),
    ).rejects.toThrow(/several currencies/);
    db3.close();
  });
});
