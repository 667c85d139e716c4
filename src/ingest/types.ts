export type BillingFormat = 'focus' | 'cur2' | 'cur-legacy';

export type IngestProgress =
  | { type: 'file-started'; path: string; index: number; total: number }
  | { type: 'file-done'; path: string; index: number; total: number; format: BillingFormat; rows: number }
  /** Rows written to line_items so far in this call (one event per delivery written). */
  | { type: 'rows-loaded'; rows: number; totalRows: number };

export interface IngestOptions {
  /** Clock for `ingested_at`; injected in tests. */
  now?: () => Date;
  onProgress?: (event: IngestProgress) => void;
}

export interface IngestFileReport {
  path: string;
  format: BillingFormat;
  rows: number;
}

export interface IngestPeriodReport {
  provider: string;
  billingAccountId: string;
  /** YYYY-MM */
  billingPeriod: string;
  rows: number;
  billedCost: number;
  effectiveCost: number;
  /** The id of the stored delivery this one replaced. */
  replaced?: string;
}

export interface IngestSkip {
  path: string;
  reason: string;
}

export interface IngestReport {
  files: IngestFileReport[];
  periods: IngestPeriodReport[];
  skipped: IngestSkip[];
  warnings: string[];
  rowsPerSecond: number;
}

/** A column of a source file as DuckDB sees it. */
export interface SourceColumn {
  name: string;
  type: string;
}
