import { randomUUID } from 'node:crypto';
import type { _Record, DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  type A2ABus,
  type A2ABusOptions,
  buildTask,
  cancelTask,
  DEFAULT_HANDLER_TIMEOUT_MS,
  gatherTasks,
  submitRequest,
  type TaskHandler,
} from '../../agents/a2a/index.ts';
import { FinopsError } from '../../src/errors.ts';
import type { StateStore } from '../../src/state/index.ts';
import { createDynamoDbTaskLog } from './dynamodb-task-log.ts';
import { createStreamConsumer, type StreamConsumer } from './stream-consumer.ts';
import {
  handleStreamRecords,
  type StreamBatchSummary,
  type StreamHandlingOptions,
} from './stream-records.ts';

export interface DynamoDbBusOptions extends A2ABusOptions {
  /** Built by the composition root (region, credentials, endpoint); never built here. */
  client: DynamoDBDocumentClient;
  streamsClient: DynamoDBStreamsClient;
  tableName: string;
  /** Where the stream consumer keeps its position per shard. */
  checkpointStore: StateStore;
  /** Names the consumer's checkpoints; consumers reading at the same time need different names. Default `default`. */
  consumerName?: string | undefined;
  /** The stream to read; the table's latest stream (ListStreams) when not given. */
  streamArn?: string | undefined;
  /** Pause between GetRecords calls that returned nothing; default 500 ms. */
  pollIntervalMs?: number | undefined;
  /** Records per GetRecords call; default 100. */
  batchSize?: number | undefined;
  /** Batches of one shard served at once while reading goes on; default 10. */
  maxBatchesInFlight?: number | undefined;
  /** How long task items live (the TTL); default one day. */
  ttlSeconds?: number | undefined;
  /** Told what each batch the poller served came to: for metrics and logs. */
  onBatch?: ((summary: StreamBatchSummary) => void) | undefined;
}

export interface DynamoDbBus extends A2ABus {
  /**
   * Serves stream records (GetRecords or a Lambda event's `Records`) with this bus's handlers, as its
   * own poller does. For tests of redelivery, and for running the handlers behind a Lambda event
   * source mapping without a poller.
   */
  handleRecords(records: readonly unknown[]): Promise<StreamBatchSummary>;
}

export const DEFAULT_POLL_INTERVAL_MS = 500;
export const DEFAULT_BATCH_SIZE = 100;
export const DEFAULT_MAX_BATCHES_IN_FLIGHT = 10;

/**
 * The A2A bus over a DynamoDB table with a stream (see README.md): `send` writes a request item;
 * every bus that serves agents or gathers answers reads the stream. Specialists answer with
 * create-once result items, so at-least-once delivery never yields two answers to one step.
 */
export function createDynamoDbBus(options: DynamoDbBusOptions): DynamoDbBus {
  const { client, streamsClient, tableName, checkpointStore } = options;
  if (typeof tableName !== 'string' || tableName.length === 0) {
    throw new FinopsError(
      'finops_invalid_input',
      'createDynamoDbBus needs the tableName of the A2A bus table',
    );
  }
  const now = options.now ?? (() => new Date());
  const generateId = options.generateId ?? randomUUID;
  const onError = options.onError ?? (() => {});
  const log = createDynamoDbTaskLog({
    client,
    tableName,
    now,
    ttlSeconds: options.ttlSeconds,
    onUnreadable: (detail) =>
      onError(new FinopsError('finops_state_error', `the A2A bus left out an unreadable ${detail}`)),
  });
  const handlers = new Map<string, TaskHandler>();
  const listeners = new Set<(taskId: string) => void>();
  const running = new Map<string, AbortController>();
  const closing = new AbortController();
  const handling: StreamHandlingOptions = {
    tableName,
    log,
    now,
    generateId,
    handlers,
    handlerTimeoutMs: options.handlerTimeoutMs ?? DEFAULT_HANDLER_TIMEOUT_MS,
    running,
    closing: closing.signal,
    onTaskChange: (taskId) => {
      for (const listener of listeners) listener(taskId);
    },
  };

  const consumer: StreamConsumer = createStreamConsumer({
    streamsClient,
    tableName,
    streamArn: options.streamArn,
    checkpointStore,
    consumerName: options.consumerName ?? 'default',
    pollIntervalMs: options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
    batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
    maxBatchesInFlight: options.maxBatchesInFlight ?? DEFAULT_MAX_BATCHES_IN_FLIGHT,
    onRecords: async (records: _Record[]) => {
      const summary = await handleStreamRecords(records, handling);
      options.onBatch?.(summary);
      // A batch cut short by close() is not checkpointed: the next consumer serves it again.
      return summary.outcomes.aborted === 0;
    },
    onError,
  });
  let started: Promise<void> | undefined;
  const ensureConsumer = async () => {
    started ??= consumer.start().catch((error: unknown) => {
      started = undefined;
      throw error;
    });
    await started;
  };

  const assertOpen = () => {
    if (closing.signal.aborted) {
      throw new FinopsError('finops_invalid_input', 'the A2A bus is closed; create a new one to send tasks');
    }
  };

  return {
    name: `dynamodb:${tableName}`,
    async send(request) {
      assertOpen();
      await submitRequest(request, { log, now, generateId });
    },
    async subscribe(agent, handler) {
      assertOpen();
      if (handlers.has(agent)) {
        throw new FinopsError('finops_invalid_input', `agent ${agent} already has a handler on this bus`);
      }
      handlers.set(agent, handler);
      try {
        await ensureConsumer();
      } catch (error) {
        handlers.delete(agent);
        throw error;
      }
    },
    async gather(taskIds, gatherOptions) {
      assertOpen();
      await ensureConsumer();
      return gatherTasks(
        taskIds,
        gatherOptions,
        {
          read: async (taskId) => buildTask(taskId, await log.read(taskId)),
          onChange: (listener) => {
            listeners.add(listener);
            return () => listeners.delete(listener);
          },
        },
        closing.signal,
      );
    },
    async get(taskId) {
      return buildTask(taskId, await log.read(taskId));
    },
    async cancel(taskId) {
      assertOpen();
      const canceled = await cancelTask(taskId, { log, now, generateId });
      // A handler of this bus stops at once; one in another process runs on, and its answer is refused.
      if (canceled) {
        for (const [key, controller] of running) {
          if (key.startsWith(`${taskId}#`)) controller.abort(new Error('the task was canceled'));
        }
      }
      return canceled;
    },
    handleRecords(records) {
      assertOpen();
      return handleStreamRecords(records, handling);
    },
    async close() {
      if (closing.signal.aborted) return;
      closing.abort(new Error('the A2A bus closed'));
      await consumer.stop();
      listeners.clear();
    },
  };
}
