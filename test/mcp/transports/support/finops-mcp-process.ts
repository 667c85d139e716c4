import { join } from 'node:path';
import type { StdioServerParameters } from '@modelcontextprotocol/sdk/client/stdio.js';

const ROOT = join(import.meta.dirname, '../../../..');
const BIN = join(ROOT, 'adapters/cli/bin.js');

/** How tests and the bench launch `finops mcp …` in a child process: the real CLI, as a user's MCP client would. */
export function finopsMcpProcess(
  args: string[],
  env: Record<string, string> = {},
): StdioServerParameters & { args: string[] } {
  return {
    command: process.execPath,
    args: [BIN, 'mcp', ...args],
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stderr: 'pipe',
  };
}
