import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConditionFailedError, FinopsError } from '../../src/errors.ts';
import type { StateItem, StateStore, StateValue, WriteOperation } from '../../src/state/index.ts';

/**
 * The behaviour every StateStore must show, run against each implementation. Expected values are
 * written out here or computed by the test itself, never read back from the store under test.
 */
export interface ContractSubject {
  store: StateStore;
  /** A new store over the same storage, as after a restart. */
  reopen?: (() => Promise<StateStore>) | undefined;
  /** Moves the store's clock. */
  setNow(now: Date): void;
  cleanup(): Promise<void>;
}

/** The clock every subject starts at: after any real clock, so no real TTL sweeper touches test items. */
export const CONTRACT_START = new Date('2035-01-01T00:00:00Z');
const START_SECONDS = CONTRACT_START.getTime() / 1000;

export function describeStateStoreContract(name: string, factory: () => Promise<ContractSubject>): void {
  describe(`StateStore contract: ${name}`, () => {
    let subject: ContractSubject;
    let store: StateStore;

    beforeEach(async () => {
      subject = await factory();
      store = subject.store;
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    async function conditionFailure(write: Promise<unknown>): Promise<ConditionFailedError> {
      const error = await write.then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(ConditionFailedError);
      return error as ConditionFailedError;
    }

    async function invalidInput(write: Promise<unknown>): Promise<FinopsError> {
      const error = await write.then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(FinopsError);
      expect((error as FinopsError).code).toBe('finops_invalid_input');
      return error as FinopsError;
    }

    describe('put and get', () => {
      it('should return undefined for an item never written', async () => {
        expect(await store.get('p', 'missing')).toBeUndefined();
      });

      it('should store an item at version 1 and count up by one on every put', async () => {
        const first = await store.put({ partition: 'rec#1', sort: 'state', value: { status: 'open' } });
        expect(first).toEqual({ partition: 'rec#1', sort: 'state', value: { status: 'open' }, version: 1 });
        await store.put({ partition: 'rec#1', sort: 'state', value: { status: 'approved' } });
        const third = await store.put({
          partition: 'rec#1',
          sort: 'state',
          value: { status: 'dismissed', n: 3 },
        });
        expect(third.version).toBe(3);
        expect(await store.get('rec#1', 'state')).toEqual({
          partition: 'rec#1',
          sort: 'state',
          value: { status: 'dismissed', n: 3 },
          version: 3,
        });
      });

      it('should keep nested JSON, empty strings, empty containers and unicode exactly', async () => {
        const value: StateValue = {
          text: 'Café ☕ 😀',
          empty: '',
          nothing: null,
          flags: [true, false],
          numbers: [0, -1, 1.5, 123456789012345, -0.000001],
          nested: { list: [{ a: 1 }, [], {}], map: {} },
        };
        await store.put({ partition: 'p', sort: 's', value });
        expect((await store.get('p', 's'))?.value).toEqual(value);
      });

      it('should keep expiresAt when given and drop it when a later put has none', async () => {
        const expiresAt = START_SECONDS + 3600;
        const written = await store.put({ partition: 'p', sort: 's', value: { a: 1 }, expiresAt });
        expect(written.expiresAt).toBe(expiresAt);
        expect((await store.get('p', 's'))?.expiresAt).toBe(expiresAt);
        await store.put({ partition: 'p', sort: 's', value: { a: 2 } });
        const item = await store.get('p', 's');
        expect(item?.expiresAt).toBeUndefined();
        expect(item?.version).toBe(2);
      });

      it('should hand out copies, so changing a returned value changes nothing stored', async () => {
        const value = { list: [1, 2] };
        const written = await store.put({ partition: 'p', sort: 's', value });
        value.list.push(3);
        (written.value.list as number[]).push(4);
        const read = await store.get('p', 's');
        (read!.value.list as number[]).push(5);
        expect((await store.get('p', 's'))?.value).toEqual({ list: [1, 2] });
      });

      it('should keep items of different partitions and sort keys apart', async () => {
        await store.put({ partition: 'a', sort: 'x', value: { n: 1 } });
        await store.put({ partition: 'b', sort: 'x', value: { n: 2 } });
        await store.put({ partition: 'a', sort: 'y', value: { n: 3 } });
        expect((await store.get('a', 'x'))?.value).toEqual({ n: 1 });
        expect((await store.get('b', 'x'))?.value).toEqual({ n: 2 });
        expect((await store.get('a', 'y'))?.value).toEqual({ n: 3 });
        expect(await store.get('b', 'y')).toBeUndefined();
      });
    });

    describe('conditions', () => {
      it('should create with absent when nothing is there, and refuse a second create without writing', async () => {
        const created = await store.put({
          partition: 'audit',
          sort: '0001',
          value: { by: 'u1' },
          condition: { kind: 'absent' },
        });
        expect(created.version).toBe(1);
        const error = await conditionFailure(
          store.put({ partition: 'audit', sort: '0001', value: { by: 'u2' }, condition: { kind: 'absent' } }),
        );
        expect(error.code).toBe('finops_condition_failed');
        expect(error.partition).toBe('audit');
        expect(error.sort).toBe('0001');
        expect(error.operationIndex).toBe(0);
        expect(await store.get('audit', '0001')).toEqual({
          partition: 'audit',
          sort: '0001',
          value: { by: 'u1' },
          version: 1,
        });
      });

      it('should refuse present on a missing item without creating it, and pass it on an existing one', async () => {
        await conditionFailure(
          store.put({ partition: 'p', sort: 's', value: { a: 1 }, condition: { kind: 'present' } }),
        );
        expect(await store.get('p', 's')).toBeUndefined();
        await store.put({ partition: 'p', sort: 's', value: { a: 1 } });
        const updated = await store.put({
          partition: 'p',
          sort: 's',
          value: { a: 2 },
          condition: { kind: 'present' },
        });
        expect(updated).toEqual({ partition: 'p', sort: 's', value: { a: 2 }, version: 2 });
      });

      it('should pass a version condition only with the current version', async () => {
        await store.put({ partition: 'p', sort: 's', value: { step: 1 } });
        await store.put({ partition: 'p', sort: 's', value: { step: 2 } });
        await conditionFailure(
          store.put({
            partition: 'p',
            sort: 's',
            value: { step: 'stale' },
            condition: { kind: 'version', version: 1 },
          }),
        );
        expect(await store.get('p', 's')).toEqual({
          partition: 'p',
          sort: 's',
          value: { step: 2 },
          version: 2,
        });
        const swapped = await store.put({
          partition: 'p',
          sort: 's',
          value: { step: 3 },
          condition: { kind: 'version', version: 2 },
        });
        expect(swapped.version).toBe(3);
        expect((await store.get('p', 's'))?.value).toEqual({ step: 3 });
      });

      it('should refuse a version condition on a missing item without creating it', async () => {
        await conditionFailure(
          store.put({
            partition: 'p',
            sort: 's',
            value: { a: 1 },
            condition: { kind: 'version', version: 1 },
          }),
        );
        expect(await store.get('p', 's')).toBeUndefined();
      });

      it('should reject a malformed condition as invalid input', async () => {
        await invalidInput(
          store.put({ partition: 'p', sort: 's', value: {}, condition: { kind: 'version', version: 0 } }),
        );
        await invalidInput(
          store.put({
            partition: 'p',
            sort: 's',
            value: {},
            condition: { kind: 'newer' } as unknown as { kind: 'absent' },
          }),
        );
        expect(await store.get('p', 's')).toBeUndefined();
      });
    });

    describe('delete', () => {
      it('should remove an item, and not mind deleting one that is not there', async () => {
        await store.put({ partition: 'p', sort: 's', value: { a: 1 } });
        await store.delete({ partition: 'p', sort: 's' });
        expect(await store.get('p', 's')).toBeUndefined();
        await store.delete({ partition: 'p', sort: 's' });
        await store.delete({ partition: 'never', sort: 'written' });
        expect(await store.get('p', 's')).toBeUndefined();
      });

      it('should delete with a version condition only at the current version', async () => {
        await store.put({ partition: 'p', sort: 's', value: { a: 1 } });
        await store.put({ partition: 'p', sort: 's', value: { a: 2 } });
        await conditionFailure(
          store.delete({ partition: 'p', sort: 's', condition: { kind: 'version', version: 1 } }),
        );
        expect((await store.get('p', 's'))?.version).toBe(2);
        await store.delete({ partition: 'p', sort: 's', condition: { kind: 'version', version: 2 } });
        expect(await store.get('p', 's')).toBeUndefined();
      });

      it('should refuse a present-conditioned delete of a missing item', async () => {
        const error = await conditionFailure(
          store.delete({ partition: 'p', sort: 'gone', condition: { kind: 'present' } }),
        );
        expect(error.sort).toBe('gone');
      });

      it('should start again at version 1 after a delete', async () => {
        await store.put({ partition: 'p', sort: 's', value: { a: 1 } });
        await store.put({ partition: 'p', sort: 's', value: { a: 2 } });
        await store.delete({ partition: 'p', sort: 's' });
        expect((await store.put({ partition: 'p', sort: 's', value: { a: 3 } })).version).toBe(1);
      });
    });

    describe('transact', () => {
      it('should apply puts and deletes together, each put counting its own version', async () => {
        await store.put({ partition: 'rec#1', sort: 'state', value: { status: 'open' } });
        await store.put({ partition: 'rec#1', sort: 'draft', value: { x: 1 } });
        await store.put({ partition: 'rec#1', sort: 'plain', value: { x: 1 } });
        await store.put({
          partition: 'rec#1',
          sort: 'present',
          value: { x: 1 },
          expiresAt: START_SECONDS + 60,
        });
        await store.transact([
          {
            type: 'put',
            partition: 'rec#1',
            sort: 'state',
            value: { status: 'approved' },
            condition: { kind: 'version', version: 1 },
          },
          {
            type: 'put',
            partition: 'rec#1',
            sort: 'audit#0001',
            value: { by: 'u1' },
            condition: { kind: 'absent' },
          },
          { type: 'delete', partition: 'rec#1', sort: 'draft', condition: { kind: 'present' } },
          { type: 'put', partition: 'rec#1', sort: 'plain', value: { x: 2 } },
          {
            type: 'put',
            partition: 'rec#1',
            sort: 'present',
            value: { x: 2 },
            condition: { kind: 'present' },
          },
          {
            type: 'put',
            partition: 'rec#1',
            sort: 'new-plain',
            value: { x: 1 },
            expiresAt: START_SECONDS + 60,
          },
        ]);
        expect(await store.get('rec#1', 'state')).toEqual({
          partition: 'rec#1',
          sort: 'state',
          value: { status: 'approved' },
          version: 2,
        });
        expect((await store.get('rec#1', 'audit#0001'))?.version).toBe(1);
        expect(await store.get('rec#1', 'draft')).toBeUndefined();
        expect((await store.get('rec#1', 'plain'))?.version).toBe(2);
        // A put replaces the whole item: without expiresAt, the item no longer expires.
        expect(await store.get('rec#1', 'present')).toEqual({
          partition: 'rec#1',
          sort: 'present',
          value: { x: 2 },
          version: 2,
        });
        expect(await store.get('rec#1', 'new-plain')).toEqual({
          partition: 'rec#1',
          sort: 'new-plain',
          value: { x: 1 },
          version: 1,
          expiresAt: START_SECONDS + 60,
        });
      });

      it('should write nothing when a later condition fails, and name that operation', async () => {
        await store.put({ partition: 'rec#1', sort: 'state', value: { status: 'open' } });
        await store.put({ partition: 'rec#1', sort: 'state', value: { status: 'approved' } });
        const error = await conditionFailure(
          store.transact([
            {
              type: 'put',
              partition: 'rec#1',
              sort: 'audit#0002',
              value: { by: 'u2' },
              condition: { kind: 'absent' },
            },
            {
              type: 'put',
              partition: 'rec#1',
              sort: 'state',
              value: { status: 'dismissed' },
              condition: { kind: 'version', version: 1 },
            },
            { type: 'put', partition: 'rec#1', sort: 'other', value: { z: 1 } },
          ]),
        );
        expect(error.operationIndex).toBe(1);
        expect(error.partition).toBe('rec#1');
        expect(error.sort).toBe('state');
        expect(await store.get('rec#1', 'audit#0002')).toBeUndefined();
        expect(await store.get('rec#1', 'other')).toBeUndefined();
        expect((await store.get('rec#1', 'state'))?.value).toEqual({ status: 'approved' });
      });

      it('should name the first failing operation when a delete condition fails', async () => {
        await store.put({ partition: 'p', sort: 'kept', value: { a: 1 } });
        const error = await conditionFailure(
          store.transact([
            { type: 'delete', partition: 'p', sort: 'kept' },
            { type: 'put', partition: 'p', sort: 'new', value: { a: 1 } },
            { type: 'delete', partition: 'p', sort: 'missing', condition: { kind: 'present' } },
          ]),
        );
        expect(error.operationIndex).toBe(2);
        expect(await store.get('p', 'kept')).toBeDefined();
        expect(await store.get('p', 'new')).toBeUndefined();
      });

      it('should reject more than 25 operations before writing anything', async () => {
        const operations: WriteOperation[] = Array.from({ length: 26 }, (_, index) => ({
          type: 'put',
          partition: 'p',
          sort: `item#${String(index).padStart(2, '0')}`,
          value: { index },
        }));
        const error = await invalidInput(store.transact(operations));
        expect(error.message).toContain('25');
        expect((await store.query('p')).items).toEqual([]);
        await store.transact(operations.slice(0, 25));
        expect((await store.query('p')).items).toHaveLength(25);
      });

      it('should reject two operations on the same item before writing anything', async () => {
        const error = await invalidInput(
          store.transact([
            { type: 'put', partition: 'p', sort: 'a', value: { n: 1 } },
            { type: 'put', partition: 'p', sort: 'b', value: { n: 1 } },
            { type: 'delete', partition: 'p', sort: 'a' },
          ]),
        );
        expect(error.message).toContain('operation 2');
        expect(await store.get('p', 'a')).toBeUndefined();
        expect(await store.get('p', 'b')).toBeUndefined();
      });

      it('should reject an invalid value anywhere in the batch before writing anything', async () => {
        await invalidInput(
          store.transact([
            { type: 'put', partition: 'p', sort: 'a', value: { n: 1 } },
            { type: 'put', partition: 'p', sort: 'b', value: { n: Number.NaN } },
          ]),
        );
        expect(await store.get('p', 'a')).toBeUndefined();
      });

      it('should accept an empty transaction as doing nothing', async () => {
        await store.transact([]);
        expect((await store.query('p')).items).toEqual([]);
      });
    });

    describe('query', () => {
      // Shuffled on purpose: the store must sort them.
      const sorts = ['b#2', 'a#10', 'c', 'a#02', 'b#1', 'a#01', 'ab', 'a#03', 'b#10', 'a'];

      async function writeAll(partition: string, keys: readonly string[]): Promise<void> {
        for (const sort of keys) await store.put({ partition, sort, value: { sort } });
      }

      function ascending(keys: readonly string[]): string[] {
        return [...keys].sort((left, right) => Buffer.compare(Buffer.from(left), Buffer.from(right)));
      }

      async function pageThrough(
        partition: string,
        options: { limit: number; descending?: boolean; sortPrefix?: string },
      ): Promise<{ sorts: string[]; pages: number; lastHasCursor: boolean }> {
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        let lastHasCursor = false;
        do {
          const page = await store.query(partition, { ...options, cursor });
          pages += 1;
          expect(page.items.length).toBeLessThanOrEqual(options.limit);
          seen.push(...page.items.map((item) => item.sort));
          cursor = page.cursor;
          lastHasCursor = cursor !== undefined;
          expect(pages).toBeLessThan(100);
        } while (cursor !== undefined);
        return { sorts: seen, pages, lastHasCursor };
      }

      it('should return a partition in sort-key order with whole items, and nothing of other partitions', async () => {
        await writeAll('p', sorts);
        await store.put({ partition: 'other', sort: 'a', value: { sort: 'a' } });
        const page = await store.query('p');
        expect(page.items.map((item) => item.sort)).toEqual([
          'a',
          'a#01',
          'a#02',
          'a#03',
          'a#10',
          'ab',
          'b#1',
          'b#10',
          'b#2',
          'c',
        ]);
        expect(page.items[0]).toEqual({ partition: 'p', sort: 'a', value: { sort: 'a' }, version: 1 });
        expect(page.cursor).toBeUndefined();
        expect((await store.query('nobody')).items).toEqual([]);
      });

      it('should order non-ASCII sort keys by UTF-8 bytes, as DynamoDB does', async () => {
        const keys = ['z', 'é', '\uff5e', '😀', 'a', 'Z', '\u00ff'];
        await writeAll('p', keys);
        const page = await store.query('p');
        expect(page.items.map((item) => item.sort)).toEqual(ascending(keys));
      });

      it('should keep only sort keys that start with the prefix, in either direction', async () => {
        await writeAll('p', sorts);
        const prefixed = await store.query('p', { sortPrefix: 'a#' });
        expect(prefixed.items.map((item) => item.sort)).toEqual(['a#01', 'a#02', 'a#03', 'a#10']);
        const descending = await store.query('p', { sortPrefix: 'b#', descending: true });
        expect(descending.items.map((item) => item.sort)).toEqual(['b#2', 'b#10', 'b#1']);
        expect((await store.query('p', { sortPrefix: 'zz' })).items).toEqual([]);
      });

      it('should return newest first when descending and stop at the limit', async () => {
        await writeAll('p', sorts);
        const page = await store.query('p', { descending: true, limit: 3 });
        expect(page.items.map((item) => item.sort)).toEqual(['c', 'b#2', 'b#10']);
        expect(page.cursor).toEqual(expect.any(String));
      });

      it('should page through a partition with cursors, with no gaps, no repeats and no cursor on the last page', async () => {
        const keys = Array.from({ length: 23 }, (_, index) => `audit#${String(index * 7).padStart(4, '0')}`);
        await writeAll('p', [...keys].reverse());
        await writeAll('p', ['zzz-after', 'aaa-before']);
        const forward = await pageThrough('p', { limit: 5, sortPrefix: 'audit#' });
        expect(forward.sorts).toEqual(keys);
        expect(forward.pages).toBe(5);
        expect(forward.lastHasCursor).toBe(false);
        const backward = await pageThrough('p', { limit: 4, sortPrefix: 'audit#', descending: true });
        expect(backward.sorts).toEqual([...keys].reverse());
        expect(backward.pages).toBe(6);
        const all = await pageThrough('p', { limit: 25 });
        expect(all.sorts).toEqual(ascending([...keys, 'zzz-after', 'aaa-before']));
        expect(all.pages).toBe(1);
      });

      it('should not hand out a cursor when the last page is exactly full', async () => {
        await writeAll('p', ['a', 'b', 'c', 'd']);
        const first = await store.query('p', { limit: 2 });
        expect(first.items.map((item) => item.sort)).toEqual(['a', 'b']);
        const second = await store.query('p', { limit: 2, cursor: first.cursor });
        expect(second.items.map((item) => item.sort)).toEqual(['c', 'd']);
        expect(second.cursor).toBeUndefined();
      });

      it('should default to 100 items per page and allow at most 1000', async () => {
        const keys = Array.from({ length: 101 }, (_, index) => `k${String(index).padStart(3, '0')}`);
        for (let start = 0; start < keys.length; start += 25) {
          await store.transact(
            keys.slice(start, start + 25).map((sort) => ({ type: 'put', partition: 'p', sort, value: {} })),
          );
        }
        const page = await store.query('p');
        expect(page.items).toHaveLength(100);
        expect(page.cursor).toEqual(expect.any(String));
        expect((await store.query('p', { limit: 1000 })).items).toHaveLength(101);
        await invalidInput(store.query('p', { limit: 1001 }));
        await invalidInput(store.query('p', { limit: 0 }));
        await invalidInput(store.query('p', { limit: 2.5 }));
      });

      it('should reject a cursor it did not hand out', async () => {
        const error = await invalidInput(store.query('p', { cursor: 'not-a-cursor' }));
        expect(error.message).toContain('cursor');
      });
    });

    describe('expiry', () => {
      it('should hide an item once its expiresAt has come, from get and query', async () => {
        await store.put({ partition: 'cache', sort: 'a', value: { n: 1 }, expiresAt: START_SECONDS + 60 });
        await store.put({ partition: 'cache', sort: 'b', value: { n: 2 } });
        subject.setNow(new Date((START_SECONDS + 59) * 1000));
        expect((await store.get('cache', 'a'))?.value).toEqual({ n: 1 });
        subject.setNow(new Date((START_SECONDS + 60) * 1000));
        expect(await store.get('cache', 'a')).toBeUndefined();
        expect((await store.query('cache')).items.map((item) => item.sort)).toEqual(['b']);
      });

      it('should count an expired item as absent for every condition', async () => {
        await store.put({
          partition: 'dedupe',
          sort: 'evt1',
          value: { seen: 1 },
          expiresAt: START_SECONDS + 10,
        });
        await store.put({
          partition: 'dedupe',
          sort: 'evt1',
          value: { seen: 2 },
          expiresAt: START_SECONDS + 10,
        });
        subject.setNow(new Date((START_SECONDS + 10) * 1000));
        await conditionFailure(
          store.put({
            partition: 'dedupe',
            sort: 'evt1',
            value: { seen: 3 },
            condition: { kind: 'version', version: 2 },
          }),
        );
        await conditionFailure(
          store.put({
            partition: 'dedupe',
            sort: 'evt1',
            value: { seen: 3 },
            condition: { kind: 'present' },
          }),
        );
        await conditionFailure(
          store.delete({ partition: 'dedupe', sort: 'evt1', condition: { kind: 'present' } }),
        );
        const recreated = await store.put({
          partition: 'dedupe',
          sort: 'evt1',
          value: { seen: 4 },
          expiresAt: START_SECONDS + 100,
          condition: { kind: 'absent' },
        });
        expect(recreated).toEqual({
          partition: 'dedupe',
          sort: 'evt1',
          value: { seen: 4 },
          version: 1,
          expiresAt: START_SECONDS + 100,
        });
        expect(await store.get('dedupe', 'evt1')).toEqual(recreated);
      });

      it('should start an expired item again at version 1 on a plain put, alone or in a transaction', async () => {
        await store.put({ partition: 'p', sort: 'alone', value: { n: 1 }, expiresAt: START_SECONDS + 5 });
        await store.put({ partition: 'p', sort: 'alone', value: { n: 2 }, expiresAt: START_SECONDS + 5 });
        await store.put({ partition: 'p', sort: 'batch', value: { n: 1 }, expiresAt: START_SECONDS + 5 });
        await store.put({ partition: 'p', sort: 'batch', value: { n: 2 }, expiresAt: START_SECONDS + 5 });
        subject.setNow(new Date((START_SECONDS + 5) * 1000));
        expect(await store.put({ partition: 'p', sort: 'alone', value: { n: 3 } })).toEqual({
          partition: 'p',
          sort: 'alone',
          value: { n: 3 },
          version: 1,
        });
        await store.transact([{ type: 'put', partition: 'p', sort: 'batch', value: { n: 3 } }]);
        expect(await store.get('p', 'batch')).toEqual({
          partition: 'p',
          sort: 'batch',
          value: { n: 3 },
          version: 1,
        });
      });

      it('should keep pages full and cursors exact when expired items sit between live ones', async () => {
        for (let index = 0; index < 12; index += 1) {
          await store.put({
            partition: 'p',
            sort: `k${String(index).padStart(2, '0')}`,
            value: { index },
            expiresAt: index % 3 === 0 ? START_SECONDS + 1 : START_SECONDS + 1000,
          });
        }
        subject.setNow(new Date((START_SECONDS + 2) * 1000));
        const live = ['k01', 'k02', 'k04', 'k05', 'k07', 'k08', 'k10', 'k11'];
        const first = await store.query('p', { limit: 3 });
        expect(first.items.map((item) => item.sort)).toEqual(live.slice(0, 3));
        const second = await store.query('p', { limit: 3, cursor: first.cursor });
        expect(second.items.map((item) => item.sort)).toEqual(live.slice(3, 6));
        const third = await store.query('p', { limit: 3, cursor: second.cursor });
        expect(third.items.map((item) => item.sort)).toEqual(live.slice(6));
        expect(third.cursor).toBeUndefined();
      });

      it('should reject an expiresAt that is not whole epoch seconds', async () => {
        await invalidInput(
          store.put({ partition: 'p', sort: 's', value: {}, expiresAt: START_SECONDS + 0.5 }),
        );
        await invalidInput(store.put({ partition: 'p', sort: 's', value: {}, expiresAt: -1 }));
        expect(await store.get('p', 's')).toBeUndefined();
      });
    });

    describe('values and keys', () => {
      const badValues: [string, unknown, string][] = [
        ['undefined inside', { a: 1, nested: { gone: undefined } }, 'value.nested.gone'],
        ['a function', { run: () => 1 }, 'value.run'],
        ['a BigInt', { big: BigInt(1) }, 'value.big'],
        ['NaN', { list: [1, Number.NaN] }, 'value.list[1]'],
        ['Infinity', { x: Number.POSITIVE_INFINITY }, 'value.x'],
        ['a Date', { at: new Date(0) }, 'value.at'],
        ['a Map', { map: new Map() }, 'value.map'],
        ['a number beyond 2^53', { n: 2 ** 60 }, 'value.n'],
      ];

      for (const [label, value, path] of badValues) {
        it(`should reject a value holding ${label}, naming ${path}, and write nothing`, async () => {
          const error = await invalidInput(
            store.put({ partition: 'p', sort: 's', value: value as StateValue }),
          );
          expect(error.message).toContain(path);
          expect(await store.get('p', 's')).toBeUndefined();
        });
      }

      it('should reject a value that is not an object', async () => {
        await invalidInput(store.put({ partition: 'p', sort: 's', value: [1, 2] as unknown as StateValue }));
        await invalidInput(store.put({ partition: 'p', sort: 's', value: null as unknown as StateValue }));
        await invalidInput(store.put({ partition: 'p', sort: 's', value: 'text' as unknown as StateValue }));
      });

      it('should reject empty keys, which DynamoDB cannot store', async () => {
        await invalidInput(store.put({ partition: '', sort: 's', value: {} }));
        await invalidInput(store.put({ partition: 'p', sort: '', value: {} }));
        await invalidInput(store.get('p', ''));
        await invalidInput(store.delete({ partition: '', sort: 's' }));
        await invalidInput(store.query(''));
      });
    });

    describe('concurrency', () => {
      it('should let exactly one of 50 concurrent puts with the same version condition win', async () => {
        await store.put({ partition: 'rec#1', sort: 'state', value: { status: 'open' } });
        const results = await Promise.allSettled(
          Array.from({ length: 50 }, (_, index) =>
            store.put({
              partition: 'rec#1',
              sort: 'state',
              value: { status: 'approved', by: `user${index}` },
              condition: { kind: 'version', version: 1 },
            }),
          ),
        );
        const winners = results.filter((result) => result.status === 'fulfilled');
        const losers = results.filter((result) => result.status === 'rejected');
        expect(winners).toHaveLength(1);
        expect(losers).toHaveLength(49);
        for (const loser of losers) expect(loser.reason).toBeInstanceOf(ConditionFailedError);
        const winner = (winners[0] as PromiseFulfilledResult<StateItem>).value;
        expect(winner.version).toBe(2);
        expect(await store.get('rec#1', 'state')).toEqual(winner);
      });

      it('should let exactly one of 50 concurrent creates with absent win', async () => {
        const results = await Promise.allSettled(
          Array.from({ length: 50 }, (_, index) =>
            store.put({
              partition: 'slack',
              sort: 'event#E1',
              value: { worker: index },
              condition: { kind: 'absent' },
            }),
          ),
        );
        const winners = results.filter((result) => result.status === 'fulfilled');
        expect(winners).toHaveLength(1);
        for (const result of results) {
          if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(ConditionFailedError);
        }
        const winner = (winners[0] as PromiseFulfilledResult<StateItem>).value;
        expect(await store.get('slack', 'event#E1')).toEqual(winner);
      });

      it('should let exactly one of 50 concurrent decision transactions win and write one audit record', async () => {
        await store.put({ partition: 'rec#9', sort: 'state', value: { status: 'open' } });
        const results = await Promise.allSettled(
          Array.from({ length: 50 }, (_, index) =>
            store.transact([
              {
                type: 'put',
                partition: 'rec#9',
                sort: 'state',
                value: { status: 'approved', by: `user${index}` },
                condition: { kind: 'version', version: 1 },
              },
              {
                type: 'put',
                partition: 'rec#9',
                sort: `audit#${String(index).padStart(2, '0')}`,
                value: { by: `user${index}` },
                condition: { kind: 'absent' },
              },
            ]),
          ),
        );
        const winners = results.flatMap((result, index) => (result.status === 'fulfilled' ? [index] : []));
        expect(winners).toHaveLength(1);
        for (const result of results) {
          if (result.status === 'rejected') {
            expect(result.reason).toBeInstanceOf(ConditionFailedError);
            expect((result.reason as ConditionFailedError).operationIndex).toBe(0);
          }
        }
        const winner = winners[0] as number;
        const audit = await store.query('rec#9', { sortPrefix: 'audit#' });
        expect(audit.items.map((item) => item.value)).toEqual([{ by: `user${winner}` }]);
        expect((await store.get('rec#9', 'state'))?.value).toEqual({
          status: 'approved',
          by: `user${winner}`,
        });
      });

      it('should count every one of 40 concurrent unconditional puts', async () => {
        await Promise.all(
          Array.from({ length: 40 }, (_, index) =>
            store.put({ partition: 'p', sort: 'counter', value: { index } }),
          ),
        );
        expect((await store.get('p', 'counter'))?.version).toBe(40);
      });
    });
  });
}

/**
 * The restart test, for stores that persist: every acknowledged write is there after a reopen.
 */
export function describeStateStoreRestart(name: string, factory: () => Promise<ContractSubject>): void {
  describe(`StateStore contract: ${name} across a restart`, () => {
    it('should keep every acknowledged write, version and expiry after a restart', async () => {
      const subject = await factory();
      try {
        const { store, reopen } = subject;
        if (reopen === undefined) throw new Error('a persistent store subject must offer reopen()');
        const expected = new Map<string, { value: StateValue; version: number; expiresAt?: number }>();
        for (let index = 0; index < 30; index += 1) {
          const sort = `item#${String(index).padStart(2, '0')}`;
          await store.put({ partition: 'p', sort, value: { index } });
          expected.set(sort, { value: { index }, version: 1 });
        }
        await store.put({ partition: 'p', sort: 'item#03', value: { index: 3, again: true } });
        expected.set('item#03', { value: { index: 3, again: true }, version: 2 });
        await store.delete({ partition: 'p', sort: 'item#04' });
        expected.delete('item#04');
        await store.transact([
          {
            type: 'put',
            partition: 'p',
            sort: 'item#05',
            value: { t: 1 },
            condition: { kind: 'version', version: 1 },
          },
          { type: 'delete', partition: 'p', sort: 'item#06' },
          { type: 'put', partition: 'p', sort: 'zz', value: { t: 2 }, expiresAt: START_SECONDS + 500 },
        ]);
        expected.set('item#05', { value: { t: 1 }, version: 2 });
        expected.delete('item#06');
        expected.set('zz', { value: { t: 2 }, version: 1, expiresAt: START_SECONDS + 500 });
        await Promise.allSettled(
          Array.from({ length: 20 }, (_, index) =>
            store.put({ partition: 'p', sort: 'race', value: { index }, condition: { kind: 'absent' } }),
          ),
        );
        const raced = await store.get('p', 'race');
        expect(raced).toBeDefined();
        expected.set('race', { value: raced?.value as StateValue, version: 1 });
        await store.close();

        const reopened = await reopen();
        try {
          const page = await reopened.query('p', { limit: 1000 });
          const actual = new Map(
            page.items.map((item) => [
              item.sort,
              item.expiresAt === undefined
                ? { value: item.value, version: item.version }
                : { value: item.value, version: item.version, expiresAt: item.expiresAt },
            ]),
          );
          expect(actual).toEqual(expected);
          const next = await reopened.put({
            partition: 'p',
            sort: 'item#03',
            value: { after: 'restart' },
            condition: { kind: 'version', version: 2 },
          });
          expect(next.version).toBe(3);
        } finally {
          await reopened.close();
        }
      } finally {
        await subject.cleanup();
      }
    });
  });
}
