import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile } from 'vega-lite';
import { FinopsError } from '../src/errors.ts';
import { bundledFontMetrics, FONT_FAMILY, FONT_FILES } from './fonts.ts';
import type { VegaLiteSpec } from './specs/common.ts';

/** Teams rejects larger images; Slack downsizes them anyway. Neither output side may exceed this. */
export const MAX_PIXELS = 1024;

interface TextItem {
  text?: unknown;
  fontSize?: number | string;
  fontWeight?: string | number;
  limit?: number;
}

interface VegaTextMetrics {
  width: (item: TextItem, text?: unknown) => number;
}

let metricsInstalled = false;

/**
 * Points vega's text measurement at the bundled font's real glyph widths. vega documents a
 * user-defined `textMetrics.width` for exactly this case (no canvas, e.g. vl-convert); it is
 * process-wide, which is fine because every chart here uses the same font.
 */
export function installTextMetrics(): void {
  if (metricsInstalled) return;
  const textMetrics = (vega as unknown as { textMetrics?: VegaTextMetrics }).textMetrics;
  if (!textMetrics)
    throw new FinopsError('finops_config_error', 'vega no longer exports textMetrics; pin vega 6.x');
  const fonts = bundledFontMetrics();
  textMetrics.width = (item, text) => {
    const raw = text ?? item.text;
    const value = Array.isArray(raw) ? raw.join(' ') : raw == null ? '' : String(raw).trim();
    const size = item.fontSize == null ? 11 : Number(item.fontSize) || 0;
    const weight = item.fontWeight;
    const isBold = weight === 'bold' || weight === 'bolder' || (typeof weight === 'number' && weight >= 600);
    const width = (isBold ? fonts.bold : fonts.regular).measure(value, size);
    // vega's truncation binary-searches on this function; capping at the limit keeps it correct.
    return item.limit && item.limit > 0 ? Math.min(width, item.limit) : width;
  };
  metricsInstalled = true;
}

export interface SvgResult {
  svg: string;
  width: number;
  height: number;
  /** vega-lite's compile warnings (e.g. an encoding it ignored); empty for a well-formed spec. */
  warnings: string[];
}

/** Keeps vega-lite's warnings instead of printing them, and turns its errors into FinopsErrors. */
class CollectingLogger {
  readonly warnings: string[] = [];
  level(): this {
    return this;
  }
  error(...args: unknown[]): this {
    throw new FinopsError('finops_invalid_input', `vega-lite could not compile the chart: ${args.join(' ')}`);
  }
  warn(...args: unknown[]): this {
    this.warnings.push(args.join(' '));
    return this;
  }
  info(): this {
    return this;
  }
  debug(): this {
    return this;
  }
}

/** vega-lite → vega → SVG, with the bundled font's metrics. */
export async function specToSvg(spec: VegaLiteSpec): Promise<SvgResult> {
  installTextMetrics();
  const logger = new CollectingLogger();
  const compiled = compile(spec, { logger });
  const view = new vega.View(vega.parse(compiled.spec), { renderer: 'none', logLevel: vega.None });
  try {
    const svg = await view.toSVG();
    const match = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
    const width = Number(match?.[1] ?? Number.NaN);
    const height = Number(match?.[2] ?? Number.NaN);
    if (!Number.isFinite(width) || !Number.isFinite(height)) {
      throw new FinopsError('finops_unknown_error', 'vega produced an SVG without a width and height');
    }
    return { svg, width, height, warnings: logger.warnings };
  } finally {
    view.finalize();
  }
}

/**
 * The zoom that turns an SVG of `width` × `height` into the output image: the requested scale,
 * reduced just enough that neither side exceeds MAX_PIXELS.
 */
export function outputZoom(width: number, height: number, scale: number): number {
  return Math.min(scale, MAX_PIXELS / width, MAX_PIXELS / height);
}

export interface PngResult {
  png: Uint8Array;
  width: number;
  height: number;
}

export function svgToPng(
  svg: string,
  width: number,
  height: number,
  scale: number,
  loadSystemFonts = false,
): PngResult {
  const zoom = outputZoom(width, height, scale);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: Math.max(1, Math.floor(width * zoom)) },
    background: '#FFFFFF',
    font: {
      fontFiles: [FONT_FILES.regular, FONT_FILES.bold],
      loadSystemFonts,
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
    },
  });
  const image = resvg.render();
  const png = new Uint8Array(image.asPng());
  return { png, width: image.width, height: image.height };
}
