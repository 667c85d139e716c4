import { openMcpDataset } from '../../../../adapters/cli/commands/mcp-dataset.ts';
import { loadConfig } from '../../../../src/config.ts';

// Opens the MCP dataset the way `finops mcp` does, reports what it reads, and holds it open a
// moment so sibling processes overlap with it.
const [dataDir, holdMs] = process.argv.slice(2);
const dataset = await openMcpDataset({
  config: loadConfig({ dataDir, now: '2026-11-24' }, {}),
  positionals: [],
  flags: { json: false, force: false, http: false },
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  color: false,
});
const [row] = await dataset.db.all<{ rows: number }>('SELECT count(*)::INTEGER AS rows FROM line_items');
process.stdout.write(`${JSON.stringify({ rows: row?.rows })}\n`);
await new Promise((resolve) => setTimeout(resolve, Number(holdMs ?? 0)));
dataset.close();
