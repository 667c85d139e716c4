import { join } from 'node:path';
import type { StdioServerParameters } from '@modelcontextprotocol/sdk/client/stdio.js';

const ROOT = join(import.meta.dirname, '../../../..');
const ENTRY = join(import.meta.dirname, 'finops-mcp-entry.ts');

/**
 * How tests and the bench launch `finops mcp …` in a child process: the same command function
 * the CLI runs, through a small entry script with the same flags (see finops-mcp-entry.ts).
 */
export function finopsMcpProcess(
  args: string[],
  env: Record<string, string> = {},
): StdioServerParameters & { args: string[] } {
  return {
    command: process.execPath,
    args: ['--import', 'tsx', ENTRY, 'mcp', ...args],
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stderr: 'pipe',
  };
}
