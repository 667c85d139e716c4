import type { Config } from './config.ts';
import { toDay } from './domain/index.ts';
import { type CostEngine, createDuckDbCostEngine } from './engine/index.ts';
import { createDuckDbInventory, type Inventory } from './inventory/index.ts';
import { loadPriceBook } from './pricing/index.ts';
import { type Copilot, createCopilot } from './questions/index.ts';
import {
  createRecommendationService,
  DEFAULT_RULE_POLICY,
  type RecommendationService,
  rulePolicySchema,
} from './recommendations/index.ts';
import type { StateStore } from './state/index.ts';
import { type Database, openDatabase } from './store/database.ts';

/**
 * The one place real implementations are wired together. Adapters (CLI now; Slack, Teams later)
 * get a Runtime and never build their own database or engine.
 */
export interface Runtime {
  config: Config;
  db: Database;
  engine: CostEngine;
  inventory: Inventory;
  copilot: Copilot;
  /**
   * Recommendations over this data, kept in `store` (opened by the adapter: embedded or DynamoDB,
   * see adapters/state). The price book loads on first use.
   */
  recommendations(store: StateStore): RecommendationService;
  close(): void;
}

export async function createRuntime(config: Config): Promise<Runtime> {
  const db = await openDatabase({ dataDir: config.dataDir });
  const engine = createDuckDbCostEngine({ db });
  const copilot = createCopilot({ engine, now: () => config.now });
  const inventory = createDuckDbInventory({ db });
  const rulePolicy = rulePolicySchema.parse({ ...DEFAULT_RULE_POLICY, requiredTags: config.requiredTags });
  return {
    config,
    db,
    engine,
    inventory,
    copilot,
    recommendations: (store) =>
      createRecommendationService({
        inventory,
        engine,
        prices: loadPriceBook(),
        store,
        authorisation: config.authorisation,
        now: () => config.now,
        policy: rulePolicy,
      }),
    close: () => db.close(),
  };
}

/** What the data directory holds: nothing, only the demo organisation, or real exports. */
export async function describeLoadedData(
  db: Database,
): Promise<{ kind: 'empty' | 'demo' | 'export'; demoAnchor?: string }> {
  const rows = await db.all<{ format: string }>('SELECT DISTINCT format FROM deliveries');
  if (rows.length === 0) return { kind: 'empty' };
  if (rows.every((row) => row.format === 'demo')) {
    const manifest = await db.getMeta('demo');
    const anchor = manifest ? (JSON.parse(manifest) as { anchor?: string }).anchor : undefined;
    return anchor ? { kind: 'demo', demoAnchor: anchor } : { kind: 'demo' };
  }
  return { kind: 'export' };
}

/** Removes the demo organisation (cost rows, deliveries, inventory) so real data is never mixed with it. */
export async function removeDemoData(db: Database): Promise<void> {
  await db.run(
    `DELETE FROM line_items WHERE x_DeliveryId IN (SELECT delivery_id FROM deliveries WHERE format = 'demo')`,
  );
  await db.run(`DELETE FROM deliveries WHERE format = 'demo'`);
  await db.run(`DELETE FROM meta WHERE key = 'demo'`);
  const inventory = await db.all<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_name IN ('resources', 'utilization_hourly', 's3_bucket_stats')`,
  );
  for (const table of inventory) await db.run(`DELETE FROM ${table.name}`);
  await db.run(
    'DELETE FROM tag_sets WHERE id NOT IN (SELECT x_TagSetId FROM line_items WHERE x_TagSetId IS NOT NULL)',
  );
}

export function isDemoCurrent(anchor: string | undefined, now: Date): boolean {
  return anchor === toDay(now);
}
