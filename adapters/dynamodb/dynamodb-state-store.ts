import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { ConditionFailedError, FinopsError } from '../../src/errors.ts';
import {
  encodeCursor,
  epochSeconds,
  isLive,
  keyLabel,
  normalizeQuery,
  validateCondition,
  validateExpiresAt,
  validateKey,
  validateOperations,
  validateValue,
} from '../../src/state/state-rules.ts';
import type {
  DeleteInput,
  PutInput,
  QueryOptions,
  QueryPage,
  StateItem,
  StateStore,
  StateValue,
  WriteCondition,
  WriteOperation,
} from '../../src/state/state-store.ts';
import { toStateStoreError } from './dynamodb-errors.ts';

/** The attribute names of the single-table design (see README.md). */
export const STATE_TABLE_ATTRIBUTES = {
  partition: 'pk',
  sort: 'sk',
  value: 'value',
  version: 'version',
  expiresAt: 'expiresAt',
} as const;

export interface DynamoDbStateStoreOptions {
  /** Built by the composition root (region, credentials, endpoint); never built here. */
  client: DynamoDBDocumentClient;
  tableName: string;
  /** The clock behind expiry, in reads and in condition expressions alike. */
  now?: (() => Date) | undefined;
  /** Attempts of a write that lost a race it did not ask about (a transaction conflict); default 8. */
  maxAttempts?: number | undefined;
}

const storedItemSchema = z.object({
  pk: z.string(),
  sk: z.string(),
  value: z.record(z.string(), z.unknown()),
  version: z.number().int().positive(),
  expiresAt: z.number().optional(),
});

type Expression = {
  expression: string;
  names: Record<string, string>;
  values: Record<string, unknown>;
};

const LIVE = '(attribute_not_exists(#expiresAt) OR #expiresAt > :now)';

/**
 * The translation of each condition into a DynamoDB condition expression. An item whose TTL has
 * passed but which DynamoDB has not yet deleted must count as absent, so every expression compares
 * `expiresAt` with our clock's `:now`.
 */
function conditionExpression(condition: WriteCondition, nowSeconds: number): Expression {
  switch (condition.kind) {
    case 'absent':
      return {
        expression: 'attribute_not_exists(#pk) OR #expiresAt <= :now',
        names: { '#pk': 'pk', '#expiresAt': 'expiresAt' },
        values: { ':now': nowSeconds },
      };
    case 'present':
      return {
        expression: `attribute_exists(#pk) AND ${LIVE}`,
        names: { '#pk': 'pk', '#expiresAt': 'expiresAt' },
        values: { ':now': nowSeconds },
      };
    case 'version':
      return {
        expression: `#version = :expectedVersion AND ${LIVE}`,
        names: { '#version': 'version', '#expiresAt': 'expiresAt' },
        values: { ':now': nowSeconds, ':expectedVersion': condition.version },
      };
  }
}

function conditionParameters(expression: Expression) {
  return {
    ConditionExpression: expression.expression,
    ExpressionAttributeNames: expression.names,
    ExpressionAttributeValues: expression.values,
  };
}

function storedItem(item: StateItem): Record<string, unknown> {
  const stored: Record<string, unknown> = {
    pk: item.partition,
    sk: item.sort,
    value: item.value,
    version: item.version,
  };
  if (item.expiresAt !== undefined) stored.expiresAt = item.expiresAt;
  return stored;
}

/** A write that replaces the item with a version the caller already knows. */
type PlannedPut = { kind: 'put'; item: StateItem; condition: Expression };
/** A write that bumps whatever version is stored, which only DynamoDB knows at write time. */
type PlannedUpdate = {
  kind: 'update';
  input: PutInput;
  condition: Expression;
  /** Whether the condition lets a missing item through, which then starts at version 1. */
  mayBeMissing: boolean;
};

/** Why a transaction should be tried again rather than reported to the caller. */
class RetryTransaction extends Error {}

/**
 * The StateStore over one DynamoDB table (single-table design, see README.md). Reads are strongly
 * consistent; every conditional write is a DynamoDB condition expression, so the winner of a race
 * is chosen by DynamoDB itself.
 */
