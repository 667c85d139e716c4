import { FinopsError } from '../../../src/errors.ts';

/** Service errors worth retrying later (the orchestrator answers deterministically meanwhile). */
const RETRYABLE = new Set([
  'ThrottlingException',
  'ServiceQuotaExceededException',
  'InternalServerException',
  'BadGatewayException',
  'DependencyFailedException',
  'ModelNotReadyException',
  'ConflictException',
]);

interface ServiceErrorLike {
  name?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: number | undefined } | undefined;
}

/**
 * Any failure of the Bedrock call or its stream as a `finops_model_error`: throttling (HTTP 429
 * or a `throttlingException` event), access denied (naming the IAM action), other service
 * errors, network failures. `action` is `bedrock:InvokeInlineAgent` or `bedrock:InvokeAgent`.
 */
export function modelError(error: unknown, action: string): FinopsError {
  if (error instanceof FinopsError) return error;
  const details = (typeof error === 'object' && error !== null ? error : {}) as ServiceErrorLike;
  const name = typeof details.name === 'string' ? details.name : 'Error';
  const message = typeof details.message === 'string' ? details.message : String(error);
  const status = details.$metadata?.httpStatusCode;
  if (name === 'ThrottlingException' || status === 429) {
    return new FinopsError(
      'finops_model_error',
      `Bedrock throttled ${action} (${name}${status ? `, HTTP ${status}` : ''}): ${message}; the deterministic planner answers this turn, and a later one may use the model again`,
      { cause: error, isRetryable: true },
    );
  }
  if (name === 'AccessDeniedException' || status === 403) {
    return new FinopsError(
      'finops_model_error',
      `Bedrock refused ${action} (${name}): ${message}; give the copilot's role the IAM permission ${action} on the model or agent alias`,
      { cause: error, isRetryable: false },
    );
  }
  return new FinopsError('finops_model_error', `Bedrock ${action} failed (${name}): ${message}`, {
    cause: error,
    isRetryable: RETRYABLE.has(name) || (status !== undefined && status >= 500),
  });
}
