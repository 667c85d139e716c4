import type { ChartRequest } from '../domain/index.ts';
import type { AnomalyPoint } from './types.ts';

/**
 * The anomaly band chart: actual against expected with its band, anomalous days marked. Pass an
 * anomaly's `context` (three weeks either side) rather than its `points` (its days only).
 */
export function anomalyChart(title: string, points: readonly AnomalyPoint[], unit = 'USD'): ChartRequest {
  return {
    kind: 'anomaly',
    title,
    points: points.map((point) => ({
      x: point.date,
      actual: point.actual,
      expected: point.expected,
      lower: point.lower,
      upper: point.upper,
      isAnomaly: point.isAnomaly,
    })),
    unit,
  };
}
