export {
  type CreateStateTableResult,
  createStateTable,
  describeStateTable,
  type StateTableDescription,
  type StateTableOptions,
} from './create-table.ts';
export {
  createDynamoDbStateStore,
  type DynamoDbStateStoreOptions,
  STATE_TABLE_ATTRIBUTES,
} from './dynamodb-state-store.ts';
