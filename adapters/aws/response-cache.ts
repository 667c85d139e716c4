import { createHash } from 'node:crypto';
import { MAX_VALUE_BYTES } from '../../src/state/state-rules.ts';
import type { JsonValue, StateStore } from '../../src/state/state-store.ts';
import type { AwsTarget } from './aws-clients.ts';
import type { AwsService } from './aws-errors.ts';

export function cachePartition(service: AwsService): string {
  return `aws-cache#${service}`;
}

/** Same request, same key: object keys sorted, undefined dropped, so argument order never matters. */
export function normaliseRequest(value: unknown): JsonValue {
  if (Array.isArray(value)) return value.map((item) => normaliseRequest(item));
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, child]) => child !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([key, child]) => [key, normaliseRequest(child)]));
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return null;
}

export function cacheKey(operation: string, request: unknown, target: AwsTarget): string {
  const material = JSON.stringify(
    normaliseRequest({
      operation,
      request,
      role: target.roleArn ?? 'default-credentials',
      region: target.region,
    }),
  );
  return createHash('sha256').update(material).digest('hex');
}

export interface ResponseCache {
  get(service: AwsService, key: string): Promise<JsonValue | undefined>;
  /** Best effort: a response too large for one item, or a store failure, is simply not cached. */
  put(service: AwsService, key: string, response: JsonValue): Promise<boolean>;
}

/**
 * API responses kept in the StateStore with a TTL, so a repeated question costs no Cost Explorer
 * request ($0.01 each) and survives restarts when the store is a file or DynamoDB.
 */
export function createResponseCache(options: {
  store: StateStore;
  ttlSeconds: number;
  now: () => Date;
}): ResponseCache {
  const enabled = options.ttlSeconds > 0;
  return {
    async get(service, key) {
      if (!enabled) return undefined;
      const item = await options.store.get(cachePartition(service), key);
      return item?.value.response;
    },
    async put(service, key, response) {
      if (!enabled) return false;
      const value = { response };
      if (Buffer.byteLength(JSON.stringify(value)) > MAX_VALUE_BYTES) return false;
      try {
        await options.store.put({
          partition: cachePartition(service),
          sort: key,
          value,
          expiresAt: Math.floor(options.now().getTime() / 1000) + options.ttlSeconds,
        });
        return true;
      } catch {
        // A value the store refuses (e.g. a number DynamoDB cannot hold) costs a later request, nothing more.
        return false;
      }
    },
  };
}
