import { type ChartRequest, chartRequestSchema } from '../src/domain/chart-request.ts';
import { FinopsError } from '../src/errors.ts';
import { anomalySpec } from './specs/anomaly.ts';
import { breakdownSpec, savingsSpec } from './specs/breakdown.ts';
import { DEFAULT_SPEC_OPTIONS, type SpecOptions, type VegaLiteSpec } from './specs/common.ts';
import { comparisonSpec } from './specs/comparison.ts';
import { forecastSpec } from './specs/forecast.ts';
import { noDataSpec } from './specs/no-data.ts';
import { rightsizingSpec } from './specs/rightsizing.ts';
import { tagComplianceSpec } from './specs/tag-compliance.ts';
import { trendSpec } from './specs/trend.ts';
import { waterfallSpec } from './specs/waterfall.ts';

/** Validates a chart request at the boundary; callers may hand us data that never went through zod. */
export function parseChartRequest(request: unknown): ChartRequest {
  const parsed = chartRequestSchema.safeParse(request);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  throw new FinopsError(
    'finops_invalid_input',
    `Chart request is not valid (${issues}). Expected a ChartRequest as defined in src/domain/chart-request.ts, with finite numbers.`,
  );
}

export function resolveSpecOptions(
  options: { topN?: number; width?: number; height?: number } = {},
): SpecOptions {
  const { topN, width, height } = options;
  if (topN !== undefined && !(Number.isInteger(topN) && topN >= 1 && topN <= 50)) {
    throw new FinopsError('finops_invalid_input', `topN must be a whole number from 1 to 50, got ${topN}.`);
  }
  for (const [name, value] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 200 && value <= 2048)) {
      throw new FinopsError(
        'finops_invalid_input',
        `Chart ${name} must be a whole number of pixels from 200 to 2048, got ${value}.`,
      );
    }
  }
  return {
    topSeries: topN ?? DEFAULT_SPEC_OPTIONS.topSeries,
    topBars: topN ?? DEFAULT_SPEC_OPTIONS.topBars,
    width: width ?? DEFAULT_SPEC_OPTIONS.width,
    height: height ?? DEFAULT_SPEC_OPTIONS.height,
  };
}

/** True when the request carries nothing to draw; such charts become a "No data for …" image. */
export function isEmptyChart(request: ChartRequest): boolean {
  switch (request.kind) {
    case 'trend':
    case 'anomaly':
    case 'rightsizing':
      return request.points.length === 0;
    case 'breakdown':
    case 'savings':
      return request.bars.length === 0;
    case 'comparison':
      return request.items.length === 0;
    case 'waterfall':
      return request.contributions.length === 0 && request.start === 0 && request.end === 0;
    case 'forecast':
      return request.actual.length === 0 && request.forecast.length === 0;
    case 'tag_compliance':
      return request.groups.length === 0;
  }
}

export function buildSpecWith(request: ChartRequest, options: SpecOptions): VegaLiteSpec {
  if (isEmptyChart(request)) return noDataSpec(request.title, options);
  switch (request.kind) {
    case 'trend':
      return trendSpec(request, options);
    case 'breakdown':
      return breakdownSpec(request, options);
    case 'comparison':
      return comparisonSpec(request, options);
    case 'waterfall':
      return waterfallSpec(request, options);
    case 'forecast':
      return forecastSpec(request, options);
    case 'anomaly':
      return anomalySpec(request, options);
    case 'tag_compliance':
      return tagComplianceSpec(request, options);
    case 'rightsizing':
      return rightsizingSpec(request, options);
    case 'savings':
      return savingsSpec(request, options);
  }
}
