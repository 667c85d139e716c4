import { describe, expect, it } from 'vitest';
import { buildChartSpec } from '../../charts/build-chart-spec.ts';
import { DEMO_CHARTS } from '../../charts/demo-requests.ts';
import { outputZoom, specToSvg, svgToPng } from '../../charts/render.ts';
import { renderChart } from '../../charts/render-chart.ts';
import type { ChartRequest } from '../../src/domain/chart-request.ts';
import { FinopsError } from '../../src/errors.ts';
import { type DecodedPng, decodePng, inkCount } from './png.ts';

function borderInk(image: DecodedPng, margin: number): number {
  let count = 0;
  for (let y = 0; y < image.height; y += 1) {
    for (let x = 0; x < image.width; x += 1) {
      const inside = x >= margin && x < image.width - margin && y >= margin && y < image.height - margin;
      if (inside) continue;
      const index = (y * image.width + x) * 4;
      if (
        (image.pixels[index] ?? 255) < 200 ||
        (image.pixels[index + 1] ?? 255) < 200 ||
        (image.pixels[index + 2] ?? 255) < 200
      )
        count += 1;
    }
  }
  return count;
}

const breakdown: ChartRequest = {
  kind: 'breakdown',
  title: 'Cost by service, November 2026',
  dimension: 'service',
  bars: [
    { label: 'Amazon Elastic Compute Cloud - Compute', value: 58_240 },
    { label: 'Amazon Relational Database Service', value: 27_610 },
  ],
  unit: 'USD',
};

describe('renderChart', () => {
  it.each(DEMO_CHARTS.map((chart) => [chart.name, chart.request] as const))(
    'should render %s to an 800 × 450 PNG that is not blank',
    async (_name, request) => {
      const chart = await renderChart(request);
      const image = decodePng(chart.png);
      expect([image.width, image.height]).toEqual([800, 450]);
      expect([chart.width, chart.height]).toEqual([800, 450]);
      // A title alone inks well over 1,000 pixels; a chart with data or the no-data message far more.
      expect(inkCount(image)).toBeGreaterThan(2_000);
      expect(chart.altText.length).toBeGreaterThan(20);
      // Nothing may touch the outer 8 px: clipped labels or an overflowing legend would.
      expect(borderInk(image, 8)).toBe(0);
    },
  );

  it('should render 2× density but never beyond 1024 px on either side', async () => {
    const chart = await renderChart(breakdown, { scale: 2 });
    const image = decodePng(chart.png);
    expect([image.width, image.height]).toEqual([1024, 576]);
    const square = await renderChart(breakdown, { scale: 2, width: 900, height: 1200 });
    const squareImage = decodePng(square.png);
    expect(squareImage.height).toBeLessThanOrEqual(1024);
    expect(squareImage.width).toBeLessThanOrEqual(1024);
    expect(squareImage.height).toBe(1024);
  });

  it('should keep the requested size at 1× when it fits', async () => {
    const chart = await renderChart(breakdown, { width: 600, height: 400 });
    expect([chart.width, chart.height]).toEqual([600, 400]);
  });

  it('should reject an unsupported scale or size with a FinopsError', async () => {
    await expect(renderChart(breakdown, { scale: 3 as 2 })).rejects.toThrow(FinopsError);
    await expect(renderChart(breakdown, { width: 50 })).rejects.toThrow(/width must be a whole number/);
  });
});

describe('outputZoom', () => {
  it('should shrink the zoom until both sides fit in 1024 px', () => {
    expect(outputZoom(800, 450, 1)).toBe(1);
    expect(outputZoom(800, 450, 2)).toBe(1024 / 800);
    expect(outputZoom(2000, 500, 1)).toBe(1024 / 2000);
  });
});

describe('bundled font', () => {
  it('should draw text with system fonts disabled', async () => {
    // The same SVG with and without its <text> elements: the layout is identical, so any extra
    // ink is glyphs, and svgToPng gives resvg only the bundled font (loadSystemFonts: false).
    const { svg, width, height } = await specToSvg(buildChartSpec(breakdown));
    const withoutText = svg.replace(/<text\b[^>]*>[\s\S]*?<\/text>/g, '');
    expect(svg).toContain('font-family="DejaVu Sans');
    expect(withoutText).not.toContain('<text');
    const inked = inkCount(decodePng(svgToPng(svg, width, height, 1, false).png));
    const blank = inkCount(decodePng(svgToPng(withoutText, width, height, 1, false).png));
    expect(inked - blank).toBeGreaterThan(1_500);
  });

  it('should measure text with the bundled font so long labels fit their gutter', async () => {
    const { svg } = await specToSvg(buildChartSpec(breakdown));
    // Truncated by the spec (34 characters), not by vega: the whole shortened label is drawn.
    expect(svg).toContain('Amazon Elastic Compute Cloud - Co…');
  });
});
