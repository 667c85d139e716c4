import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { SpecialistDependencies } from '../../../agents/specialists/dependencies.ts';
import { createEmbeddedCloudWatchBackend } from '../../../mcp/backends/embedded-cloudwatch.ts';
import { createEmbeddedCostExplorerBackend } from '../../../mcp/backends/embedded-cost-explorer.ts';
import { createEmbeddedTaggingBackend } from '../../../mcp/backends/embedded-tagging.ts';
import { connectInMemory } from '../../../mcp/client/connect-in-memory.ts';
import { createMcpServer, type McpBackends } from '../../../mcp/servers/index.ts';
import { type DemoManifest, generateDemoOrganisation } from '../../../src/demo/index.ts';
import { type CostEngine, createDuckDbCostEngine } from '../../../src/engine/index.ts';
import { createDuckDbInventory, type Inventory } from '../../../src/inventory/index.ts';
import { loadPriceBook } from '../../../src/pricing/index.ts';
import {
  createRecommendationService,
  DEFAULT_AUTHORISATION_POLICY,
  DEFAULT_RULE_POLICY,
  type RecommendationService,
} from '../../../src/recommendations/index.ts';
import { createMemoryStateStore } from '../../../src/state/index.ts';
import { type Database, openDatabase } from '../../../src/store/database.ts';

/** The demo's clock: its billing data runs through the day before. */
export const DEMO_TODAY = '2026-11-24';
export const DEMO_NOW = new Date(`${DEMO_TODAY}T12:00:00Z`);
export const DEMO_SEED = 42;

export interface DemoSpecialistSetup {
  deps: SpecialistDependencies;
  db: Database;
  engine: CostEngine;
  inventory: Inventory;
  manifest: DemoManifest;
  /** The service behind `deps.recommendations`, refreshed once (decide on it to change statuses). */
  recommendations: RecommendationService;
  /** The embedded backends behind the MCP servers, to wrap or replace one in a test. */
  backends: McpBackends;
  /** Closes the MCP clients and the database. */
  close(): Promise<void>;
}

export interface DemoSpecialistOptions {
  /** Replaces backends (e.g. one whose tool fails) before the servers are built. */
  backends?: (embedded: McpBackends) => McpBackends;
  requiredTags?: readonly string[];
}

/**
 * Specialist dependencies on the demo organisation, all in memory: the DuckDB dataset, the three
 * MCP servers over the embedded backends behind real MCP clients, and a recommendation service
 * over an in-memory StateStore refreshed once. Build it once per test file (beforeAll): the
 * demo and the rules take a few seconds.
 */
export async function openDemoSpecialistDeps(
  options: DemoSpecialistOptions = {},
): Promise<DemoSpecialistSetup> {
  const db = await openDatabase({ dataDir: ':memory:' });
  const manifest = await generateDemoOrganisation(db, { now: DEMO_NOW, seed: DEMO_SEED });
  const engine = createDuckDbCostEngine({ db });
  const inventory = createDuckDbInventory({ db });
  const now = () => DEMO_NOW;
  const requiredTags = [...(options.requiredTags ?? DEFAULT_RULE_POLICY.requiredTags)];
  const embedded: McpBackends = {
    costExplorer: createEmbeddedCostExplorerBackend({ db, engine, inventory, now }),
    cloudwatch: createEmbeddedCloudWatchBackend({ db, inventory, now }),
    tagging: createEmbeddedTaggingBackend({ db, engine, inventory, requiredTags, now }),
  };
  const backends = options.backends ? options.backends(embedded) : embedded;
  const connect = (name: 'cost-explorer' | 'cloudwatch' | 'tagging'): Promise<Client> =>
    connectInMemory(createMcpServer(name, backends, { requiredTags }), { clientName: `test-${name}` });
  const [costExplorer, cloudwatch, tagging] = await Promise.all([
    connect('cost-explorer'),
    connect('cloudwatch'),
    connect('tagging'),
  ]);
  const recommendations = createRecommendationService({
    inventory,
    engine,
    prices: loadPriceBook(),
    store: createMemoryStateStore(),
    authorisation: DEFAULT_AUTHORISATION_POLICY,
    now,
    policy: { ...DEFAULT_RULE_POLICY, requiredTags },
  });
  await recommendations.refresh();
  return {
    deps: {
      engine,
      recommendations: { list: (filter) => recommendations.list(filter) },
      mcp: { costExplorer, cloudwatch, tagging },
      now,
      requiredTags,
    },
    db,
    engine,
    inventory,
    manifest,
    recommendations,
    backends,
    async close() {
      await Promise.all([costExplorer.close(), cloudwatch.close(), tagging.close()]);
      db.close();
    },
  };
}
