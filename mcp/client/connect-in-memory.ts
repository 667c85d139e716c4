import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

export interface ConnectInMemoryOptions {
  /** How the client introduces itself to the server (shows in server logs). */
  clientName?: string | undefined;
}

/**
 * Connects a real MCP Client to `server` in the same process over the SDK's linked in-memory
 * transport: the agents call tools through the protocol (validation, structured content,
 * isError) without a subprocess or a socket. `client.close()` closes both ends.
 */
export async function connectInMemory(
  server: McpServer,
  options: ConnectInMemoryOptions = {},
): Promise<Client> {
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: options.clientName ?? 'finops-copilot', version: '0.1.0' });
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  return client;
}
