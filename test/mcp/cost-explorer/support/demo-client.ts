import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createEmbeddedCostExplorerBackend } from '../../../../mcp/backends/embedded-cost-explorer.ts';
import { createCostExplorerServer } from '../../../../mcp/servers/cost-explorer-server.ts';
import { type DemoManifest, generateDemoOrganisation } from '../../../../src/demo/index.ts';
import { toDate } from '../../../../src/domain/index.ts';
import { type CostEngine, createDuckDbCostEngine } from '../../../../src/engine/index.ts';
import { createDuckDbInventory } from '../../../../src/inventory/index.ts';
import { type Database, openDatabase } from '../../../../src/store/database.ts';
import { indexTagSets } from '../../../../src/store/tag-sets.ts';

export const TODAY = '2026-11-24';

export interface DemoHarness {
  db: Database;
  engine: CostEngine;
  manifest: DemoManifest;
  client: Client;
  logged: string[];
  /** Calls a tool through the client; `structuredContent` typed loosely for the test to read. */
  call(name: string, args: Record<string, unknown>): Promise<CallToolResult>;
  close(): Promise<void>;
}

/** The demo organisation behind a real MCP Client, over the SDK's linked in-memory transport. */
export async function openDemoHarness(): Promise<DemoHarness> {
  const db = await openDatabase({ dataDir: ':memory:' });
  const manifest = await generateDemoOrganisation(db, { now: toDate(TODAY), seed: 42 });
  await indexTagSets(db);
  const engine = createDuckDbCostEngine({ db });
  const inventory = createDuckDbInventory({ db });
  const backend = createEmbeddedCostExplorerBackend({
    db,
    engine,
    inventory,
    now: () => new Date(`${TODAY}T12:00:00Z`),
  });
  const logged: string[] = [];
  const server = createCostExplorerServer(backend, { logger: (message) => logged.push(message) });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'cost-explorer-test', version: '0.0.0' });
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  return {
    db,
    engine,
    manifest,
    client,
    logged,
    call: async (name, args) => (await client.callTool({ name, arguments: args })) as CallToolResult,
    close: async () => {
      await client.close();
      db.close();
    },
  };
}

/** The text of a tool result (error messages, or the JSON copy of structured content). */
export function textOf(result: CallToolResult): string {
  return result.content.map((part) => (part.type === 'text' ? part.text : '')).join('\n');
}

/** The text of the first content of a resource read. */
export function resourceText(contents: ({ text: string } | { blob: string })[]): string {
  const [first] = contents;
  if (!first || !('text' in first)) throw new Error('expected a text resource');
  return first.text;
}
