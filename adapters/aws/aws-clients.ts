import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CostExplorerClient, type CostExplorerClientConfig } from '@aws-sdk/client-cost-explorer';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { STSClient } from '@aws-sdk/client-sts';
import type { CallOptions } from '../../mcp/contracts/common.ts';
import type { Config } from '../../src/config.ts';
import { FinopsError } from '../../src/errors.ts';
import { type AssumedRoleCredentials, createAssumedRoleCredentials } from './assumed-role-credentials.ts';
import type { AwsService } from './aws-errors.ts';
import type { AttemptCounter, RetryPolicy } from './aws-retry.ts';

/** Cost Explorer is global: its only commercial endpoint is ce.us-east-1.amazonaws.com. */
export const COST_EXPLORER_REGION = 'us-east-1';
/** STS has regional endpoints; without a configured region the global partition's is used. */
const DEFAULT_STS_REGION = 'us-east-1';

export type AwsCredentials = NonNullable<CostExplorerClientConfig['credentials']>;

/** Where one call goes: the region it reads and, for cross-account reads, the role it assumes. */
export interface AwsTarget {
  region: string;
  roleArn?: string | undefined;
}

export interface AwsClientFactoryOptions {
  config: Config['aws'];
  now: () => Date;
  retry: RetryPolicy;
  /** Base credentials; omitted = the SDK's default chain (environment, profile, SSO, instance role). */
  credentials?: AwsCredentials | undefined;
  /** Counts STS attempts into the stats. */
  stsCounter?: AttemptCounter | undefined;
}

export interface AwsClientFactory {
  /** The region and role a call to `service` uses: the call's own, else the configured ones. */
  target(service: Exclude<AwsService, 'sts'>, options?: CallOptions): AwsTarget;
  costExplorer(target: AwsTarget): CostExplorerClient;
  cloudwatch(target: AwsTarget): CloudWatchClient;
  tagging(target: AwsTarget): ResourceGroupsTaggingAPIClient;
  destroy(): void;
}

type AnyClient = CostExplorerClient | CloudWatchClient | ResourceGroupsTaggingAPIClient | STSClient;

/**
 * Builds the SDK clients on first use, one per service, region and role, and keeps them. Every
 * client is built with maxAttempts 1: throttling is retried by our own loop (aws-retry.ts), with
 * the backoff the issue asks for, observable in tests and counted in the stats.
 */
export function createAwsClientFactory(options: AwsClientFactoryOptions): AwsClientFactory {
  const { config } = options;
  const clients = new Map<string, AnyClient>();
  let roles: AssumedRoleCredentials | undefined;
  let sts: STSClient | undefined;

  function common(region: string) {
    return {
      region,
      maxAttempts: 1,
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    };
  }

  function baseCredentials() {
    return options.credentials ? { credentials: options.credentials } : {};
  }

  function assumedRoles(): AssumedRoleCredentials {
    sts ??= new STSClient({ ...common(config.region ?? DEFAULT_STS_REGION), ...baseCredentials() });
    roles ??= createAssumedRoleCredentials({
      sts,
      now: options.now,
      retry: options.retry,
      counter: options.stsCounter,
    });
    return roles;
  }

  function credentialsFor(target: AwsTarget) {
    const { roleArn } = target;
    if (!roleArn) return baseCredentials();
    // Marked as memoized so the SDK asks us before every request instead of keeping the identity by
    // the wall clock: our cache refreshes by the injected clock, five minutes before expiry.
    const provider: AwsCredentials = Object.assign(() => assumedRoles().get(roleArn), { memoized: true });
    return { credentials: provider };
  }

  function cached<C extends AnyClient>(service: string, target: AwsTarget, build: () => C): C {
    const key = `${service}|${target.region}|${target.roleArn ?? ''}`;
    const existing = clients.get(key);
    if (existing) return existing as C;
    const client = build();
    clients.set(key, client);
    return client;
  }

  return {
    target(service, callOptions) {
      const roleArn = callOptions?.roleArn ?? config.roleArn;
      if (service === 'ce') return { region: COST_EXPLORER_REGION, roleArn };
      const region = callOptions?.region ?? config.region;
      if (!region) {
        throw new FinopsError(
          'finops_config_error',
          `live AWS ${service === 'tag' ? 'tagging' : 'CloudWatch'} calls need a region: pass region (e.g. "eu-west-1") in the call or set AWS_REGION`,
        );
      }
      return { region, roleArn };
    },
    costExplorer: (target) =>
      cached(
        'ce',
        target,
        () => new CostExplorerClient({ ...common(target.region), ...credentialsFor(target) }),
      ),
    cloudwatch: (target) =>
      cached(
        'cloudwatch',
        target,
        () => new CloudWatchClient({ ...common(target.region), ...credentialsFor(target) }),
      ),
    tagging: (target) =>
      cached(
        'tag',
        target,
        () => new ResourceGroupsTaggingAPIClient({ ...common(target.region), ...credentialsFor(target) }),
      ),
    destroy() {
      for (const client of clients.values()) client.destroy();
      clients.clear();
      sts?.destroy();
    },
  };
}
