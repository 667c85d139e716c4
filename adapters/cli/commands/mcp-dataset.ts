import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describeLoadedData, isDemoCurrent, type Runtime } from '../../../src/composition-root.ts';
import { createDuckDbCostEngine } from '../../../src/engine/index.ts';
import { FinopsError } from '../../../src/errors.ts';
import { createDuckDbInventory } from '../../../src/inventory/index.ts';
import { DATABASE_FILE, type Database, openDatabase } from '../../../src/store/database.ts';
import { INVENTORY_SCHEMA_SQL, INVENTORY_TABLES } from '../../../src/store/inventory-schema.ts';
import type { CommandContext } from '../main.ts';
import { openRuntimeWithData } from './ensure-data.ts';

export type McpDataset = Pick<Runtime, 'db' | 'engine' | 'inventory' | 'close'>;

const WAIT_FOR_LOCK_MS = 60_000;

/**
 * The dataset an MCP server reads, opened read-only. DuckDB lets one process write a database
 * file, or any number read it: MCP clients such as Claude Desktop start the three stdio servers
 * at once on the same data directory, so each attaches the file read-only. When the data is
 * missing or the demo is stale, one process generates it (briefly holding the write lock) while
 * the others wait and retry.
 */
export async function openMcpDataset(
  context: CommandContext,
  { waitForLockMs = WAIT_FOR_LOCK_MS, sleep = defaultSleep } = {},
): Promise<McpDataset> {
  const { dataDir } = context.config;
  if (dataDir === ':memory:') return openRuntimeWithData(context);
  const path = join(dataDir, DATABASE_FILE);
  const deadline = Date.now() + waitForLockMs;
  for (let attempt = 0; ; attempt += 1) {
    try {
      if (existsSync(path)) {
        const dataset = await attachReadOnly(path);
        if (await isCurrent(dataset.db, context)) return dataset;
        dataset.close();
      }
      // Missing or stale: generate it (ensure-data reports progress on stderr) and create the
      // inventory tables an export-only dataset lacks, then attach again.
      const writable = await openRuntimeWithData(context);
      try {
        await writable.db.run(INVENTORY_SCHEMA_SQL);
      } finally {
        writable.close();
      }
    } catch (error) {
      if (!isLockConflict(error)) throw error;
      if (Date.now() > deadline) {
        throw new FinopsError(
          'finops_config_error',
          `another process keeps ${path} open for writing (e.g. finops chat or ingest): stop it, or give this server its own --data-dir`,
          { cause: error },
        );
      }
      if (attempt === 0) context.err('finops mcp: the dataset is being written by another process; waiting…');
      await sleep(200 + Math.floor(Math.random() * 300));
    }
  }
}

async function attachReadOnly(path: string): Promise<McpDataset> {
  const db = await openDatabase({ dataDir: ':memory:' });
  try {
    await db.run(`ATTACH '${path.replaceAll("'", "''")}' AS dataset (READ_ONLY)`);
    await db.run('USE dataset');
  } catch (error) {
    db.close();
    throw error;
  }
  // The inventory creates its tables on first use; here they exist already (see isCurrent) and a
  // read-only attachment refuses any CREATE, even IF NOT EXISTS.
  const inventoryDb: Database = {
    ...db,
    run: (sql, params) => (sql === INVENTORY_SCHEMA_SQL ? Promise.resolve() : db.run(sql, params)),
  };
  return {
    db,
    engine: createDuckDbCostEngine({ db }),
    inventory: createDuckDbInventory({ db: inventoryDb }),
    close: () => db.close(),
  };
}

/** Ensure-data's test (real exports are always current, the demo only for its own day), plus the inventory tables. */
async function isCurrent(db: Database, context: CommandContext): Promise<boolean> {
  const tables = await db.all<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_catalog = 'dataset'`,
  );
  if (!INVENTORY_TABLES.every((table) => tables.some((row) => row.name === table))) return false;
  const loaded = await describeLoadedData(db);
  if (loaded.kind === 'empty') return false;
  return loaded.kind === 'export' || isDemoCurrent(loaded.demoAnchor, context.config.now);
}

function isLockConflict(error: unknown): boolean {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    if (/lock/i.test(current.message)) return true;
  }
  return false;
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
