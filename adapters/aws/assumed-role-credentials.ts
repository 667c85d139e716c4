import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import { z } from 'zod';
import { FinopsError } from '../../src/errors.ts';
import { type AttemptCounter, callWithRetry, type RetryPolicy } from './aws-retry.ts';

export const ROLE_SESSION_NAME = 'finops-copilot';
/** Temporary credentials are replaced this long before they expire, so no call starts with stale ones. */
export const CREDENTIAL_REFRESH_MARGIN_MS = 5 * 60 * 1000;
const ROLE_SESSION_SECONDS = 3600;

export interface TemporaryCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

export interface AssumedRoleCredentials {
  /** The role's temporary credentials, from cache until 5 minutes before they expire. */
  get(roleArn: string, signal?: AbortSignal): Promise<TemporaryCredentials>;
}

const assumeRoleResponseSchema = z.object({
  Credentials: z.object({
    AccessKeyId: z.string().min(1),
    SecretAccessKey: z.string().min(1),
    SessionToken: z.string().min(1),
    Expiration: z.date(),
  }),
});

/**
 * Cross-account reads: STS AssumeRole per role ARN, one request in flight per role however many
 * calls ask at once, cached in memory only (credentials never go to the StateStore or a log).
 */
export function createAssumedRoleCredentials(options: {
  sts: STSClient;
  now: () => Date;
  retry: RetryPolicy;
  counter?: AttemptCounter | undefined;
}): AssumedRoleCredentials {
  const cache = new Map<string, TemporaryCredentials>();
  const pending = new Map<string, Promise<TemporaryCredentials>>();

  async function assume(roleArn: string, signal: AbortSignal | undefined): Promise<TemporaryCredentials> {
    const output = await callWithRetry(
      () =>
        options.sts.send(
          new AssumeRoleCommand({
            RoleArn: roleArn,
            RoleSessionName: ROLE_SESSION_NAME,
            DurationSeconds: ROLE_SESSION_SECONDS,
          }),
          signal ? { abortSignal: signal } : {},
        ),
      { service: 'sts', operation: 'AssumeRole', signal },
      options.retry,
      options.counter,
    );
    const parsed = assumeRoleResponseSchema.safeParse(output);
    if (!parsed.success) {
      throw new FinopsError(
        'finops_query_error',
        `STS AssumeRole for ${roleArn} answered without complete credentials; check the role's trust policy and retry`,
      );
    }
    const { Credentials: credentials } = parsed.data;
    return {
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretAccessKey,
      sessionToken: credentials.SessionToken,
      expiration: credentials.Expiration,
    };
  }

  return {
    async get(roleArn, signal) {
      const cached = cache.get(roleArn);
      if (cached && cached.expiration.getTime() - CREDENTIAL_REFRESH_MARGIN_MS > options.now().getTime()) {
        return cached;
      }
      const inFlight = pending.get(roleArn);
      if (inFlight) return inFlight;
      const request = assume(roleArn, signal)
        .then((credentials) => {
          cache.set(roleArn, credentials);
          return credentials;
        })
        .finally(() => pending.delete(roleArn));
      pending.set(roleArn, request);
      return request;
    },
  };
}
