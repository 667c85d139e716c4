import type {
  ChargeCategory,
  CostFilter,
  CostQueryInput,
  CostTable,
  DataSource,
  Dimension,
  Metric,
  TimeRange,
} from '../domain/index.ts';

/** Names the data holds, for resolving what people type ("prod", "EC2", "team"). */
export interface DataCatalog {
  services: { name: string; code?: string; category?: string }[];
  accounts: { id: string; name?: string }[];
  regions: string[];
  tagKeys: string[];
  tagValues: Record<string, string[]>;
  usageTypes: string[];
  dataRange?: TimeRange;
}

export interface PeriodSelection {
  filters?: CostFilter[];
  metric?: Metric;
  chargeCategories?: ChargeCategory[];
}

export interface ComparisonRow {
  key: string | null;
  label?: string;
  previous: number;
  current: number;
  delta: number;
}

export interface PeriodComparison {
  current: TimeRange;
  previous: TimeRange;
  metric: Metric;
  filters: CostFilter[];
  chargeCategories?: ChargeCategory[];
  groupBy?: Dimension;
  currentTotal: number;
  previousTotal: number;
  delta: number;
  /** Per group, largest absolute change first; the top `limit` and one "(other)" row. */
  rows: ComparisonRow[];
  currency: string;
  source: DataSource;
}

export interface ChangeDriver {
  dimension: Dimension;
  key: string | null;
  label?: string;
  previous: number;
  current: number;
  delta: number;
  /** True for the row that folds every smaller driver of its level. */
  isOther: boolean;
  children: ChangeDriver[];
}

export interface ChangeExplanation {
  current: TimeRange;
  previous: TimeRange;
  metric: Metric;
  filters: CostFilter[];
  chargeCategories?: ChargeCategory[];
  currentTotal: number;
  previousTotal: number;
  delta: number;
  /** The levels drilled through, outermost first (service → account → usage type → resource). */
  levels: Dimension[];
  /** Top-level drivers; at every level the deltas of the children sum exactly to the parent's. */
  drivers: ChangeDriver[];
  currency: string;
  source: DataSource;
}

export interface ExplainChangeInput extends PeriodSelection {
  current: TimeRange;
  previous: TimeRange;
  levels?: Dimension[];
  /** Drivers kept per level before the rest is folded into "(other)". */
  topPerLevel?: number;
}

export interface CompareInput extends PeriodSelection {
  current: TimeRange;
  previous: TimeRange;
  groupBy?: Dimension;
  limit?: number;
}

/**
 * The cost engine port: every figure the copilot states comes from here. The DuckDB
 * implementation runs over the embedded FOCUS table; a live Cost Explorer implementation can sit
 * behind the same port.
 */
export interface CostEngine {
  query(query: CostQueryInput): Promise<CostTable>;
  compare(input: CompareInput): Promise<PeriodComparison>;
  explainChange(input: ExplainChangeInput): Promise<ChangeExplanation>;
  catalog(): Promise<DataCatalog>;
  source(): Promise<DataSource>;
}
