import { FinopsError } from '../../src/errors.ts';
import { type TaskHandler, type TaskRequest, taskRequestSchema, taskUpdateSchema } from './a2a-bus.ts';
import { type A2AMessage, textPart } from './a2a-types.ts';
import {
  buildTask,
  latestStep,
  type RequestEnvelope,
  type RequestRecord,
  type ResultRecord,
  requestEnvelopeSchema,
  requestOf,
  requestRecordSchema,
  resultOf,
  type TaskLog,
  type TaskRecord,
} from './task-records.ts';

/**
 * The bus's rules, written once over the TaskLog so the in-process bus and the DynamoDB bus keep
 * the same promises: which follow-ups are allowed, how a step is served, what fails a task.
 */

/** A request as it reaches a consumer: read, or unreadable with whatever identifies its task. */
export type IncomingRequest =
  | { ok: true; record: RequestRecord }
  | { ok: false; envelope: RequestEnvelope | undefined; problem: string };

export function readIncomingRequest(candidate: unknown): IncomingRequest {
  const parsed = requestRecordSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, record: parsed.data };
  const envelope = requestEnvelopeSchema.safeParse(candidate);
  const issue = parsed.error.issues[0];
  const problem = `${issue?.path.join('.') || 'request'}: ${issue?.message ?? 'not a task request'}`;
  return { ok: false, envelope: envelope.success ? envelope.data : undefined, problem };
}

export interface StepDependencies {
  log: TaskLog;
  now: () => Date;
  generateId: () => string;
}

function invalid(message: string): FinopsError {
  return new FinopsError('finops_invalid_input', message);
}

/**
 * Stores a request: the first step of a new task, or the next step of a task waiting for input.
 * Returns the stored record, or undefined when this very message was already sent (a retry).
 */
export async function submitRequest(
  request: TaskRequest,
  deps: StepDependencies,
): Promise<RequestRecord | undefined> {
  const parsed = taskRequestSchema.safeParse(request);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(
      `an A2A task request needs { agent, taskId, contextId, message: a user message with at least one part, deadlineMs? }; ${issue?.path.join('.') || 'request'}: ${issue?.message}`,
    );
  }
  const { agent, taskId, contextId, message, deadlineMs } = parsed.data;
  const records = await deps.log.read(taskId);
  const step = nextStep(taskId, agent, message.messageId, records);
  if (step === undefined) return undefined;
  const record: RequestRecord = {
    type: 'request',
    taskId,
    contextId,
    agent,
    step,
    message,
    createdAt: deps.now().toISOString(),
    ...(deadlineMs === undefined ? {} : { deadlineMs }),
  };
  if (await deps.log.putRequest(record)) return record;
  // Another sender stored this step first: harmless if it was this same message.
  const again = await deps.log.read(taskId);
  if (requestOf(again, step)?.message.messageId === message.messageId) return undefined;
  throw invalid(`another message was sent to task ${taskId} at the same time; read the task and retry`);
}

function nextStep(
  taskId: string,
  agent: string,
  messageId: string,
  records: readonly TaskRecord[],
): number | undefined {
  const requests = records.filter((record): record is RequestRecord => record.type === 'request');
  if (requests.some((record) => record.message.messageId === messageId)) return undefined;
  const step = latestStep(records);
  if (step === 0) return 1;
  const owner = requestOf(records, 1)?.agent;
  if (owner !== undefined && owner !== agent) {
    throw invalid(
      `task ${taskId} belongs to agent ${owner}, not ${agent}: start a new task for another agent`,
    );
  }
  const result = resultOf(records, step);
  if (result === undefined) {
    throw invalid(
      `task ${taskId} is still waiting for the answer to its step ${step}; gather it before sending a follow-up`,
    );
  }
  if (result.state !== 'input-required') {
    throw invalid(
      `task ${taskId} is ${result.state}; only a task in input-required takes a follow-up, start a new task (same contextId) instead`,
    );
  }
  return step + 1;
}

export interface ServeDependencies extends StepDependencies {
  handlers: ReadonlyMap<string, TaskHandler>;
  /** Upper bound on one handler run, whatever the task's deadline. */
  handlerTimeoutMs: number;
  /** Handlers running now, by `taskId#step`, so a cancel seen by this consumer can abort them. */
  running: Map<string, AbortController>;
  /** Aborted when the bus closes. */
  closing: AbortSignal;
}

/**
 * - `answered`: this delivery wrote the step's result (an answer or a handler failure);
 * - `failed`: the request could not be served (unreadable, past its deadline) and its task failed;
 * - `duplicate`: the step already had a result (a redelivery, or a cancel that came first);
 * - `ignored`: not for this consumer's agents, or too broken to name a task;
 * - `aborted`: the bus closed while the handler ran; nothing written, the next delivery serves it.
 */
export type ServeOutcome = 'answered' | 'failed' | 'duplicate' | 'ignored' | 'aborted';

export function runningKey(taskId: string, step: number): string {
  return `${taskId}#${step}`;
}

