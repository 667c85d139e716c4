/**
 * Maps one at a time. Engine calls go through here: one DuckDB connection runs one query at a
 * time anyway, and the engine fills its caches (the tag index) on first use, which concurrent
 * first calls would race on.
 */
export async function mapInSequence<T, R>(items: readonly T[], map: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (const item of items) results.push(await map(item));
  return results;
}
