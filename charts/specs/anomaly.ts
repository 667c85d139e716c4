import { formatDateLabel, formatValue } from '../format.ts';
import { COLORS } from '../theme.ts';
import { detectTimeKind, toTimeValue, xEncoding } from '../time-axis.ts';
import { frame, type RequestOf, type SpecOptions, type VegaLiteSpec, valueAxis } from './common.ts';

const SERIES = ['Actual', 'Expected', 'Expected range', 'Anomaly'] as const;
const SERIES_COLORS = [COLORS.primary, COLORS.expected, '#CFE3F2', COLORS.anomaly];
/** Labelling every anomaly on a noisy month turns into clutter; the biggest few carry the story. */
const MAX_LABELLED_ANOMALIES = 4;

export function anomalySpec(request: RequestOf<'anomaly'>, options: SpecOptions): VegaLiteSpec {
  const kind = detectTimeKind(request.points.map((point) => point.x));
  const order = request.points.map((point) => point.x);
  const points = request.points.map((point) => ({
    ...point,
    x: toTimeValue(point.x, kind),
    deviation: point.actual - point.expected,
    text: formatValue(point.actual, request.unit),
  }));
  const anomalies = points.filter((point) => point.isAnomaly);
  const labelled = new Set(
    [...anomalies]
      .sort((a, b) => Math.abs(b.deviation) - Math.abs(a.deviation))
      .slice(0, MAX_LABELLED_ANOMALIES)
      .map((point) => point.x),
  );
  const rows = points.map((point) => ({ ...point, labelled: labelled.has(point.x) }));

  const biggest = request.points
    .filter((point) => point.isAnomaly)
    .sort((a, b) => Math.abs(b.actual - b.expected) - Math.abs(a.actual - a.expected))[0];
  const subtitle = biggest
    ? `${anomalies.length} anomal${anomalies.length === 1 ? 'y' : 'ies'}; largest ${formatDateLabel(biggest.x)}: ${formatValue(biggest.actual, request.unit)} vs ${formatValue(biggest.expected, request.unit)} expected`
    : 'No anomalies: spend stayed within the expected range';

  const color = (series: (typeof SERIES)[number]) => ({
    datum: series,
    type: 'nominal',
    scale: { domain: [...SERIES], range: SERIES_COLORS },
    legend: {
      title: null,
      orient: 'top',
      direction: 'horizontal',
      symbolType: 'stroke',
      symbolStrokeWidth: 3,
    },
  });
  const xField = xEncoding(kind, 'x', order.length, order);
  const all = request.points.flatMap((point) => [point.actual, point.lower, point.upper]);
  const y = {
    field: 'actual',
    type: 'quantitative',
    scale: { domain: [Math.min(0, ...all), Math.max(0, ...all) * 1.12 || 1], nice: true },
    axis: valueAxis(request.unit),
  };
  // Areas and lines need two points; a lone day shows its expected range as a whiskered bar.
  const single = request.points.length < 2;
  const rangeLayers = single
    ? [
        {
          mark: { type: 'rule', strokeWidth: 28, opacity: 0.9 },
          encoding: {
            x: xField,
            y: { ...y, field: 'lower' },
            y2: { field: 'upper' },
            color: color('Expected range'),
          },
        },
        {
          mark: { type: 'tick', thickness: 2, size: 40 },
          encoding: { x: xField, y: { ...y, field: 'expected' }, color: color('Expected') },
        },
      ]
    : [];
  return frame(request.title, subtitle, options, {
    data: { values: rows },
    layer: [
      ...rangeLayers,
      {
        mark: { type: 'area', opacity: 0.9 },
        encoding: {
          x: xField,
          y: { ...y, field: 'lower' },
          y2: { field: 'upper' },
          color: color('Expected range'),
        },
      },
      {
        mark: { type: 'line', strokeWidth: 1.5, strokeDash: [5, 3] },
        encoding: { x: xField, y: { ...y, field: 'expected' }, color: color('Expected') },
      },
      {
        mark: { type: 'line', strokeWidth: 2.5, point: request.points.length < 3 },
        encoding: { x: xField, y, color: color('Actual') },
      },
      {
        transform: [{ filter: 'datum.isAnomaly' }],
        mark: { type: 'point', filled: true, size: 90, strokeWidth: 2, stroke: '#FFFFFF', opacity: 1 },
        encoding: { x: xField, y, color: color('Anomaly') },
      },
      {
        transform: [{ filter: 'datum.labelled' }],
        mark: { type: 'text', baseline: 'bottom', dy: -9, fontWeight: 'bold', color: COLORS.anomaly },
        encoding: { x: xField, y, text: { field: 'text' } },
      },
    ],
  });
}