export function createDynamoDbStateStore(options: DynamoDbStateStoreOptions): StateStore {
  const { client, tableName } = options;
  const now = options.now ?? (() => new Date());
  const maxAttempts = options.maxAttempts ?? 8;
  if (typeof tableName !== 'string' || tableName.length === 0) {
    throw new FinopsError(
      'finops_invalid_input',
      'createDynamoDbStateStore needs the tableName of the state table',
    );
  }

  async function send<T>(action: string, work: () => Promise<T>, key?: { partition: string; sort: string }) {
    try {
      return await work();
    } catch (error) {
      if (key !== undefined && errorName(error) === 'ConditionalCheckFailedException') {
        throw new ConditionFailedError({ ...key, cause: error });
      }
      throw toStateStoreError(error, action, tableName);
    }
  }

  /** Retries writes that lost to a concurrent transaction: their outcome was not decided. */
  async function withConflictRetry<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await work();
      } catch (error) {
        const conflicted = error instanceof RetryTransaction || isConflict(error);
        if (!conflicted || attempt >= maxAttempts) {
          if (error instanceof RetryTransaction) {
            throw new FinopsError(
              'finops_state_error',
              `a transaction on DynamoDB table ${tableName} kept conflicting with concurrent writes after ${maxAttempts} attempts; retry later`,
              { isRetryable: true },
            );
          }
          throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** attempt));
      }
    }
  }

  function parseItem(raw: Record<string, unknown>): StateItem {
    const parsed = storedItemSchema.safeParse(raw);
    if (!parsed.success) {
      throw new FinopsError(
        'finops_state_error',
        `DynamoDB table ${tableName} holds an item that is not a state item (${String(raw.pk)} / ${String(raw.sk)}): ${parsed.error.issues[0]?.message}. Keep this table for the StateStore only`,
      );
    }
    const item: StateItem = {
      partition: parsed.data.pk,
      sort: parsed.data.sk,
      value: parsed.data.value as StateValue,
      version: parsed.data.version,
    };
    if (parsed.data.expiresAt !== undefined) item.expiresAt = parsed.data.expiresAt;
    return item;
  }

  async function readItem(
    partition: string,
    sort: string,
    nowSeconds: number,
  ): Promise<StateItem | undefined> {
    const response = await send('GetItem', () =>
      client.send(
        new GetCommand({ TableName: tableName, Key: { pk: partition, sk: sort }, ConsistentRead: true }),
      ),
    );
    if (response.Item === undefined) return undefined;
    const item = parseItem(response.Item);
    return isLive(item, nowSeconds) ? item : undefined;
  }

  function newItem(input: PutInput, version: number): StateItem {
    // A copy, as the embedded store returns: the caller's object stays the caller's.
    const item: StateItem = {
      partition: input.partition,
      sort: input.sort,
      value: structuredClone(input.value),
      version,
    };
    if (input.expiresAt !== undefined) item.expiresAt = input.expiresAt;
    return item;
  }

  function updateParameters(planned: PlannedUpdate) {
    const { input, condition } = planned;
    const names: Record<string, string> = { ...condition.names, '#value': 'value', '#version': 'version' };
    const values: Record<string, unknown> = { ...condition.values, ':value': input.value, ':one': 1 };
    let update = 'SET #value = :value, #version = ';
    if (planned.mayBeMissing) {
      update += 'if_not_exists(#version, :zero) + :one';
      values[':zero'] = 0;
    } else {
      update += '#version + :one';
    }
    names['#expiresAt'] = 'expiresAt';
    if (input.expiresAt !== undefined) {
      update += ', #expiresAt = :expiresAt';
      values[':expiresAt'] = input.expiresAt;
    } else {
      update += ' REMOVE #expiresAt';
    }
    return {
      TableName: tableName,
      Key: { pk: input.partition, sk: input.sort },
      UpdateExpression: update,
      ConditionExpression: condition.expression,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    };
  }

  const LIVE_OR_MISSING: (nowSeconds: number) => Expression = (nowSeconds) => ({
    expression: `attribute_not_exists(#pk) OR ${LIVE}`,
    names: { '#pk': 'pk', '#expiresAt': 'expiresAt' },
    values: { ':now': nowSeconds },
  });
  const EXPIRED: (nowSeconds: number) => Expression = (nowSeconds) => ({
    expression: 'attribute_exists(#pk) AND #expiresAt <= :now',
    names: { '#pk': 'pk', '#expiresAt': 'expiresAt' },
    values: { ':now': nowSeconds },
  });

  async function runPut(planned: PlannedPut): Promise<StateItem> {
    const { item, condition } = planned;
    await send(
      'PutItem',
      () =>
        client.send(
          new PutCommand({ TableName: tableName, Item: storedItem(item), ...conditionParameters(condition) }),
        ),
      item,
    );
    return item;
  }

  async function runUpdate(planned: PlannedUpdate): Promise<StateItem> {
    const response = await send(
      'UpdateItem',
      () => client.send(new UpdateCommand({ ...updateParameters(planned), ReturnValues: 'ALL_NEW' })),
      planned.input,
    );
    return parseItem(response.Attributes ?? {});
  }

  async function putWithoutCondition(input: PutInput): Promise<StateItem> {
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      const nowSeconds = epochSeconds(now);
      try {
        return await runUpdate({
          kind: 'update',
          input,
          condition: LIVE_OR_MISSING(nowSeconds),
          mayBeMissing: true,
        });
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
      }
      // The item is there but expired: it is gone for readers, so it starts a new life at version 1.
      try {
        return await runPut({ kind: 'put', item: newItem(input, 1), condition: EXPIRED(nowSeconds) });
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
      }
    }
    throw new FinopsError(
      'finops_state_error',
      `the put to ${keyLabel(input.partition, input.sort)} in DynamoDB table ${tableName} kept racing with other writes; retry`,
      { isRetryable: true },
    );
  }

  function planConditionalPut(
    input: PutInput,
    condition: WriteCondition,
    nowSeconds: number,
  ): PlannedPut | PlannedUpdate {
    const expression = conditionExpression(condition, nowSeconds);
    switch (condition.kind) {
      case 'absent':
        return { kind: 'put', item: newItem(input, 1), condition: expression };
      case 'version':
        return { kind: 'put', item: newItem(input, condition.version + 1), condition: expression };
      case 'present':
        return { kind: 'update', input, condition: expression, mayBeMissing: false };
    }
  }

  /** Unconditional puts in a transaction are pinned to the version read just before. */
  async function planTransactionPut(
    input: PutInput,
    nowSeconds: number,
  ): Promise<PlannedPut | PlannedUpdate> {
    if (input.condition !== undefined) return planConditionalPut(input, input.condition, nowSeconds);
    const current = await readItem(input.partition, input.sort, nowSeconds);
    if (current === undefined) {
      return {
        kind: 'put',
        item: newItem(input, 1),
        condition: conditionExpression({ kind: 'absent' }, nowSeconds),
      };
    }
    return {
      kind: 'put',
      item: newItem(input, current.version + 1),
      condition: conditionExpression({ kind: 'version', version: current.version }, nowSeconds),
    };
  }

  async function transactOnce(operations: WriteOperation[]): Promise<void> {
    const nowSeconds = epochSeconds(now);
    type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
    const items: TransactItem[] = [];
    for (const operation of operations) {
      if (operation.type === 'delete') {
        const key = { pk: operation.partition, sk: operation.sort };
        items.push({
          Delete:
            operation.condition === undefined
              ? { TableName: tableName, Key: key }
              : {
                  TableName: tableName,
                  Key: key,
                  ...conditionParameters(conditionExpression(operation.condition, nowSeconds)),
                },
        });
        continue;
      }
      const planned = await planTransactionPut(operation, nowSeconds);
      items.push(
        planned.kind === 'put'
          ? {
              Put: {
                TableName: tableName,
                Item: storedItem(planned.item),
                ...conditionParameters(planned.condition),
              },
            }
          : { Update: updateParameters(planned) },
      );
    }
    try {
      await client.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (errorName(error) !== 'TransactionCanceledException')
        throw toStateStoreError(error, 'TransactWriteItems', tableName);
      const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
      const failed = operations.findIndex(
        (operation, index) =>
          operation.condition !== undefined && reasons[index]?.Code === 'ConditionalCheckFailed',
      );
      if (failed !== -1) {
        const operation = operations[failed] as WriteOperation;
        throw new ConditionFailedError({
          partition: operation.partition,
          sort: operation.sort,
          operationIndex: failed,
          cause: error,
        });
      }
      // A conflict with a concurrent transaction, or a version we pinned that moved: try again.
      if (
        reasons.some(
          (reason) => reason.Code === 'ConditionalCheckFailed' || reason.Code === 'TransactionConflict',
        )
      ) {
        throw new RetryTransaction();
      }
      throw toStateStoreError(error, 'TransactWriteItems', tableName);
    }
  }

  return {
    name: `dynamodb:${tableName}`,
    async get<V extends StateValue = StateValue>(partition: string, sort: string) {
      validateKey(partition, sort);
      return (await readItem(partition, sort, epochSeconds(now))) as StateItem<V> | undefined;
    },
    async put<V extends StateValue>(input: PutInput<V>) {
      validateKey(input.partition, input.sort);
      const where = keyLabel(input.partition, input.sort);
      validateValue(input.value, where);
      validateExpiresAt(input.expiresAt, where);
      validateCondition(input.condition, where);
      const { condition } = input;
      const written = await withConflictRetry(() => {
        if (condition === undefined) return putWithoutCondition(input);
        const planned = planConditionalPut(input, condition, epochSeconds(now));
        return planned.kind === 'put' ? runPut(planned) : runUpdate(planned);
      });
      return written as StateItem<V>;
    },
    async delete(input: DeleteInput) {
      validateKey(input.partition, input.sort);
      validateCondition(input.condition, keyLabel(input.partition, input.sort));
      const { condition } = input;
      await withConflictRetry(() =>
        send(
          'DeleteItem',
          () =>
            client.send(
              new DeleteCommand({
                TableName: tableName,
                Key: { pk: input.partition, sk: input.sort },
                ...(condition === undefined
                  ? {}
                  : conditionParameters(conditionExpression(condition, epochSeconds(now)))),
              }),
            ),
          input,
        ),
      );
    },
    async transact(operations: WriteOperation[]) {
      validateOperations(operations);
      if (operations.length === 0) return;
      await withConflictRetry(() => transactOnce(operations));
    },
    async query<V extends StateValue = StateValue>(partition: string, queryOptions?: QueryOptions) {
      const query = normalizeQuery(partition, queryOptions);
      const nowSeconds = epochSeconds(now);
      const names: Record<string, string> = { '#pk': 'pk', '#expiresAt': 'expiresAt' };
      const values: Record<string, unknown> = { ':pk': partition, ':now': nowSeconds };
      let keyCondition = '#pk = :pk';
      if (query.sortPrefix !== '') {
        keyCondition += ' AND begins_with(#sk, :prefix)';
        names['#sk'] = 'sk';
        values[':prefix'] = query.sortPrefix;
      }
      // One more than asked for tells whether another page follows, as the embedded store does.
      const wanted = query.limit + 1;
      const found: StateItem[] = [];
      let startKey: Record<string, unknown> | undefined =
        query.after === undefined ? undefined : { pk: partition, sk: query.after };
      for (;;) {
        const response = await send('Query', () =>
          client.send(
            new QueryCommand({
              TableName: tableName,
              KeyConditionExpression: keyCondition,
              // DynamoDB deletes expired items lazily; the filter hides them meanwhile, which can
              // leave a page short, so we keep reading until the page is full or the end is reached.
              FilterExpression: LIVE,
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: values,
              ScanIndexForward: !query.descending,
              Limit: wanted - found.length,
              ExclusiveStartKey: startKey,
              ConsistentRead: true,
            }),
          ),
        );
        for (const raw of response.Items ?? []) found.push(parseItem(raw));
        if (found.length > query.limit) {
          const items = found.slice(0, query.limit) as StateItem<V>[];
          const last = items[items.length - 1] as StateItem<V>;
          return { items, cursor: encodeCursor(last.sort) } satisfies QueryPage<V>;
        }
        if (response.LastEvaluatedKey === undefined) return { items: found as StateItem<V>[] };
        startKey = response.LastEvaluatedKey;
      }
    },
    async close() {
      // The client belongs to whoever passed it in; they destroy it.
    },
  };
}

function errorName(error: unknown): string | undefined {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : undefined;
}

function isConflict(error: unknown): boolean {
  const cause = error instanceof FinopsError ? error.cause : error;
  return errorName(cause) === 'TransactionConflictException';
}
