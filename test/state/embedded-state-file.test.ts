import { execFile, spawnSync } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConditionFailedError, FinopsError } from '../../src/errors.ts';
import { createEmbeddedStateStore, type StateItem, type StateStore } from '../../src/state/index.ts';

const run = promisify(execFile);
const COUNTER_SCRIPT = join(import.meta.dirname, 'support', 'increment-counter.ts');

describe('createEmbeddedStateStore', () => {
  let directory: string;
  let path: string;
  const open: StateStore[] = [];

  async function openStore(
    options: { compactAfterLines?: number; lockTimeoutMs?: number; now?: () => Date } = {},
  ) {
    const store = await createEmbeddedStateStore({ path, ...options });
    open.push(store);
    return store;
  }

  async function fileLines(): Promise<string[]> {
    return (await readFile(path, 'utf8')).split('\n').filter((line) => line !== '');
  }

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'finops-state-file-'));
    path = join(directory, 'data', 'state.jsonl');
  });
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('should create the file and its directory, and name itself after the path', async () => {
    const store = await openStore();
    expect(store.name).toBe(`embedded:${path}`);
    expect(await fileLines()).toHaveLength(1);
    await store.put({ partition: 'p', sort: 's', value: { a: 1 } });
    expect(await fileLines()).toHaveLength(2);
  });

  it('should write a whole transaction as one line', async () => {
    const store = await openStore();
    await store.transact([
      { type: 'put', partition: 'p', sort: 'a', value: { n: 1 } },
      { type: 'put', partition: 'p', sort: 'b', value: { n: 2 } },
    ]);
    const lines = await fileLines();
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('"s":"a"');
    expect(lines[1]).toContain('"s":"b"');
  });

  for (const [label, torn] of [
    ['cut off mid-line', '{"ops":[{"t":"put","p":"p","s":"torn","n":1,"v":{"half'],
    [
      'ending in a newline but failing its checksum',
      '{"ops":[{"t":"put","p":"p","s":"torn","n":1,"v":{}}],"sum":"0000000000000000"}\n',
    ],
  ] as const) {
    it(`should ignore a torn last line (${label}), cut it off and keep appending`, async () => {
      const first = await openStore();
      await first.put({ partition: 'p', sort: 'kept', value: { a: 1 } });
      await first.close();
      await appendFile(path, torn);

      const second = await openStore();
      expect((await second.get('p', 'kept'))?.value).toEqual({ a: 1 });
      expect(await second.get('p', 'torn')).toBeUndefined();
      await second.put({ partition: 'p', sort: 'after', value: { b: 2 } });
      await second.close();
      expect(await readFile(path, 'utf8')).not.toContain('torn');

      const third = await openStore();
      expect((await third.query('p')).items.map((item) => item.sort)).toEqual(['after', 'kept']);
    });
  }

  it('should refuse to open a file damaged before its last line, naming the file and line, and change nothing', async () => {
    const store = await openStore();
    await store.put({ partition: 'p', sort: 'a', value: { n: 1 } });
    await store.put({ partition: 'p', sort: 'b', value: { n: 2 } });
    await store.put({ partition: 'p', sort: 'c', value: { n: 3 } });
    await store.close();
    const lines = await fileLines();
    lines[2] = (lines[2] as string).replace('"n":2', '"n":9');
    const damaged = `${lines.join('\n')}\n`;
    await writeFile(path, damaged);

    const error = await createEmbeddedStateStore({ path }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(FinopsError);
    expect((error as FinopsError).code).toBe('finops_state_error');
    expect((error as FinopsError).message).toContain(path);
    expect((error as FinopsError).message).toContain('line 3');
    expect(await readFile(path, 'utf8')).toBe(damaged);
  });

  it('should refuse a file that is not a state file and leave it alone', async () => {
    await openStore();
    const other = join(directory, 'notes.txt');
    await writeFile(other, 'shopping list\nmilk\n');
    const error = await createEmbeddedStateStore({ path: other }).catch((thrown: unknown) => thrown);
    expect((error as FinopsError).message).toContain('is not a finops state file');
    expect(await readFile(other, 'utf8')).toBe('shopping list\nmilk\n');
  });

  it('should let two stores on one file see each other’s writes and hold conditions across them', async () => {
    const left = await openStore();
    const right = await openStore();
    await left.put({ partition: 'rec#1', sort: 'state', value: { status: 'open' } });
    expect((await right.get('rec#1', 'state'))?.value).toEqual({ status: 'open' });

    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, index) =>
        (index % 2 === 0 ? left : right).put({
          partition: 'rec#1',
          sort: 'state',
          value: { status: 'approved', by: index },
          condition: { kind: 'version', version: 1 },
        }),
      ),
    );
    const winners = results.filter((result) => result.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(ConditionFailedError);
    }
    const winner = (winners[0] as PromiseFulfilledResult<StateItem>).value;
    expect(await left.get('rec#1', 'state')).toEqual(winner);
    expect(await right.get('rec#1', 'state')).toEqual(winner);

    await right.delete({ partition: 'rec#1', sort: 'state' });
    expect(await left.get('rec#1', 'state')).toBeUndefined();
  });

  it('should count every increment when two processes compare-and-swap one counter', async () => {
    const parent = await openStore();
    await parent.put({ partition: 'counter', sort: 'shared', value: { count: 0, last: 'parent' } });
    const byChild = 150;
    const byParent = 60;
    const child = run(process.execPath, ['--import', 'tsx', COUNTER_SCRIPT, path, String(byChild), 'child']);
    // Start only once the child is writing, so the two really overlap.
    while ((await parent.get('counter', 'shared'))?.value.last !== 'child') {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    let done = 0;
    while (done < byParent) {
      const current = (await parent.get('counter', 'shared')) as StateItem;
      try {
        await parent.put({
          partition: 'counter',
          sort: 'shared',
          value: { count: (current.value.count as number) + 1, last: 'parent' },
          condition: { kind: 'version', version: current.version },
        });
        done += 1;
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
      }
    }
    await child;
    const final = await parent.get('counter', 'shared');
    expect(final?.value.count).toBe(byChild + byParent);
    expect(final?.version).toBe(byChild + byParent + 1);
  });

  it('should compact a long log: live items keep their versions, deleted and expired ones are dropped', async () => {
    let now = new Date('2035-01-01T00:00:00Z');
    const start = now.getTime() / 1000;
    const store = await openStore({ compactAfterLines: 20, now: () => now });
    for (let round = 1; round <= 10; round += 1) {
      for (const sort of ['a', 'b', 'c']) await store.put({ partition: 'p', sort, value: { round } });
    }
    await store.put({ partition: 'p', sort: 'deleted-key', value: {} });
    await store.delete({ partition: 'p', sort: 'deleted-key' });
    await store.put({ partition: 'p', sort: 'expiring-key', value: {}, expiresAt: start + 10 });
    now = new Date((start + 10) * 1000);
    // Enough writes to pass 20 lines and twice the items again, whatever compacted before.
    for (let round = 11; round <= 20; round += 1)
      await store.put({ partition: 'p', sort: 'a', value: { round } });

    const lines = await fileLines();
    expect(lines.length).toBeLessThanOrEqual(20);
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain('deleted-key');
    expect(text).not.toContain('expiring-key');

    const reopened = await openStore({ now: () => now });
    const items = (await reopened.query('p')).items.map((item) => [
      item.sort,
      item.version,
      item.value.round,
    ]);
    expect(items).toEqual([
      ['a', 20, 20],
      ['b', 10, 10],
      ['c', 10, 10],
    ]);
  });

  it('should take over a lock left by a process that no longer exists', async () => {
    const store = await openStore();
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    await writeFile(`${path}.lock`, `${dead}:left-by-a-crash`);
    await store.put({ partition: 'p', sort: 's', value: { a: 1 } });
    expect((await store.get('p', 's'))?.version).toBe(1);
    await expect(readFile(`${path}.lock`, 'utf8')).rejects.toThrow();
  });

  it('should give up on a lock held by a live process, saying which file to delete', async () => {
    const store = await openStore({ lockTimeoutMs: 100 });
    await writeFile(`${path}.lock`, `${process.pid}:held-elsewhere`);
    const error = await store
      .put({ partition: 'p', sort: 's', value: {} })
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(FinopsError);
    expect((error as FinopsError).isRetryable).toBe(true);
    expect((error as FinopsError).message).toContain(`delete ${path}.lock`);
    await rm(`${path}.lock`);
    expect(await store.get('p', 's')).toBeUndefined();
  });

  it('should refuse every call once closed', async () => {
    const store = await openStore();
    await store.close();
    await expect(store.get('p', 's')).rejects.toThrow(/closed/);
  });
});
