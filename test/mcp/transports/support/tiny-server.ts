import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

/** A one-tool MCP server for transport tests, independent of the FinOps servers. */
export function createTinyServer(name = 'tiny'): McpServer {
  const server = new McpServer({ name, version: '0.0.1' });
  server.registerTool(
    'add',
    {
      description: 'Adds two numbers.',
      inputSchema: { a: z.number(), b: z.number() },
      outputSchema: { sum: z.number(), server: z.string() },
    },
    async ({ a, b }) => {
      const output = { sum: a + b, server: name };
      return { structuredContent: output, content: [{ type: 'text', text: JSON.stringify(output) }] };
    },
  );
  return server;
}
