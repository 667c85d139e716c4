import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectAnomalies, explainDay } from '../../src/anomalies/index.ts';
import { createDuckDbCostEngine } from '../../src/engine/index.ts';
import { FinopsError } from '../../src/errors.ts';
import { type Database, openDatabase } from '../../src/store/database.ts';
import { insertLineItems } from '../support/line-item-rows.ts';
import { BOX_EXTRA, constructedRows, NAT_EXTRA, SPIKE_DAYS, TODAY } from './constructed-organisation.ts';

const LAST_TWO_WEEKS = { start: '2026-03-02', end: TODAY };

describe('detectAnomalies', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ dataDir: ':memory:' });
    await insertLineItems(db, constructedRows());
  });
  afterAll(() => db.close());

  it('should report the spike once, under its usage type, with the other series folded in', async () => {
    const engine = createDuckDbCostEngine({ db });
    const anomalies = await detectAnomalies(engine, {
      window: LAST_TWO_WEEKS,
      today: TODAY,
      metric: 'BilledCost',
    });
    expect(anomalies).toHaveLength(1);
    const [spike] = anomalies;
    expect(spike?.dimension).toBe('usage_type');
    expect(spike?.key).toBe('NatGateway-Bytes');
    expect([spike?.start, spike?.end, spike?.days]).toEqual([SPIKE_DAYS[0], '2026-03-12', 2]);
    expect(spike?.direction).toBe('increase');
    expect(spike?.severity).toBe('high');
    // The planted extra on NAT Gateway bytes, give or take the 1 % noise on a $40 day.
    expect(spike?.impact).toBeGreaterThan(2 * NAT_EXTRA - 5);
    expect(spike?.impact).toBeLessThan(2 * NAT_EXTRA + 5);
    const related = spike?.related.map((item) => `${item.dimension}:${item.key}`).sort();
    expect(related).toEqual([
      'service:Amazon Elastic Compute Cloud',
      'sub_account:111111111111',
      'usage_type:BoxUsage:m5.large',
    ]);
    expect(spike?.rootCause[0]).toMatchObject({ share: expect.closeTo(1, 2) });
    expect(spike?.rootCause.find((item) => item.dimension === 'resource')?.key).toBe('nat-1');
    expect(spike?.rootCause.find((item) => item.dimension === 'tag:team')?.key).toBe('platform');
    expect(spike?.context.length).toBeGreaterThan(SPIKE_DAYS.length);
    expect(spike?.context.filter((point) => point.isAnomaly).map((point) => point.date)).toEqual(SPIKE_DAYS);
  });

  it('should find nothing in a quiet week, and nothing in a window without data', async () => {
    const engine = createDuckDbCostEngine({ db });
    expect(
      await detectAnomalies(engine, { window: { start: '2026-02-16', end: '2026-02-23' }, today: TODAY }),
    ).toEqual([]);
    expect(
      await detectAnomalies(engine, { window: { start: TODAY, end: '2026-03-23' }, today: TODAY }),
    ).toEqual([]);
  });

  it('should honour filters and the minimum impact', async () => {
    const engine = createDuckDbCostEngine({ db });
    const storage = await detectAnomalies(engine, {
      window: LAST_TWO_WEEKS,
      today: TODAY,
      filters: [{ dimension: 'service', op: 'in', values: ['Amazon Simple Storage Service'] }],
    });
    expect(storage).toEqual([]);
    const large = await detectAnomalies(engine, { window: LAST_TWO_WEEKS, today: TODAY, minImpactUsd: 5000 });
    expect(large).toEqual([]);
  });

  it('should refuse a malformed window with a clear error', async () => {
    const engine = createDuckDbCostEngine({ db });
    await expect(
      detectAnomalies(engine, { window: { start: '2026-03-10', end: '2026-03-01' }, today: TODAY }),
    ).rejects.toThrow(/window.*end after it starts/);
    await expect(
      detectAnomalies(engine, { window: LAST_TWO_WEEKS, today: 'yesterday' }),
    ).rejects.toBeInstanceOf(FinopsError);
  });
});

describe('explainDay', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ dataDir: ':memory:' });
    await insertLineItems(db, constructedRows());
  });
  afterAll(() => db.close());

  it('should say what caused the spike on a day, against that weekday in earlier weeks', async () => {
    const engine = createDuckDbCostEngine({ db });
    const result = await explainDay(engine, { day: '2026-03-10', today: TODAY, metric: 'BilledCost' });
    expect(result.isAnomaly).toBe(true);
    expect(result.direction).toBe('increase');
    expect(result.baselineDays).toEqual(['2026-03-03', '2026-02-24', '2026-02-17', '2026-02-10']);
    // A Tuesday is about 230 (100 + 40 + 30 + 60); the spike adds 360.
    expect(result.actual - result.expected).toBeGreaterThan(NAT_EXTRA + BOX_EXTRA - 10);
    expect(result.actual - result.expected).toBeLessThan(NAT_EXTRA + BOX_EXTRA + 10);
    const usage = result.drivers
      .filter((driver) => driver.dimension === 'usage_type')
      .map((driver) => driver.key);
    expect(usage.slice(0, 2)).toEqual(['NatGateway-Bytes', 'BoxUsage:m5.large']);
    expect(result.drivers.find((driver) => driver.dimension === 'service')?.key).toBe(
      'Amazon Elastic Compute Cloud',
    );
    expect(result.anomalies.map((anomaly) => anomaly.key)).toEqual(['NatGateway-Bytes']);
    expect(result.points.at(-1)).toMatchObject({ date: '2026-03-10', isAnomaly: true });
  });

  it('should call an ordinary day ordinary', async () => {
    const engine = createDuckDbCostEngine({ db });
    const result = await explainDay(engine, { day: '2026-02-18', today: TODAY });
    expect(result.isAnomaly).toBe(false);
    expect(result.direction).toBe('none');
    expect(result.anomalies).toEqual([]);
  });

  it('should refuse a day that has not ended or has no data', async () => {
    const engine = createDuckDbCostEngine({ db });
    await expect(explainDay(engine, { day: TODAY, today: TODAY })).rejects.toThrow(/has not finished yet/);
    await expect(explainDay(engine, { day: '2025-06-01', today: TODAY })).rejects.toThrow(
      /data covers 2026-01-05/,
    );
  });
});