/** Serves one delivery of a request with this consumer's handlers. Throws only if storage fails. */
export async function serveRequest(
  incoming: IncomingRequest,
  deps: ServeDependencies,
): Promise<ServeOutcome> {
  if (!incoming.ok) {
    const { envelope } = incoming;
    if (envelope === undefined || deps.handlers.size === 0) return 'ignored';
    if (envelope.agent !== undefined && !deps.handlers.has(envelope.agent)) return 'ignored';
    const written = await deps.log.putResult(
      failure(deps, envelope, `the task request could not be read (${incoming.problem})`),
    );
    return written ? 'failed' : 'duplicate';
  }
  const { record } = incoming;
  const handler = deps.handlers.get(record.agent);
  if (handler === undefined) return 'ignored';
  const records = await deps.log.read(record.taskId);
  if (resultOf(records, record.step) !== undefined) return 'duplicate';
  const nowMs = deps.now().getTime();
  if (record.deadlineMs !== undefined && nowMs >= record.deadlineMs) {
    const written = await deps.log.putResult(
      failure(deps, record, `the task's deadline passed before the ${record.agent} agent could start it`),
    );
    return written ? 'failed' : 'duplicate';
  }
  const working = {
    type: 'status' as const,
    taskId: record.taskId,
    step: record.step,
    state: 'working' as const,
    timestamp: deps.now().toISOString(),
  };
  await deps.log.putStatus(working);
  const others = records.filter((other) => other.step !== record.step);
  const task = buildTask(record.taskId, [...others, record, working]);
  if (task === undefined) return 'ignored';

  const limitMs = Math.max(
    0,
    Math.min(deps.handlerTimeoutMs, (record.deadlineMs ?? Number.POSITIVE_INFINITY) - nowMs),
  );
  // The bus may have closed while this delivery was reading: the listener below would never fire.
  if (deps.closing.aborted) return 'aborted';
  const controller = new AbortController();
  const key = runningKey(record.taskId, record.step);
  deps.running.set(key, controller);
  const onClose = () => controller.abort(deps.closing.reason);
  deps.closing.addEventListener('abort', onClose);
  let outcome: HandlerOutcome;
  try {
    outcome = await runHandler(
      () =>
        handler(task, {
          agent: record.agent,
          step: record.step,
          signal: controller.signal,
          deadlineMs: record.deadlineMs,
        }),
      limitMs,
      controller,
    );
  } finally {
    deps.closing.removeEventListener('abort', onClose);
    deps.running.delete(key);
  }
  if (outcome.kind === 'aborted') return deps.closing.aborted ? 'aborted' : 'duplicate';
  const result = resultFromOutcome(outcome, record, deps);
  return (await deps.log.putResult(result)) ? 'answered' : 'duplicate';
}

type HandlerOutcome =
  | { kind: 'returned'; value: unknown }
  | { kind: 'threw'; error: unknown }
  | { kind: 'timed-out'; limitMs: number }
  | { kind: 'aborted' };

/** Runs a handler against its time limit and its abort signal, whichever ends first. */
async function runHandler(
  work: () => Promise<unknown>,
  limitMs: number,
  controller: AbortController,
): Promise<HandlerOutcome> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<HandlerOutcome>((resolve) => {
    timer = setTimeout(() => {
      resolve({ kind: 'timed-out', limitMs });
      controller.abort(new Error('time is up'));
    }, limitMs);
    onAbort = () => resolve({ kind: 'aborted' });
    controller.signal.addEventListener('abort', onAbort);
  });
  const ran = (async (): Promise<HandlerOutcome> => {
    try {
      return { kind: 'returned', value: await work() };
    } catch (error) {
      return { kind: 'threw', error };
    }
  })();
  try {
    return await Promise.race([ran, stopped]);
  } finally {
    clearTimeout(timer);
    if (onAbort !== undefined) controller.signal.removeEventListener('abort', onAbort);
  }
}

function resultFromOutcome(
  outcome: Exclude<HandlerOutcome, { kind: 'aborted' }>,
  record: RequestRecord,
  deps: StepDependencies,
): ResultRecord {
  const who = `the ${record.agent} agent`;
  if (outcome.kind === 'timed-out') {
    return failure(deps, record, `${who} did not answer within ${outcome.limitMs} ms`);
  }
  if (outcome.kind === 'threw') {
    const detail = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
    return failure(deps, record, `${who} failed: ${detail}`);
  }
  const update = taskUpdateSchema.safeParse(outcome.value);
  if (!update.success) {
    const issue = update.error.issues[0];
    return failure(
      deps,
      record,
      `${who} returned something that is not a task update (${issue?.path.join('.') || 'update'}: ${issue?.message})`,
    );
  }
  return {
    type: 'result',
    taskId: record.taskId,
    contextId: record.contextId,
    agent: record.agent,
    step: record.step,
    state: update.data.state,
    artifacts: update.data.artifacts ?? [],
    timestamp: deps.now().toISOString(),
    ...(update.data.message === undefined ? {} : { message: update.data.message }),
  };
}

function agentMessage(deps: StepDependencies, taskId: string, contextId: string, text: string): A2AMessage {
  return {
    kind: 'message',
    messageId: deps.generateId(),
    role: 'agent',
    parts: [textPart(text)],
    taskId,
    contextId,
  };
}

function failure(
  deps: StepDependencies,
  request: { taskId: string; step: number; agent?: string | undefined; contextId?: string | undefined },
  reason: string,
): ResultRecord {
  const contextId = request.contextId ?? request.taskId;
  return {
    type: 'result',
    taskId: request.taskId,
    contextId,
    agent: request.agent ?? 'unknown',
    step: request.step,
    state: 'failed',
    message: agentMessage(deps, request.taskId, contextId, reason),
    artifacts: [],
    timestamp: deps.now().toISOString(),
  };
}

/** Writes the canceled result of the task's latest step unless it has one. */
export async function cancelTask(taskId: string, deps: StepDependencies): Promise<boolean> {
  const records = await deps.log.read(taskId);
  const step = latestStep(records);
  if (step === 0 || resultOf(records, step) !== undefined) return false;
  const request = requestOf(records, step);
  const contextId = request?.contextId ?? taskId;
  return deps.log.putResult({
    type: 'result',
    taskId,
    contextId,
    agent: request?.agent ?? 'unknown',
    step,
    state: 'canceled',
    message: agentMessage(deps, taskId, contextId, 'the task was canceled by the asker'),
    artifacts: [],
    timestamp: deps.now().toISOString(),
  });
}
