import { describe, expect, it } from 'vitest';
import { isThrottling, redact, toAwsError } from '../../../adapters/aws/aws-errors.ts';
import { backoffDelay } from '../../../adapters/aws/aws-retry.ts';

function sdkError(name: string, message: string, status?: number): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

describe('toAwsError', () => {
  it('should turn refused credentials into a config error that says how to supply them', () => {
    const error = toAwsError(
      sdkError('UnrecognizedClientException', 'The security token is invalid', 400),
      'ce',
      'GetTags',
    );
    expect(error.code).toBe('finops_config_error');
    expect(error.message).toMatch(/did not accept the credentials for ce:GetTags .* AWS_PROFILE/);
  });

  it('should mark server errors retryable and keep the operation in the message', () => {
    const error = toAwsError(sdkError('InternalFailure', 'boom', 500), 'tag', 'GetResources');
    expect(error).toMatchObject({ code: 'finops_query_error', isRetryable: true });
    expect(error.message).toBe('AWS tag:GetResources failed (InternalFailure): boom');
  });

  it('should report missing Cost Explorer data as no data', () => {
    const error = toAwsError(
      sdkError('DataUnavailableException', 'no data', 400),
      'ce',
      'GetSavingsPlansUtilization',
    );
    expect(error.code).toBe('finops_no_data');
  });
});

describe('redact', () => {
  it('should remove access key ids, signatures and canonical request dumps', () => {
    const text =
      'key AKIAIOSFODNN7EXAMPLE and ASIAY34FZKBOKMUTVV7A; X-Amz-Security-Token=FQoGZXIvYXdzEJr&Signature=abc123 The Canonical String for this request should have been POST / host:ce';
    const clean = redact(text);
    expect(clean).not.toMatch(/AKIAIOSFODNN7EXAMPLE|ASIAY34FZKBOKMUTVV7A|FQoGZXIvYXdzEJr|abc123|host:ce/);
    expect(clean).toContain('<access-key-id>');
  });
});

describe('isThrottling', () => {
  it('should recognise throttling by name and by HTTP status only', () => {
    expect(isThrottling(sdkError('TooManyRequestsException', 'x', 400))).toBe(true);
    expect(isThrottling(sdkError('RequestLimitExceeded', 'x', 400))).toBe(true);
    expect(isThrottling(sdkError('Whatever', 'x', 503))).toBe(true);
    expect(isThrottling(sdkError('AccessDeniedException', 'x', 403))).toBe(false);
  });
});

describe('backoffDelay', () => {
  it('should wait between half and all of the exponential ceiling, capped at maxDelayMs', () => {
    const policy = { baseDelayMs: 200, maxDelayMs: 5000 };
    expect(backoffDelay(1, { ...policy, random: () => 0 })).toBe(100);
    expect(backoffDelay(3, { ...policy, random: () => 1 })).toBe(800);
    expect(backoffDelay(10, { ...policy, random: () => 0 })).toBe(2500);
    expect(backoffDelay(10, { ...policy, random: () => 1 })).toBe(5000);
  });
});
