import type { ChartRequest } from '../src/domain/chart-request.ts';
import { FinopsError } from '../src/errors.ts';
import { chartAltText } from './alt-text.ts';
import { buildSpecWith, parseChartRequest, resolveSpecOptions } from './build-spec.ts';
import { specToSvg, svgToPng } from './render.ts';

export interface RenderedChart {
  png: Uint8Array;
  /** Output size in pixels; never more than 1024 on either side. */
  width: number;
  height: number;
  altText: string;
  svg: string;
}

export interface RenderOptions {
  /** Pixel density. 2 doubles the resolution, reduced as needed so neither side exceeds 1024 px. */
  scale?: 1 | 2;
  /** Logical chart size before scaling; defaults 800 × 450. */
  width?: number;
  height?: number;
  topN?: number;
}

/**
 * ChartRequest → vega-lite → SVG → PNG with the bundled font. Size rule: output = logical size ×
 * scale, then shrunk (keeping the aspect ratio) until both sides fit in 1024 px; so the default
 * 800 × 450 gives 800 × 450 at 1× and 1024 × 576 at 2×.
 */
export async function renderChart(
  request: ChartRequest,
  options: RenderOptions = {},
): Promise<RenderedChart> {
  const parsed = parseChartRequest(request);
  const scale = options.scale ?? 1;
  if (scale !== 1 && scale !== 2) {
    throw new FinopsError('finops_invalid_input', `Chart scale must be 1 or 2, got ${String(scale)}.`);
  }
  const spec = buildSpecWith(parsed, resolveSpecOptions(options));
  const { svg, width, height } = await specToSvg(spec);
  const png = svgToPng(svg, width, height, scale);
  return { png: png.png, width: png.width, height: png.height, altText: chartAltText(parsed), svg };
}
