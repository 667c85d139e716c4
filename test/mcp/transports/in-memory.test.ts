import { describe, expect, it } from 'vitest';
import { connectInMemory } from '../../../mcp/client/connect-in-memory.ts';
import { createTinyServer } from './support/tiny-server.ts';

describe('connectInMemory', () => {
  it('should return a connected client that calls tools through the protocol', async () => {
    const client = await connectInMemory(createTinyServer('memory'), { clientName: 'agent' });
    expect(client.getServerVersion()?.name).toBe('memory');
    const result = await client.callTool({ name: 'add', arguments: { a: 0.1, b: 0.2 } });
    expect(result.structuredContent).toEqual({ sum: 0.1 + 0.2, server: 'memory' });
    await client.close();
  });

  it('should reject bad arguments with a message naming the field', async () => {
    const client = await connectInMemory(createTinyServer());
    const result = await client.callTool({ name: 'add', arguments: { a: 'one', b: 2 } });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toMatch(/\ba\b/);
    await client.close();
  });
});
