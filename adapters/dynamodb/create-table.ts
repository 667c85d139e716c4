import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { FinopsError } from '../../src/errors.ts';
import { toStateStoreError } from './dynamodb-errors.ts';
import { STATE_TABLE_ATTRIBUTES } from './dynamodb-state-store.ts';

export interface StateTableOptions {
  client: DynamoDBClient;
  tableName: string;
  /** How long to wait for a new table to become ACTIVE; default 120 s. */
  maxWaitSeconds?: number | undefined;
}

export interface CreateStateTableResult {
  /** False when the table was already there. */
  created: boolean;
  /** The TTL status after the call (`ENABLED`, `ENABLING`, …). */
  timeToLiveStatus: string;
}

export interface StateTableDescription {
  tableName: string;
  status: string;
  billingMode: string;
  timeToLiveStatus: string;
  timeToLiveAttribute: string | undefined;
}

/**
 * Creates the state table if it is missing (idempotent): `pk`/`sk` strings, on-demand billing, TTL
 * on `expiresAt`. Deployments create it with infra/; this is for local runs and tests.
 */
export async function createStateTable(options: StateTableOptions): Promise<CreateStateTableResult> {
  const { client, tableName } = options;
  let created = true;
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [
          { AttributeName: STATE_TABLE_ATTRIBUTES.partition, AttributeType: 'S' },
          { AttributeName: STATE_TABLE_ATTRIBUTES.sort, AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: STATE_TABLE_ATTRIBUTES.partition, KeyType: 'HASH' },
          { AttributeName: STATE_TABLE_ATTRIBUTES.sort, KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  } catch (error) {
    if ((error as { name?: unknown }).name !== 'ResourceInUseException') {
      throw toStateStoreError(error, 'CreateTable', tableName);
    }
    created = false;
  }
  await waitUntilTableExists(
    { client, maxWaitTime: options.maxWaitSeconds ?? 120, minDelay: 1, maxDelay: 5 },
    { TableName: tableName },
  ).catch((error: unknown) => {
    throw toStateStoreError(error, 'DescribeTable (waiting for the new table)', tableName);
  });
  await describeStateTable(options);
  const timeToLive = await client
    .send(new DescribeTimeToLiveCommand({ TableName: tableName }))
    .catch((error: unknown) => {
      throw toStateStoreError(error, 'DescribeTimeToLive', tableName);
    });
  const current = timeToLive.TimeToLiveDescription;
  if (
    (current?.TimeToLiveStatus === 'ENABLED' || current?.TimeToLiveStatus === 'ENABLING') &&
    current.AttributeName === STATE_TABLE_ATTRIBUTES.expiresAt
  ) {
    return { created, timeToLiveStatus: current.TimeToLiveStatus };
  }
  const updated = await client
    .send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { Enabled: true, AttributeName: STATE_TABLE_ATTRIBUTES.expiresAt },
      }),
    )
    .catch((error: unknown) => {
      throw toStateStoreError(error, 'UpdateTimeToLive', tableName);
    });
  return { created, timeToLiveStatus: updated.TimeToLiveSpecification?.Enabled ? 'ENABLED' : 'DISABLED' };
}

/** Checks that the table exists and has the state table's keys; throws a FinopsError saying how to fix it. */
export async function describeStateTable(options: StateTableOptions): Promise<StateTableDescription> {
  const { client, tableName } = options;
  const described = await client
    .send(new DescribeTableCommand({ TableName: tableName }))
    .catch((error: unknown) => {
      throw toStateStoreError(error, 'DescribeTable', tableName);
    });
  const table = described.Table;
  const keys = (table?.KeySchema ?? []).map((key) => `${key.AttributeName}:${key.KeyType}`).join(',');
  const expected = `${STATE_TABLE_ATTRIBUTES.partition}:HASH,${STATE_TABLE_ATTRIBUTES.sort}:RANGE`;
  if (keys !== expected) {
    throw new FinopsError(
      'finops_state_error',
      `DynamoDB table ${tableName} has the key schema ${keys || 'unknown'}, not the state table's ${expected}: point the state store at a table created by createStateTable() or infra/`,
    );
  }
  const timeToLive = await client
    .send(new DescribeTimeToLiveCommand({ TableName: tableName }))
    .catch((error: unknown) => {
      throw toStateStoreError(error, 'DescribeTimeToLive', tableName);
    });
  return {
    tableName,
    status: table?.TableStatus ?? 'UNKNOWN',
    billingMode: table?.BillingModeSummary?.BillingMode ?? 'PROVISIONED',
    timeToLiveStatus: timeToLive.TimeToLiveDescription?.TimeToLiveStatus ?? 'DISABLED',
    timeToLiveAttribute: timeToLive.TimeToLiveDescription?.AttributeName,
  };
}
