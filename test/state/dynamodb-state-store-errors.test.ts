import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createDynamoDbStateStore } from '../../adapters/dynamodb/index.ts';
import { FinopsError } from '../../src/errors.ts';
import type { WriteOperation } from '../../src/state/index.ts';

/**
 * Failures DynamoDB Local does not produce on demand (it runs transactions one at a time, so they
 * never conflict), played by a client that answers from a script.
 */
type Answer = (command: { constructor: { name: string }; input: unknown }) => unknown;

function scriptedClient(answers: Answer[]): { client: DynamoDBDocumentClient; calls: string[] } {
  const calls: string[] = [];
  const client = {
    async send(command: { constructor: { name: string }; input: unknown }) {
      calls.push(command.constructor.name);
      const answer = answers.shift();
      if (answer === undefined) throw new Error(`unexpected ${command.constructor.name}`);
      return answer(command);
    },
  };
  return { client: client as unknown as DynamoDBDocumentClient, calls };
}

function awsError(name: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`${name} happened`), { name, ...extra });
}

const canceled = (...codes: string[]) =>
  awsError('TransactionCanceledException', { CancellationReasons: codes.map((Code) => ({ Code })) });

const DECISION: WriteOperation[] = [
  {
    type: 'put',
    partition: 'rec',
    sort: 'r1',
    value: { status: 'approved' },
    condition: { kind: 'version', version: 1 },
  },
  {
    type: 'put' as const,
    partition: 'audit#r1',
    sort: 't1',
    value: {},
    condition: { kind: 'absent' as const },
  },
];

describe('createDynamoDbStateStore failures', () => {
  it('should retry a transaction cancelled by a conflicting transaction, and succeed', async () => {
    const { client, calls } = scriptedClient([
      () => {
        throw canceled('TransactionConflict', 'None');
      },
      () => ({}),
    ]);
    const store = createDynamoDbStateStore({ client, tableName: 't' });
    await store.transact(DECISION);
    expect(calls).toEqual(['TransactWriteCommand', 'TransactWriteCommand']);
  });

  it('should give up on a transaction that keeps conflicting with a retryable error', async () => {
    const conflict = () => {
      throw canceled('None', 'TransactionConflict');
    };
    const { client, calls } = scriptedClient([conflict, conflict, conflict]);
    const store = createDynamoDbStateStore({ client, tableName: 't', maxAttempts: 3 });
    const error = await store.transact(DECISION).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(FinopsError);
    expect((error as FinopsError).code).toBe('finops_state_error');
    expect((error as FinopsError).isRetryable).toBe(true);
    expect(calls).toHaveLength(3);
  });

  it('should re-read and retry when the version an unconditional put was pinned to moved', async () => {
    const { client, calls } = scriptedClient([
      () => ({ Item: { pk: 'p', sk: 's', value: {}, version: 1 } }),
      () => {
        throw canceled('ConditionalCheckFailed');
      },
      () => ({ Item: { pk: 'p', sk: 's', value: {}, version: 2 } }),
      (command) => {
        const item = (command.input as { TransactItems: { Put: { Item: { version: number } } }[] })
          .TransactItems[0];
        expect(item?.Put.Item.version).toBe(3);
        return {};
      },
    ]);
    const store = createDynamoDbStateStore({ client, tableName: 't' });
    await store.transact([{ type: 'put', partition: 'p', sort: 's', value: { n: 1 } }]);
    expect(calls).toEqual(['GetCommand', 'TransactWriteCommand', 'GetCommand', 'TransactWriteCommand']);
  });

  it('should report throttling that outlasted the SDK’s retries as retryable, keeping the cause', async () => {
    const throttled = awsError('ThrottlingException');
    const { client } = scriptedClient([
      () => {
        throw throttled;
      },
    ]);
    const store = createDynamoDbStateStore({ client, tableName: 'state' });
    const error = (await store.get('p', 's').catch((thrown: unknown) => thrown)) as FinopsError;
    expect(error.code).toBe('finops_state_error');
    expect(error.isRetryable).toBe(true);
    expect(error.cause).toBe(throttled);
    expect(error.message).toContain('GetItem on table state');
  });

  it('should point at the IAM actions when access is denied', async () => {
    const { client } = scriptedClient([
      () => {
        throw awsError('AccessDeniedException');
      },
    ]);
    const store = createDynamoDbStateStore({ client, tableName: 'state' });
    const error = (await store.query('p').catch((thrown: unknown) => thrown)) as FinopsError;
    expect(error.isRetryable).toBe(false);
    expect(error.message).toContain('adapters/dynamodb/README.md');
  });
});
