/**
 * Number and date formatting shared by the alt text (TypeScript) and the chart axes (vega
 * expressions). The two must agree, so both come from the same thresholds here.
 * Money: `$950`, `$1.2K`, `$3.4M`, `$1.1B`, credits as `-$1.2K`; small amounts keep cents.
 */
const CURRENCY_SYMBOLS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥' };

const SUFFIXES = [
  { limit: 1e9, suffix: 'B' },
  { limit: 1e6, suffix: 'M' },
  { limit: 1e3, suffix: 'K' },
] as const;

function trimmed(value: number, decimals: number): string {
  const fixed = value.toFixed(decimals);
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

/** 1234 → "1.2K", 950 → "950", 0.42 → "0.42"; no sign, no unit. */
function compactMagnitude(magnitude: number): string {
  for (const { limit, suffix } of SUFFIXES) {
    // 999,950 would round to "1000K" one step down, so it already counts as "1M".
    if (magnitude >= limit * 0.99995) {
      return `${trimmed(magnitude / limit, 1)}${suffix}`;
    }
  }
  if (magnitude >= 10) return Math.round(magnitude).toString();
  return trimmed(magnitude, 2);
}

export function isPercentUnit(unit: string): boolean {
  return unit === 'percent' || unit === '%';
}

/** Formats an amount in `unit`: a currency code, "percent", or anything else as a suffix. */
export function formatValue(value: number, unit = 'USD'): string {
  if (!Number.isFinite(value)) return String(value);
  const sign = value < 0 && Math.abs(value) >= 0.005 ? '-' : '';
  const magnitude = Math.abs(value);
  if (isPercentUnit(unit)) return `${sign}${trimmed(magnitude, magnitude >= 10 ? 0 : 1)}%`;
  const symbol = CURRENCY_SYMBOLS[unit.toUpperCase()];
  if (symbol !== undefined) return `${sign}${symbol}${compactMagnitude(magnitude)}`;
  return `${sign}${compactMagnitude(magnitude)} ${unit}`;
}

/** Like formatValue but always signed, for changes: "+$1.2K", "-$800". */
export function formatChange(value: number, unit = 'USD'): string {
  const text = formatValue(value, unit);
  return text.startsWith('-') || value === 0 ? text : `+${text}`;
}

export function formatPercent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}

/**
 * The same rules as formatValue written as a vega expression over `field` (e.g. 'datum.value'),
 * so axis labels match the alt text without registering custom functions in vega: the spec
 * stays portable to any vega-lite renderer.
 */
export function valueExpression(field: string, unit = 'USD'): string {
  const abs = `abs(${field})`;
  const sign = `(${field} <= -0.005 ? '-' : '')`;
  if (isPercentUnit(unit)) {
    return `${sign} + replace(format(${abs}, ${abs} >= 10 ? '.0f' : '.1f'), /\\.0$/, '') + '%'`;
  }
  const symbol = CURRENCY_SYMBOLS[unit.toUpperCase()];
  const strip = (inner: string) => `replace(format(${inner}, '.1f'), /\\.0$/, '')`;
  const magnitude = [
    `${abs} >= 999950000 ? ${strip(`${abs} / 1e9`)} + 'B'`,
    `${abs} >= 999950 ? ${strip(`${abs} / 1e6`)} + 'M'`,
    `${abs} >= 999.95 ? ${strip(`${abs} / 1e3`)} + 'K'`,
    `${abs} >= 10 ? format(${abs}, '.0f')`,
    `replace(replace(format(${abs}, '.2f'), /0+$/, ''), /\\.$/, '')`,
  ].join(' : ');
  if (symbol !== undefined) return `${sign} + '${symbol}' + (${magnitude})`;
  return `${sign} + (${magnitude}) + ' ${unit.replace(/'/g, '')}'`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-11-03" → "Nov 3, 2026"; "2026-11" → "Nov 2026"; anything else is returned as is. */
export function formatDateLabel(x: string, withYear = true): string {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ](\d{2}):(\d{2}))?/.exec(x);
  if (!match) return x;
  const [, year, month, day, hour, minute] = match;
  const monthName = MONTHS[Number(month) - 1];
  if (monthName === undefined) return x;
  if (day === undefined) return `${monthName} ${year}`;
  const date = `${monthName} ${Number(day)}${withYear ? `, ${year}` : ''}`;
  return hour === undefined ? date : `${date} ${hour}:${minute}`;
}
