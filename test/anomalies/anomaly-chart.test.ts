import { describe, expect, it } from 'vitest';
import { anomalyChart } from '../../src/anomalies/index.ts';
import { chartRequestSchema } from '../../src/domain/index.ts';

describe('anomalyChart', () => {
  it('should build a valid anomaly band chart request from points', () => {
    const chart = anomalyChart('NAT Gateway bytes', [
      { date: '2026-03-09', actual: 40, expected: 41, lower: 36, upper: 46, isAnomaly: false },
      { date: '2026-03-10', actual: 340, expected: 40, lower: 35, upper: 45, isAnomaly: true },
    ]);
    expect(chartRequestSchema.parse(chart)).toEqual(chart);
    expect(chart).toMatchObject({ kind: 'anomaly', unit: 'USD' });
    if (chart.kind !== 'anomaly') throw new Error('expected an anomaly chart');
    expect(chart.points.map((point) => [point.x, point.isAnomaly])).toEqual([
      ['2026-03-09', false],
      ['2026-03-10', true],
    ]);
  });
});
