import { formatChange, formatValue } from '../format.ts';
import { displayLabels, OTHER_LABEL, rankKeys, sum } from '../prepare.ts';
import { COLORS } from '../theme.ts';
import {
  frame,
  paddedDomain,
  type RequestOf,
  type SpecOptions,
  type VegaLiteSpec,
  valueAxis,
} from './common.ts';

export interface ComparisonRow {
  label: string;
  current: number;
  previous: number;
  isOther: boolean;
}

/** Top items by the larger of their two values; the rest are summed into Other. */
export function foldComparison(request: RequestOf<'comparison'>, limit: number): ComparisonRow[] {
  const totals = new Map<string, { current: number; previous: number }>();
  for (const item of request.items) {
    const entry = totals.get(item.label) ?? { current: 0, previous: 0 };
    entry.current += item.current;
    entry.previous += item.previous;
    totals.set(item.label, entry);
  }
  const weights = new Map(
    [...totals].map(([label, entry]) => [label, Math.max(Math.abs(entry.current), Math.abs(entry.previous))]),
  );
  const { kept, folded } = rankKeys(weights, limit);
  const rows: ComparisonRow[] = kept.map((label) => ({
    label,
    ...(totals.get(label) ?? { current: 0, previous: 0 }),
    isOther: false,
  }));
  rows.sort((a, b) => b.current - a.current);
  if (folded.length > 0) {
    const other = folded.map((label) => totals.get(label) ?? { current: 0, previous: 0 });
    rows.push({
      label: `${OTHER_LABEL} (${folded.length})`,
      current: sum(other.map((entry) => entry.current)),
      previous: sum(other.map((entry) => entry.previous)),
      isOther: true,
    });
  }
  return rows;
}

export function changeText(current: number, previous: number, unit: string): string {
  const change = formatChange(current - previous, unit);
  if (previous === 0) return change;
  const percent = ((current - previous) / Math.abs(previous)) * 100;
  return `${change} (${percent >= 0 ? '+' : ''}${Math.round(percent)}%)`;
}

/** Paired bars per item, current period strong and previous period light, both value-labelled. */
export function comparisonSpec(request: RequestOf<'comparison'>, options: SpecOptions): VegaLiteSpec {
  const rows = foldComparison(request, options.topBars);
  const labels = displayLabels(rows.map((row) => row.label));
  const periods = [request.currentLabel, request.previousLabel];
  const values = rows.flatMap((row, index) => [
    {
      label: labels[index],
      period: request.currentLabel,
      value: row.current,
      text: formatValue(row.current, request.unit),
    },
    {
      label: labels[index],
      period: request.previousLabel,
      value: row.previous,
      text: formatValue(row.previous, request.unit),
    },
  ]);
  const current = sum(request.items.map((item) => item.current));
  const previous = sum(request.items.map((item) => item.previous));
  const subtitle = `${request.currentLabel} ${formatValue(current, request.unit)} vs ${request.previousLabel} ${formatValue(previous, request.unit)}: ${changeText(current, previous, request.unit)}`;

  return frame(request.title, subtitle, options, {
    data: { values },
    encoding: {
      y: {
        field: 'label',
        type: 'nominal',
        sort: labels,
        axis: { title: null, ticks: false, domain: false, labelFontSize: 12 },
      },
      yOffset: { field: 'period', type: 'nominal', sort: periods, scale: { paddingInner: 0.1 } },
      x: {
        field: 'value',
        type: 'quantitative',
        scale: {
          domain: paddedDomain(
            values.map((row) => row.value),
            0.16,
          ),
          nice: false,
        },
        axis: valueAxis(request.unit),
      },
    },
    layer: [
      {
        mark: { type: 'bar', cornerRadiusEnd: 2 },
        encoding: {
          color: {
            field: 'period',
            type: 'nominal',
            scale: { domain: periods, range: [COLORS.primary, COLORS.secondary] },
            legend: { title: null, orient: 'top', direction: 'horizontal' },
          },
        },
      },
      {
        transform: [{ filter: 'datum.value >= 0' }],
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 4, fontSize: 10 },
        encoding: { text: { field: 'text' } },
      },
      {
        transform: [{ filter: 'datum.value < 0' }],
        mark: { type: 'text', align: 'right', baseline: 'middle', dx: -4, fontSize: 10 },
        encoding: { text: { field: 'text' } },
      },
    ],
  });
}
