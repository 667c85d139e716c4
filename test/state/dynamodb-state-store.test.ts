import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDynamoDbStateStore,
  createStateTable,
  describeStateTable,
} from '../../adapters/dynamodb/index.ts';
import { FinopsError } from '../../src/errors.ts';
import { type DynamoDbLocal, JAVA_REQUIRED_MESSAGE, startDynamoDbLocal } from '../support/dynamodb-local.ts';
import {
  CONTRACT_START,
  type ContractSubject,
  describeStateStoreContract,
  describeStateStoreRestart,
} from './state-store-contract.ts';

// The project requires Java 17+ for its tests (CI checks it): without Java, beforeAll throws and
// every test here fails with JAVA_REQUIRED_MESSAGE. It is never skipped.
let local: DynamoDbLocal;
const clients: DynamoDBClient[] = [];

beforeAll(async () => {
  local = await startDynamoDbLocal();
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await local?.stop();
});

function newDocumentClient(): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    endpoint: local.endpoint,
    region: local.region,
    credentials: local.credentials,
  });
  clients.push(client);
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: false, convertClassInstanceToMap: false },
  });
}

function freshTableName(): string {
  return `state-${randomUUID()}`;
}

async function dynamoDbSubject(): Promise<ContractSubject> {
  const tableName = freshTableName();
  await createStateTable({ client: local.client, tableName });
  let now = CONTRACT_START;
  const clock = () => now;
  return {
    store: createDynamoDbStateStore({ client: newDocumentClient(), tableName, now: clock }),
    // A restart: a new client and a new store on the same table.
    reopen: async () => createDynamoDbStateStore({ client: newDocumentClient(), tableName, now: clock }),
    setNow: (date) => {
      now = date;
    },
    cleanup: async () => {
      await local.client.send(new DeleteTableCommand({ TableName: tableName }));
    },
  };
}

describeStateStoreContract('dynamodb', dynamoDbSubject);
describeStateStoreRestart('dynamodb', dynamoDbSubject);

describe('createStateTable', () => {
  it('should create the table with on-demand billing and TTL on expiresAt, and do nothing the second time', async () => {
    const tableName = freshTableName();
    const first = await createStateTable({ client: local.client, tableName });
    expect(first.created).toBe(true);
    const second = await createStateTable({ client: local.client, tableName });
    expect(second.created).toBe(false);
    const description = await describeStateTable({ client: local.client, tableName });
    expect(description).toMatchObject({
      tableName,
      status: 'ACTIVE',
      billingMode: 'PAY_PER_REQUEST',
      timeToLiveStatus: 'ENABLED',
      timeToLiveAttribute: 'expiresAt',
    });
  });
});

describe('describeStateTable', () => {
  it('should say how to create a missing table', async () => {
    const error = await describeStateTable({ client: local.client, tableName: 'no-such-table' }).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(FinopsError);
    expect((error as FinopsError).code).toBe('finops_state_error');
    expect((error as FinopsError).message).toContain('no-such-table does not exist');
    expect((error as FinopsError).message).toContain('createStateTable()');
  });

  it('should refuse a table whose keys are not pk and sk', async () => {
    const tableName = freshTableName();
    await local.client.send(
      new CreateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await expect(describeStateTable({ client: local.client, tableName })).rejects.toThrow(
      /key schema id:HASH/,
    );
  });
});

describe('createDynamoDbStateStore', () => {
  it('should turn a missing table into a FinopsError that says how to create it', async () => {
    const store = createDynamoDbStateStore({ client: newDocumentClient(), tableName: 'missing-table' });
    const error = await store.get('p', 's').catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(FinopsError);
    expect((error as FinopsError).code).toBe('finops_state_error');
    expect((error as FinopsError).message).toContain('missing-table does not exist');
  });

  it('should hide an expired item that DynamoDB has not yet deleted, and count it as absent', async () => {
    const tableName = freshTableName();
    await createStateTable({ client: local.client, tableName });
    const client = newDocumentClient();
    // Written directly, as an item whose TTL passed but which DynamoDB's sweeper has not removed.
    const past = Math.floor(CONTRACT_START.getTime() / 1000) - 1;
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: { pk: 'p', sk: 's', value: { old: true }, version: 7, expiresAt: past },
      }),
    );
    const store = createDynamoDbStateStore({ client, tableName, now: () => CONTRACT_START });
    expect(await store.get('p', 's')).toBeUndefined();
    expect((await store.query('p')).items).toEqual([]);
    const created = await store.put({
      partition: 'p',
      sort: 's',
      value: { fresh: true },
      condition: { kind: 'absent' },
    });
    expect(created.version).toBe(1);
  });

  it('should report an item that is not a state item instead of returning it', async () => {
    const tableName = freshTableName();
    await createStateTable({ client: local.client, tableName });
    const client = newDocumentClient();
    await client.send(new PutCommand({ TableName: tableName, Item: { pk: 'p', sk: 's', other: 'shape' } }));
    const store = createDynamoDbStateStore({ client, tableName });
    await expect(store.get('p', 's')).rejects.toThrow(/not a state item/);
  });
});

describe('startDynamoDbLocal', () => {
  it('should fail loudly, not skip, when java cannot be found', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(startDynamoDbLocal({ timeoutMs: 5_000 })).rejects.toThrow(JAVA_REQUIRED_MESSAGE);
    } finally {
      process.env.PATH = path;
    }
  });
});
