import { describe, expect, it } from 'vitest';
import { buildChartSpec } from '../../charts/build-chart-spec.ts';
import { DEMO_CHARTS } from '../../charts/demo-requests.ts';
import { specToSvg } from '../../charts/render.ts';
import { foldTrendSeries } from '../../charts/specs/trend.ts';
import { UNEXPLAINED_LABEL, waterfallSteps } from '../../charts/specs/waterfall.ts';
import type { ChartRequest } from '../../src/domain/chart-request.ts';
import { FinopsError } from '../../src/errors.ts';

type Row = Record<string, unknown>;

/** The inline rows of a spec (top-level data or the first layer's), for checking what is drawn. */
function rowsOf(spec: unknown): Row[] {
  const value = spec as { data?: { values?: Row[] }; layer?: { data?: { values?: Row[] } }[] };
  return value.data?.values ?? value.layer?.[0]?.data?.values ?? [];
}

function demo(name: string): ChartRequest {
  const found = DEMO_CHARTS.find((chart) => chart.name === name);
  if (!found) throw new Error(`no demo chart ${name}`);
  return found.request;
}

describe('buildChartSpec', () => {
  it.each(DEMO_CHARTS.map((chart) => [chart.name, chart.request] as const))(
    'should compile %s with vega-lite without warnings',
    async (_name, request) => {
      const { warnings, width, height } = await specToSvg(buildChartSpec(request));
      expect(warnings).toEqual([]);
      expect([width, height]).toEqual([800, 450]);
    },
  );

  it('should keep the top 12 bars and fold the other 488 of 500 into one grey Other bar', () => {
    const request = demo('many-categories-breakdown');
    if (request.kind !== 'breakdown') throw new Error('expected a breakdown');
    const rows = rowsOf(buildChartSpec(request));
    expect(rows).toHaveLength(13);
    const sorted = [...request.bars].sort((a, b) => b.value - a.value);
    const expectedOther = sorted.slice(12).reduce((total, bar) => total + bar.value, 0);
    const other = rows[12];
    expect(other?.label).toBe('Other (488)');
    expect(other?.isOther).toBe(true);
    expect(other?.value).toBeCloseTo(expectedOther, 6);
    expect(rows[0]?.value).toBe(sorted[0]?.value);
  });

  it('should honour topN', () => {
    const rows = rowsOf(buildChartSpec(demo('breakdown-by-account'), { topN: 3 }));
    expect(rows.map((row) => row.label)).toEqual([
      'prod-payments (111122223333)',
      'prod-web (222233334444)',
      'data-platform (333344445555)',
      'Other (5)',
    ]);
  });

  it('should fold trend series past the top 8 into Other bucket by bucket', () => {
    const request: ChartRequest = {
      kind: 'trend',
      title: 't',
      granularity: 'day',
      unit: 'USD',
      points: Array.from({ length: 10 }, (_, index) => [
        { x: '2026-11-01', series: `s${index}`, value: 100 - index },
        { x: '2026-11-02', series: `s${index}`, value: 10 },
      ]).flat(),
    };
    const trend = foldTrendSeries(request, 8);
    expect(trend.names).toEqual(['s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7', 'Other']);
    expect(trend.values.get('Other')?.get('2026-11-01')).toBe(91 + 92);
    expect(trend.values.get('Other')?.get('2026-11-02')).toBe(20);
  });

  it('should draw an empty request as a "No data for …" chart of the normal size', () => {
    const spec = buildChartSpec(demo('empty-trend')) as { width: number; height: number; padding: number };
    expect(rowsOf(spec)[0]?.message).toBe('No data for Daily cost for Amazon Bedrock, November 2026');
    expect(spec.width + spec.padding * 2).toBe(800);
  });

  it('should reject a request that is not a ChartRequest with a FinopsError saying what was expected', () => {
    const bad = {
      kind: 'breakdown',
      title: 'x',
      dimension: 'service',
      bars: [{ label: 'a', value: Number.NaN }],
    };
    expect(() => buildChartSpec(bad as unknown as ChartRequest)).toThrow(FinopsError);
    expect(() => buildChartSpec(bad as unknown as ChartRequest)).toThrow(/Expected a ChartRequest/);
    expect(() => buildChartSpec(demo('breakdown-by-account'), { topN: 0 })).toThrow(/topN/);
  });
});

describe('waterfallSteps', () => {
  it('should chain each contribution from the running total to the end total', () => {
    const request = demo('waterfall-explain-change');
    if (request.kind !== 'waterfall') throw new Error('expected a waterfall');
    const steps = waterfallSteps(request, 12);
    expect(steps[0]).toMatchObject({ from: 0, to: 142_180, kind: 'total' });
    const contributions = steps.slice(1, -1);
    let running = 142_180;
    for (const step of contributions) {
      expect(step.from).toBeCloseTo(running, 6);
      running += step.value;
      expect(step.to).toBeCloseTo(running, 6);
      expect(step.kind).toBe(step.value >= 0 ? 'increase' : 'decrease');
    }
    // 9,850 + 4,450 + 2,120 − 1,440 − 370 + 1,650 + 500 = 16,760 = 158,940 − 142,180: nothing unexplained.
    expect(contributions.map((step) => step.label)).not.toContain(UNEXPLAINED_LABEL);
    expect(running).toBeCloseTo(158_940, 6);
    expect(steps[steps.length - 1]).toMatchObject({ from: 0, to: 158_940, kind: 'total' });
  });

  it('should show contributions that do not add up as an Unexplained step', () => {
    const steps = waterfallSteps(
      {
        kind: 'waterfall',
        title: 'w',
        startLabel: 'Oct',
        endLabel: 'Nov',
        start: 1000,
        end: 1500,
        contributions: [{ label: 'EC2', value: 300 }],
        unit: 'USD',
      },
      12,
    );
    expect(steps.map((step) => [step.label, step.value])).toEqual([
      ['Oct', 1000],
      ['EC2', 300],
      [UNEXPLAINED_LABEL, 200],
      ['Nov', 1500],
    ]);
  });
});
