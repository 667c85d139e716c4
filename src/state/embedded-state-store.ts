import { resolve } from 'node:path';
import { createIndexedStateStore, createMemoryJournal } from './indexed-state-store.ts';
import { createItemIndex } from './item-index.ts';
import { openFileJournal } from './state-file-journal.ts';
import type { StateStore } from './state-store.ts';

export interface EmbeddedStateStoreOptions {
  /** The log file, e.g. `<dataDir>/state.jsonl`; its directory is created if missing. */
  path: string;
  now?: (() => Date) | undefined;
  /** How long a write waits for another process's lock on the file; default 10 s. */
  lockTimeoutMs?: number | undefined;
  /** Rewrite the log once it has more lines than this and twice the items it holds; default 1000. */
  compactAfterLines?: number | undefined;
}

/**
 * The local StateStore: one append-only, checksummed, fsynced log file replayed into memory on
 * open. Safe to share between processes on one machine (a lock file guards each write, and every
 * read first picks up what other processes appended); not for network file systems.
 */
export async function createEmbeddedStateStore(options: EmbeddedStateStoreOptions): Promise<StateStore> {
  const now = options.now ?? (() => new Date());
  const path = resolve(options.path);
  const index = createItemIndex();
  const journal = await openFileJournal({
    path,
    index,
    now: () => now().getTime(),
    lockTimeoutMs: options.lockTimeoutMs,
    compactAfterLines: options.compactAfterLines,
  });
  return createIndexedStateStore({ name: `embedded:${path}`, index, journal, now });
}

export interface MemoryStateStoreOptions {
  now?: (() => Date) | undefined;
}

/** The embedded store's semantics without a file, for tests of the units built on the port. */
export function createMemoryStateStore(options: MemoryStateStoreOptions = {}): StateStore {
  const index = createItemIndex();
  return createIndexedStateStore({
    name: 'memory',
    index,
    journal: createMemoryJournal(index),
    now: options.now ?? (() => new Date()),
  });
}
