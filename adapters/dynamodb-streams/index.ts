export { toBusError } from './bus-errors.ts';
export { type BusTableOptions, type CreateBusTableResult, createBusTable } from './bus-table.ts';
export {
  createDynamoDbBus,
  DEFAULT_BATCH_SIZE,
  DEFAULT_MAX_BATCHES_IN_FLIGHT,
  DEFAULT_POLL_INTERVAL_MS,
  type DynamoDbBus,
  type DynamoDbBusOptions,
} from './dynamodb-bus.ts';
export {
  createDynamoDbTaskLog,
  DEFAULT_TASK_TTL_SECONDS,
  type DynamoDbTaskLogOptions,
  recordItem,
  recordSortKey,
  taskPartition,
} from './dynamodb-task-log.ts';
export { createStreamEventHandler, type StreamEventHandlerOptions } from './lambda-handler.ts';
export {
  checkpointPartition,
  createStreamConsumer,
  type StreamConsumer,
  type StreamConsumerOptions,
} from './stream-consumer.ts';
export {
  handleStreamRecords,
  type StreamBatchSummary,
  type StreamHandlingOptions,
  type StreamRecordLike,
  streamRecordSchema,
} from './stream-records.ts';
