import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_HANDLER_TIMEOUT_MS, type TaskHandler } from '../../agents/a2a/index.ts';
import { createDynamoDbTaskLog } from './dynamodb-task-log.ts';
import { handleStreamRecords, type StreamBatchSummary } from './stream-records.ts';

export interface StreamEventHandlerOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** The agents this function serves, by name. */
  handlers: Readonly<Record<string, TaskHandler>>;
  now?: (() => Date) | undefined;
  generateId?: (() => string) | undefined;
  /** Keep it below the function's own timeout, so a slow handler fails its task instead of the batch. */
  handlerTimeoutMs?: number | undefined;
  ttlSeconds?: number | undefined;
}

/**
 * The specialists' side of the bus as a Lambda function behind a DynamoDB Streams event source
 * mapping: the mapping does the polling and checkpointing, this serves each batch with the same
 * `handleStreamRecords` the bus's own poller uses. It throws only when DynamoDB fails, so the
 * mapping retries the batch (harmless: answers are create-once).
 */
export function createStreamEventHandler(
  options: StreamEventHandlerOptions,
): (event: { Records?: readonly unknown[] | undefined }) => Promise<StreamBatchSummary> {
  const now = options.now ?? (() => new Date());
  const log = createDynamoDbTaskLog({
    client: options.client,
    tableName: options.tableName,
    now,
    ttlSeconds: options.ttlSeconds,
  });
  const handlers = new Map(Object.entries(options.handlers));
  return (event) =>
    handleStreamRecords(event.Records ?? [], {
      tableName: options.tableName,
      log,
      now,
      generateId: options.generateId ?? randomUUID,
      handlers,
      handlerTimeoutMs: options.handlerTimeoutMs ?? DEFAULT_HANDLER_TIMEOUT_MS,
      running: new Map(),
      closing: new AbortController().signal,
    });
}
