import { describe, expect, it } from 'vitest';
import { chartAltText } from '../../charts/alt-text.ts';
import { DEMO_CHARTS } from '../../charts/demo-requests.ts';
import type { ChartRequest } from '../../src/domain/chart-request.ts';

function demo(name: string): ChartRequest {
  const found = DEMO_CHARTS.find((chart) => chart.name === name);
  if (!found) throw new Error(`no demo chart ${name}`);
  return found.request;
}

describe('chartAltText', () => {
  it('should give a breakdown total and the largest items with full labels', () => {
    const text = chartAltText({
      kind: 'breakdown',
      title: 'Cost by service',
      dimension: 'service',
      bars: [
        { label: 'Amazon Elastic Container Service for Kubernetes', value: 1200 },
        { label: 'AWS Lambda', value: 300 },
        { label: 'Amazon S3', value: -100 },
      ],
      unit: 'USD',
    });
    // 1,200 + 300 − 100 = 1,400
    expect(text).toBe(
      'Cost by service: Cost by service totalling $1.4K across 3 items; largest: Amazon Elastic Container Service for Kubernetes $1.2K, AWS Lambda $300, Amazon S3 -$100.',
    );
  });

  it('should state start, end and the main drivers of a waterfall', () => {
    const text = chartAltText(demo('waterfall-explain-change'));
    expect(text).toContain('from $142.2K (October) to $158.9K (November), +$16.8K');
    expect(text).toContain('Amazon EC2 (prod-web) +$9.8K');
  });

  it('should say when the forecast ends above the budget', () => {
    const text = chartAltText(demo('forecast-with-budget'));
    expect(text).toContain('budget $160K, forecast above budget');
    expect(text).toContain('80% range');
  });

  it('should name the largest anomaly first', () => {
    expect(chartAltText(demo('anomaly-daily'))).toMatch(
      /with 2 anomalies: Nov 14, 2026 \$8\.2K vs \$4\.4K expected/,
    );
  });

  it('should give the tagged share', () => {
    // tagged 102,540 of 140,520 = 72.97 %
    expect(chartAltText(demo('tag-compliance-by-team'))).toContain('73% of $140.5K is tagged');
  });

  it('should say there is no data for an empty chart', () => {
    expect(chartAltText(demo('empty-trend'))).toBe(
      'Daily cost for Amazon Bedrock, November 2026: no data for Daily cost for Amazon Bedrock, November 2026.',
    );
  });

  it('should be one sentence for every demo chart', () => {
    for (const { request } of DEMO_CHARTS) {
      const text = chartAltText(request);
      expect(text.endsWith('.')).toBe(true);
      expect(text).not.toMatch(/NaN|undefined|Infinity/);
    }
  });
});
