import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { FinopsError } from '../errors.ts';
import { createFileLock, errorCode } from './file-lock.ts';
import { applyLogOperations, type StateJournal } from './indexed-state-store.ts';
import type { ItemIndex } from './item-index.ts';
import {
  decodeLogChunk,
  encodeLogRecord,
  LOG_FORMAT,
  LOG_HEADER,
  type LogOperation,
  type LogRecord,
  toLogOperation,
} from './state-log-format.ts';
import { isLive } from './state-rules.ts';

export interface FileJournalOptions {
  path: string;
  index: ItemIndex;
  now: () => number;
  lockTimeoutMs?: number | undefined;
  /** Compact once the log has more lines than this and twice the stored items; default 1000. */
  compactAfterLines?: number | undefined;
}

/** Items per line when compaction rewrites the log. */
const ITEMS_PER_COMPACTED_LINE = 100;

/**
 * The embedded store's durability: an append-only log of resolved writes (see state-log-format.ts),
 * fsynced before a write is acknowledged, replayed into the index on open, followed at its tail
 * for writes of other processes, and rewritten atomically (temp file, fsync, rename) when it has
 * grown much larger than the items it holds.
 */
export async function openFileJournal(options: FileJournalOptions): Promise<StateJournal> {
  const { path, index } = options;
  const compactAfterLines = options.compactAfterLines ?? 1000;
  const lock = createFileLock(`${path}.lock`, { timeoutMs: options.lockTimeoutMs });
  /** Which file (compaction replaces it) and how much of it the index holds. */
  let inode = -1;
  let offset = 0;
  let lines = 0;

  await mkdir(dirname(path), { recursive: true }).catch((error: unknown) => {
    throw stateFileError(`cannot create the directory for the state file ${path}`, error);
  });

  async function createFile(): Promise<void> {
    const handle = await open(path, 'w');
    try {
      await handle.writeFile(encodeLogRecord({ header: LOG_HEADER, format: LOG_FORMAT }));
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await syncDirectory(dirname(path));
  }

  /** Reads what was appended since the last look; `locked` means no one else is writing. */
  async function catchUp(locked: boolean): Promise<void> {
    if (!locked) {
      const info = await stat(path).catch(() => undefined);
      if (info !== undefined && info.ino === inode && info.size === offset) return;
    }
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(path, locked ? 'r+' : 'r');
    } catch (error) {
      if (errorCode(error) === 'ENOENT' && locked && inode === -1) {
        await createFile();
        return catchUp(locked);
      }
      throw stateFileError(`cannot open the state file ${path}`, error);
    }
    try {
      const info = await handle.stat();
      if (info.ino !== inode || info.size < offset) {
        // A new file (first open, or another process compacted): start over from its first line.
        index.clear();
        inode = info.ino;
        offset = 0;
        lines = 0;
      }
      if (info.size === 0 && locked) {
        // Created but never written (a crash right after creating it): give it its header.
        await handle.close().catch(() => undefined);
        await createFile();
        inode = -1;
        return catchUp(locked);
      }
      if (info.size === offset) return;
      const chunk = Buffer.alloc(info.size - offset);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, offset);
      const data = chunk.subarray(0, bytesRead);
      if (offset === 0 && !startsWithHeader(data)) {
        if (locked && isTornHeader(data)) {
          await handle.truncate(0);
          await handle.close().catch(() => undefined);
          await createFile();
          inode = -1;
          return catchUp(locked);
        }
        throw new FinopsError(
          'finops_state_error',
          `${path} is not a finops state file (its first line is not a finops-state header); point the state path at another file, or move this one aside`,
        );
      }
      const decoded = decodeLogChunk(data, path, lines + 1);
      for (const record of decoded.records) {
        if ('ops' in record) applyLogOperations(index, record.ops);
      }
      offset += decoded.consumedBytes;
      lines += decoded.lines;
      if (locked && decoded.trailingBytes > 0) {
        // A write torn by a crash: nobody acknowledged it, so it is cut off before we append.
        await handle.truncate(offset);
        await handle.datasync();
      }
    } finally {
      await handle.close().catch(() => undefined);
    }
  }

  async function append(operations: LogOperation[]): Promise<void> {
    const line = encodeLogRecord({ ops: operations });
    let handle: Awaited<ReturnType<typeof open>> | undefined;
    try {
      handle = await open(path, 'a');
      await handle.write(line);
      await handle.datasync();
    } catch (error) {
      throw stateFileError(
        `cannot write to the state file ${path} (the write may or may not have been kept)`,
        error,
        true,
      );
    } finally {
      await handle?.close().catch(() => undefined);
    }
    applyLogOperations(index, operations);
    offset += Buffer.byteLength(line);
    lines += 1;
  }

  async function compactIfLarge(): Promise<void> {
    if (lines <= compactAfterLines || lines <= 2 * index.size) return;
    const nowSeconds = Math.floor(options.now() / 1000);
    const expired: [string, string][] = [];
    const records: LogRecord[] = [{ header: LOG_HEADER, format: LOG_FORMAT }];
    let batch: LogOperation[] = [];
    for (const item of index.items()) {
      if (!isLive(item, nowSeconds)) {
        expired.push([item.partition, item.sort]);
        continue;
      }
      batch.push(toLogOperation(item));
      if (batch.length === ITEMS_PER_COMPACTED_LINE) {
        records.push({ ops: batch });
        batch = [];
      }
    }
    if (batch.length > 0) records.push({ ops: batch });
    const content = records.map(encodeLogRecord).join('');
    const temporary = `${path}.compact-${process.pid}-${randomUUID()}`;
    try {
      const handle = await open(temporary, 'wx');
      try {
        await handle.writeFile(content);
        await handle.datasync();
      } finally {
        await handle.close();
      }
      await rename(temporary, path);
      await syncDirectory(dirname(path));
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw stateFileError(`cannot compact the state file ${path}; it was left as it was`, error, true);
    }
    for (const [partition, sort] of expired) index.remove(partition, sort);
    inode = (await stat(path)).ino;
    offset = Buffer.byteLength(content);
    lines = records.length;
  }

  await lock.run(async () => {
    await catchUp(true);
    await compactIfLarge();
  });

  return {
    refresh: () => catchUp(false),
    commit: (plan) =>
      lock.run(async () => {
        await catchUp(true);
        const operations = plan();
        if (operations.length > 0) await append(operations);
        await compactIfLarge();
      }),
    async close() {},
  };
}

const HEADER_START = Buffer.from(`{"header":"${LOG_HEADER}"`);

function startsWithHeader(data: Buffer): boolean {
  const newline = data.indexOf(0x0a);
  if (newline === -1) return false;
  const decoded = decodeLogChunk(data.subarray(0, newline + 1), 'header', 1).records[0];
  return decoded !== undefined && 'header' in decoded && decoded.format === LOG_FORMAT;
}

/** Only a file that is the first bytes of our own header may be rewritten; anything else is not ours. */
function isTornHeader(data: Buffer): boolean {
  if (data.indexOf(0x0a) !== -1) return false;
  const length = Math.min(data.length, HEADER_START.length);
  return data.subarray(0, length).equals(HEADER_START.subarray(0, length));
}

async function syncDirectory(directory: string): Promise<void> {
  // A rename or create is durable only once the directory is synced; some platforms cannot open one.
  const handle = await open(directory, 'r').catch(() => undefined);
  if (handle === undefined) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
}

function stateFileError(message: string, cause: unknown, isRetryable = false): FinopsError {
  return new FinopsError(
    'finops_state_error',
    `${message}: ${(cause as Error).message}. Check that the data directory exists, is writable and has free space`,
    { cause, isRetryable },
  );
}
