/** Minimal RFC 4180 writing for the temporary files the demo bulk-loads into DuckDB. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  if (value === '') return '""';
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvRow(values: readonly (string | number | boolean | null | undefined)[]): string {
  return values.map(csvField).join(',');
}

/** Fixed-point money for a DECIMAL(18,10) column, without float noise. */
export function money(value: number): string {
  return value.toFixed(10);
}

/** Quantities rounded to 6 decimals: enough for GB-months of a day. */
export function quantity(value: number): string {
  return String(Math.round(value * 1e6) / 1e6);
}
