import { formatDateLabel } from './format.ts';

/**
 * Chart x values arrive as strings. Dates become a UTC time axis (so a viewer's time zone never
 * shifts a day; vega-lite picks UTC formatting from the utc scale), anything else stays a
 * category axis in the given order.
 */
export type TimeKind = 'day' | 'month' | 'instant' | 'category';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;

export function detectTimeKind(xs: readonly string[]): TimeKind {
  if (xs.length === 0) return 'category';
  if (xs.every((x) => DAY.test(x))) return 'day';
  if (xs.every((x) => MONTH.test(x))) return 'month';
  if (xs.every((x) => INSTANT.test(x) && !Number.isNaN(Date.parse(x)))) return 'instant';
  return 'category';
}

/** A value vega parses unambiguously as UTC: months get a day, instants without a zone get Z. */
export function toTimeValue(x: string, kind: TimeKind): string {
  if (kind === 'month') return `${x}-01T00:00:00Z`;
  if (kind === 'day') return `${x}T00:00:00Z`;
  if (kind === 'instant')
    return /(Z|[+-]\d{2}:?\d{2})$/.test(x) ? x.replace(' ', 'T') : `${x.replace(' ', 'T')}Z`;
  return x;
}

/** vega-lite x encoding for the kind: readable dates ("Nov 3", "Nov 2026") and not too many ticks. */
export function xEncoding(
  kind: TimeKind,
  field: string,
  buckets: number,
  order?: readonly string[],
  spanDays = 0,
): Record<string, unknown> {
  const axisBase = { title: null, grid: false, labelOverlap: true, labelPadding: 6 };
  // A tick per day on a 90-day chart is noise; about ten labelled ticks reads well at 800 px.
  const step = Math.max(1, Math.ceil(buckets / 10));
  switch (kind) {
    case 'day':
      return {
        field,
        type: 'temporal',
        scale: { type: 'utc' },
        axis: { ...axisBase, format: '%b %-d', tickCount: { interval: 'day', step } },
      };
    case 'month':
      return {
        field,
        type: 'temporal',
        scale: { type: 'utc' },
        axis: {
          ...axisBase,
          format: '%b %Y',
          tickCount: { interval: 'month', step: Math.max(1, Math.ceil(buckets / 12)) },
        },
      };
    case 'instant':
      // Hourly samples over days read best as dates; within two days the hour is what matters.
      return {
        field,
        type: 'temporal',
        scale: { type: 'utc' },
        axis:
          spanDays >= 2
            ? {
                ...axisBase,
                format: '%b %-d',
                tickCount: { interval: 'day', step: Math.max(1, Math.ceil(spanDays / 10)) },
              }
            : { ...axisBase, format: '%b %-d %H:%M' },
      };
    case 'category':
      return {
        field,
        type: 'ordinal',
        sort: order ? [...order] : null,
        axis: { ...axisBase, labelAngle: 0 },
      };
  }
}

/** A short category label for a bucket: "Nov 3" for days, "Nov 2026" for months. */
export function bucketLabel(x: string, kind: TimeKind): string {
  return kind === 'day' ? formatDateLabel(x, false) : formatDateLabel(x);
}

/** Days between the earliest and latest instant, for choosing the axis labels. */
export function spanInDays(xs: readonly string[]): number {
  const times = xs.map((x) => Date.parse(x)).filter((time) => Number.isFinite(time));
  if (times.length === 0) return 0;
  return (Math.max(...times) - Math.min(...times)) / 86_400_000;
}
