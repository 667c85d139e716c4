import type { Fact } from '../../../src/domain/index.ts';
import { formatMoney, formatPercent } from '../../../src/questions/format.ts';

const CURRENCY_CODE = /^[A-Z]{3}$/;

/** formatMoney, or the bare number and unit when the currency code is one Intl does not know. */
export function formatAmount(value: number, currency: string): string {
  if (CURRENCY_CODE.test(currency)) {
    try {
      return formatMoney(value, currency);
    } catch {
      // Intl rejects codes it does not know; the number is still worth showing.
    }
  }
  return `${value.toLocaleString('en-US', { maximumFractionDigits: 2 })} ${currency}`;
}

/** A fact's value as people read it: money in its currency, ratios as signed percentages. */
export function formatFactValue(fact: Pick<Fact, 'value' | 'unit'>): string {
  const { value, unit } = fact;
  if (unit === 'ratio') return formatPercent(value);
  if (unit === 'percent') return `${value.toLocaleString('en-US', { maximumFractionDigits: 1 })}%`;
  if (unit === 'count') return value.toLocaleString('en-US', { maximumFractionDigits: 0 });
  return formatAmount(value, unit);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "24 Nov 2026 14:05 UTC"; undefined when the text is not a time. */
export function formatUtcTime(iso: string): string | undefined {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return undefined;
  const date = new Date(time);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}

/** "24 Nov 2026"; undefined when the text is not a date. */
export function formatUtcDay(iso: string): string | undefined {
  const time = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(time)) return undefined;
  const date = new Date(time);
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}
