/**
 * One error hierarchy for the whole project. Every error carries a string `code`, an optional
 * `cause`, and whether retrying could help. `message` is written for the person who has to fix the
 * problem: it says what was expected and, where possible, how to fix it.
 */
export type FinopsErrorCode =
  | 'finops_invalid_input'
  | 'finops_ingest_error'
  | 'finops_not_billing_data'
  | 'finops_no_data'
  | 'finops_query_error'
  | 'finops_config_error'
  | 'finops_state_error'
  | 'finops_condition_failed'
  | 'finops_not_found'
  | 'finops_not_authorised'
  | 'finops_decision_conflict'
  /** A language model failed, throttled, timed out or broke a guardrail; the deterministic path answers. */
  | 'finops_model_error'
  | 'finops_unknown_error';

export interface FinopsErrorOptions {
  cause?: unknown;
  isRetryable?: boolean;
}

export class FinopsError extends Error {
  readonly code: FinopsErrorCode;
  readonly isRetryable: boolean;

  constructor(code: FinopsErrorCode, message: string, options: FinopsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FinopsError';
    this.code = code;
    this.isRetryable = options.isRetryable ?? false;
  }
}

/** Raised by ingest: names the file, and where known the column or row, and what was expected. */
export class IngestError extends FinopsError {
  readonly file: string | undefined;
  readonly column: string | undefined;
  readonly row: number | undefined;

  constructor(
    message: string,
    details: {
      file?: string;
      column?: string;
      row?: number;
      code?: 'finops_ingest_error' | 'finops_not_billing_data';
    } & FinopsErrorOptions = {},
  ) {
    super(details.code ?? 'finops_ingest_error', message, details);
    this.name = 'IngestError';
    this.file = details.file;
    this.column = details.column;
    this.row = details.row;
  }
}

/**
 * A StateStore write whose condition did not hold; nothing was written. `operationIndex` names the
 * failing operation of a transaction (0 for a single put or delete).
 */
export class ConditionFailedError extends FinopsError {
  readonly partition: string;
  readonly sort: string;
  readonly operationIndex: number;

  constructor(details: { partition: string; sort: string; operationIndex?: number; cause?: unknown }) {
    super(
      'finops_condition_failed',
      `the write to ${details.partition} / ${details.sort} was refused because its condition no longer holds; read the item again and retry`,
      { cause: details.cause },
    );
    this.name = 'ConditionFailedError';
    this.partition = details.partition;
    this.sort = details.sort;
    this.operationIndex = details.operationIndex ?? 0;
  }
}

export function isFinopsError(value: unknown): value is FinopsError {
  return value instanceof FinopsError;
}

/** Turns any thrown value into a FinopsError, keeping the original as `cause`. */
export function asFinopsError(value: unknown): FinopsError {
  if (isFinopsError(value)) return value;
  const message = value instanceof Error ? value.message : String(value);
  return new FinopsError('finops_unknown_error', message, { cause: value });
}
