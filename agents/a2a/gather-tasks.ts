import { FinopsError } from '../../src/errors.ts';
import type { GatherOptions, GatherResult } from './a2a-bus.ts';
import { type A2ATask, isAnsweredState } from './a2a-types.ts';

export interface TaskSource {
  read(taskId: string): Promise<A2ATask | undefined>;
  /** Calls `listener` with a task id whenever that task may have changed; returns the unsubscribe. */
  onChange(listener: (taskId: string) => void): () => void;
}

/**
 * The one implementation of `gather` for every bus: read each task once, then again whenever the
 * transport says it changed, until all are answered or the time is up. Listening starts before the
 * first read, so an answer landing in between is not missed.
 */
export async function gatherTasks(
  taskIds: readonly string[],
  options: GatherOptions,
  source: TaskSource,
  closing: AbortSignal,
): Promise<GatherResult> {
  if (!Number.isFinite(options.timeoutMs) || options.timeoutMs < 0) {
    throw new FinopsError(
      'finops_invalid_input',
      `gather needs timeoutMs as a number of milliseconds ≥ 0, got ${String(options.timeoutMs)}`,
    );
  }
  const wanted = [...new Set(taskIds)];
  const answered = new Map<string, A2ATask>();
  const pending = new Set(wanted);
  /** Reads in flight, and ids that changed again meanwhile and must be read once more. */
  const reading = new Set<string>();
  const dirty = new Set<string>();

  return new Promise<GatherResult>((resolve, reject) => {
    let finished = false;
    const finish = (error?: unknown) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      unsubscribe();
      options.signal?.removeEventListener('abort', onStop);
      closing.removeEventListener('abort', onStop);
      if (error !== undefined) {
        reject(error);
        return;
      }
      resolve({
        answered: wanted.flatMap((id) => {
          const task = answered.get(id);
          return task === undefined ? [] : [task];
        }),
        timedOut: wanted.filter((id) => !answered.has(id)),
      });
    };
    const onStop = () => finish();

    const check = (taskId: string) => {
      if (finished || !pending.has(taskId)) return;
      if (reading.has(taskId)) {
        dirty.add(taskId);
        return;
      }
      reading.add(taskId);
      source.read(taskId).then(
        (task) => {
          reading.delete(taskId);
          if (task !== undefined && isAnsweredState(task.status.state)) {
            answered.set(taskId, task);
            pending.delete(taskId);
            if (pending.size === 0) finish();
          } else if (dirty.delete(taskId)) {
            check(taskId);
          }
        },
        (error: unknown) => finish(error),
      );
    };

    const timer = setTimeout(onStop, options.timeoutMs);
    const unsubscribe = source.onChange(check);
    options.signal?.addEventListener('abort', onStop);
    closing.addEventListener('abort', onStop);
    if (pending.size === 0 || options.signal?.aborted || closing.aborted) {
      finish();
      return;
    }
    for (const taskId of wanted) check(taskId);
  });
}
