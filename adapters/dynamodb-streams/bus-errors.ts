import { FinopsError } from '../../src/errors.ts';

const RETRYABLE_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'LimitExceededException',
  'InternalServerError',
  'ServiceUnavailable',
]);

const PERMISSION_ERRORS = new Set(['AccessDeniedException', 'UnrecognizedClientException']);

export function errorName(error: unknown): string | undefined {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : undefined;
}

/**
 * Turns an AWS SDK error from DynamoDB or DynamoDB Streams into the project's error, with a
 * message that says how to fix it. SDK messages name tables, streams and shards, never credentials.
 */
export function toBusError(error: unknown, action: string, tableName: string): FinopsError {
  if (error instanceof FinopsError) return error;
  const name = errorName(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (name === 'ResourceNotFoundException') {
    return new FinopsError(
      'finops_state_error',
      `${action} on the A2A bus table ${tableName} failed: the table or its stream does not exist (${detail}). Create it with createBusTable() from adapters/dynamodb-streams, or with the aws CLI commands in adapters/dynamodb-streams/README.md`,
      { cause: error },
    );
  }
  if (name !== undefined && PERMISSION_ERRORS.has(name)) {
    return new FinopsError(
      'finops_state_error',
      `AWS refused ${action} on the A2A bus table ${tableName} (${name}): ${detail}. Check the credentials and that their IAM policy allows the actions listed in adapters/dynamodb-streams/README.md`,
      { cause: error },
    );
  }
  const sdkRetryable = (error as { $retryable?: unknown } | null)?.$retryable !== undefined;
  return new FinopsError(
    'finops_state_error',
    `${action} on the A2A bus table ${tableName} failed (${name ?? 'unknown error'}): ${detail}`,
    { cause: error, isRetryable: sdkRetryable || (name !== undefined && RETRYABLE_ERRORS.has(name)) },
  );
}
