import { describe, expect, it } from 'vitest';
import { renderChart } from '../../charts/render-chart.ts';
import type { ChartRequest } from '../../src/domain/chart-request.ts';
import { decodePng, inkCount } from './png.ts';

/** Shapes real data takes that the golden cases do not cover; each must still give a picture. */
const ODD_REQUESTS: [string, ChartRequest][] = [
  [
    'all-zero breakdown',
    {
      kind: 'breakdown',
      title: 'Zero',
      dimension: 'service',
      bars: [
        { label: 'A', value: 0 },
        { label: 'B', value: 0 },
      ],
      unit: 'USD',
    },
  ],
  [
    'credits-only trend',
    {
      kind: 'trend',
      title: 'Credits',
      granularity: 'month',
      points: [
        { x: '2026-10', series: 'Credits', value: -500 },
        { x: '2026-11', series: 'Credits', value: -750 },
      ],
      unit: 'USD',
    },
  ],
  [
    'trillion-dollar savings',
    { kind: 'savings', title: 'Huge', bars: [{ label: 'Everything', value: 1e12 }], unit: 'USD' },
  ],
  [
    'forecast without actuals or budget',
    {
      kind: 'forecast',
      title: 'Forecast only',
      actual: [],
      forecast: [{ x: '2026-12', value: 100, lo80: 90, hi80: 110, lo95: 80, hi95: 120 }],
      unit: 'USD',
    },
  ],
  [
    'waterfall with no contributions',
    {
      kind: 'waterfall',
      title: 'No drivers',
      startLabel: 'Oct',
      endLabel: 'Nov',
      start: 100,
      end: 80,
      contributions: [],
      unit: 'USD',
    },
  ],
  [
    'zero-cost tag groups',
    {
      kind: 'tag_compliance',
      title: 'Zero',
      groups: [{ label: 'team-a', tagged: 0, untagged: 0 }],
      unit: 'USD',
    },
  ],
  [
    'comparison from nothing',
    {
      kind: 'comparison',
      title: 'New',
      currentLabel: 'Nov',
      previousLabel: 'Oct',
      items: [{ label: 'New service', current: 50, previous: 0 }],
      unit: 'USD',
    },
  ],
  [
    'rightsizing without thresholds, category x',
    {
      kind: 'rightsizing',
      title: 'Memory',
      metric: 'Memory',
      points: [
        { x: 'week 1', value: 20 },
        { x: 'week 2', value: 130 },
      ],
      thresholds: [],
      unit: 'percent',
    },
  ],
  [
    'anomaly view with no anomalies',
    {
      kind: 'anomaly',
      title: 'Calm',
      points: [
        { x: '2026-11-01', actual: 10, expected: 10, lower: 8, upper: 12, isAnomaly: false },
        { x: '2026-11-02', actual: 11, expected: 10, lower: 8, upper: 12, isAnomaly: false },
      ],
      unit: 'EUR',
    },
  ],
];

describe('renderChart with odd data', () => {
  it.each(ODD_REQUESTS)('should draw %s without throwing', async (_name, request) => {
    const chart = await renderChart(request);
    const image = decodePng(chart.png);
    expect([image.width, image.height]).toEqual([800, 450]);
    expect(inkCount(image)).toBeGreaterThan(1_000);
    expect(chart.altText).not.toMatch(/NaN|undefined|Infinity/);
  });
});
