import type { ChartRequest } from '../src/domain/chart-request.ts';
import { buildSpecWith, parseChartRequest, resolveSpecOptions } from './build-spec.ts';
import type { VegaLiteSpec } from './specs/common.ts';

/**
 * Pure: the vega-lite spec for a chart request (data inlined, theme included), 800 × 450 px.
 * `topN` caps both trend series and ranked bars before the rest is folded into "Other"
 * (defaults 8 series, 12 bars). Throws FinopsError for a request that does not match the schema.
 */
export function buildChartSpec(request: ChartRequest, options: { topN?: number } = {}): VegaLiteSpec {
  const specOptions = resolveSpecOptions(options.topN === undefined ? {} : { topN: options.topN });
  return buildSpecWith(parseChartRequest(request), specOptions);
}
