import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { FinopsError } from '../../src/errors.ts';
import { errorName, toBusError } from './bus-errors.ts';

export interface BusTableOptions {
  client: DynamoDBClient;
  tableName: string;
  /** How long to wait for a new table to become ACTIVE; default 120 s. */
  maxWaitSeconds?: number | undefined;
}

export interface CreateBusTableResult {
  /** False when the table was already there. */
  created: boolean;
  /** The table's current stream, which the bus's consumers read. */
  streamArn: string;
  timeToLiveStatus: string;
}

/** Stream views that carry what consumers read: the item as written. */
const USABLE_VIEWS = new Set(['NEW_IMAGE', 'NEW_AND_OLD_IMAGES']);

/**
 * Creates the A2A bus table if it is missing (idempotent): `pk`/`sk` strings, on-demand billing, a
 * stream of NEW_IMAGE records, TTL on `expiresAt`. Deployments create it with infra/; this is for
 * local runs and tests. An existing table without a usable stream is refused with the fix.
 */
export async function createBusTable(options: BusTableOptions): Promise<CreateBusTableResult> {
  const { client, tableName } = options;
  let created = true;
  try {
    await client.send(
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
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
      }),
    );
  } catch (error) {
    if (errorName(error) !== 'ResourceInUseException') throw toBusError(error, 'CreateTable', tableName);
    created = false;
  }
  await waitUntilTableExists(
    { client, maxWaitTime: options.maxWaitSeconds ?? 120, minDelay: 1, maxDelay: 5 },
    { TableName: tableName },
  ).catch((error: unknown) => {
    throw toBusError(error, 'DescribeTable (waiting for the new table)', tableName);
  });
  const described = await client
    .send(new DescribeTableCommand({ TableName: tableName }))
    .catch((error: unknown) => {
      throw toBusError(error, 'DescribeTable', tableName);
    });
  const table = described.Table;
  const keys = (table?.KeySchema ?? []).map((key) => `${key.AttributeName}:${key.KeyType}`).join(',');
  if (keys !== 'pk:HASH,sk:RANGE') {
    throw new FinopsError(
      'finops_state_error',
      `DynamoDB table ${tableName} has the key schema ${keys || 'unknown'}, not the A2A bus's pk:HASH,sk:RANGE: use a table created by createBusTable() or infra/`,
    );
  }
  const stream = table?.StreamSpecification;
  const streamArn = table?.LatestStreamArn;
  if (!stream?.StreamEnabled || !USABLE_VIEWS.has(stream.StreamViewType ?? '') || streamArn === undefined) {
    throw new FinopsError(
      'finops_state_error',
      `DynamoDB table ${tableName} has no stream with new images, which the A2A bus reads: enable one with \`aws dynamodb update-table --table-name ${tableName} --stream-specification StreamEnabled=true,StreamViewType=NEW_IMAGE\``,
    );
  }
  const timeToLive = await client
    .send(new DescribeTimeToLiveCommand({ TableName: tableName }))
    .catch((error: unknown) => {
      throw toBusError(error, 'DescribeTimeToLive', tableName);
    });
  const current = timeToLive.TimeToLiveDescription;
  if (
    (current?.TimeToLiveStatus === 'ENABLED' || current?.TimeToLiveStatus === 'ENABLING') &&
    current.AttributeName === 'expiresAt'
  ) {
    return { created, streamArn, timeToLiveStatus: current.TimeToLiveStatus };
  }
  const updated = await client
    .send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { Enabled: true, AttributeName: 'expiresAt' },
      }),
    )
    .catch((error: unknown) => {
      throw toBusError(error, 'UpdateTimeToLive', tableName);
    });
  return {
    created,
    streamArn,
    timeToLiveStatus: updated.TimeToLiveSpecification?.Enabled ? 'ENABLED' : 'DISABLED',
  };
}
