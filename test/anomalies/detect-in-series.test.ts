import { describe, expect, it } from 'vitest';
import { detectInSeries } from '../../src/anomalies/index.ts';
import { addDays, toDate } from '../../src/domain/index.ts';
import { FinopsError } from '../../src/errors.ts';
import { createRandom } from '../support/line-item-rows.ts';

const START = '2026-01-05'; // a Monday

/** Weekdays 100, weekends 40, ±2 % seeded noise: a strong weekly season. */
function weeklySeries(days: number, seed = 1): { date: string; value: number }[] {
  const random = createRandom(seed);
  return Array.from({ length: days }, (_, index) => {
    const date = addDays(START, index);
    const weekday = toDate(date).getUTCDay();
    const base = weekday === 0 || weekday === 6 ? 40 : 100;
    return { date, value: base * (1 + (random() - 0.5) * 0.04) };
  });
}

function scale(
  series: { date: string; value: number }[],
  from: string,
  to: string,
  factor: number,
): { date: string; value: number }[] {
  return series.map((day) =>
    day.date >= from && day.date < to ? { date: day.date, value: day.value * factor } : day,
  );
}

describe('detectInSeries', () => {
  it('should not flag a weekly season with noise', () => {
    expect(detectInSeries(weeklySeries(120))).toEqual([]);
  });

  it('should find a spike with its days, expected value and impact', () => {
    const plain = weeklySeries(100);
    const spiked = scale(plain, '2026-03-24', '2026-03-26', 3);
    const anomalies = detectInSeries(spiked);
    expect(anomalies).toHaveLength(1);
    const [spike] = anomalies;
    expect(spike?.start).toBe('2026-03-24');
    expect(spike?.end).toBe('2026-03-26');
    expect(spike?.days).toBe(2);
    // The planted extra is twice the plain value on each day; expected is the weekday level (~100).
    const extra = plain
      .filter((day) => day.date >= '2026-03-24' && day.date < '2026-03-26')
      .reduce((total, day) => total + 2 * day.value, 0);
    expect(spike?.impact).toBeGreaterThan(extra - 10);
    expect(spike?.impact).toBeLessThan(extra + 10);
    expect(spike?.expected).toBeGreaterThan(190);
    expect(spike?.expected).toBeLessThan(210);
    expect(spike?.points.map((point) => point.isAnomaly)).toEqual([true, true]);
    expect(spike?.score).toBeGreaterThan(1);
  });

  it('should merge consecutive anomalous days into one anomaly', () => {
    const spiked = scale(weeklySeries(100), '2026-03-23', '2026-03-27', 2.5);
    const anomalies = detectInSeries(spiked);
    expect(anomalies).toHaveLength(1);
    expect(anomalies[0]?.days).toBe(4);
    expect(anomalies[0]?.points).toHaveLength(4);
  });

  it('should merge runs one normal day apart, and keep runs a week apart separate', () => {
    let series = weeklySeries(100);
    series = scale(series, '2026-03-23', '2026-03-25', 3);
    series = scale(series, '2026-03-26', '2026-03-27', 3);
    series = scale(series, '2026-04-02', '2026-04-03', 3);
    const anomalies = detectInSeries(series);
    expect(anomalies.map((anomaly) => [anomaly.start, anomaly.end])).toEqual([
      ['2026-03-23', '2026-03-27'],
      ['2026-04-02', '2026-04-03'],
    ]);
    expect(anomalies[0]?.points.map((point) => point.isAnomaly)).toEqual([true, true, false, true]);
  });

  it('should report a level shift once, from its start', () => {
    const shifted = scale(weeklySeries(150), '2026-03-16', '2026-12-31', 1.5);
    const anomalies = detectInSeries(shifted);
    expect(anomalies).toHaveLength(1);
    expect(anomalies[0]?.start).toBe('2026-03-16');
    expect(anomalies[0]?.impact).toBeGreaterThan(0);
  });

  it('should report a drop with a negative impact', () => {
    const dropped = scale(weeklySeries(100), '2026-03-24', '2026-03-26', 0.3);
    const anomalies = detectInSeries(dropped);
    expect(anomalies).toHaveLength(1);
    expect(anomalies[0]?.impact).toBeLessThan(-100);
    expect(anomalies[0]?.actual).toBeLessThan(anomalies[0]?.expected ?? 0);
  });

  it('should not flag the last three days of each month rising ×1.7 or a charge on every 1st', () => {
    const series = weeklySeries(200).map((day) => {
      const date = toDate(day.date);
      const daysInMonth = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
      if (date.getUTCDate() > daysInMonth - 3) return { date: day.date, value: day.value * 1.7 };
      if (date.getUTCDate() === 1) return { date: day.date, value: day.value + 500 };
      return day;
    });
    // Month edges are only learnt after a month of history; look from the third month on.
    expect(detectInSeries(series, { window: { start: '2026-03-01', end: '2026-08-01' } })).toEqual([]);
  });

  it('should treat missing days as zero-cost days', () => {
    const series = weeklySeries(100).filter((day) => day.date < '2026-03-24' || day.date >= '2026-03-27');
    const anomalies = detectInSeries(series);
    expect(anomalies).toHaveLength(1);
    expect(anomalies[0]?.start).toBe('2026-03-24');
    expect(anomalies[0]?.actual).toBe(0);
  });

  it('should keep only anomalies that overlap the window and reach the minimum impact', () => {
    let series = weeklySeries(120);
    series = scale(series, '2026-03-10', '2026-03-12', 3);
    series = scale(series, '2026-04-14', '2026-04-15', 1.4);
    const all = detectInSeries(series);
    expect(all.map((anomaly) => anomaly.start)).toEqual(['2026-03-10', '2026-04-14']);
    expect(
      detectInSeries(series, { window: { start: '2026-04-01', end: '2026-05-01' } }).map((a) => a.start),
    ).toEqual(['2026-04-14']);
    expect(detectInSeries(series, { minImpact: 100 }).map((anomaly) => anomaly.start)).toEqual([
      '2026-03-10',
    ]);
  });

  it('should handle a short or empty history without flagging anything', () => {
    expect(detectInSeries([])).toEqual([]);
    expect(detectInSeries(weeklySeries(10))).toEqual([]);
    expect(detectInSeries([{ date: '2026-03-01', value: 5 }])).toEqual([]);
  });

  it('should refuse a malformed day with a message that says what is expected', () => {
    expect(() => detectInSeries([{ date: '01/03/2026', value: 1 }])).toThrow(FinopsError);
    expect(() => detectInSeries([{ date: '2026-03-01', value: Number.NaN }])).toThrow(/finite number/);
  });
});
