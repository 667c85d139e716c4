import type { Readable, Writable } from 'node:stream';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

export interface ServeStdioOptions {
  /** Defaults to the process's own; tests pass streams. */
  stdin?: Readable;
  stdout?: Writable;
  /** Diagnostics go here (stderr in the CLI): stdout belongs to the protocol. */
  logger?: (message: string) => void;
}

/**
 * Serves one MCP server over stdin/stdout and resolves once it has shut down: when the client
 * closes our stdin (what MCP clients do first when they stop a server), or on SIGINT / SIGTERM.
 * Nothing else may write to stdout while this runs, or the client reads garbage.
 */
export async function serveStdio(server: McpServer, options: ServeStdioOptions = {}): Promise<void> {
  const stdin = options.stdin ?? process.stdin;
  const transport = new StdioServerTransport(stdin, options.stdout ?? process.stdout);
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = () => resolve();
  });
  transport.onerror = (error) => options.logger?.(`mcp stdio: ${error.message}`);

  let closing = false;
  const shutdown = (reason: string) => {
    if (closing) return;
    closing = true;
    options.logger?.(`mcp stdio: shutting down (${reason})`);
    server.close().catch((error: unknown) => options.logger?.(`mcp stdio: close failed: ${String(error)}`));
  };
  const onEnd = () => shutdown('stdin closed');
  const onSigint = () => shutdown('SIGINT');
  const onSigterm = () => shutdown('SIGTERM');
  stdin.once('end', onEnd);
  stdin.once('close', onEnd);
  process.once('SIGINT', onSigint);
  process.once('SIGTERM', onSigterm);

  try {
    await server.connect(transport);
    await closed;
  } finally {
    stdin.off('end', onEnd);
    stdin.off('close', onEnd);
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigterm);
  }
}
