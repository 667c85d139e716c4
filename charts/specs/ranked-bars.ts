import { formatValue } from '../format.ts';
import { displayLabels, sum, topBars } from '../prepare.ts';
import { COLORS } from '../theme.ts';
import { frame, paddedDomain, type SpecOptions, type VegaLiteSpec, valueAxis } from './common.ts';

export interface RankedBarsInput {
  title: string;
  subtitle: string;
  bars: readonly { label: string; value: number }[];
  unit: string;
  color: string;
}

/**
 * Horizontal bars, largest first with Other last, each labelled with its value. Horizontal so
 * long service and account names stay readable; value labels sit outside the bar end (left of
 * it for negative values such as credits), with room reserved in the scale domain.
 */
export function rankedBarsSpec(input: RankedBarsInput, options: SpecOptions): VegaLiteSpec {
  const rows = topBars(input.bars, options.topBars);
  const ordered = [
    ...rows.filter((row) => !row.isOther).sort((a, b) => b.value - a.value),
    ...rows.filter((row) => row.isOther),
  ];
  const labels = displayLabels(ordered.map((row) => (row.isOther ? `Other (${row.count})` : row.label)));
  const values = ordered.map((row, index) => ({
    label: labels[index],
    value: row.value,
    text: formatValue(row.value, input.unit),
    isOther: row.isOther,
  }));
  const barColor = {
    condition: { test: 'datum.isOther', value: COLORS.other },
    value: input.color,
  };
  const y = {
    field: 'label',
    type: 'nominal',
    sort: labels,
    axis: { title: null, ticks: false, domain: false, labelFontSize: 12 },
  };
  const x = {
    field: 'value',
    type: 'quantitative',
    scale: { domain: paddedDomain(values.map((row) => row.value)), nice: false },
    axis: valueAxis(input.unit),
  };
  return frame(input.title, input.subtitle, options, {
    data: { values },
    encoding: { y, x },
    layer: [
      { mark: { type: 'bar', cornerRadiusEnd: 2, height: { band: 0.72 } }, encoding: { color: barColor } },
      {
        transform: [{ filter: 'datum.value >= 0' }],
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 5, fontSize: 11 },
        encoding: { text: { field: 'text' } },
      },
      {
        transform: [{ filter: 'datum.value < 0' }],
        mark: { type: 'text', align: 'right', baseline: 'middle', dx: -5, fontSize: 11 },
        encoding: { text: { field: 'text' } },
      },
    ],
  });
}

export function totalOf(bars: readonly { value: number }[]): number {
  return sum(bars.map((bar) => bar.value));
}
