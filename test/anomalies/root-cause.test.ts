import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRootCause } from '../../src/anomalies/index.ts';
import { addDays, type Dimension } from '../../src/domain/index.ts';
import { createDuckDbCostEngine } from '../../src/engine/index.ts';
import { type Database, openDatabase } from '../../src/store/database.ts';
import { insertLineItems, type TestLineItem } from '../support/line-item-rows.ts';
import { constructedRows, SPIKE_DAYS } from './constructed-organisation.ts';

const ROWS = constructedRows();
const WINDOW = { start: '2026-03-10', end: '2026-03-12' };
const BASELINES = [1, 2, 3, 4].map((weeks) => ({
  start: addDays(WINDOW.start, -7 * weeks),
  end: addDays(WINDOW.end, -7 * weeks),
}));
const EC2_FILTER = [
  { dimension: 'service' as const, op: 'in' as const, values: ['Amazon Elastic Compute Cloud'] },
];

function keyOf(row: TestLineItem, dimension: Dimension): string | null {
  switch (dimension) {
    case 'usage_type':
      return row.usageType ?? null;
    case 'resource':
      return row.resource ?? null;
    case 'tag:team':
      return row.tags?.team ?? null;
    default:
      return row.region ?? 'us-east-1';
  }
}

/** Independent figures: sums over the JS rows, baseline = the four same-weekday windows averaged. */
function expectedDeltas(dimension: Dimension): Map<string | null, number> {
  const ec2 = ROWS.filter((row) => row.service === 'Amazon Elastic Compute Cloud');
  const inRange = (row: TestLineItem, range: { start: string; end: string }) =>
    row.day >= range.start && row.day < range.end;
  const deltas = new Map<string | null, number>();
  for (const row of ec2) {
    const key = keyOf(row, dimension);
    if (inRange(row, WINDOW)) deltas.set(key, (deltas.get(key) ?? 0) + row.billed);
    if (BASELINES.some((range) => inRange(row, range)))
      deltas.set(key, (deltas.get(key) ?? 0) - row.billed / 4);
  }
  return deltas;
}

describe('findRootCause', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ dataDir: ':memory:' });
    await insertLineItems(db, ROWS);
  });
  afterAll(() => db.close());

  it('should rank the usage type, resource and team that moved, with deltas from the rows', async () => {
    const engine = createDuckDbCostEngine({ db });
    const cause = await findRootCause(engine, {
      window: WINDOW,
      filters: EC2_FILTER,
      metric: 'BilledCost',
      dimensions: ['usage_type', 'resource', 'tag:team', 'region'],
      baselineWindows: BASELINES,
    });
    const usage = expectedDeltas('usage_type');
    const change = [...usage.values()].reduce((total, value) => total + value, 0);
    expect(cause.actual - cause.expected).toBeCloseTo(change, 6);
    const byDimension = (dimension: Dimension) => cause.items.filter((item) => item.dimension === dimension);
    expect(byDimension('usage_type').map((item) => item.key)).toEqual([
      'NatGateway-Bytes',
      'BoxUsage:m5.large',
    ]);
    expect(byDimension('resource').map((item) => item.key)).toEqual(['nat-1', 'i-payments']);
    expect(byDimension('tag:team').map((item) => item.key)).toEqual(['platform', 'payments']);
    for (const item of byDimension('usage_type')) {
      expect(item.delta).toBeCloseTo(usage.get(item.key) ?? Number.NaN, 6);
      expect(item.share).toBeCloseTo((usage.get(item.key) ?? Number.NaN) / change, 6);
    }
    // The planted extras: NAT Gateway carries about five sixths of the change.
    const nat = byDimension('usage_type')[0];
    expect(nat?.share).toBeGreaterThan(0.75);
    expect(nat?.share).toBeLessThan(0.9);
    // The one region explains everything; items run from the largest share down.
    expect(byDimension('region')[0]?.share).toBeCloseTo(1, 6);
    const shares = cause.items.map((item) => item.share);
    expect(shares).toEqual([...shares].sort((a, b) => b - a));
  });

  it('should measure movers against the days before, scaled to a given expected cost', async () => {
    const engine = createDuckDbCostEngine({ db });
    const expected = 300;
    const cause = await findRootCause(engine, {
      window: WINDOW,
      expected,
      filters: EC2_FILTER,
      metric: 'BilledCost',
      dimensions: ['usage_type'],
    });
    const ec2 = ROWS.filter((row) => row.service === 'Amazon Elastic Compute Cloud');
    const inWindow = ec2.filter((row) => SPIKE_DAYS.includes(row.day));
    const before = ec2.filter((row) => row.day >= '2026-02-10' && row.day < '2026-03-10');
    const total = (rows: TestLineItem[]) => rows.reduce((sum, row) => sum + row.billed, 0);
    expect(cause.actual).toBeCloseTo(total(inWindow), 6);
    expect(cause.expected).toBe(expected);
    // The 28 days before, scaled to the expected cost: each usage type's share of it is kept.
    const scale = expected / total(before);
    for (const item of cause.items) {
      const current = total(inWindow.filter((row) => row.usageType === item.key));
      const previous = total(before.filter((row) => row.usageType === item.key));
      expect(item.delta).toBeCloseTo(current - previous * scale, 6);
      expect(item.share).toBeCloseTo((current - previous * scale) / (total(inWindow) - expected), 6);
    }
    expect(cause.items.map((item) => item.key)).toEqual(['NatGateway-Bytes', 'BoxUsage:m5.large']);
    expect(cause.baselineWindows).toEqual([{ start: '2026-02-10', end: '2026-03-10' }]);
  });
});
