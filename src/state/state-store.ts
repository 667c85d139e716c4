/**
 * The StateStore port: the one place the copilot keeps state that is not billing data —
 * recommendations and their decisions, the audit trail, digest subscriptions, Teams conversation
 * references, Slack event de-duplication keys and the API response cache.
 *
 * It is shaped after a DynamoDB single table on purpose, so the DynamoDB implementation is a
 * thin translation and the embedded one cannot promise anything DynamoDB could not keep:
 * - an item lives at (partition, sort); items of one partition are read together, in sort order;
 * - every write may carry a condition, and a failed condition changes nothing;
 * - `transact` applies several writes all-or-nothing (DynamoDB TransactWriteItems, ≤ 25 writes);
 * - an item may expire (`expiresAt`, epoch seconds, DynamoDB's TTL attribute). Expired items are
 *   never returned, even before they are physically removed (DynamoDB deletes them lazily).
 *
 * Values are plain JSON objects (no undefined, no Date, no BigInt): callers validate what they
 * read back with zod, as they would any other boundary.
 */
export type StateValue = { [key: string]: JsonValue };
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface StateItem<V extends StateValue = StateValue> {
  partition: string;
  sort: string;
  value: V;
  /**
   * Starts at 1 and grows by one on every put of the item; the basis of optimistic concurrency.
   * A deleted or expired item is gone: the next put of its key starts again at 1.
   */
  version: number;
  /** Epoch seconds after which the item no longer exists for readers. */
  expiresAt?: number | undefined;
}

/**
 * When a write may happen.
 * - `absent`: no live item at the key (create-once: idempotency keys, audit records);
 * - `version`: the live item has exactly this version (compare-and-swap after a read);
 * - `present`: some live item is at the key.
 * An expired item counts as absent.
 */
export type WriteCondition = { kind: 'absent' } | { kind: 'present' } | { kind: 'version'; version: number };

export interface PutInput<V extends StateValue = StateValue> {
  partition: string;
  sort: string;
  value: V;
  expiresAt?: number | undefined;
  condition?: WriteCondition | undefined;
}

export interface DeleteInput {
  partition: string;
  sort: string;
  condition?: WriteCondition | undefined;
}

export type WriteOperation = ({ type: 'put' } & PutInput) | ({ type: 'delete' } & DeleteInput);

export interface QueryOptions {
  /** Only sort keys starting with this prefix. */
  sortPrefix?: string | undefined;
  /** Newest-first reads (audit trails) set this. Default ascending. */
  descending?: boolean | undefined;
  /** At most this many items per page; default 100, maximum 1000. */
  limit?: number | undefined;
  /** The `cursor` of the previous page. Opaque. */
  cursor?: string | undefined;
}

export interface QueryPage<V extends StateValue = StateValue> {
  items: StateItem<V>[];
  /** Present when more items may follow. */
  cursor?: string | undefined;
}

export interface StateStore {
  /** A short name for logs and provenance: `embedded:<path>` or `dynamodb:<table>`. */
  readonly name: string;
  get<V extends StateValue = StateValue>(partition: string, sort: string): Promise<StateItem<V> | undefined>;
  /**
   * Writes the whole item (version = previous + 1; an `expiresAt` not given is removed) and returns
   * it. Throws ConditionFailedError.
   */
  put<V extends StateValue>(input: PutInput<V>): Promise<StateItem<V>>;
  /** Removes the item; deleting a missing item without a condition is not an error. */
  delete(input: DeleteInput): Promise<void>;
  /**
   * All writes or none. At most 25 operations, each on a distinct key. Throws ConditionFailedError
   * naming the first operation whose condition failed.
   */
  transact(operations: WriteOperation[]): Promise<void>;
  query<V extends StateValue = StateValue>(partition: string, options?: QueryOptions): Promise<QueryPage<V>>;
  close(): Promise<void>;
}

export const MAX_TRANSACT_OPERATIONS = 25;
export const DEFAULT_QUERY_LIMIT = 100;
export const MAX_QUERY_LIMIT = 1000;
