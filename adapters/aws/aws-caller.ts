import type { z } from 'zod';
import type { CallOptions } from '../../mcp/contracts/common.ts';
import { FinopsError } from '../../src/errors.ts';
import type { JsonValue } from '../../src/state/state-store.ts';
import type { AwsClientFactory, AwsTarget } from './aws-clients.ts';
import { type AwsService, iamAction } from './aws-errors.ts';
import { callWithRetry, type RetryPolicy } from './aws-retry.ts';
import { cacheKey, normaliseRequest, type ResponseCache } from './response-cache.ts';

/** Cost Explorer charges for every API request, paginated pages included. */
export const COST_EXPLORER_DOLLARS_PER_REQUEST = 0.01;

export interface AwsServiceStats {
  /** Requests AWS answered (success or error), throttled attempts excluded. */
  requests: number;
  /** Every HTTP attempt, retries after throttling included. */
  attempts: number;
  throttled: number;
  /** Calls answered from the StateStore cache: no AWS request made. */
  cacheHits: number;
}

export interface AwsStats {
  services: Record<AwsService, AwsServiceStats>;
  /** Cost Explorer requests made × $0.01. */
  dollarsSpent: number;
  /** Cost Explorer requests saved by the cache × $0.01. */
  dollarsSaved: number;
}

export interface AwsCallRequest<S extends z.ZodType> {
  service: Exclude<AwsService, 'sts'>;
  operation: string;
  /** The request as sent; part of the cache key. */
  input: object;
  options?: CallOptions | undefined;
  /** Validates the response's JSON form (dates as ISO strings), fresh and cached alike. */
  schema: S;
  send: (clients: AwsClientFactory, target: AwsTarget, signal: AbortSignal | undefined) => Promise<object>;
}

export interface AwsCallResult<T> {
  output: T;
  cached: boolean;
}

export interface AwsCaller {
  call<S extends z.ZodType>(request: AwsCallRequest<S>): Promise<AwsCallResult<z.infer<S>>>;
  stats(): AwsStats;
  /** Counters for STS attempts, which the client factory makes itself. */
  readonly stsCounter: { onAttempt: () => void; onThrottled: () => void };
}

function emptyStats(): AwsServiceStats {
  return { requests: 0, attempts: 0, throttled: 0, cacheHits: 0 };
}

/** SDK outputs carry `$metadata` (request ids) and Dates; the cache and the backends see plain JSON. */
function toJson(output: object): JsonValue {
  const { $metadata: _metadata, ...rest } = output as { $metadata?: unknown };
  return normaliseRequest(rest);
}

/**
 * The one path every live backend call takes: cache lookup, our throttling backoff, error mapping
 * (access denied names the IAM action), response validation, cache write and the counters.
 */
export function createAwsCaller(options: {
  clients: () => AwsClientFactory;
  cache: ResponseCache;
  retry: RetryPolicy;
}): AwsCaller {
  const counters: Record<AwsService, AwsServiceStats> = {
    ce: emptyStats(),
    cloudwatch: emptyStats(),
    tag: emptyStats(),
    sts: emptyStats(),
  };

  function parse<S extends z.ZodType>(request: AwsCallRequest<S>, json: JsonValue): z.infer<S> {
    const parsed = request.schema.safeParse(json);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    throw new FinopsError(
      'finops_query_error',
      `AWS answered ${iamAction(request.service, request.operation)} with a response this version does not understand (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}); retry, and report it if it persists`,
    );
  }

  return {
    stsCounter: {
      onAttempt: () => {
        counters.sts.attempts += 1;
        counters.sts.requests += 1;
      },
      onThrottled: () => {
        counters.sts.throttled += 1;
        counters.sts.requests -= 1;
      },
    },
    async call(request) {
      const clients = options.clients();
      const target = clients.target(request.service, request.options);
      const counter = counters[request.service];
      const key = cacheKey(request.operation, request.input, target);
      const hit = await options.cache.get(request.service, key);
      if (hit !== undefined) {
        counter.cacheHits += 1;
        return { output: parse(request, hit), cached: true };
      }
      const signal = request.options?.signal;
      const output = await callWithRetry(
        () => request.send(clients, target, signal),
        { service: request.service, operation: request.operation, signal },
        options.retry,
        {
          onAttempt: () => {
            counter.attempts += 1;
            counter.requests += 1;
          },
          onThrottled: () => {
            counter.throttled += 1;
            counter.requests -= 1;
          },
        },
      );
      const json = toJson(output);
      const parsed = parse(request, json);
      await options.cache.put(request.service, key, json);
      return { output: parsed, cached: false };
    },
    stats() {
      const services = Object.fromEntries(
        Object.entries(counters).map(([service, stats]) => [service, { ...stats }]),
      ) as Record<AwsService, AwsServiceStats>;
      const cents = (count: number) => Math.round(count * COST_EXPLORER_DOLLARS_PER_REQUEST * 100) / 100;
      return {
        services,
        dollarsSpent: cents(counters.ce.requests),
        dollarsSaved: cents(counters.ce.cacheHits),
      };
    },
  };
}

/**
 * The region and role of one call: what the server passed in CallOptions, else the tool
 * arguments themselves (both name the same thing; servers may pass either).
 */
export function callOptionsFor(
  input: { region?: string | undefined; role_arn?: string | undefined },
  given: CallOptions | undefined,
): CallOptions {
  return {
    region: given?.region ?? input.region,
    roleArn: given?.roleArn ?? input.role_arn,
    signal: given?.signal,
  };
}
