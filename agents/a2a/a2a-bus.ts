import { z } from 'zod';
import { type A2ATask, a2aArtifactSchema, a2aMessageSchema } from './a2a-types.ts';

/**
 * The A2A bus port: how the orchestrator hands tasks to specialist agents and gathers their
 * answers, whatever carries them (in-process by default; a DynamoDB table and its stream on AWS).
 *
 * Promises every implementation keeps (the contract suite in test/agents/a2a checks them):
 * - delivery is at least once: a handler may see the same request again, and the bus makes sure
 *   only the first answer of a step is kept (a create-once write keyed on task and step);
 * - a handler that throws, returns nonsense, outlives its time or receives a request the bus
 *   cannot read fails that task only, with an error message part; the next task is served;
 * - `gather` always ends: tasks not answered in time are listed as timed out, never waited on;
 * - a task moves submitted → working → completed | failed | input-required, or canceled; after
 *   input-required the asker may `send` a follow-up on the same task id (the next step).
 */
export interface A2ABus {
  /** `in-process` or `dynamodb:<table>`, for logs and provenance. */
  readonly name: string;
  /**
   * Submits a task (or, after `input-required`, the next message of it) to one agent. Resolves once
   * the request is stored; it never waits for the answer. Sending the same message (same
   * `messageId`) again is a no-op, so a retried send is safe.
   * Throws FinopsError `finops_invalid_input` for a malformed request, a task still waiting for its
   * answer, a task already finished, or a follow-up addressed to another agent.
   */
  send(request: TaskRequest): Promise<void>;
  /**
   * Serves one agent's tasks with `handler` until `close()`. Requests sent before the subscription
   * are served too. One handler per agent per bus.
   */
  subscribe(agent: string, handler: TaskHandler): Promise<void>;
  /**
   * Waits until each task has answered its latest request or until `timeoutMs` (or `signal`)
   * ends the wait, then returns the answered tasks (in the order asked, each once) and the ids of
   * the others. Unknown ids count as timed out.
   */
  gather(taskIds: readonly string[], options: GatherOptions): Promise<GatherResult>;
  /** The task as it stands, or undefined when no request of it was ever stored. */
  get(taskId: string): Promise<A2ATask | undefined>;
  /**
   * Cancels the task's latest step unless it is already answered. Returns whether it was canceled.
   * A handler still running sees its `signal` abort; its answer, if any, is discarded.
   */
  cancel(taskId: string): Promise<boolean>;
  /** Stops serving and gathering: running handlers are aborted, pending gathers return at once. */
  close(): Promise<void>;
}

const idSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9._:@-]+$/, 'use letters, digits and . _ : @ - only');

export const taskRequestSchema = z.object({
  /** The specialist's name, e.g. `ec2` or `cost-analysis`. */
  agent: idSchema,
  taskId: idSchema,
  contextId: z.string().min(1).max(200),
  message: a2aMessageSchema.refine((message) => message.role === 'user', 'a request message has role "user"'),
  /** Epoch milliseconds after which the specialist should not work on the task any more. */
  deadlineMs: z.number().int().positive().optional(),
});
export type TaskRequest = z.input<typeof taskRequestSchema>;

export interface TaskContext {
  agent: string;
  /** 1 for the first request of the task, 2 for the follow-up after an `input-required`, … */
  step: number;
  /** Aborted when the task is canceled, its time is up or the bus closes: stop work and return. */
  signal: AbortSignal;
  /** Epoch milliseconds by which the answer is due, when the asker set one. */
  deadlineMs: number | undefined;
}

/**
 * A specialist's answer to one step. `completed` carries findings as artifacts (and optionally a
 * message); `input-required` asks a question; `failed` explains why it could not answer.
 */
export const taskUpdateSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('completed'),
    message: a2aMessageSchema.optional(),
    artifacts: z.array(a2aArtifactSchema).optional(),
  }),
  z.object({
    state: z.literal('input-required'),
    message: a2aMessageSchema,
    artifacts: z.array(a2aArtifactSchema).optional(),
  }),
  z.object({
    state: z.literal('failed'),
    message: a2aMessageSchema,
    artifacts: z.array(a2aArtifactSchema).optional(),
  }),
]);
export type TaskUpdate = z.input<typeof taskUpdateSchema>;

/**
 * Serves one task step. Receives the task as it stands (status `working`, the whole history, the
 * latest request last). Must be idempotent in effect: the bus may deliver a step twice and keeps
 * only the first answer.
 */
export type TaskHandler = (task: A2ATask, context: TaskContext) => Promise<TaskUpdate>;

export interface GatherOptions {
  timeoutMs: number;
  /** Ends the wait early, with the same partial result a timeout gives. */
  signal?: AbortSignal | undefined;
}

export interface GatherResult {
  /** Tasks whose latest step is answered: completed, failed, canceled or input-required. */
  answered: A2ATask[];
  /** Ids of the tasks with no answer in time; the caller warns about them (or cancels them). */
  timedOut: string[];
}
