import { randomUUID } from 'node:crypto';
import { link, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { FinopsError } from '../errors.ts';

/**
 * An exclusive lock between processes (a chat process and a `finops decide` run) on one file:
 * `<path>.lock`, created with O_EXCL and holding `<pid>:<token>`. A lock whose process is gone was
 * left by a crash and is taken over.
 */
export interface FileLock {
  readonly path: string;
  run<T>(work: () => Promise<T>): Promise<T>;
}

export interface FileLockOptions {
  /** How long to wait for another holder before giving up; default 10 s. */
  timeoutMs?: number;
}

/** A lock file still empty after this long belongs to a process that died while creating it. */
const UNWRITTEN_LOCK_GRACE_MS = 5_000;

export function createFileLock(path: string, options: FileLockOptions = {}): FileLock {
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function acquire(): Promise<string> {
    const token = `${process.pid}:${randomUUID()}`;
    const started = Date.now();
    let pause = 1;
    let holder = '';
    for (;;) {
      try {
        const handle = await open(path, 'wx');
        try {
          await handle.writeFile(token);
        } finally {
          await handle.close();
        }
        return token;
      } catch (error) {
        if (errorCode(error) !== 'EEXIST') throw lockError(`cannot create the lock file ${path}`, error);
      }
      holder = await readFile(path, 'utf8').catch(() => '');
      if (await isStale(holder)) {
        await takeOver(holder);
        continue;
      }
      if (Date.now() - started > timeoutMs) {
        throw new FinopsError(
          'finops_state_error',
          `the state file is locked by process ${holder.split(':')[0] || 'unknown'} (${path}) for more than ${timeoutMs / 1000} s; if no finops process is running, delete ${path} and retry`,
          { isRetryable: true },
        );
      }
      await sleep(pause + Math.random() * pause);
      pause = Math.min(pause * 2, 20);
    }
  }

  async function isStale(holder: string): Promise<boolean> {
    const pid = Number(holder.split(':')[0]);
    if (Number.isSafeInteger(pid) && pid > 0 && holder.includes(':')) return !isProcessAlive(pid);
    // Created but not yet written by its owner, or written by a process that died in between.
    const info = await stat(path).catch(() => undefined);
    return info !== undefined && Date.now() - info.mtimeMs > UNWRITTEN_LOCK_GRACE_MS;
  }

  /** Moves the stale lock aside first, so two processes taking it over cannot delete a fresh lock. */
  async function takeOver(observed: string): Promise<void> {
    const aside = `${path}.stale-${process.pid}-${randomUUID()}`;
    try {
      await rename(path, aside);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return;
      throw lockError(`cannot take over the stale lock ${path}`, error);
    }
    const moved = await readFile(aside, 'utf8').catch(() => observed);
    // Someone took over and locked in between: put their lock back.
    if (moved !== observed) await link(aside, path).catch(() => undefined);
    await unlink(aside).catch(() => undefined);
  }

  async function release(token: string): Promise<void> {
    const holder = await readFile(path, 'utf8').catch(() => '');
    if (holder === token) await unlink(path).catch(() => undefined);
  }

  return {
    path,
    async run(work) {
      const token = await acquire();
      try {
        return await work();
      } finally {
        await release(token);
      }
    },
  };
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return errorCode(error) === 'EPERM';
  }
}

export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function lockError(message: string, cause: unknown): FinopsError {
  return new FinopsError(
    'finops_state_error',
    `${message}: ${(cause as Error).message}. Check that the data directory exists and is writable`,
    { cause },
  );
}
