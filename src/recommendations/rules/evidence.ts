import type { TimeRange } from '../../domain/index.ts';
import type { MetricSummary } from '../../inventory/index.ts';
import type { Evidence } from '../model.ts';

/** Days covered by a metric summary (hourly datapoints / 24). */
export function metricDays(summary: MetricSummary | undefined): number {
  return summary ? summary.datapoints / 24 : 0;
}

export function percentileEvidence(
  name: string,
  summary: MetricSummary,
  statistic: 'p50' | 'p95' | 'p99' | 'max',
  unit: string,
  window: TimeRange,
  threshold?: string,
): Evidence {
  return {
    name: `${name} ${statistic}`,
    value: round(summary[statistic], unit === '%' ? 1 : 0),
    unit,
    window: { start: window.start, end: window.end },
    datapoints: summary.datapoints,
    ...(threshold ? { threshold } : {}),
  };
}

export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function usd(value: number): string {
  return `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** A price as people read it: `$0.504/hour`, `$0.08/GB-month`. */
export function perUnit(value: number, unit: string): string {
  return `$${Number(value.toPrecision(6))}/${unit}`;
}

export function bytes(value: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let scaled = value;
  let index = 0;
  while (scaled >= 1000 && index < units.length - 1) {
    scaled /= 1000;
    index++;
  }
  return `${Number(scaled.toPrecision(3))} ${units[index]}`;
}

export function daysBetweenIso(from: string, to: Date): number {
  return Math.floor((to.getTime() - new Date(from).getTime()) / 86_400_000);
}
