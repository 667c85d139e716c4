import { OTHER_GROUP } from '../src/domain/cost-table.ts';

/** The catch-all bucket's display name; upstream code may already have produced one. */
export const OTHER_LABEL = 'Other';

export function isOtherLabel(label: string): boolean {
  return label === OTHER_LABEL || label === OTHER_GROUP;
}

export const DEFAULT_TOP_SERIES = 8;
export const DEFAULT_TOP_BARS = 12;
export const MAX_LABEL_CHARS = 34;

/**
 * Shortens a label to `max` characters with an ellipsis. The untouched label still goes into
 * the alt text.
 */
export function truncateLabel(label: string, max = MAX_LABEL_CHARS): string {
  const characters = [...label.trim()];
  if (characters.length <= max) return characters.join('');
  // Identifiers (ARNs, resource ids) differ at the end, so keep both ends; names keep their start.
  if (/^[^\s]+$/.test(label) && /[:/]/.test(label)) {
    const head = Math.ceil((max - 1) * 0.4);
    const tail = max - 1 - head;
    return `${characters.slice(0, head).join('')}…${characters.slice(-tail).join('')}`;
  }
  return `${characters
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}

/**
 * Keeps the `limit` keys with the largest absolute weight, in that order; everything else (and
 * any upstream "other" bucket) is folded into Other. Absolute weight so that a large credit is
 * shown rather than hidden in Other. Ties break by name, so the result does not depend on input order.
 */
export function rankKeys(weights: Map<string, number>, limit: number): { kept: string[]; folded: string[] } {
  const ranked = [...weights.entries()]
    .filter(([key]) => !isOtherLabel(key))
    .sort(([a, wa], [b, wb]) => Math.abs(wb) - Math.abs(wa) || a.localeCompare(b));
  const size = Math.max(1, Math.floor(limit));
  const kept = ranked.slice(0, size).map(([key]) => key);
  const folded = ranked.slice(size).map(([key]) => key);
  for (const key of weights.keys()) if (isOtherLabel(key)) folded.push(key);
  return { kept, folded };
}

/** Top N labelled values plus one Other row holding the rest, largest first, Other last. */
export function topBars(
  bars: readonly { label: string; value: number }[],
  limit: number,
): { label: string; value: number; isOther: boolean; count: number }[] {
  const totals = new Map<string, number>();
  for (const bar of bars) totals.set(bar.label, (totals.get(bar.label) ?? 0) + bar.value);
  const { kept, folded } = rankKeys(totals, limit);
  const rows = kept.map((label) => ({ label, value: totals.get(label) ?? 0, isOther: false, count: 1 }));
  if (folded.length > 0) {
    const value = folded.reduce((sum, label) => sum + (totals.get(label) ?? 0), 0);
    rows.push({ label: OTHER_LABEL, value, isOther: true, count: folded.length });
  }
  return rows;
}

export function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

/** Truncates every label and keeps them distinct, since a nominal axis would merge equal names. */
export function displayLabels(labels: readonly string[], max = MAX_LABEL_CHARS): string[] {
  const seen = new Map<string, number>();
  return labels.map((label) => {
    const short = truncateLabel(label, max);
    const count = (seen.get(short) ?? 0) + 1;
    seen.set(short, count);
    return count === 1 ? short : `${truncateLabel(label, max - 4)} (${count})`;
  });
}
