import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { FinopsError } from '../../src/errors.ts';
import type { CloudWatchBackend } from '../contracts/cloudwatch.ts';
import type { CostExplorerBackend } from '../contracts/cost-explorer.ts';
import type { TaggingBackend } from '../contracts/tagging.ts';
import { createCloudWatchServer } from './cloudwatch-server.ts';
import { createCostExplorerServer } from './cost-explorer-server.ts';
import { createTaggingServer } from './tagging-server.ts';

export { createCloudWatchServer } from './cloudwatch-server.ts';
export { createCostExplorerServer } from './cost-explorer-server.ts';
export { createTaggingServer } from './tagging-server.ts';
export { runTool, toolError } from './tool-result.ts';

/** The servers this project ships; each name is also the stdio command and the HTTP path /mcp/<name>. */
export const MCP_SERVER_NAMES = ['cost-explorer', 'cloudwatch', 'tagging'] as const;
export type McpServerName = (typeof MCP_SERVER_NAMES)[number];

/** One backend per server: all embedded, or all live AWS (see ../backends/create-backends.ts). */
export interface McpBackends {
  costExplorer: CostExplorerBackend;
  cloudwatch: CloudWatchBackend;
  tagging: TaggingBackend;
}

export interface CreateMcpServerOptions {
  /** The tag policy the tagging server checks compliance against (Config.requiredTags). */
  requiredTags: string[];
  logger?: ((message: string) => void) | undefined;
}

export function isMcpServerName(value: string): value is McpServerName {
  return (MCP_SERVER_NAMES as readonly string[]).includes(value);
}

/** A fresh server: the HTTP transport calls this once per session, stdio once per process. */
export function createMcpServer(
  name: McpServerName,
  backends: McpBackends,
  options: CreateMcpServerOptions,
): McpServer {
  const logger = options.logger ? { logger: options.logger } : {};
  switch (name) {
    case 'cost-explorer':
      return createCostExplorerServer(backends.costExplorer, logger);
    case 'cloudwatch':
      return createCloudWatchServer(backends.cloudwatch, logger);
    case 'tagging':
      return createTaggingServer(backends.tagging, { requiredTags: options.requiredTags, ...logger });
    default:
      throw new FinopsError(
        'finops_invalid_input',
        `unknown MCP server "${String(name)}": use one of ${MCP_SERVER_NAMES.join(', ')}`,
      );
  }
}
