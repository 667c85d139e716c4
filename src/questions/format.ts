import type { Dimension } from '../domain/index.ts';
import { dimensionLabel, OTHER_GROUP } from '../domain/index.ts';

/** $1,234.56; amounts under a dollar keep four significant digits so tiny real exports still read. */
export function formatMoney(value: number, currency = 'USD'): string {
  const magnitude = Math.abs(value);
  const digits =
    magnitude !== 0 && magnitude < 1 ? Math.min(8, Math.max(2, 3 - Math.floor(Math.log10(magnitude)))) : 2;
  const formatted = new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: digits,
  }).format(magnitude);
  return value < 0 ? `-${formatted}` : formatted;
}

export function formatSignedMoney(value: number, currency = 'USD'): string {
  return value > 0 ? `+${formatMoney(value, currency)}` : formatMoney(value, currency);
}

export function formatPercent(value: number): string {
  const sign = value > 0 ? '+' : '';
  return `${sign}${(value * 100).toFixed(Math.abs(value) < 0.1 ? 1 : 0)}%`;
}

/** Relative change, or undefined when the baseline is zero (a change from nothing has no %). */
export function relativeChange(current: number, previous: number): number | undefined {
  if (previous === 0) return undefined;
  return (current - previous) / Math.abs(previous);
}

/** "prod (111111111111)", "(untagged)", "(other)". */
export function formatGroupValue(dimension: Dimension, key: string | null, label?: string): string {
  if (key === null)
    return dimension.startsWith('tag:')
      ? `(no ${dimension.slice(4)} tag)`
      : `(no ${dimensionLabel(dimension)})`;
  if (key === OTHER_GROUP) return label ? `other (${label})` : 'other';
  return label && label !== key ? `${label} (${key})` : key;
}
