import { z } from 'zod';
import {
  type A2AArtifact,
  type A2AMessage,
  type A2ATask,
  a2aArtifactSchema,
  a2aMessageSchema,
} from './a2a-types.ts';

/**
 * What a bus stores about a task, one record per event, as DynamoDB holds them (one item each):
 * the request of each step, a `working` marker when a specialist picks the step up, and the one
 * result of the step (the specialist's answer, a failure, or a cancellation, whichever is written
 * first). The A2A Task is a view computed from these records, never stored itself, so no two
 * writers ever race to update the same task object.
 */

const stepSchema = z.number().int().min(1).max(9999);

export const requestRecordSchema = z.object({
  type: z.literal('request'),
  taskId: z.string().min(1),
  contextId: z.string().min(1),
  agent: z.string().min(1),
  step: stepSchema,
  message: a2aMessageSchema,
  deadlineMs: z.number().int().positive().optional(),
  createdAt: z.string(),
});

export const statusRecordSchema = z.object({
  type: z.literal('status'),
  taskId: z.string().min(1),
  step: stepSchema,
  state: z.literal('working'),
  timestamp: z.string(),
});

export const RESULT_STATES = ['completed', 'failed', 'input-required', 'canceled'] as const;

export const resultRecordSchema = z.object({
  type: z.literal('result'),
  taskId: z.string().min(1),
  contextId: z.string(),
  agent: z.string(),
  step: stepSchema,
  state: z.enum(RESULT_STATES),
  message: a2aMessageSchema.optional(),
  artifacts: z.array(a2aArtifactSchema),
  timestamp: z.string(),
});

export const taskRecordSchema = z.discriminatedUnion('type', [
  requestRecordSchema,
  statusRecordSchema,
  resultRecordSchema,
]);

/**
 * The least a request must carry for its task to be failed when the rest cannot be read: a poison
 * request fails its own task instead of blocking the ones behind it.
 */
export const requestEnvelopeSchema = z.object({
  taskId: z.string().min(1),
  step: stepSchema,
  agent: z.string().min(1).optional(),
  contextId: z.string().min(1).optional(),
});

export type RequestRecord = z.infer<typeof requestRecordSchema>;
export type StatusRecord = z.infer<typeof statusRecordSchema>;
export type ResultRecord = z.infer<typeof resultRecordSchema>;
export type TaskRecord = z.infer<typeof taskRecordSchema>;
export type RequestEnvelope = z.infer<typeof requestEnvelopeSchema>;

/**
 * The storage a bus keeps task records in. Implementations: a Map (in-process) and the DynamoDB
 * table (adapters/dynamodb-streams). Writes of requests and results are create-once per
 * (task, step): they return false, changing nothing, when the record is already there.
 */
export interface TaskLog {
  /** Every readable record of the task; records that cannot be read are left out. */
  read(taskId: string): Promise<TaskRecord[]>;
  putRequest(record: RequestRecord): Promise<boolean>;
  putStatus(record: StatusRecord): Promise<void>;
  putResult(record: ResultRecord): Promise<boolean>;
}

export function latestStep(records: readonly TaskRecord[]): number {
  return records.reduce((latest, record) => Math.max(latest, record.step), 0);
}

export function resultOf(records: readonly TaskRecord[], step: number): ResultRecord | undefined {
  return records.find((record): record is ResultRecord => record.type === 'result' && record.step === step);
}

export function requestOf(records: readonly TaskRecord[], step: number): RequestRecord | undefined {
  return records.find((record): record is RequestRecord => record.type === 'request' && record.step === step);
}

/** The A2A Task the records describe, or undefined when there are none. */
export function buildTask(taskId: string, records: readonly TaskRecord[]): A2ATask | undefined {
  if (records.length === 0) return undefined;
  const steps = [...new Set(records.map((record) => record.step))].sort((a, b) => a - b);
  const history: A2AMessage[] = [];
  const artifacts: A2AArtifact[] = [];
  let contextId: string | undefined;
  for (const step of steps) {
    const request = requestOf(records, step);
    const result = resultOf(records, step);
    if (request !== undefined) {
      contextId ??= request.contextId;
      history.push(request.message);
    }
    if (result !== undefined) {
      contextId ??= result.contextId;
      if (result.message !== undefined) history.push(result.message);
      artifacts.push(...result.artifacts);
    }
  }
  const step = steps[steps.length - 1] ?? 1;
  const result = resultOf(records, step);
  const working = records.find(
    (record): record is StatusRecord => record.type === 'status' && record.step === step,
  );
  const request = requestOf(records, step);
  const status =
    result !== undefined
      ? {
          state: result.state,
          timestamp: result.timestamp,
          ...(result.message === undefined ? {} : { message: result.message }),
        }
      : working !== undefined
        ? { state: 'working' as const, timestamp: working.timestamp }
        : { state: 'submitted' as const, timestamp: request?.createdAt ?? new Date(0).toISOString() };
  return { kind: 'task', id: taskId, contextId: contextId ?? taskId, status, history, artifacts };
}
