export {
  createEmbeddedStateStore,
  createMemoryStateStore,
  type EmbeddedStateStoreOptions,
  type MemoryStateStoreOptions,
} from './embedded-state-store.ts';
export { MAX_PARTITION_BYTES, MAX_SORT_BYTES, MAX_VALUE_BYTES } from './state-rules.ts';
export {
  DEFAULT_QUERY_LIMIT,
  type DeleteInput,
  type JsonValue,
  MAX_QUERY_LIMIT,
  MAX_TRANSACT_OPERATIONS,
  type PutInput,
  type QueryOptions,
  type QueryPage,
  type StateItem,
  type StateStore,
  type StateValue,
  type WriteCondition,
  type WriteOperation,
} from './state-store.ts';
