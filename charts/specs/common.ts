import type { TopLevelSpec } from 'vega-lite';
import type { ChartKind, ChartRequest } from '../../src/domain/chart-request.ts';
import { valueExpression } from '../format.ts';
import { DEFAULT_SIZE, THEME } from '../theme.ts';

export type VegaLiteSpec = TopLevelSpec;

export type RequestOf<K extends ChartKind> = Extract<ChartRequest, { kind: K }>;

export interface SpecOptions {
  /** Series kept in trends before folding the rest into Other. */
  topSeries: number;
  /** Bars kept in ranked charts before folding the rest into Other. */
  topBars: number;
  width: number;
  height: number;
}

export const DEFAULT_SPEC_OPTIONS: SpecOptions = {
  topSeries: 8,
  topBars: 12,
  width: DEFAULT_SIZE.width,
  height: DEFAULT_SIZE.height,
};

/**
 * The frame every chart shares. `autosize: fit` makes width/height the size of the whole image,
 * title and legend included, so callers get the pixel size they asked for.
 */
export function frame(
  title: string,
  subtitle: string | undefined,
  options: SpecOptions,
  body: Record<string, unknown>,
): VegaLiteSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: subtitle ? { text: title, subtitle } : { text: title },
    width: options.width,
    height: options.height,
    autosize: { type: 'fit', contains: 'padding' },
    config: THEME,
    ...body,
  } as VegaLiteSpec;
}

/** A quantitative axis with compact currency (or percent) labels and a light grid. */
export function valueAxis(unit: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: null,
    labelExpr: valueExpression('datum.value', unit),
    tickCount: 5,
    grid: true,
    domain: false,
    ticks: false,
    ...extra,
  };
}

/** Pads a [min, max] extent (always including zero) so value labels beside bars are not clipped. */
export function paddedDomain(values: readonly number[], headroom = 0.18): [number, number] {
  const min = Math.min(0, ...values);
  const max = Math.max(0, ...values);
  const span = max - min || 1;
  return [min < 0 ? min - span * headroom : 0, max > 0 ? max + span * headroom : min < 0 ? 0 : 1];
}
