import { randomUUID } from 'node:crypto';
import { asFinopsError, FinopsError } from '../../src/errors.ts';
import type { A2ABus, TaskHandler } from './a2a-bus.ts';
import { gatherTasks } from './gather-tasks.ts';
import { createMemoryTaskLog } from './memory-task-log.ts';
import { buildTask, type RequestRecord } from './task-records.ts';
import {
  cancelTask,
  readIncomingRequest,
  type ServeDependencies,
  type ServeOutcome,
  serveRequest,
  submitRequest,
} from './task-steps.ts';

export interface A2ABusOptions {
  now?: (() => Date) | undefined;
  generateId?: (() => string) | undefined;
  /** Longest a handler may run before its task fails; default 60 s (a task's deadline may cut it shorter). */
  handlerTimeoutMs?: number | undefined;
  /** Told about failures no caller is waiting for (a delivery whose storage write failed). */
  onError?: ((error: FinopsError) => void) | undefined;
}

export interface InProcessBus extends A2ABus {
  /**
   * Hands a raw request record to this bus's handlers as a transport would, and resolves with what
   * happened. Production code never needs it: it lets tests redeliver a request (at-least-once
   * delivery) or deliver one that cannot be read (a poison message).
   */
  deliver(record: unknown): Promise<ServeOutcome>;
}

export const DEFAULT_HANDLER_TIMEOUT_MS = 60_000;

/**
 * The default bus: tasks, handlers and gathers in one process. Delivery is asynchronous (the
 * handler runs on a later turn of the event loop, never inside `send`), so code written against it
 * behaves the same on the DynamoDB bus.
 */
export function createInProcessBus(options: A2ABusOptions = {}): InProcessBus {
  const now = options.now ?? (() => new Date());
  const generateId = options.generateId ?? randomUUID;
  const onError = options.onError ?? (() => {});
  const listeners = new Set<(taskId: string) => void>();
  const handlers = new Map<string, TaskHandler>();
  /** Requests for agents nobody serves yet, delivered on their subscription. */
  const waiting = new Map<string, RequestRecord[]>();
  const inFlight = new Set<Promise<unknown>>();
  const closing = new AbortController();

  const changed = (taskId: string) => {
    for (const listener of listeners) listener(taskId);
  };
  const log = createMemoryTaskLog({
    onWrite: (record) => {
      if (record.type === 'result' && record.state === 'canceled') abortRunning(record.taskId);
      changed(record.taskId);
    },
  });

  const running = new Map<string, AbortController>();
  const abortRunning = (taskId: string) => {
    for (const [key, controller] of running) {
      if (key.startsWith(`${taskId}#`)) controller.abort(new Error('the task was canceled'));
    }
  };
  const serveDeps: ServeDependencies = {
    log,
    now,
    generateId,
    handlers,
    handlerTimeoutMs: options.handlerTimeoutMs ?? DEFAULT_HANDLER_TIMEOUT_MS,
    running,
    closing: closing.signal,
  };

  const deliver = (record: unknown): Promise<ServeOutcome> => {
    const delivery = serveRequest(readIncomingRequest(record), serveDeps);
    inFlight.add(delivery);
    void delivery.finally(() => inFlight.delete(delivery)).catch(() => {});
    return delivery;
  };
  const dispatch = (record: RequestRecord) => {
    setImmediate(() => {
      if (closing.signal.aborted) return;
      deliver(record).catch((error: unknown) => onError(asFinopsError(error)));
    });
  };

  const assertOpen = () => {
    if (closing.signal.aborted) {
      throw new FinopsError('finops_invalid_input', 'the A2A bus is closed; create a new one to send tasks');
    }
  };

  return {
    name: 'in-process',
    async send(request) {
      assertOpen();
      const record = await submitRequest(request, { log, now, generateId });
      if (record === undefined) return;
      if (handlers.has(record.agent)) {
        dispatch(record);
      } else {
        waiting.set(record.agent, [...(waiting.get(record.agent) ?? []), record]);
      }
    },
    async subscribe(agent, handler) {
      assertOpen();
      if (handlers.has(agent)) {
        throw new FinopsError('finops_invalid_input', `agent ${agent} already has a handler on this bus`);
      }
      handlers.set(agent, handler);
      for (const record of waiting.get(agent) ?? []) dispatch(record);
      waiting.delete(agent);
    },
    async gather(taskIds, gatherOptions) {
      assertOpen();
      return gatherTasks(
        taskIds,
        gatherOptions,
        {
          read: async (taskId) => buildTask(taskId, await log.read(taskId)),
          onChange: (listener) => {
            listeners.add(listener);
            return () => listeners.delete(listener);
          },
        },
        closing.signal,
      );
    },
    async get(taskId) {
      return buildTask(taskId, await log.read(taskId));
    },
    async cancel(taskId) {
      assertOpen();
      return cancelTask(taskId, { log, now, generateId });
    },
    deliver(record) {
      assertOpen();
      return deliver(record);
    },
    async close() {
      if (closing.signal.aborted) return;
      closing.abort(new Error('the A2A bus closed'));
      await Promise.allSettled([...inFlight]);
      listeners.clear();
    },
  };
}
