import type { TaskLog, TaskRecord } from './task-records.ts';

export interface MemoryTaskLogOptions {
  /** Called after every write, with the record written. */
  onWrite?: ((record: TaskRecord) => void) | undefined;
}

/** The TaskLog of the in-process bus: records in a Map, with the same create-once rules as the table. */
export function createMemoryTaskLog(options: MemoryTaskLogOptions = {}): TaskLog {
  const records = new Map<string, TaskRecord[]>();
  const has = (record: TaskRecord) =>
    (records.get(record.taskId) ?? []).some(
      (other) => other.type === record.type && other.step === record.step,
    );
  const write = (record: TaskRecord) => {
    // Status markers are overwritten, as a DynamoDB put of the same key would.
    const kept = (records.get(record.taskId) ?? []).filter(
      (other) => !(other.type === record.type && other.step === record.step),
    );
    // Copies in and out: a caller mutating its object later must not change what was stored.
    records.set(record.taskId, [...kept, structuredClone(record)]);
    options.onWrite?.(record);
  };
  return {
    async read(taskId) {
      return structuredClone(records.get(taskId) ?? []);
    },
    async putRequest(record) {
      if (has(record)) return false;
      write(record);
      return true;
    },
    async putStatus(record) {
      write(record);
    },
    async putResult(record) {
      if (has(record)) return false;
      write(record);
      return true;
    },
  };
}
