import { formatDateLabel, formatValue } from '../format.ts';
import { COLORS } from '../theme.ts';
import { detectTimeKind, toTimeValue, xEncoding } from '../time-axis.ts';
import { frame, type RequestOf, type SpecOptions, type VegaLiteSpec, valueAxis } from './common.ts';

const SERIES = ['Actual', 'Forecast', '80% range', '95% range', 'Budget'] as const;
const SERIES_COLORS = [COLORS.primary, COLORS.primary, '#7FB2D9', '#CFE3F2', COLORS.budget];

/**
 * Actual spend as a solid line, the forecast dashed and joined to the last actual point, the 80 %
 * and 95 % ranges as nested bands, and the budget as a labelled horizontal rule.
 */
export function forecastSpec(request: RequestOf<'forecast'>, options: SpecOptions): VegaLiteSpec {
  const xs = [...request.actual.map((point) => point.x), ...request.forecast.map((point) => point.x)];
  const kind = detectTimeKind(xs);
  const order = [...new Set(xs)];
  const x = (value: string) => toTimeValue(value, kind);
  const lastActual = request.actual[request.actual.length - 1];
  const bridge = lastActual
    ? [
        {
          x: lastActual.x,
          value: lastActual.value,
          lo80: lastActual.value,
          hi80: lastActual.value,
          lo95: lastActual.value,
          hi95: lastActual.value,
        },
      ]
    : [];
  const forecast = [...bridge, ...request.forecast].map((point) => ({ ...point, x: x(point.x) }));
  const actual = request.actual.map((point) => ({ ...point, x: x(point.x) }));
  const fewPoints = xs.length < 3;

  const lastForecast = request.forecast[request.forecast.length - 1];
  const parts: string[] = [];
  if (lastActual)
    parts.push(`Actual ${formatValue(lastActual.value, request.unit)} on ${formatDateLabel(lastActual.x)}`);
  if (lastForecast) {
    parts.push(
      `forecast ${formatValue(lastForecast.value, request.unit)} by ${formatDateLabel(lastForecast.x)} (80%: ${formatValue(lastForecast.lo80, request.unit)}–${formatValue(lastForecast.hi80, request.unit)})`,
    );
  }
  if (request.budget !== undefined) parts.push(`budget ${formatValue(request.budget, request.unit)}`);

  const values = [
    ...actual.map((point) => point.value),
    ...forecast.flatMap((point) => [point.lo95, point.hi95]),
    ...(request.budget === undefined ? [] : [request.budget]),
  ];
  // The legend lists only what is drawn: no "Budget" entry without a budget, no "Actual" without actuals.
  const shown = SERIES.map((series, index) => ({ series, color: SERIES_COLORS[index] })).filter(
    ({ series }) =>
      (series !== 'Budget' || request.budget !== undefined) &&
      (series !== 'Actual' || actual.length > 0) &&
      (series === 'Actual' || series === 'Budget' || request.forecast.length > 0),
  );
  const color = (series: (typeof SERIES)[number]) => ({
    datum: series,
    type: 'nominal',
    scale: { domain: shown.map((entry) => entry.series), range: shown.map((entry) => entry.color) },
    legend: {
      title: null,
      orient: 'top',
      direction: 'horizontal',
      symbolType: 'stroke',
      symbolStrokeWidth: 3,
    },
  });
  const xField = xEncoding(kind, 'x', order.length, order);
  const y = {
    field: 'value',
    type: 'quantitative',
    scale: { domain: [Math.min(0, ...values), Math.max(0, ...values) * 1.08 || 1], nice: true },
    axis: valueAxis(request.unit),
  };

  // Bands need two points; a lone forecast point shows its ranges as nested bars instead.
  const bandMark = (strokeWidth: number) =>
    forecast.length < 2 ? { type: 'rule', strokeWidth, opacity: 0.9 } : { type: 'area', opacity: 0.9 };
  const layer: Record<string, unknown>[] = [
    {
      data: { values: forecast },
      mark: bandMark(28),
      encoding: { x: xField, y: { ...y, field: 'lo95' }, y2: { field: 'hi95' }, color: color('95% range') },
    },
    {
      data: { values: forecast },
      mark: bandMark(14),
      encoding: { x: xField, y: { ...y, field: 'lo80' }, y2: { field: 'hi80' }, color: color('80% range') },
    },
    {
      data: { values: forecast },
      mark: { type: 'line', strokeWidth: 2, strokeDash: [6, 4], point: fewPoints },
      encoding: { x: xField, y, color: color('Forecast') },
    },
    {
      data: { values: actual },
      mark: { type: 'line', strokeWidth: 2.5, point: fewPoints },
      encoding: { x: xField, y, color: color('Actual') },
    },
  ];
  if (request.budget !== undefined) {
    const budgetText = `Budget ${formatValue(request.budget, request.unit)}`;
    layer.push(
      {
        data: { values: [{ value: request.budget }] },
        mark: { type: 'rule', strokeWidth: 1.5, strokeDash: [2, 2] },
        encoding: { y: { field: 'value', type: 'quantitative' }, color: color('Budget') },
      },
      {
        data: { values: [{ value: request.budget, text: budgetText }] },
        mark: {
          type: 'text',
          align: 'left',
          baseline: 'bottom',
          dx: 4,
          dy: -3,
          x: 0,
          fontWeight: 'bold',
          color: COLORS.budget,
        },
        encoding: { y: { field: 'value', type: 'quantitative' }, text: { field: 'text' } },
      },
    );
  }
  const subtitle = parts.join(' · ');
  return frame(request.title, subtitle.charAt(0).toUpperCase() + subtitle.slice(1), options, { layer });
}
