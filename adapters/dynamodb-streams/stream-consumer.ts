import {
  type _Record,
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  ListStreamsCommand,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import { asFinopsError, FinopsError } from '../../src/errors.ts';
import type { StateStore } from '../../src/state/index.ts';
import { errorName, toBusError } from './bus-errors.ts';

export interface StreamConsumerOptions {
  streamsClient: DynamoDBStreamsClient;
  tableName: string;
  /** The stream to read; found with ListStreams (the table's latest stream) when not given. */
  streamArn?: string | undefined;
  checkpointStore: StateStore;
  /** Names this consumer's checkpoints: two consumers reading at once need different names. */
  consumerName: string;
  pollIntervalMs: number;
  /** Records per GetRecords call (at most 1000). */
  batchSize: number;
  /**
   * Batches of one shard served at the same time. Reading goes on while handlers work, so a slow
   * handler delays neither other tasks nor the results a gather waits for; the checkpoint only
   * ever moves past batches that are finished, in stream order.
   */
  maxBatchesInFlight: number;
  /** Serves one batch; false means it was interrupted (the consumer is stopping) and must not be checkpointed. */
  onRecords(records: _Record[]): Promise<boolean>;
  onError(error: FinopsError): void;
}

export interface StreamConsumer {
  /** Finds the stream and starts polling; rejects when the stream cannot be found. */
  start(): Promise<void>;
  /** Stops reading; resolves once the batches in flight are served (or aborted) and checkpointed. */
  stop(): Promise<void>;
}

interface Batch {
  done: Promise<void>;
  settled: boolean;
  complete: boolean;
  lastSequenceNumber: string | undefined;
}

interface ShardState {
  shardId: string;
  parentShardId: string | undefined;
  iterator: string | undefined;
  /** The last sequence number served and checkpointed. */
  sequenceNumber: string | undefined;
  /** Read to its end (a closed shard whose iterator ran out) and every batch of it served. */
  finished: boolean;
  /** The iterator ran out; the shard is finished once its batches in flight are served. */
  readToEnd: boolean;
  /** Batches handed to `onRecords` and not yet checkpointed, oldest first. */
  inFlight: Batch[];
  /** A batch was interrupted: nothing after it may be checkpointed, so reading the shard stops. */
  halted: boolean;
  /** The checkpoint points at trimmed data: start again at the oldest record kept. */
  restartAtHorizon: boolean;
}

/** How often shards are listed again when nothing says they changed (new children appear on AWS every few hours). */
const DESCRIBE_EVERY_MS = 60_000;
const MAX_BACKOFF_MS = 5_000;

export function checkpointPartition(tableName: string, consumerName: string): string {
  return `a2a-checkpoint#${tableName}#${consumerName}`;
}

/**
 * Reads a DynamoDB stream shard by shard (parents before their children), hands each batch to
 * `onRecords`, and checkpoints the last sequence number per shard in the StateStore after each
 * batch, so a new consumer with the same name resumes right after it: AFTER_SEQUENCE_NUMBER from
 * the checkpoint, TRIM_HORIZON for a shard never read. A batch that fails is read again after a
 * backoff (handlers are idempotent); an expired iterator is acquired again from the checkpoint.
 */
export function createStreamConsumer(options: StreamConsumerOptions): StreamConsumer {
  const { streamsClient, tableName, checkpointStore, consumerName } = options;
  const partition = checkpointPartition(tableName, consumerName);
  const shards = new Map<string, ShardState>();
  let streamArn = options.streamArn;
  let stopping = false;
  let loop: Promise<void> | undefined;
  const wakers = new Set<() => void>();
  let describedAt = Number.NEGATIVE_INFINITY;
  let mustDescribe = true;

  const call = async <T>(action: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw toBusError(error, action, tableName);
    }
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakers.delete(done);
        resolve();
      }
      wakers.add(done);
    });

  async function findStream(): Promise<string> {
    const listed = await call('ListStreams', () =>
      streamsClient.send(new ListStreamsCommand({ TableName: tableName })),
    );
    // Labels are creation times (ISO 8601), so the greatest is the stream the table writes to now.
    const latest = (listed.Streams ?? [])
      .filter((stream) => stream.TableName === tableName && stream.StreamArn !== undefined)
      .sort((a, b) => (a.StreamLabel ?? '').localeCompare(b.StreamLabel ?? ''))
      .pop();
    if (latest?.StreamArn === undefined) {
      throw new FinopsError(
        'finops_state_error',
        `DynamoDB table ${tableName} has no stream for the A2A bus to read: create the table with createBusTable() from adapters/dynamodb-streams, or enable a NEW_IMAGE stream on it`,
      );
    }
    return latest.StreamArn;
  }

  async function loadCheckpoints(): Promise<Map<string, { sequenceNumber?: string; finished: boolean }>> {
    const saved = new Map<string, { sequenceNumber?: string; finished: boolean }>();
    let cursor: string | undefined;
    do {
      const page = await checkpointStore.query(partition, { cursor, limit: 1000 });
      for (const item of page.items) {
        const sequenceNumber = item.value.sequenceNumber;
        saved.set(item.sort, {
          ...(typeof sequenceNumber === 'string' ? { sequenceNumber } : {}),
          finished: item.value.finished === true,
        });
      }
      cursor = page.cursor;
    } while (cursor !== undefined);
    return saved;
  }

  async function describeShards(arn: string): Promise<void> {
    const listed: Shard[] = [];
    let exclusiveStartShardId: string | undefined;
    do {
      const response = await call('DescribeStream', () =>
        streamsClient.send(
          new DescribeStreamCommand({ StreamArn: arn, ExclusiveStartShardId: exclusiveStartShardId }),
        ),
      );
      listed.push(...(response.StreamDescription?.Shards ?? []));
      exclusiveStartShardId = response.StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId !== undefined);
    const fresh = listed.filter((shard) => shard.ShardId !== undefined && !shards.has(shard.ShardId));
    if (fresh.length > 0) {
      const saved = await loadCheckpoints();
      for (const shard of fresh) {
        const shardId = shard.ShardId as string;
        const checkpoint = saved.get(shardId);
        shards.set(shardId, {
          shardId,
          parentShardId: shard.ParentShardId,
          iterator: undefined,
          sequenceNumber: checkpoint?.sequenceNumber,
          finished: checkpoint?.finished ?? false,
          restartAtHorizon: false,
          readToEnd: false,
          inFlight: [],
          halted: false,
        });
      }
    }
    describedAt = Date.now();
    mustDescribe = false;
  }

  /** Shards to read now: unfinished, and whose parent is finished or no longer listed (trimmed). */
  function readyShards(): ShardState[] {
    return [...shards.values()].filter((shard) => {
      if (shard.finished || shard.halted || shard.readToEnd) return false;
      const parent = shard.parentShardId === undefined ? undefined : shards.get(shard.parentShardId);
      return parent === undefined || parent.finished;
    });
  }

  async function saveCheckpoint(shard: ShardState): Promise<void> {
    await checkpointStore.put({
      partition,
      sort: shard.shardId,
      value: {
        ...(shard.sequenceNumber === undefined ? {} : { sequenceNumber: shard.sequenceNumber }),
        finished: shard.finished,
      },
    });
  }

  async function acquireIterator(arn: string, shard: ShardState): Promise<string | undefined> {
    const after = shard.sequenceNumber !== undefined && !shard.restartAtHorizon;
    try {
      const response = await streamsClient.send(
        new GetShardIteratorCommand({
          StreamArn: arn,
          ShardId: shard.shardId,
          ShardIteratorType: after ? 'AFTER_SEQUENCE_NUMBER' : 'TRIM_HORIZON',
          ...(after ? { SequenceNumber: shard.sequenceNumber } : {}),
        }),
      );
      return response.ShardIterator;
    } catch (error) {
      if (errorName(error) === 'TrimmedDataAccessException' && after) {
        options.onError(
          new FinopsError(
            'finops_state_error',
            `the checkpoint of shard ${shard.shardId} (consumer ${consumerName}) points at records the stream of ${tableName} no longer keeps (over 24 h old): reading from the oldest record kept`,
            { cause: error },
          ),
        );
        shard.restartAtHorizon = true;
        return undefined;
      }
      if (errorName(error) === 'ResourceNotFoundException') {
        // The shard was trimmed away after we listed it: nothing left to read in it.
        shard.finished = true;
        return undefined;
      }
      throw toBusError(error, 'GetShardIterator', tableName);
    }
  }

  /** Serves a batch, retrying it (backoff) while storage fails; ends incomplete only when stopping. */
  function serve(records: _Record[]): Batch {
    const batch: Batch = {
      done: Promise.resolve(),
      settled: false,
      complete: false,
      lastSequenceNumber: records[records.length - 1]?.dynamodb?.SequenceNumber,
    };
    batch.done = (async () => {
      for (let failures = 0; ; failures += 1) {
        try {
          batch.complete = await options.onRecords(records);
          break;
        } catch (error) {
          options.onError(asFinopsError(error));
          if (stopping) break;
          await sleep(Math.min(MAX_BACKOFF_MS, options.pollIntervalMs * 2 ** (failures + 1)));
        }
      }
      batch.settled = true;
    })();
    return batch;
  }

  /** Moves the shard's checkpoint past the finished batches at the head of its queue. */
  async function settle(shard: ShardState): Promise<void> {
    let advanced = false;
    while (shard.inFlight[0]?.settled) {
      const batch = shard.inFlight.shift() as Batch;
      if (!batch.complete) {
        shard.halted = true;
        shard.inFlight = [];
        break;
      }
      if (batch.lastSequenceNumber !== undefined) shard.sequenceNumber = batch.lastSequenceNumber;
      shard.restartAtHorizon = false;
      advanced = true;
    }
    if (shard.readToEnd && !shard.halted && shard.inFlight.length === 0 && !shard.finished) {
      // A closed shard read and served to its end: its children take over.
      shard.finished = true;
      mustDescribe = true;
      advanced = true;
    }
    if (advanced) await saveCheckpoint(shard);
  }

  /** Reads one batch of a shard and hands it over; returns whether it had records. */
  async function pollShard(arn: string, shard: ShardState): Promise<boolean> {
    await settle(shard);
    const oldest = shard.inFlight[0];
    if (shard.inFlight.length >= options.maxBatchesInFlight && oldest !== undefined) {
      await oldest.done;
      await settle(shard);
    }
    if (shard.halted || shard.finished || stopping) return false;
    shard.iterator ??= await acquireIterator(arn, shard);
    if (shard.iterator === undefined) return false;
    let response: GetRecordsCommandOutput;
    try {
      response = await streamsClient.send(
        new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: options.batchSize }),
      );
    } catch (error) {
      const name = errorName(error);
      if (name === 'ExpiredIteratorException' || name === 'TrimmedDataAccessException') {
        // Re-acquired from the checkpoint, which may sit behind batches in flight: their records
        // come again and find their answers written.
        shard.iterator = undefined;
        shard.restartAtHorizon = name === 'TrimmedDataAccessException';
        return false;
      }
      throw toBusError(error, 'GetRecords', tableName);
    }
    const records = response.Records ?? [];
    if (records.length > 0) shard.inFlight.push(serve(records));
    shard.iterator = response.NextShardIterator;
    if (shard.iterator === undefined) shard.readToEnd = true;
    await settle(shard);
    return records.length > 0;
  }

  /** Waits for every batch in flight and checkpoints what finished. */
  async function drain(): Promise<void> {
    for (const shard of shards.values()) {
      await Promise.all(shard.inFlight.map((batch) => batch.done));
      await settle(shard);
    }
  }

  async function run(arn: string): Promise<void> {
    let failures = 0;
    while (!stopping) {
      try {
        if (mustDescribe || Date.now() - describedAt > DESCRIBE_EVERY_MS) await describeShards(arn);
        // Batches finish while other shards are read: settle every shard, including one read to its
        // end, which becomes finished (and frees its children) only once its last batch is served.
        for (const shard of shards.values()) {
          if (shard.inFlight.length > 0 || (shard.readToEnd && !shard.finished)) await settle(shard);
        }
        let busy = false;
        for (const shard of readyShards()) {
          if (stopping) break;
          busy = (await pollShard(arn, shard)) || busy;
        }
        failures = 0;
        if (!busy && !stopping) await sleep(options.pollIntervalMs);
      } catch (error) {
        failures += 1;
        options.onError(asFinopsError(error));
        if (!stopping) await sleep(Math.min(MAX_BACKOFF_MS, options.pollIntervalMs * 2 ** failures));
      }
    }
    await drain().catch((error: unknown) => options.onError(asFinopsError(error)));
  }

  return {
    async start() {
      if (loop !== undefined) return;
      streamArn ??= await findStream();
      const arn = streamArn;
      loop = run(arn);
    },
    async stop() {
      stopping = true;
      for (const wake of [...wakers]) wake();
      await loop;
    },
  };
}
