import type { CloudWatchBackend } from '../../mcp/contracts/cloudwatch.ts';
import type { CostExplorerBackend } from '../../mcp/contracts/cost-explorer.ts';
import type { TaggingBackend } from '../../mcp/contracts/tagging.ts';
import type { Config } from '../../src/config.ts';
import { DEFAULT_RULE_POLICY } from '../../src/recommendations/policy.ts';
import type { StateStore } from '../../src/state/state-store.ts';
import { type AwsStats, createAwsCaller } from './aws-caller.ts';
import { type AwsClientFactory, type AwsCredentials, createAwsClientFactory } from './aws-clients.ts';
import { createAwsCloudWatchBackend } from './aws-cloudwatch-backend.ts';
import { createAwsCostExplorerBackend } from './aws-cost-explorer-backend.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './aws-retry.ts';
import { createAwsTaggingBackend } from './aws-tagging-backend.ts';
import { createResponseCache } from './response-cache.ts';

export interface AwsBackendsOptions {
  config: Config['aws'];
  /** Caches API responses (partition `aws-cache#<service>`) with a TTL of config.cacheTtlSeconds. */
  store: StateStore;
  /** The clock of cache expiry and of assumed-role credential refresh: pass a live clock in servers. */
  now: () => Date;
  /** Keys the tag compliance report requires; default the rule policy's (team, env, cost-center, owner). */
  requiredTags?: string[] | undefined;
  /** Base credentials; omitted = the SDK default chain. Tests pass static fake ones. */
  credentials?: AwsCredentials | undefined;
  /** Override the SDK client factory (tests); default built from config on first use. */
  clients?: AwsClientFactory | undefined;
  /** Throttling backoff; tests inject `sleep` and `random`. */
  retry?: Partial<RetryPolicy> | undefined;
}

export interface AwsBackends {
  costExplorer: CostExplorerBackend;
  cloudwatch: CloudWatchBackend;
  tagging: TaggingBackend;
  /** Requests made, served from cache and throttled, per service; Cost Explorer dollars spent and saved. */
  stats(): AwsStats;
  /** Releases the SDK clients' sockets. */
  close(): void;
}

/**
 * The three live backends sharing one client factory, one retry policy, one response cache and one
 * set of counters. No SDK client exists until the first call, and credentials are resolved then
 * (never at start-up): a call may name a role in another account.
 */
export function createAwsBackends(options: AwsBackendsOptions): AwsBackends {
  const retry: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  let factory = options.clients;
  const caller = createAwsCaller({
    clients: () => {
      factory ??= createAwsClientFactory({
        config: options.config,
        now: options.now,
        retry,
        credentials: options.credentials,
        stsCounter: caller.stsCounter,
      });
      return factory;
    },
    cache: createResponseCache({
      store: options.store,
      ttlSeconds: options.config.cacheTtlSeconds,
      now: options.now,
    }),
    retry,
  });
  return {
    costExplorer: createAwsCostExplorerBackend({ caller, now: options.now }),
    cloudwatch: createAwsCloudWatchBackend({ caller, now: options.now }),
    tagging: createAwsTaggingBackend({
      caller,
      now: options.now,
      requiredTags: options.requiredTags ?? DEFAULT_RULE_POLICY.requiredTags,
    }),
    stats: () => caller.stats(),
    close: () => factory?.destroy(),
  };
}
