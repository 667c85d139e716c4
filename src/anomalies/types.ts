import type { Dimension } from '../domain/index.ts';

/** One day's cost. Missing days are zero-cost days to the detector (billing data omits them). */
export interface DailyValue {
  /** YYYY-MM-DD (UTC). */
  date: string;
  value: number;
}

/** One day seen against its baseline; `expected`, `lower`, `upper` are NaN-free. */
export interface AnomalyPoint {
  date: string;
  actual: number;
  expected: number;
  lower: number;
  upper: number;
  isAnomaly: boolean;
}

/** A run of anomalous days in one series, consecutive days merged. */
export interface SeriesAnomaly {
  start: string;
  /** Exclusive. */
  end: string;
  days: number;
  /** Sums over the anomaly's days. */
  actual: number;
  expected: number;
  lower: number;
  upper: number;
  /** actual − expected, summed over the days: positive for a rise, negative for a drop. */
  impact: number;
  /** The largest distance from the expected value, in band half-widths (≥ 1 on a flagged day). */
  score: number;
  /** Every day of the anomaly, with the band, for charts. */
  points: AnomalyPoint[];
}

export type AnomalyDimension = 'service' | 'sub_account' | 'usage_type';

/** One dimension's share of what moved, from the anomaly window against its baseline. */
export interface RootCauseItem {
  dimension: Dimension;
  key: string | null;
  label?: string;
  /** Change against the baseline, in the metric's currency. */
  delta: number;
  /** delta / the anomaly's total change: 1 means this value explains all of it. */
  share: number;
}

/** The same event seen in another series, folded into one anomaly. */
export interface RelatedAnomaly {
  dimension: AnomalyDimension;
  key: string;
  label?: string;
  start: string;
  end: string;
  impact: number;
}

export interface CostAnomaly extends SeriesAnomaly {
  /** Stable for the same data: `<dimension>:<key>:<start>`. */
  id: string;
  dimension: AnomalyDimension;
  key: string;
  label?: string;
  severity: 'low' | 'medium' | 'high';
  direction: 'increase' | 'decrease';
  /** Strongest movers first, across usage type, resource, region, account, service and tag. */
  rootCause: RootCauseItem[];
  /** The same event seen per service, account or usage type, de-duplicated into this one. */
  related: RelatedAnomaly[];
  /** The band from three weeks before to three weeks after the anomaly (to the data's end), for charts. */
  context: AnomalyPoint[];
}
