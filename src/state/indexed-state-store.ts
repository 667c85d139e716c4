import { ConditionFailedError, FinopsError } from '../errors.ts';
import type { ItemIndex } from './item-index.ts';
import { fromLogOperation, type LogOperation, toLogOperation } from './state-log-format.ts';
import {
  conditionHolds,
  epochSeconds,
  isLive,
  keyLabel,
  normalizeQuery,
  validateCondition,
  validateExpiresAt,
  validateKey,
  validateOperations,
  validateValue,
} from './state-rules.ts';
import type {
  DeleteInput,
  PutInput,
  QueryOptions,
  QueryPage,
  StateItem,
  StateStore,
  StateValue,
  WriteOperation,
} from './state-store.ts';

/**
 * Where an indexed store keeps its writes. The memory journal keeps nothing; the file journal
 * appends each write to a log and picks up what other processes appended.
 */
export interface StateJournal {
  /** Brings the index up to date with writes made elsewhere since the last look. */
  refresh(): Promise<void>;
  /**
   * With every other writer shut out: refresh, let `plan` decide the writes against the fresh
   * index (it throws when a condition fails), make them durable, then apply them to the index.
   */
  commit(plan: () => LogOperation[]): Promise<void>;
  close(): Promise<void>;
}

export interface IndexedStateStoreOptions {
  name: string;
  index: ItemIndex;
  journal: StateJournal;
  now: () => Date;
}

/** The StateStore over an in-memory index; everything is serialised, so conditions are exact. */
export function createIndexedStateStore(options: IndexedStateStoreOptions): StateStore {
  const { index, journal, now } = options;
  let tail: Promise<unknown> = Promise.resolve();
  let closed = false;

  function serialised<T>(work: () => Promise<T>): Promise<T> {
    if (closed) {
      return Promise.reject(
        new FinopsError('finops_state_error', `the state store ${options.name} is closed; open a new one`),
      );
    }
    const result = tail.then(work);
    tail = result.catch(() => undefined);
    return result;
  }

  function liveItem(partition: string, sort: string, nowSeconds: number): StateItem | undefined {
    const stored = index.get(partition, sort);
    return stored !== undefined && isLive(stored, nowSeconds) ? stored : undefined;
  }

  function plan(operations: readonly WriteOperation[], written: StateItem[]): LogOperation[] {
    const nowSeconds = epochSeconds(now);
    const planned: LogOperation[] = [];
    operations.forEach((operation, operationIndex) => {
      const { partition, sort } = operation;
      const live = liveItem(partition, sort, nowSeconds);
      if (!conditionHolds(operation.condition, live)) {
        throw new ConditionFailedError({ partition, sort, operationIndex });
      }
      if (operation.type === 'put') {
        // An expired item is gone: writing the key again starts a new life at version 1.
        const item: StateItem = {
          partition,
          sort,
          value: JSON.parse(JSON.stringify(operation.value)) as StateValue,
          version: (live?.version ?? 0) + 1,
        };
        if (operation.expiresAt !== undefined) item.expiresAt = operation.expiresAt;
        written.push(item);
        planned.push(toLogOperation(item));
      } else if (index.get(partition, sort) !== undefined) {
        planned.push({ t: 'del', p: partition, s: sort });
      }
    });
    return planned;
  }

  async function write(operations: readonly WriteOperation[]): Promise<StateItem[]> {
    const written: StateItem[] = [];
    await serialised(() =>
      journal.commit(() => {
        written.length = 0;
        return plan(operations, written);
      }),
    );
    return written;
  }

  return {
    name: options.name,
    async get<V extends StateValue = StateValue>(partition: string, sort: string) {
      validateKey(partition, sort);
      return serialised(async () => {
        await journal.refresh();
        const item = liveItem(partition, sort, epochSeconds(now));
        return item === undefined ? undefined : (copy(item) as StateItem<V>);
      });
    },
    async put<V extends StateValue>(input: PutInput<V>) {
      validateKey(input.partition, input.sort);
      const where = keyLabel(input.partition, input.sort);
      validateValue(input.value, where);
      validateExpiresAt(input.expiresAt, where);
      validateCondition(input.condition, where);
      const [item] = await write([{ type: 'put', ...input }]);
      return copy(item as StateItem) as StateItem<V>;
    },
    async delete(input: DeleteInput) {
      validateKey(input.partition, input.sort);
      validateCondition(input.condition, keyLabel(input.partition, input.sort));
      await write([{ type: 'delete', ...input }]);
    },
    async transact(operations: WriteOperation[]) {
      validateOperations(operations);
      if (operations.length === 0) return;
      await write(operations);
    },
    async query<V extends StateValue = StateValue>(partition: string, queryOptions?: QueryOptions) {
      const query = normalizeQuery(partition, queryOptions);
      return serialised(async () => {
        await journal.refresh();
        const page = index.query(partition, query, epochSeconds(now));
        const result: QueryPage<V> = { items: page.items.map((item) => copy(item) as StateItem<V>) };
        if (page.cursor !== undefined) result.cursor = page.cursor;
        return result;
      });
    },
    async close() {
      if (closed) return;
      await tail;
      closed = true;
      await journal.close();
    },
  };
}

function copy(item: StateItem): StateItem {
  return structuredClone(item);
}

/** Applies resolved writes to the index (a commit, or a replay of the log). */
export function applyLogOperations(index: ItemIndex, operations: readonly LogOperation[]): void {
  for (const operation of operations) {
    if (operation.t === 'put') index.set(fromLogOperation(operation));
    else index.remove(operation.p, operation.s);
  }
}

/** A journal that keeps nothing: the memory store, for tests of other units. */
export function createMemoryJournal(index: ItemIndex): StateJournal {
  return {
    async refresh() {},
    async commit(planWrites) {
      applyLogOperations(index, planWrites());
    },
    async close() {},
  };
}
