import { compareSortKeys, encodeCursor, isLive, type NormalizedQuery } from './state-rules.ts';
import type { QueryPage, StateItem } from './state-store.ts';

/**
 * The in-memory picture of a state table: partition → sort keys kept in DynamoDB's order, so a
 * query is a binary search and a walk. Holds expired items too, until compaction drops them.
 */
export interface ItemIndex {
  get(partition: string, sort: string): StateItem | undefined;
  set(item: StateItem): void;
  remove(partition: string, sort: string): void;
  /** Items stored, live or expired. */
  readonly size: number;
  items(): IterableIterator<StateItem>;
  clear(): void;
  query(partition: string, query: NormalizedQuery, nowSeconds: number): QueryPage;
}

interface PartitionEntries {
  keys: string[];
  items: Map<string, StateItem>;
}

export function createItemIndex(): ItemIndex {
  const partitions = new Map<string, PartitionEntries>();
  let size = 0;

  function* allItems(): IterableIterator<StateItem> {
    for (const entries of partitions.values()) yield* entries.items.values();
  }

  return {
    get(partition, sort) {
      return partitions.get(partition)?.items.get(sort);
    },
    set(item) {
      let entries = partitions.get(item.partition);
      if (entries === undefined) {
        entries = { keys: [], items: new Map() };
        partitions.set(item.partition, entries);
      }
      if (!entries.items.has(item.sort)) {
        entries.keys.splice(
          firstIndex(entries.keys, (key) => compareSortKeys(key, item.sort) > 0),
          0,
          item.sort,
        );
        size += 1;
      }
      entries.items.set(item.sort, item);
    },
    remove(partition, sort) {
      const entries = partitions.get(partition);
      if (entries === undefined || !entries.items.delete(sort)) return;
      entries.keys.splice(
        firstIndex(entries.keys, (key) => compareSortKeys(key, sort) >= 0),
        1,
      );
      size -= 1;
      if (entries.items.size === 0) partitions.delete(partition);
    },
    get size() {
      return size;
    },
    items: allItems,
    clear() {
      partitions.clear();
      size = 0;
    },
    query(partition, query, nowSeconds) {
      const entries = partitions.get(partition);
      if (entries === undefined) return { items: [] };
      const { keys } = entries;
      const prefix = query.sortPrefix;
      // Keys sharing the prefix are contiguous: [start, end).
      const start = firstIndex(keys, (key) => compareSortKeys(key, prefix) >= 0);
      const end = firstIndex(keys, (key) => compareSortKeys(key, prefix) > 0 && !key.startsWith(prefix));
      const { after } = query;
      const found: StateItem[] = [];
      // One more than asked for tells whether another page follows.
      const wanted = query.limit + 1;
      if (query.descending) {
        let index = end - 1;
        if (after !== undefined) {
          index = Math.min(index, firstIndex(keys, (key) => compareSortKeys(key, after) >= 0) - 1);
        }
        for (; index >= start && found.length < wanted; index -= 1) collect(index);
      } else {
        let index = start;
        if (after !== undefined)
          index = Math.max(
            index,
            firstIndex(keys, (key) => compareSortKeys(key, after) > 0),
          );
        for (; index < end && found.length < wanted; index += 1) collect(index);
      }
      if (found.length <= query.limit) return { items: found };
      const items = found.slice(0, query.limit);
      const last = items[items.length - 1] as StateItem;
      return { items, cursor: encodeCursor(last.sort) };

      function collect(index: number): void {
        const item = entries?.items.get(keys[index] as string);
        if (item !== undefined && isLive(item, nowSeconds)) found.push(item);
      }
    },
  };
}

/** The first index whose key satisfies a predicate that is false, then true, along the array. */
function firstIndex(keys: readonly string[], predicate: (key: string) => boolean): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (predicate(keys[middle] as string)) high = middle;
    else low = middle + 1;
  }
  return low;
}
