import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkpointPartition,
  createBusTable,
  createDynamoDbBus,
  createDynamoDbTaskLog,
  createStreamEventHandler,
  type DynamoDbBus,
  type DynamoDbBusOptions,
  type StreamBatchSummary,
} from '../../../adapters/dynamodb-streams/index.ts';
import type { A2AMessage } from '../../../agents/a2a/index.ts';
import { FinopsError } from '../../../src/errors.ts';
import { createMemoryStateStore } from '../../../src/state/index.ts';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../support/dynamodb-local.ts';
import { type BusSubject, type BusSubjectOptions, describeA2ABusContract } from './a2a-bus-contract.ts';
import { describeTaskLogContract } from './task-log-contract.ts';

// DynamoDB Local (Java 17+, required by the project's tests, never skipped) runs once for this file;
// every test gets a fresh table with its own stream.
let local: DynamoDbLocal;
let streamsClient: DynamoDBStreamsClient;
const clients: DynamoDBClient[] = [];

beforeAll(async () => {
  local = await startDynamoDbLocal();
  streamsClient = new DynamoDBStreamsClient({
    endpoint: local.endpoint,
    region: local.region,
    credentials: local.credentials,
  });
});

afterAll(async () => {
  streamsClient?.destroy();
  for (const client of clients) client.destroy();
  await local?.stop();
});

function documentClient(): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    endpoint: local.endpoint,
    region: local.region,
    credentials: local.credentials,
  });
  clients.push(client);
  return DynamoDBDocumentClient.from(client);
}

async function freshTable(): Promise<string> {
  const tableName = `a2a-${randomUUID()}`;
  await createBusTable({ client: local.client, tableName });
  return tableName;
}

function busOn(
  tableName: string,
  extra: Partial<DynamoDbBusOptions> & Pick<DynamoDbBusOptions, 'checkpointStore'>,
): DynamoDbBus {
  return createDynamoDbBus({
    client: documentClient(),
    streamsClient,
    tableName,
    pollIntervalMs: 50,
    ...extra,
  });
}

/** A stream record with the item as its new image, as GetRecords and Lambda deliver it. */
function streamRecord(item: Record<string, unknown>, extra: { eventSourceARN?: string } = {}) {
  const image: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) {
    image[name] = typeof value === 'number' ? { N: String(value) } : { S: String(value) };
  }
  return { eventName: 'INSERT', dynamodb: { SequenceNumber: '1', NewImage: image }, ...extra };
}

async function dynamoDbSubject(options: BusSubjectOptions = {}): Promise<BusSubject> {
  const tableName = await freshTable();
  const client = documentClient();
  const bus = busOn(tableName, {
    checkpointStore: createMemoryStateStore(),
    handlerTimeoutMs: options.handlerTimeoutMs,
  });
  return {
    bus,
    redeliver: async (taskId, times) => {
      const stored = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :request)',
          ExpressionAttributeValues: { ':pk': `task#${taskId}`, ':request': 'request#' },
          ConsistentRead: true,
        }),
      );
      const item = stored.Items?.at(-1);
      if (item === undefined) throw new Error(`no request of ${taskId} to redeliver`);
      await Promise.all(Array.from({ length: times }, () => bus.handleRecords([streamRecord(item)])));
    },
    injectPoison: async ({ taskId, agent, contextId }) => {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            pk: `task#${taskId}`,
            sk: 'request#0001',
            type: 'request',
            taskId,
            agent,
            contextId,
            step: 1,
            body: '{not json',
          },
        }),
      );
    },
    cleanup: async () => {
      await bus.close();
      await local.client.send(new DeleteTableCommand({ TableName: tableName }));
    },
  };
}

describeA2ABusContract('dynamodb-streams', dynamoDbSubject);
describeTaskLogContract('dynamodb', async () =>
  createDynamoDbTaskLog({ client: documentClient(), tableName: await freshTable(), now: () => new Date() }),
);

function question(id: string): A2AMessage {
  return {
    kind: 'message',
    messageId: `m-${id}`,
    role: 'user',
    parts: [{ kind: 'text', text: `question ${id}` }],
  };
}

