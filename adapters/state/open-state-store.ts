import type { StateStoreConfig } from '../../src/config.ts';
import { createEmbeddedStateStore, createMemoryStateStore, type StateStore } from '../../src/state/index.ts';

/**
 * Opens the configured StateStore: the embedded file store in the data directory by default, or
 * DynamoDB when FINOPS_STATE_TABLE is set. The AWS SDK is imported only on that path, so local runs
 * never load it. Credentials come from the SDK's default chain (environment, profile, role) and
 * are never logged.
 */
export async function openStateStore(config: StateStoreConfig, now?: () => Date): Promise<StateStore> {
  if (config.kind === 'embedded') {
    return config.path === ':memory:'
      ? createMemoryStateStore(now ? { now } : {})
      : createEmbeddedStateStore({ path: config.path, ...(now ? { now } : {}) });
  }
  const [{ DynamoDBClient }, { DynamoDBDocumentClient }, { createDynamoDbStateStore, describeStateTable }] =
    await Promise.all([
      import('@aws-sdk/client-dynamodb'),
      import('@aws-sdk/lib-dynamodb'),
      import('../dynamodb/index.ts'),
    ]);
  const client = new DynamoDBClient({
    ...(config.region ? { region: config.region } : {}),
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
  });
  await describeStateTable({ client, tableName: config.table });
  const documents = DynamoDBDocumentClient.from(client);
  const store = createDynamoDbStateStore({
    client: documents,
    tableName: config.table,
    ...(now ? { now } : {}),
  });
  return {
    name: store.name,
    get: (partition, sort) => store.get(partition, sort),
    put: (input) => store.put(input),
    delete: (input) => store.delete(input),
    transact: (operations) => store.transact(operations),
    query: (partition, options) => store.query(partition, options),
    async close() {
      await store.close();
      client.destroy();
    },
  } satisfies StateStore;
}
