import { formatChange, formatValue } from '../format.ts';
import { displayLabels, OTHER_LABEL, sum, topBars } from '../prepare.ts';
import { COLORS } from '../theme.ts';
import { frame, type RequestOf, type SpecOptions, type VegaLiteSpec, valueAxis } from './common.ts';

export type StepKind = 'total' | 'increase' | 'decrease';

export interface WaterfallStep {
  label: string;
  kind: StepKind;
  /** Bar runs from `from` to `to`; each contribution starts where the previous step ended. */
  from: number;
  to: number;
  value: number;
}

export const UNEXPLAINED_LABEL = 'Unexplained';

/** Anything smaller than half a cent is rounding, not a missing contribution. */
const RESIDUAL_TOLERANCE = 0.005;

/**
 * Start total, then each contribution stacked on the running total, then the end total. If the
 * contributions do not add up to end − start, the gap is shown as its own "Unexplained" step
 * rather than leaving the last bar floating away from the end total.
 */
export function waterfallSteps(request: RequestOf<'waterfall'>, limit: number): WaterfallStep[] {
  const contributions = topBars(request.contributions, limit).map((row) => ({
    label: row.isOther ? `${OTHER_LABEL} (${row.count})` : row.label,
    value: row.value,
  }));
  const residual = request.end - request.start - sum(contributions.map((row) => row.value));
  if (Math.abs(residual) >= RESIDUAL_TOLERANCE)
    contributions.push({ label: UNEXPLAINED_LABEL, value: residual });

  const steps: WaterfallStep[] = [
    { label: request.startLabel, kind: 'total', from: 0, to: request.start, value: request.start },
  ];
  let running = request.start;
  for (const contribution of contributions) {
    const next = running + contribution.value;
    steps.push({
      label: contribution.label,
      kind: contribution.value >= 0 ? 'increase' : 'decrease',
      from: running,
      to: next,
      value: contribution.value,
    });
    running = next;
  }
  steps.push({ label: request.endLabel, kind: 'total', from: 0, to: request.end, value: request.end });
  return steps;
}

/** Increases are vermillion and decreases blue (cost going up is the bad news); totals are grey. */
export function waterfallSpec(request: RequestOf<'waterfall'>, options: SpecOptions): VegaLiteSpec {
  const steps = waterfallSteps(request, options.topBars);
  const maxChars = steps.length > 10 ? 18 : 24;
  const labels = displayLabels(
    steps.map((step) => step.label),
    maxChars,
  );
  const values = steps.map((step, index) => ({
    label: labels[index],
    next: labels[index + 1] ?? null,
    kind: step.kind,
    from: step.from,
    to: step.to,
    top: Math.max(step.from, step.to),
    text:
      step.kind === 'total' ? formatValue(step.value, request.unit) : formatChange(step.value, request.unit),
  }));
  const levels = steps.flatMap((step) => (step.kind === 'total' ? [step.to] : [step.from, step.to]));
  const max = Math.max(0, ...levels);
  const lowest = Math.min(...levels);
  const spread = max - lowest || Math.abs(max) || 1;
  // Month-on-month changes are a few percent of the total: from zero they would be slivers, so
  // when every level is positive the axis starts just below the lowest level (totals are clipped).
  const min = lowest > 0 ? Math.max(0, lowest - spread * 1.5) : lowest;
  const span = max - min || 1;
  const change = request.end - request.start;
  const percent =
    request.start === 0
      ? ''
      : ` (${change >= 0 ? '+' : ''}${Math.round((change / Math.abs(request.start)) * 100)}%)`;
  const subtitle = `${request.startLabel} ${formatValue(request.start, request.unit)} → ${request.endLabel} ${formatValue(request.end, request.unit)}: ${formatChange(change, request.unit)}${percent}`;

  return frame(request.title, subtitle, options, {
    data: { values },
    encoding: {
      x: {
        field: 'label',
        type: 'ordinal',
        sort: labels,
        axis: {
          title: null,
          labelAngle: steps.length > 6 ? -35 : 0,
          labelFontSize: 11,
          ticks: false,
          labelPadding: 6,
        },
      },
    },
    layer: [
      {
        mark: { type: 'bar', width: { band: 0.7 }, clip: true },
        encoding: {
          y: {
            field: 'from',
            type: 'quantitative',
            scale: {
              domain: [min < 0 ? min - span * 0.08 : min, max + span * 0.12],
              nice: false,
              zero: false,
            },
            axis: valueAxis(request.unit),
          },
          y2: { field: 'to' },
          color: {
            field: 'kind',
            type: 'nominal',
            scale: {
              domain: ['total', 'increase', 'decrease'],
              range: [COLORS.total, COLORS.increase, COLORS.decrease],
            },
            legend: {
              title: null,
              orient: 'top',
              direction: 'horizontal',
              labelExpr:
                "datum.label === 'total' ? 'Total' : datum.label === 'increase' ? 'Increase' : 'Decrease'",
            },
          },
        },
      },
      {
        // Connectors: a thin line from each bar's end level across to the next bar.
        transform: [{ filter: 'datum.next !== null' }],
        mark: { type: 'rule', color: '#7A7A7A', strokeWidth: 1, strokeDash: [3, 2] },
        encoding: { y: { field: 'to', type: 'quantitative' }, x2: { field: 'next' } },
      },
      ...(['bold', 'normal'] as const).map((fontWeight) => ({
        // Totals bold, changes regular: vega-lite has no per-datum fontWeight channel.
        transform: [{ filter: fontWeight === 'bold' ? "datum.kind === 'total'" : "datum.kind !== 'total'" }],
        mark: { type: 'text', baseline: 'bottom', dy: -4, fontSize: 11, fontWeight },
        encoding: { y: { field: 'top', type: 'quantitative' }, text: { field: 'text' } },
      })),
    ],
  });
}
