import { formatValue } from '../format.ts';
import { COLORS } from '../theme.ts';
import type { RequestOf, SpecOptions, VegaLiteSpec } from './common.ts';
import { rankedBarsSpec, totalOf } from './ranked-bars.ts';

export function breakdownSpec(request: RequestOf<'breakdown'>, options: SpecOptions): VegaLiteSpec {
  const count = new Set(request.bars.map((bar) => bar.label)).size;
  const subtitle = `Total ${formatValue(totalOf(request.bars), request.unit)} across ${count} ${pluralDimension(request.dimension, count)}`;
  return rankedBarsSpec({ ...request, subtitle, color: COLORS.primary }, options);
}

export function savingsSpec(request: RequestOf<'savings'>, options: SpecOptions): VegaLiteSpec {
  const count = new Set(request.bars.map((bar) => bar.label)).size;
  const subtitle = `Estimated savings ${formatValue(totalOf(request.bars), request.unit)} from ${count} recommendation type${count === 1 ? '' : 's'}`;
  return rankedBarsSpec({ ...request, subtitle, color: COLORS.savings }, options);
}

function pluralDimension(dimension: string, count: number): string {
  const name = dimension.replace(/_/g, ' ').toLowerCase();
  if (count === 1) return name;
  if (name.endsWith('s')) return name;
  return /[^aeiou]y$/.test(name) ? `${name.slice(0, -1)}ies` : `${name}s`;
}
