import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { describe, expect, it } from 'vitest';

const ENTRY = 'test/mcp/transports/support/serve-tiny-stdio.ts';

describe('serveStdio', () => {
  it('should serve tools over stdin/stdout and exit cleanly when the client closes stdin', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ['--import', 'tsx', ENTRY],
      stderr: 'pipe',
    });
    const stderr: string[] = [];
    transport.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
    const client = new Client({ name: 'stdio-test', version: '1' });
    await client.connect(transport);
    expect(client.getServerVersion()?.name).toBe('tiny-stdio');
    const result = await client.callTool({ name: 'add', arguments: { a: 19, b: 23 } });
    expect(result.structuredContent).toEqual({ sum: 42, server: 'tiny-stdio' });
    const closed = new Promise<void>((resolve) => {
      transport.onclose = () => resolve();
    });
    await client.close();
    await closed;
    // The child logs to stderr only once serveStdio has resolved.
    await expect.poll(() => stderr.join('')).toContain('tiny-stdio: exited cleanly');
    expect(stderr.join('')).toContain('stdin closed');
  });
});
