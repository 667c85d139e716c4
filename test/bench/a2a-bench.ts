import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createBusTable, createDynamoDbBus } from '../../adapters/dynamodb-streams/index.ts';
import { type A2ABus, createInProcessBus, type TaskHandler } from '../../agents/a2a/index.ts';
import { createMemoryStateStore } from '../../src/state/index.ts';
import { startDynamoDbLocal } from '../support/dynamodb-local.ts';
import { percentile } from './stats.ts';

export interface A2ABenchRow {
  bus: string;
  iterations: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

const WARM_UP = 3;

/** A specialist that answers at once, so the figures are the bus alone. */
const echo: TaskHandler = async (task) => ({
  state: 'completed',
  artifacts: [{ artifactId: 'echo', parts: [{ kind: 'data', data: { history: task.history.length } }] }],
});

/** Round trips of one task: send, the specialist answers, gather returns it. */
async function roundTrips(orchestrator: A2ABus, iterations: number): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < WARM_UP + iterations; index += 1) {
    const taskId = `bench-${randomUUID()}`;
    const started = performance.now();
    await orchestrator.send({
      agent: 'echo',
      taskId,
      contextId: 'bench',
      message: { kind: 'message', messageId: taskId, role: 'user', parts: [{ kind: 'text', text: 'ping' }] },
    });
    const gathered = await orchestrator.gather([taskId], { timeoutMs: 10_000 });
    if (gathered.timedOut.length > 0) throw new Error(`task ${taskId} was not answered within 10 s`);
    if (index >= WARM_UP) times.push(performance.now() - started);
  }
  return times;
}

function row(bus: string, times: number[]): A2ABenchRow {
  return {
    bus,
    iterations: times.length,
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
    maxMs: Math.max(...times),
  };
}

/**
 * A2A round-trip latency: in-process, and over DynamoDB Local with its stream, where the
 * orchestrator and the specialist are separate buses (separate stream consumers), as in separate
 * processes. On DynamoDB the poll interval dominates: a round trip waits for up to one poll of the
 * specialist's consumer and one of the orchestrator's.
 */
export async function benchA2A({ iterations = 30 }: { iterations?: number } = {}): Promise<A2ABenchRow[]> {
  const rows: A2ABenchRow[] = [];
  const inProcess = createInProcessBus();
  await inProcess.subscribe('echo', echo);
  rows.push(row('in-process', await roundTrips(inProcess, iterations)));
  await inProcess.close();

  const local = await startDynamoDbLocal();
  const raw = new DynamoDBClient({
    endpoint: local.endpoint,
    region: local.region,
    credentials: local.credentials,
  });
  const streamsClient = new DynamoDBStreamsClient({
    endpoint: local.endpoint,
    region: local.region,
    credentials: local.credentials,
  });
  try {
    for (const pollIntervalMs of [500, 100]) {
      const tableName = `a2a-bench-${randomUUID()}`;
      await createBusTable({ client: local.client, tableName });
      const checkpointStore = createMemoryStateStore();
      const common = {
        client: DynamoDBDocumentClient.from(raw),
        streamsClient,
        tableName,
        checkpointStore,
        pollIntervalMs,
      };
      const specialist = createDynamoDbBus({ ...common, consumerName: 'echo' });
      const orchestrator = createDynamoDbBus({ ...common, consumerName: 'orchestrator' });
      await specialist.subscribe('echo', echo);
      try {
        rows.push(
          row(`dynamodb-local, poll ${pollIntervalMs} ms`, await roundTrips(orchestrator, iterations)),
        );
      } finally {
        await orchestrator.close();
        await specialist.close();
        await local.client.send(new DeleteTableCommand({ TableName: tableName }));
      }
    }
  } finally {
    raw.destroy();
    streamsClient.destroy();
    await local.stop();
  }
  return rows;
}
