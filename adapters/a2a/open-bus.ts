import { type A2ABus, createInProcessBus } from '../../agents/a2a/index.ts';
import type { BusConfig } from '../../src/config.ts';
import type { StateStore } from '../../src/state/index.ts';

export interface OpenBusOptions {
  /** The DynamoDB bus keeps its stream checkpoints here (the configured StateStore). */
  checkpointStore: StateStore;
  /** Names this process's stream consumer, so two processes reading at once keep apart. */
  consumerName?: string | undefined;
  onError?: ((error: Error) => void) | undefined;
}

/**
 * Opens the configured A2A bus: in-process by default, or the DynamoDB table and its stream
 * when FINOPS_A2A_TABLE is set. The AWS SDK is imported only on that path. The table must exist
 * with its stream (see adapters/dynamodb-streams/README.md; `createBusTable` makes one).
 */
export async function openBus(config: BusConfig, options: OpenBusOptions): Promise<A2ABus> {
  if (config.kind === 'in-process') {
    return createInProcessBus(options.onError ? { onError: options.onError } : {});
  }
  const [{ DynamoDBClient }, { DynamoDBDocumentClient }, { DynamoDBStreamsClient }, { createDynamoDbBus }] =
    await Promise.all([
      import('@aws-sdk/client-dynamodb'),
      import('@aws-sdk/lib-dynamodb'),
      import('@aws-sdk/client-dynamodb-streams'),
      import('../dynamodb-streams/index.ts'),
    ]);
  const clientConfig = {
    ...(config.region ? { region: config.region } : {}),
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
  };
  const client = new DynamoDBClient(clientConfig);
  const streamsClient = new DynamoDBStreamsClient(clientConfig);
  const bus = createDynamoDbBus({
    client: DynamoDBDocumentClient.from(client),
    streamsClient,
    tableName: config.table,
    checkpointStore: options.checkpointStore,
    ...(options.consumerName ? { consumerName: options.consumerName } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
  });
  return {
    name: bus.name,
    send: (request) => bus.send(request),
    subscribe: (agent, handler) => bus.subscribe(agent, handler),
    gather: (taskIds, gatherOptions) => bus.gather(taskIds, gatherOptions),
    get: (taskId) => bus.get(taskId),
    cancel: (taskId) => bus.cancel(taskId),
    async close() {
      await bus.close();
      client.destroy();
      streamsClient.destroy();
    },
  };
}
