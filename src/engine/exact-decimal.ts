/**
 * Costs are DECIMAL(38,10) sums in DuckDB. To keep explained changes exact ("the parts sum to
 * the total change") the engine reads them as strings and does arithmetic on scaled BigInts.
 */
const SCALE = 10;
const FACTOR = 10n ** BigInt(SCALE);

export type Exact = bigint;

export function parseExact(value: string | number | null | undefined): Exact {
  if (value === null || value === undefined || value === '') return 0n;
  const text = typeof value === 'number' ? value.toFixed(SCALE) : value.trim();
  const negative = text.startsWith('-');
  const unsigned = negative || text.startsWith('+') ? text.slice(1) : text;
  const [whole = '0', fraction = ''] = unsigned.split('.');
  const scaled =
    BigInt(whole || '0') * FACTOR + BigInt((fraction + '0'.repeat(SCALE)).slice(0, SCALE) || '0');
  return negative ? -scaled : scaled;
}

export function exactToNumber(value: Exact): number {
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  const whole = magnitude / FACTOR;
  const fraction = (magnitude % FACTOR).toString().padStart(SCALE, '0');
  return Number(`${negative ? '-' : ''}${whole}.${fraction}`);
}

export function sumExact(values: Exact[]): Exact {
  return values.reduce((total, value) => total + value, 0n);
}

export function absExact(value: Exact): Exact {
  return value < 0n ? -value : value;
}
