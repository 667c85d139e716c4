import { ConditionFailedError } from '../../../src/errors.ts';
import { createEmbeddedStateStore } from '../../../src/state/index.ts';

/**
 * Run as a separate process by the embedded store's tests: adds one to a shared counter `count`
 * times with read / compare-and-swap, retrying when another process got there first.
 * Usage: node --import tsx increment-counter.ts <state file> <count> <name>
 */
const [path, countText, name] = process.argv.slice(2);
if (path === undefined || countText === undefined || name === undefined) {
  throw new Error('usage: increment-counter.ts <state file> <count> <name>');
}
const store = await createEmbeddedStateStore({ path });
let conflicts = 0;
for (let done = 0; done < Number(countText); ) {
  const current = await store.get('counter', 'shared');
  const value = { count: ((current?.value.count as number | undefined) ?? 0) + 1, last: name };
  try {
    await store.put({
      partition: 'counter',
      sort: 'shared',
      value,
      condition: current === undefined ? { kind: 'absent' } : { kind: 'version', version: current.version },
    });
    done += 1;
  } catch (error) {
    if (!(error instanceof ConditionFailedError)) throw error;
    conflicts += 1;
  }
}
await store.close();
process.stdout.write(JSON.stringify({ conflicts }));
