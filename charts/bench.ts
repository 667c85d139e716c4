import { buildSpecWith, resolveSpecOptions } from './build-spec.ts';
import { DEMO_CHARTS } from './demo-requests.ts';
import { specToSvg } from './render.ts';
import { renderChart } from './render-chart.ts';

export interface BenchRow {
  chart: string;
  /** vega-lite compile + vega parse + SVG only: what vega itself costs, for comparison. */
  svgP50Ms: number;
  svgP95Ms: number;
  /** The whole renderChart call: spec, SVG, PNG and alt text. */
  renderP50Ms: number;
  renderP95Ms: number;
  pngBytes: number;
  width: number;
  height: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round((sorted[index] ?? 0) * 10) / 10;
}

/**
 * Times every demo chart (one per kind plus the bad-data cases) at 1×, after one warm-up run each
 * so module loading and JIT are not counted. The target is renderP95Ms < 150 per chart.
 */
export async function benchCharts(
  options: { iterations?: number; now?: () => number } = {},
): Promise<BenchRow[]> {
  const iterations = Math.max(1, Math.floor(options.iterations ?? 20));
  const now = options.now ?? (() => performance.now());
  const rows: BenchRow[] = [];
  for (const { name, request } of DEMO_CHARTS) {
    const spec = buildSpecWith(request, resolveSpecOptions());
    await specToSvg(spec);
    let last = await renderChart(request);
    const svgTimes: number[] = [];
    const renderTimes: number[] = [];
    for (let run = 0; run < iterations; run += 1) {
      const svgStart = now();
      await specToSvg(buildSpecWith(request, resolveSpecOptions()));
      svgTimes.push(now() - svgStart);
      const renderStart = now();
      last = await renderChart(request);
      renderTimes.push(now() - renderStart);
    }
    svgTimes.sort((a, b) => a - b);
    renderTimes.sort((a, b) => a - b);
    rows.push({
      chart: name,
      svgP50Ms: percentile(svgTimes, 50),
      svgP95Ms: percentile(svgTimes, 95),
      renderP50Ms: percentile(renderTimes, 50),
      renderP95Ms: percentile(renderTimes, 95),
      pngBytes: last.png.byteLength,
      width: last.width,
      height: last.height,
    });
  }
  return rows;
}
