import type { CostFilter, DataSource, Metric, TimeRange } from '../../../src/domain/index.ts';
import { METRIC_ALIASES, METRICS } from '../../../src/domain/index.ts';
import type { Provenance } from '../../contracts/common.ts';
import type { METRIC_NAMES } from '../../contracts/cost-explorer.ts';

export type MetricName = (typeof METRIC_NAMES)[number];

/**
 * Cost Explorer's metric names → the FOCUS column the embedded data holds: unblended is billed
 * cost; amortized and net amortized are both effective cost (FOCUS amortises commitments and
 * nets discounts in one column, so the two cannot be told apart here).
 */
export function engineMetric(name: MetricName): Metric {
  if ((METRICS as readonly string[]).includes(name)) return name as Metric;
  const alias = METRIC_ALIASES[name.toLowerCase()];
  return alias ?? 'EffectiveCost';
}

/** How the metric is named in provenance: the requested name, and the column when they differ. */
export function metricLabel(name: MetricName): string {
  const metric = engineMetric(name);
  return metric === name ? metric : `${name} (computed as ${metric})`;
}

export function provenanceOf(
  source: DataSource,
  details: { metric?: MetricName; period?: TimeRange; filters?: CostFilter[] } = {},
): Provenance {
  return {
    source: source.name,
    kind: source.kind,
    ...(source.dataThrough ? { data_through: source.dataThrough } : {}),
    currency: source.currency,
    ...(details.metric ? { metric: metricLabel(details.metric) } : {}),
    ...(details.period ? { period: { start: details.period.start, end: details.period.end } } : {}),
    ...(details.filters ? { filters: details.filters } : {}),
  };
}
