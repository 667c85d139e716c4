import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  createBusTable,
  createDynamoDbBus,
  type DynamoDbBus,
} from '../../adapters/dynamodb-streams/index.ts';
import { createRuntime, type Runtime } from '../../src/composition-root.ts';
import { loadConfig } from '../../src/config.ts';
import { type DemoManifest, generateDemoOrganisation } from '../../src/demo/index.ts';
import { createMemoryStateStore } from '../../src/state/index.ts';
import type { DynamoDbLocal } from './dynamodb-local.ts';

/**
 * The demo organisation (seed 42, today 2026-11-24) in an in-memory Runtime, as `npm start`
 * builds it but with no files: for tests and benches of the agents and the chat adapters.
 */
export async function openDemoRuntime(): Promise<{ runtime: Runtime; manifest: DemoManifest }> {
  const config = loadConfig({ dataDir: ':memory:', now: '2026-11-24' }, {});
  const runtime = await createRuntime(config);
  const manifest = await generateDemoOrganisation(runtime.db, { now: config.now, seed: 42 });
  return { runtime, manifest };
}

/**
 * An A2A bus on a fresh table of a running DynamoDB Local, polling every 100 ms; `close()` stops
 * it, deletes the table and destroys its clients (DynamoDB Local itself is the caller's).
 */
export async function openLocalDynamoDbBus(
  local: DynamoDbLocal,
): Promise<{ bus: DynamoDbBus; close(): Promise<void> }> {
  const clientConfig = { endpoint: local.endpoint, region: local.region, credentials: local.credentials };
  const raw = new DynamoDBClient(clientConfig);
  const streamsClient = new DynamoDBStreamsClient(clientConfig);
  const tableName = `a2a-${randomUUID()}`;
  await createBusTable({ client: local.client, tableName });
  const bus = createDynamoDbBus({
    client: DynamoDBDocumentClient.from(raw),
    streamsClient,
    tableName,
    checkpointStore: createMemoryStateStore(),
    pollIntervalMs: 100,
  });
  return {
    bus,
    async close() {
      await bus.close();
      await local.client.send(new DeleteTableCommand({ TableName: tableName }));
      raw.destroy();
      streamsClient.destroy();
    },
  };
}
