import { FinopsError } from '../../src/errors.ts';

/** The services the live backends call, and the IAM service prefix of each. */
export type AwsService = 'ce' | 'cloudwatch' | 'tag' | 'sts';

/**
 * Every operation the live backends call, by service, with the IAM action it needs. The IAM
 * policy in infra/iam/ lists exactly these actions (a test keeps the two in step).
 */
export const IAM_ACTIONS = {
  ce: [
    'GetCostAndUsage',
    'GetCostForecast',
    'GetDimensionValues',
    'GetTags',
    'GetAnomalies',
    'GetSavingsPlansCoverage',
    'GetSavingsPlansUtilization',
  ],
  cloudwatch: ['GetMetricData'],
  tag: ['GetResources', 'GetTagKeys', 'GetTagValues'],
  sts: ['AssumeRole'],
} as const satisfies Record<AwsService, readonly string[]>;

export type AwsOperation<S extends AwsService> = (typeof IAM_ACTIONS)[S][number];

export function iamAction(service: AwsService, operation: string): string {
  return `${service}:${operation}`;
}

export const IAM_POLICY_PATH = 'infra/iam/finops-copilot-readonly-policy.json';

const THROTTLING_ERRORS = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'LimitExceededException',
  'RequestLimitExceeded',
]);

const ACCESS_DENIED_ERRORS = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedException',
]);

/** Cost Explorer's answer when the account has no data for the request yet. */
const NO_DATA_ERRORS = new Set(['DataUnavailableException', 'BillExpirationException']);

const CREDENTIAL_ERRORS = new Set([
  'CredentialsProviderError',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'ExpiredToken',
  'ExpiredTokenException',
  'SignatureDoesNotMatch',
  'InvalidSignatureException',
]);

interface SdkErrorShape {
  name?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  $retryable?: unknown;
}

export function errorName(error: unknown): string | undefined {
  const name = (error as SdkErrorShape | null)?.name;
  return typeof name === 'string' ? name : undefined;
}

function httpStatus(error: unknown): number | undefined {
  const status = (error as SdkErrorShape | null)?.$metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Throttled by AWS: worth waiting and trying again. */
export function isThrottling(error: unknown): boolean {
  const name = errorName(error);
  if (name !== undefined && THROTTLING_ERRORS.has(name)) return true;
  const status = httpStatus(error);
  return status === 429 || status === 503;
}

/**
 * AWS messages can quote an access key id or, for signature errors, the string that was signed;
 * neither belongs in a chat or a log.
 */
export function redact(text: string): string {
  return text
    .replace(/\b(AKIA|ASIA)[A-Z0-9]{12,}\b/g, '<access-key-id>')
    .replace(/(Signature|Credential|X-Amz-Security-Token|SessionToken)=[^\s,&'"]+/gi, '$1=<redacted>')
    .replace(/The Canonical String for this request should have been[\s\S]*/i, '(details withheld)');
}

/**
 * Turns an AWS SDK error into the project's error with a message that says how to fix it. Access
 * denied names the IAM action and the policy file; AWS's own message is kept (redacted) because it
 * names the principal and resource, which is what an operator needs.
 */
export function toAwsError(error: unknown, service: AwsService, operation: string): FinopsError {
  if (error instanceof FinopsError) return error;
  const name = errorName(error) ?? 'UnknownError';
  const detail = redact(error instanceof Error ? error.message : String(error));
  const action = iamAction(service, operation);
  if (ACCESS_DENIED_ERRORS.has(name)) {
    return new FinopsError(
      'finops_not_authorised',
      `AWS refused ${action} (${name}): the credentials or assumed role lack the IAM permission ${action}. Attach the read-only policy in ${IAM_POLICY_PATH} to the role or user and retry. AWS said: ${detail}`,
      { cause: error },
    );
  }
  if (CREDENTIAL_ERRORS.has(name)) {
    return new FinopsError(
      'finops_config_error',
      `AWS did not accept the credentials for ${action} (${name}): set AWS_PROFILE or AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, or refresh an expired session (aws sso login), then retry`,
      { cause: error },
    );
  }
  if (NO_DATA_ERRORS.has(name)) {
    return new FinopsError(
      'finops_no_data',
      `AWS has no data for ${action} (${name}): ${detail}. Cost Explorer needs to be enabled and holds at most 14 months of history; choose a period it covers`,
      { cause: error },
    );
  }
  if (name === 'ValidationException' || name === 'InvalidParameterValueException') {
    return new FinopsError(
      'finops_invalid_input',
      `AWS rejected the ${action} request (${name}): ${detail}. Check the arguments and retry`,
      { cause: error },
    );
  }
  const status = httpStatus(error);
  const retryable =
    isThrottling(error) ||
    (error as SdkErrorShape | null)?.$retryable !== undefined ||
    (status !== undefined && status >= 500);
  return new FinopsError('finops_query_error', `AWS ${action} failed (${name}): ${detail}`, {
    cause: error,
    isRetryable: retryable,
  });
}
