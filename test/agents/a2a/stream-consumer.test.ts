import {
  type _Record,
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { describe, expect, it } from 'vitest';
import { checkpointPartition, createStreamConsumer } from '../../../adapters/dynamodb-streams/index.ts';
import type { FinopsError } from '../../../src/errors.ts';
import { createMemoryStateStore, type StateStore } from '../../../src/state/index.ts';

/**
 * DynamoDB Local keeps one open shard, so shard lineage, closed shards and expired iterators are
 * exercised here against a scripted stream: a closed parent shard with two records and an open
 * child with one, listed child first.
 */
const STREAM_ARN = 'arn:aws:dynamodb:us-east-1:111122223333:table/bus/stream/2026-11-24T00:00:00.000';
const SHARD_RECORDS: Record<string, string[]> = { parent: ['100', '200'], child: ['300'] };
const CLOSED = new Set(['parent']);

interface Calls {
  iterators: { shardId: string; type: string; sequenceNumber?: string }[];
  getRecords: number;
}

function scriptedStream(options: { expireOnce?: string } = {}): {
  client: DynamoDBStreamsClient;
  calls: Calls;
} {
  const calls: Calls = { iterators: [], getRecords: 0 };
  let expired = false;
  const send = async (command: unknown) => {
    if (command instanceof ListStreamsCommand) {
      return {
        Streams: [{ StreamArn: STREAM_ARN, TableName: 'bus', StreamLabel: '2026-11-24T00:00:00.000' }],
      };
    }
    if (command instanceof DescribeStreamCommand) {
      return {
        StreamDescription: {
          Shards: [
            { ShardId: 'child', ParentShardId: 'parent' },
            {
              ShardId: 'parent',
              SequenceNumberRange: { StartingSequenceNumber: '100', EndingSequenceNumber: '200' },
            },
          ],
        },
      };
    }
    if (command instanceof GetShardIteratorCommand) {
      const { ShardId, ShardIteratorType, SequenceNumber } = command.input;
      const shardId = ShardId as string;
      calls.iterators.push({
        shardId,
        type: ShardIteratorType as string,
        ...(SequenceNumber === undefined ? {} : { sequenceNumber: SequenceNumber }),
      });
      const records = SHARD_RECORDS[shardId] ?? [];
      const position =
        ShardIteratorType === 'AFTER_SEQUENCE_NUMBER' ? records.indexOf(SequenceNumber as string) + 1 : 0;
      return { ShardIterator: `${shardId}:${position}` };
    }
    if (command instanceof GetRecordsCommand) {
      calls.getRecords += 1;
      const [shardId = '', at = '0'] = (command.input.ShardIterator as string).split(':');
      if (shardId === options.expireOnce && !expired) {
        expired = true;
        throw Object.assign(new Error('Iterator expired'), { name: 'ExpiredIteratorException' });
      }
      const records = SHARD_RECORDS[shardId] ?? [];
      const position = Number(at);
      const batch = records.slice(position, position + 1);
      const next = position + batch.length;
      const ended = CLOSED.has(shardId) && next >= records.length;
      return {
        Records: batch.map((sequenceNumber) => ({ dynamodb: { SequenceNumber: sequenceNumber } })),
        ...(ended ? {} : { NextShardIterator: `${shardId}:${next}` }),
      };
    }
    throw new Error(`unexpected command ${String(command)}`);
  };
  return { client: { send } as unknown as DynamoDBStreamsClient, calls };
}

async function consume(
  client: DynamoDBStreamsClient,
  checkpointStore: StateStore,
  until: (seen: string[]) => boolean,
  onRecords?: (records: _Record[]) => Promise<boolean>,
) {
  const seen: string[] = [];
  const errors: FinopsError[] = [];
  const consumer = createStreamConsumer({
    streamsClient: client,
    tableName: 'bus',
    checkpointStore,
    consumerName: 'ec2',
    pollIntervalMs: 5,
    batchSize: 1,
    maxBatchesInFlight: 4,
    onRecords: async (records) => {
      const result = onRecords === undefined ? true : await onRecords(records);
      for (const record of records) seen.push(record.dynamodb?.SequenceNumber ?? '?');
      return result;
    },
    onError: (error) => errors.push(error),
  });
  await consumer.start();
  for (let waited = 0; !until(seen) && waited < 400; waited += 1) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await consumer.stop();
  return { seen, errors };
}

describe('createStreamConsumer', () => {
  it('should read a closed parent shard to its end before its child, and checkpoint both', async () => {
    const { client } = scriptedStream();
    const store = createMemoryStateStore();

    const { seen, errors } = await consume(client, store, (records) => records.includes('300'));

    expect(seen).toEqual(['100', '200', '300']);
    expect(errors).toEqual([]);
    const checkpoints = await store.query(checkpointPartition('bus', 'ec2'));
    expect(checkpoints.items.map((item) => [item.sort, item.value])).toEqual([
      ['child', { sequenceNumber: '300', finished: false }],
      ['parent', { sequenceNumber: '200', finished: true }],
    ]);
  });

  it('should resume after its checkpoint: a finished shard is skipped, an open one read after its last record', async () => {
    const store = createMemoryStateStore();
    await consume(scriptedStream().client, store, (records) => records.includes('300'));
    const restarted = scriptedStream();

    const { seen } = await consume(restarted.client, store, () => restarted.calls.getRecords >= 3);

    expect(seen).toEqual([]);
    expect(restarted.calls.iterators).toEqual([
      { shardId: 'child', type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: '300' },
    ]);
  });

  it('should acquire an expired iterator again from the checkpoint', async () => {
    const { client, calls } = scriptedStream({ expireOnce: 'child' });

    const { seen } = await consume(client, createMemoryStateStore(), (records) => records.includes('300'));

    expect(seen).toEqual(['100', '200', '300']);
    expect(calls.iterators.filter((call) => call.shardId === 'child')).toEqual([
      { shardId: 'child', type: 'TRIM_HORIZON' },
      { shardId: 'child', type: 'TRIM_HORIZON' },
    ]);
  });

  it('should serve a batch again when serving it failed, and report the failure', async () => {
    const { client } = scriptedStream();
    let failed = false;

    const { seen, errors } = await consume(
      client,
      createMemoryStateStore(),
      (records) => records.includes('300'),
      async (records) => {
        if (records[0]?.dynamodb?.SequenceNumber === '200' && !failed) {
          failed = true;
          throw new Error('DynamoDB is throttling');
        }
        return true;
      },
    );

    expect(seen).toEqual(['100', '200', '300']);
    expect(errors.map((error) => error.message)).toEqual([expect.stringContaining('DynamoDB is throttling')]);
  });

  it('should not checkpoint past a batch that was interrupted', async () => {
    const { client } = scriptedStream();
    const store = createMemoryStateStore();

    await consume(
      client,
      store,
      (records) => records.includes('200'),
      async (records) => records[0]?.dynamodb?.SequenceNumber !== '200',
    );

    const checkpoints = await store.query(checkpointPartition('bus', 'ec2'));
    expect(checkpoints.items.map((item) => [item.sort, item.value])).toEqual([
      ['parent', { sequenceNumber: '100', finished: false }],
    ]);
  });
});
