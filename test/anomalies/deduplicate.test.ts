import { describe, expect, it } from 'vitest';
import { type CostAnomaly, deduplicateAnomalies, type RootCauseItem } from '../../src/anomalies/index.ts';

function anomaly(
  dimension: CostAnomaly['dimension'],
  key: string,
  impact: number,
  rootCause: Omit<RootCauseItem, 'delta'>[],
  days: [string, string] = ['2026-03-10', '2026-03-12'],
): CostAnomaly {
  return {
    id: `${dimension}:${key}:${days[0]}`,
    dimension,
    key,
    start: days[0],
    end: days[1],
    days: 2,
    actual: 1000 + impact,
    expected: 1000,
    lower: 900,
    upper: 1100,
    impact,
    score: 3,
    points: [],
    severity: 'high',
    direction: impact >= 0 ? 'increase' : 'decrease',
    rootCause: rootCause.map((item) => ({ ...item, delta: item.share * impact })),
    related: [],
    context: [],
  };
}

const NAT = anomaly('usage_type', 'NatGateway-Bytes', 600, [
  { dimension: 'service', key: 'EC2', share: 1 },
  { dimension: 'sub_account', key: 'prod', share: 0.98 },
]);
const NAT_EU = anomaly('usage_type', 'EU-NatGateway-Bytes', 50, [
  { dimension: 'service', key: 'EC2', share: 1 },
  { dimension: 'sub_account', key: 'prod', share: 1 },
]);
const EC2 = anomaly('service', 'EC2', 640, [
  { dimension: 'usage_type', key: 'NatGateway-Bytes', share: 0.9 },
  { dimension: 'sub_account', key: 'prod', share: 0.95 },
]);
const PROD = anomaly('sub_account', 'prod', 700, [
  { dimension: 'service', key: 'EC2', share: 0.85 },
  { dimension: 'usage_type', key: 'NatGateway-Bytes', share: 0.8 },
]);

describe('deduplicateAnomalies', () => {
  it('should report one spike seen per usage type, service and account once, under the usage type', () => {
    const merged = deduplicateAnomalies([EC2, PROD, NAT_EU, NAT]);
    expect(merged).toHaveLength(1);
    expect(merged[0]?.id).toBe(NAT.id);
    expect(merged[0]?.impact).toBe(600);
    expect(merged[0]?.related.map((item) => `${item.dimension}:${item.key}`).sort()).toEqual([
      'service:EC2',
      'sub_account:prod',
      'usage_type:EU-NatGateway-Bytes',
    ]);
  });

  it('should keep apart anomalies that do not overlap or move in opposite directions', () => {
    const later = anomaly('service', 'EC2', 640, EC2.rootCause, ['2026-03-20', '2026-03-22']);
    const drop = anomaly('sub_account', 'prod', -300, [{ dimension: 'service', key: 'EC2', share: 1 }]);
    expect(deduplicateAnomalies([NAT, later, drop])).toHaveLength(3);
  });

  it('should not let one account anomaly tie two events in that account together', () => {
    const storage = anomaly('usage_type', 'TimedStorage-ByteHrs', 400, [
      { dimension: 'service', key: 'S3', share: 1 },
      { dimension: 'sub_account', key: 'prod', share: 1 },
    ]);
    // The account moved because of both; neither dominates it.
    const account = anomaly('sub_account', 'prod', 1000, [
      { dimension: 'usage_type', key: 'NatGateway-Bytes', share: 0.6 },
      { dimension: 'usage_type', key: 'TimedStorage-ByteHrs', share: 0.4 },
    ]);
    const merged = deduplicateAnomalies([NAT, storage, account]);
    expect(merged.map((item) => item.key).sort()).toEqual(['NatGateway-Bytes', 'TimedStorage-ByteHrs']);
    expect(merged.find((item) => item.key === 'NatGateway-Bytes')?.related.map((item) => item.key)).toEqual([
      'prod',
    ]);
  });

  it('should keep a service anomaly of its own when no usage type explains it', () => {
    const lambda = anomaly('service', 'Lambda', 200, [{ dimension: 'sub_account', key: 'data', share: 1 }]);
    expect(deduplicateAnomalies([NAT, lambda]).map((item) => item.key)).toEqual([
      'NatGateway-Bytes',
      'Lambda',
    ]);
  });
});
