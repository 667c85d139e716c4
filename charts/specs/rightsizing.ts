import { formatValue, isPercentUnit } from '../format.ts';
import { sum } from '../prepare.ts';
import { COLORS } from '../theme.ts';
import { detectTimeKind, spanInDays, toTimeValue, xEncoding } from '../time-axis.ts';
import { frame, type RequestOf, type SpecOptions, type VegaLiteSpec, valueAxis } from './common.ts';

const THRESHOLD_COLORS = [COLORS.increase, COLORS.untagged, '#CC79A7', '#009E73'];

/** Utilisation over time with each decision threshold drawn as a labelled dashed rule. */
export function rightsizingSpec(request: RequestOf<'rightsizing'>, options: SpecOptions): VegaLiteSpec {
  const kind = detectTimeKind(request.points.map((point) => point.x));
  const order = request.points.map((point) => point.x);
  const points = request.points.map((point) => ({ x: toTimeValue(point.x, kind), value: point.value }));
  const values = request.points.map((point) => point.value);
  const average = values.length > 0 ? sum(values) / values.length : 0;
  const peak = values.length > 0 ? Math.max(...values) : 0;
  const subtitle = `${request.metric}: average ${formatValue(average, request.unit)}, peak ${formatValue(peak, request.unit)}`;

  const thresholds = request.thresholds.map((threshold, index) => ({
    value: threshold.value,
    text: `${threshold.label} (${formatValue(threshold.value, request.unit)})`,
    color: THRESHOLD_COLORS[index % THRESHOLD_COLORS.length],
  }));
  const all = [...values, ...request.thresholds.map((threshold) => threshold.value)];
  const top =
    Math.max(isPercentUnit(request.unit) ? 100 : 0, ...all) * (isPercentUnit(request.unit) ? 1 : 1.1);
  const y = {
    field: 'value',
    type: 'quantitative',
    scale: { domain: [Math.min(0, ...all), top || 1], nice: !isPercentUnit(request.unit) },
    axis: valueAxis(request.unit),
  };
  const xField = xEncoding(kind, 'x', order.length, order, spanInDays(points.map((point) => point.x)));
  return frame(request.title, subtitle, options, {
    layer: [
      {
        data: { values: points },
        mark: { type: 'area', color: COLORS.primary, opacity: 0.12 },
        encoding: { x: xField, y },
      },
      {
        data: { values: points },
        mark: { type: 'line', color: COLORS.primary, strokeWidth: 2, point: points.length < 3 },
        encoding: { x: xField, y },
      },
      {
        data: { values: thresholds },
        mark: { type: 'rule', strokeWidth: 1.5, strokeDash: [6, 3] },
        encoding: {
          y: { field: 'value', type: 'quantitative' },
          color: { field: 'color', type: 'nominal', scale: null },
        },
      },
      {
        data: { values: thresholds },
        mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -3, x: 'width', fontWeight: 'bold' },
        encoding: {
          y: { field: 'value', type: 'quantitative' },
          text: { field: 'text' },
          color: { field: 'color', type: 'nominal', scale: null },
        },
      },
    ],
  });
}