describe('createDynamoDbBus', () => {
  it('should resume a restarted consumer from its checkpoint, answering every task exactly once', async () => {
    const tableName = await freshTable();
    const checkpointStore = createMemoryStateStore();
    const orchestrator = busOn(tableName, { checkpointStore, consumerName: 'orchestrator' });
    const taskIds = Array.from({ length: 8 }, (_, index) => `restart-${index}`);
    for (const taskId of taskIds) {
      await orchestrator.send({ agent: 'ec2', taskId, contextId: 'c', message: question(taskId) });
    }

    const servedByFirst: string[] = [];
    let enough: () => void = () => {};
    const firstHasWorked = new Promise<void>((resolve) => {
      enough = resolve;
    });
    // Two records per batch, one batch at a time, so the first consumer dies with batches unread; from
    // its third task on it hangs until killed, so the kill lands mid-batch.
    const first = busOn(tableName, {
      checkpointStore,
      consumerName: 'ec2',
      batchSize: 2,
      maxBatchesInFlight: 1,
    });
    await first.subscribe('ec2', async (task, context) => {
      servedByFirst.push(task.id);
      if (servedByFirst.length >= 3) {
        enough();
        await new Promise((resolve) => context.signal.addEventListener('abort', resolve));
      }
      return {
        state: 'completed',
        artifacts: [{ artifactId: `by-first-${task.id}`, parts: [{ kind: 'text', text: 'x' }] }],
      };
    });
    await firstHasWorked;
    await first.close();
    const checkpoints = await checkpointStore.query(checkpointPartition(tableName, 'ec2'));
    expect(checkpoints.items[0]?.value.sequenceNumber).toEqual(expect.any(String));
    expect(servedByFirst.length).toBeLessThan(taskIds.length);

    const servedBySecond: string[] = [];
    const batches: StreamBatchSummary[] = [];
    const second = busOn(tableName, {
      checkpointStore,
      consumerName: 'ec2',
      batchSize: 2,
      onBatch: (summary) => batches.push(summary),
    });
    await second.subscribe('ec2', async (task) => {
      servedBySecond.push(task.id);
      return {
        state: 'completed',
        artifacts: [{ artifactId: `by-second-${task.id}`, parts: [{ kind: 'text', text: 'x' }] }],
      };
    });
    const gathered = await orchestrator.gather(taskIds, { timeoutMs: 15_000 });

    expect(gathered.timedOut).toEqual([]);
    // Exactly one answer per task, from one consumer or the other.
    const answeredByFirst = new Set<string>();
    for (const task of gathered.answered) {
      expect(task.artifacts).toHaveLength(1);
      if (task.artifacts[0]?.artifactId.startsWith('by-first-')) answeredByFirst.add(task.id);
    }
    expect(answeredByFirst.size).toBeGreaterThanOrEqual(2);
    expect(servedBySecond.filter((taskId) => answeredByFirst.has(taskId))).toEqual([]);
    const total = (outcome: 'answered' | 'duplicate') =>
      batches.reduce((sum, batch) => sum + batch.outcomes[outcome], 0);
    expect(total('answered')).toBe(taskIds.length - answeredByFirst.size);
    // Resumed after the checkpoint: at most the one batch cut short by close() is read again (its
    // other record may have been answered), never the batches checkpointed before it.
    expect(total('duplicate')).toBeLessThanOrEqual(1);
    await second.close();
    await orchestrator.close();
    await local.client.send(new DeleteTableCommand({ TableName: tableName }));
  });

  it('should redeliver a batch whose checkpoint was never written, and still answer each task once', async () => {
    const tableName = await freshTable();
    const checkpointStore = createMemoryStateStore();
    // A consumer that dies between serving its records and checkpointing them.
    const failingStore = {
      ...checkpointStore,
      put: async () => {
        throw new Error('crashed before the checkpoint');
      },
    };
    const orchestrator = busOn(tableName, { checkpointStore, consumerName: 'orchestrator' });
    const taskIds = ['crash-0', 'crash-1', 'crash-2'];
    for (const taskId of taskIds) {
      await orchestrator.send({ agent: 'ec2', taskId, contextId: 'c', message: question(taskId) });
    }
    let calls = 0;
    const errors: FinopsError[] = [];
    const dying = busOn(tableName, {
      checkpointStore: failingStore,
      consumerName: 'ec2',
      onError: (error) => errors.push(error),
    });
    await dying.subscribe('ec2', async () => {
      calls += 1;
      return { state: 'completed' };
    });
    expect((await orchestrator.gather(taskIds, { timeoutMs: 15_000 })).timedOut).toEqual([]);
    await dying.close();
    expect(errors.some((error) => error.message.includes('crashed before the checkpoint'))).toBe(true);

    const batches: StreamBatchSummary[] = [];
    const restarted = busOn(tableName, {
      checkpointStore,
      consumerName: 'ec2',
      onBatch: (summary) => batches.push(summary),
    });
    await restarted.subscribe('ec2', async () => {
      calls += 1;
      return { state: 'completed' };
    });
    // The restarted consumer reads from the start (no checkpoint) and finds every answer written.
    for (
      let waited = 0;
      batches.reduce((sum, b) => sum + b.outcomes.duplicate, 0) < 3 && waited < 100;
      waited += 1
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(batches.reduce((sum, batch) => sum + batch.outcomes.duplicate, 0)).toBe(3);
    expect(calls).toBe(3);
    for (const taskId of taskIds) expect((await restarted.get(taskId))?.history).toHaveLength(1);
    await restarted.close();
    await orchestrator.close();
    await local.client.send(new DeleteTableCommand({ TableName: tableName }));
  });

  it('should abort a handler in another bus when the task is canceled', async () => {
    const tableName = await freshTable();
    const checkpointStore = createMemoryStateStore();
    const orchestrator = busOn(tableName, { checkpointStore, consumerName: 'orchestrator' });
    const specialist = busOn(tableName, { checkpointStore, consumerName: 'ec2' });
    let started: () => void = () => {};
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const aborted = new Promise<boolean>((resolve) => {
      void specialist.subscribe('ec2', async (_task, context) => {
        started();
        await new Promise((wake) => context.signal.addEventListener('abort', wake));
        resolve(context.signal.aborted);
        return { state: 'completed' };
      });
    });
    await orchestrator.send({
      agent: 'ec2',
      taskId: 'cancel-1',
      contextId: 'c',
      message: question('cancel-1'),
    });
    await running;

    expect(await orchestrator.cancel('cancel-1')).toBe(true);

    expect(await aborted).toBe(true);
    expect((await orchestrator.get('cancel-1'))?.status.state).toBe('canceled');
    await specialist.close();
    await orchestrator.close();
    await local.client.send(new DeleteTableCommand({ TableName: tableName }));
  });

  it('should ignore records from another table, for another agent, or not of the bus', async () => {
    const tableName = await freshTable();
    const client = documentClient();
    const bus = busOn(tableName, { checkpointStore: createMemoryStateStore() });
    let calls = 0;
    await bus.subscribe('ec2', async () => {
      calls += 1;
      return { state: 'completed' };
    });
    const request = (taskId: string, agent: string) => ({
      pk: `task#${taskId}`,
      sk: 'request#0001',
      type: 'request',
      taskId,
      agent,
      contextId: 'c',
      step: 1,
      body: JSON.stringify({
        type: 'request',
        taskId,
        contextId: 'c',
        agent,
        step: 1,
        message: question(taskId),
        createdAt: '2026-11-24T10:00:00.000Z',
      }),
    });
    await client.send(new PutCommand({ TableName: tableName, Item: request('other-agent', 's3') }));

    const summary = await bus.handleRecords([
      streamRecord(request('elsewhere', 'ec2'), {
        eventSourceARN:
          'arn:aws:dynamodb:us-east-1:111122223333:table/another-table/stream/2026-11-24T00:00:00.000',
      }),
      streamRecord(request('other-agent', 's3')),
      streamRecord({ pk: 'rec', sk: 'r-1', value: 'a recommendation' }),
      { eventName: 'REMOVE', dynamodb: { SequenceNumber: '9' } },
    ]);

    expect(summary.outcomes).toEqual({ answered: 0, failed: 0, duplicate: 0, ignored: 1, aborted: 0 });
    expect(summary.skipped).toBe(3);
    expect(summary.lastSequenceNumber).toBe('9');
    expect(calls).toBe(0);
    expect((await bus.get('other-agent'))?.status.state).toBe('submitted');
    expect(await bus.get('elsewhere')).toBeUndefined();
    await bus.close();
    await local.client.send(new DeleteTableCommand({ TableName: tableName }));
  });

  it('should write items keyed task#<id> / request#0001 that expire after a day', async () => {
    const tableName = await freshTable();
    const client = documentClient();
    const now = new Date('2026-11-24T10:00:00Z');
    const bus = busOn(tableName, { checkpointStore: createMemoryStateStore(), now: () => now });
    await bus.send({ agent: 'ec2', taskId: 'ttl-1', contextId: 'c', message: question('ttl-1') });
    const stored = await client.send(
      new GetCommand({
        TableName: tableName,
        Key: { pk: 'task#ttl-1', sk: 'request#0001' },
        ConsistentRead: true,
      }),
    );
    expect(stored.Item).toMatchObject({ type: 'request', taskId: 'ttl-1', agent: 'ec2', step: 1 });
    expect(stored.Item?.expiresAt).toBe(now.getTime() / 1000 + 24 * 60 * 60);
    await bus.close();
    await local.client.send(new DeleteTableCommand({ TableName: tableName }));
  });
});

describe('createStreamEventHandler', () => {
  it('should serve a Lambda event of the bus table with the given handlers', async () => {
    const tableName = await freshTable();
    const client = documentClient();
    const orchestrator = busOn(tableName, { checkpointStore: createMemoryStateStore() });
    await orchestrator.send({
      agent: 'ec2',
      taskId: 'lambda-1',
      contextId: 'c',
      message: question('lambda-1'),
    });
    const stored = await client.send(
      new GetCommand({
        TableName: tableName,
        Key: { pk: 'task#lambda-1', sk: 'request#0001' },
        ConsistentRead: true,
      }),
    );
    const handle = createStreamEventHandler({
      client,
      tableName,
      handlers: {
        ec2: async (task) => ({
          state: 'completed',
          message: { ...question('answer'), role: 'agent' },
          artifacts: [{ artifactId: task.id, parts: [{ kind: 'text', text: 'ok' }] }],
        }),
      },
    });
    const arn = `arn:aws:dynamodb:us-east-1:000000000000:table/${tableName}/stream/2026-11-24T00:00:00.000`;

    const summary = await handle({ Records: [streamRecord(stored.Item ?? {}, { eventSourceARN: arn })] });

    expect(summary.outcomes.answered).toBe(1);
    const gathered = await orchestrator.gather(['lambda-1'], { timeoutMs: 10_000 });
    expect(gathered.answered[0]?.status.state).toBe('completed');
    expect(gathered.answered[0]?.artifacts.map((artifact) => artifact.artifactId)).toEqual(['lambda-1']);
    await orchestrator.close();
    await local.client.send(new DeleteTableCommand({ TableName: tableName }));
  });
});

describe('createBusTable', () => {
  it('should create the table with a NEW_IMAGE stream and TTL, and do nothing the second time', async () => {
    const tableName = `a2a-${randomUUID()}`;
    const first = await createBusTable({ client: local.client, tableName });
    expect(first).toMatchObject({ created: true, timeToLiveStatus: 'ENABLED' });
    expect(first.streamArn).toContain(tableName);
    const second = await createBusTable({ client: local.client, tableName });
    expect(second).toMatchObject({ created: false, streamArn: first.streamArn });
    await local.client.send(new DeleteTableCommand({ TableName: tableName }));
  });

  it('should refuse a table without a stream and say how to enable one', async () => {
    const tableName = `a2a-${randomUUID()}`;
    await local.client.send(
      new CreateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    const error = await createBusTable({ client: local.client, tableName }).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(FinopsError);
    expect((error as FinopsError).message).toContain('StreamViewType=NEW_IMAGE');
    await local.client.send(new DeleteTableCommand({ TableName: tableName }));
  });
});
