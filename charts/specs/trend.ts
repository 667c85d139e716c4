import { formatDateLabel, formatValue } from '../format.ts';
import { displayLabels, OTHER_LABEL, rankKeys, sum } from '../prepare.ts';
import { COLORS, SERIES_PALETTE } from '../theme.ts';
import { bucketLabel, detectTimeKind, toTimeValue, xEncoding } from '../time-axis.ts';
import { frame, type RequestOf, type SpecOptions, type VegaLiteSpec, valueAxis } from './common.ts';

/** Above this many buckets bars get thinner than a couple of pixels, so the trend becomes an area. */
const MAX_BAR_BUCKETS = 62;

export interface TrendSeries {
  /** Full series names, largest first, Other (if any) last. */
  names: string[];
  buckets: string[];
  /** value by series name then bucket. */
  values: Map<string, Map<string, number>>;
  foldedCount: number;
}

/** Folds everything past the top `limit` series into Other, per bucket. */
export function foldTrendSeries(request: RequestOf<'trend'>, limit: number): TrendSeries {
  const weights = new Map<string, number>();
  for (const point of request.points) {
    weights.set(point.series, (weights.get(point.series) ?? 0) + Math.abs(point.value));
  }
  const { kept, folded } = rankKeys(weights, limit);
  const keptSet = new Set(kept);
  const values = new Map<string, Map<string, number>>();
  for (const point of request.points) {
    const name = keptSet.has(point.series) ? point.series : OTHER_LABEL;
    const byBucket = values.get(name) ?? new Map<string, number>();
    byBucket.set(point.x, (byBucket.get(point.x) ?? 0) + point.value);
    values.set(name, byBucket);
  }
  const buckets = [...new Set(request.points.map((point) => point.x))].sort();
  const names = folded.length > 0 ? [...kept, OTHER_LABEL] : kept;
  return { names, buckets, values, foldedCount: folded.length };
}

export function trendSpec(request: RequestOf<'trend'>, options: SpecOptions): VegaLiteSpec {
  const trend = foldTrendSeries(request, options.topSeries);
  const labels = displayLabels(trend.names);
  const kind = detectTimeKind(trend.buckets);
  const useBars = trend.buckets.length <= MAX_BAR_BUCKETS;
  // Bars sit on a category axis so each label is centred under its bar; long ranges use time.
  const bucketText = (bucket: string) => (useBars ? bucketLabel(bucket, kind) : toTimeValue(bucket, kind));
  const rows = trend.names.flatMap((name, index) =>
    trend.buckets.map((bucket) => ({
      x: bucketText(bucket),
      series: labels[index],
      order: index,
      value: trend.values.get(name)?.get(bucket) ?? 0,
    })),
  );

  const total = sum(request.points.map((point) => point.value));
  const first = trend.buckets[0] ?? '';
  const last = trend.buckets[trend.buckets.length - 1] ?? '';
  const period =
    first === last ? formatDateLabel(first) : `${formatDateLabel(first)} – ${formatDateLabel(last)}`;
  const seriesNote =
    trend.foldedCount > 0
      ? ` · top ${trend.names.length - 1} of ${trend.names.length - 1 + trend.foldedCount} + Other`
      : '';
  const subtitle = `Total ${formatValue(total, request.unit)} · ${period}${seriesNote}`;

  const isSingleTotal = trend.names.length === 1;
  const hasOther = trend.foldedCount > 0;
  const colorRange = labels.map((_, index) =>
    hasOther && index === labels.length - 1
      ? COLORS.other
      : (SERIES_PALETTE[index % SERIES_PALETTE.length] ?? COLORS.primary),
  );
  const x = useBars
    ? xEncoding('category', 'x', trend.buckets.length, trend.buckets.map(bucketText))
    : xEncoding(kind, 'x', trend.buckets.length);
  // With only a few buckets a band spans a third of the chart; a fixed width keeps bars bar-shaped.
  const barWidth = trend.buckets.length <= 4 ? 72 : { band: 0.8 };

  return frame(request.title, subtitle, options, {
    data: { values: rows },
    mark: useBars
      ? { type: 'bar', cornerRadiusEnd: 0, width: barWidth }
      : { type: 'area', line: { strokeWidth: 1 }, opacity: 0.85, interpolate: 'monotone' },
    encoding: {
      x,
      y: {
        field: 'value',
        type: 'quantitative',
        aggregate: 'sum',
        stack: 'zero',
        axis: valueAxis(request.unit),
      },
      color: {
        field: 'series',
        type: 'nominal',
        scale: { domain: labels, range: colorRange },
        legend: isSingleTotal ? null : { title: null, orient: 'right', symbolSize: 120 },
      },
      order: { field: 'order', type: 'quantitative', sort: 'ascending' },
    },
  });
}
