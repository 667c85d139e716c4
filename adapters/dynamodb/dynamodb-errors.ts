import { FinopsError } from '../../src/errors.ts';

/** Errors the SDK has already retried (with backoff) before they reach us; retrying later may help. */
const RETRYABLE_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TransactionConflictException',
  'TransactionInProgressException',
]);

const PERMISSION_ERRORS = new Set(['AccessDeniedException', 'UnrecognizedClientException']);

/**
 * Turns an AWS SDK error into the project's error, with a message that says how to fix it. SDK
 * messages name tables and keys, never credentials, so they are kept.
 */
export function toStateStoreError(error: unknown, action: string, tableName: string): FinopsError {
  if (error instanceof FinopsError) return error;
  const name = (error as { name?: unknown } | null)?.name;
  const detail = error instanceof Error ? error.message : String(error);
  if (name === 'ResourceNotFoundException') {
    return new FinopsError(
      'finops_state_error',
      `DynamoDB table ${tableName} does not exist in this account and region: create it with createStateTable() from adapters/dynamodb, or with the aws CLI command in adapters/dynamodb/README.md`,
      { cause: error },
    );
  }
  if (typeof name === 'string' && PERMISSION_ERRORS.has(name)) {
    return new FinopsError(
      'finops_state_error',
      `DynamoDB refused ${action} on table ${tableName} (${name}): ${detail}. Check the credentials and that their IAM policy allows the actions listed in adapters/dynamodb/README.md`,
      { cause: error },
    );
  }
  const sdkRetryable = (error as { $retryable?: unknown } | null)?.$retryable !== undefined;
  return new FinopsError(
    'finops_state_error',
    `DynamoDB ${action} on table ${tableName} failed (${typeof name === 'string' ? name : 'unknown error'}): ${detail}`,
    { cause: error, isRetryable: sdkRetryable || (typeof name === 'string' && RETRYABLE_ERRORS.has(name)) },
  );
}
