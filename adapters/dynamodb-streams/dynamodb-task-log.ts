import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { TaskLog, TaskRecord } from '../../agents/a2a/index.ts';
import { taskRecordSchema } from '../../agents/a2a/index.ts';
import { errorName, toBusError } from './bus-errors.ts';

/** Tasks live a day: long after any answer was gathered, short enough to keep the table small. */
export const DEFAULT_TASK_TTL_SECONDS = 24 * 60 * 60;

export function taskPartition(taskId: string): string {
  return `task#${taskId}`;
}

/** `request#0001`: zero-padded so a partition reads back in step order. */
export function recordSortKey(type: TaskRecord['type'], step: number): string {
  return `${type}#${String(step).padStart(4, '0')}`;
}

/**
 * The item of one record. The record itself travels as JSON in `body`, so a stream image (from
 * GetRecords or a Lambda event) reads back without unmarshalling maps; the attributes beside it
 * are what a consumer needs to route the record, or to fail its task when the body is unreadable.
 */
export function recordItem(record: TaskRecord, expiresAt: number): Record<string, string | number> {
  const item: Record<string, string | number> = {
    pk: taskPartition(record.taskId),
    sk: recordSortKey(record.type, record.step),
    type: record.type,
    taskId: record.taskId,
    step: record.step,
    body: JSON.stringify(record),
    expiresAt,
  };
  if (record.type !== 'status') {
    item.contextId = record.contextId;
    item.agent = record.agent;
  }
  if (record.type === 'result') item.state = record.state;
  return item;
}

export interface DynamoDbTaskLogOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  now: () => Date;
  ttlSeconds?: number | undefined;
  /** Told about items of a task that cannot be read (they are left out of the task). */
  onUnreadable?: ((detail: string) => void) | undefined;
}

/** The TaskLog over the bus table: one item per record, create-once writes as condition expressions. */
export function createDynamoDbTaskLog(options: DynamoDbTaskLogOptions): TaskLog {
  const { client, tableName, now } = options;
  const ttlSeconds = options.ttlSeconds ?? DEFAULT_TASK_TTL_SECONDS;
  const expiresAt = () => Math.floor(now().getTime() / 1000) + ttlSeconds;

  async function put(record: TaskRecord, once: boolean): Promise<boolean> {
    try {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: recordItem(record, expiresAt()),
          ...(once ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
        }),
      );
      return true;
    } catch (error) {
      if (once && errorName(error) === 'ConditionalCheckFailedException') return false;
      throw toBusError(error, 'PutItem', tableName);
    }
  }

  return {
    async read(taskId) {
      const records: TaskRecord[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const response = await client
          .send(
            new QueryCommand({
              TableName: tableName,
              KeyConditionExpression: 'pk = :pk',
              ExpressionAttributeValues: { ':pk': taskPartition(taskId) },
              ConsistentRead: true,
              ExclusiveStartKey: startKey,
            }),
          )
          .catch((error: unknown) => {
            throw toBusError(error, 'Query', tableName);
          });
        for (const item of response.Items ?? []) {
          const record = readBody(item.body);
          if (record !== undefined) records.push(record);
          else options.onUnreadable?.(`item ${String(item.pk)} / ${String(item.sk)} of table ${tableName}`);
        }
        startKey = response.LastEvaluatedKey;
      } while (startKey !== undefined);
      return records;
    },
    putRequest: (record) => put(record, true),
    putStatus: async (record) => {
      await put(record, false);
    },
    putResult: (record) => put(record, true),
  };
}

export function readBody(body: unknown): TaskRecord | undefined {
  if (typeof body !== 'string') return undefined;
  try {
    const parsed = taskRecordSchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
