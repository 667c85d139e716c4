import { parseArgs } from 'node:util';
import { commandMcp } from '../../../../adapters/cli/commands/mcp.ts';
import { loadConfig } from '../../../../src/config.ts';

// Stands in for `finops mcp …` (adapters/cli/bin.js) with the same flags, so the transport tests
// run the real command in a child process.
const { positionals, values } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  options: {
    'data-dir': { type: 'string' },
    now: { type: 'string' },
    http: { type: 'boolean' },
    port: { type: 'string' },
    host: { type: 'string' },
  },
});
const [, ...rest] = positionals;
process.exitCode = await commandMcp({
  config: loadConfig({ dataDir: values['data-dir'], now: values.now }),
  positionals: rest,
  flags: { json: false, force: false, http: values.http ?? false, port: values.port, host: values.host },
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  color: false,
});
