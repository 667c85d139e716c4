import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbeddedStateStore, createMemoryStateStore } from '../../src/state/index.ts';
import {
  CONTRACT_START,
  type ContractSubject,
  describeStateStoreContract,
  describeStateStoreRestart,
} from './state-store-contract.ts';

async function embeddedSubject(): Promise<ContractSubject> {
  const directory = await mkdtemp(join(tmpdir(), 'finops-state-'));
  const path = join(directory, 'state.jsonl');
  let now = CONTRACT_START;
  const clock = () => now;
  const opened = [await createEmbeddedStateStore({ path, now: clock })];
  return {
    store: opened[0] as ContractSubject['store'],
    reopen: async () => {
      const store = await createEmbeddedStateStore({ path, now: clock });
      opened.push(store);
      return store;
    },
    setNow: (date) => {
      now = date;
    },
    cleanup: async () => {
      for (const store of opened) await store.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

async function memorySubject(): Promise<ContractSubject> {
  let now = CONTRACT_START;
  const store = createMemoryStateStore({ now: () => now });
  return {
    store,
    setNow: (date) => {
      now = date;
    },
    cleanup: () => store.close(),
  };
}

describeStateStoreContract('embedded', embeddedSubject);
describeStateStoreRestart('embedded', embeddedSubject);
// The memory store keeps nothing across a restart by design, so it runs the contract without the restart test.
describeStateStoreContract('memory', memorySubject);
