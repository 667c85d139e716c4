import { request as httpRequest } from 'node:http';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpMcpServer, startHttpServer } from '../../../mcp/transports/http.ts';
import { FinopsError } from '../../../src/errors.ts';
import { createTinyServer } from './support/tiny-server.ts';

const TOKEN = 'test-token-0123456789abcdef';
const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};
const MCP_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http rather than fetch, so a test can send any Host header. */
function raw(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      { method: options.method ?? 'POST', headers: options.headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

async function connect(endpoint: string, token: string | null = TOKEN) {
  const transport = new StreamableHTTPClientTransport(new URL(endpoint), {
    requestInit: token ? { headers: { Authorization: `Bearer ${token}` } } : {},
  });
  const client = new Client({ name: 'http-test', version: '1' });
  await client.connect(transport);
  return { client, transport };
}

describe('startHttpServer', () => {
  let server: HttpMcpServer;
  const logs: string[] = [];
  const created: string[] = [];

  beforeAll(async () => {
    server = await startHttpServer({
      servers: {
        alpha: () => {
          created.push('alpha');
          return createTinyServer('alpha');
        },
        beta: () => {
          created.push('beta');
          return createTinyServer('beta');
        },
      },
      port: 0,
      token: TOKEN,
      maxBodyBytes: 64 * 1024,
      logger: (message) => logs.push(message),
    });
  });

  afterAll(async () => {
    await server.close();
  });

  it('should list and call tools with the token, one endpoint per server', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.endpoints).toEqual({ alpha: `${server.url}/mcp/alpha`, beta: `${server.url}/mcp/beta` });
    const { client } = await connect(`${server.url}/mcp/beta`);
    const tools = await client.listTools();
    expect(tools.tools.map((tool) => tool.name)).toEqual(['add']);
    const result = await client.callTool({ name: 'add', arguments: { a: 2, b: 40 } });
    expect(result.structuredContent).toEqual({ sum: 42, server: 'beta' });
    await client.close();
  });

  it('should refuse a request without a token with 401 and WWW-Authenticate, and serve nothing', async () => {
    const before = created.length;
    const response = await raw(`${server.url}/mcp/alpha`, {
      headers: MCP_HEADERS,
      body: JSON.stringify(INITIALIZE),
    });
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="finops-mcp"');
    expect(JSON.parse(response.body)).toMatchObject({ jsonrpc: '2.0', error: { code: -32001 }, id: null });
    expect(response.body).not.toContain('serverInfo');
    expect(created.length).toBe(before);
    await expect(connect(`${server.url}/mcp/alpha`, null)).rejects.toThrow();
    expect(created.length).toBe(before);
  });

  it('should refuse a wrong token of any length with 401 invalid_token', async () => {
    for (const wrong of ['nope', `${TOKEN.slice(0, -1)}x`, `${TOKEN}x`, TOKEN.toUpperCase()]) {
      const response = await raw(`${server.url}/mcp/alpha`, {
        headers: { ...MCP_HEADERS, authorization: `Bearer ${wrong}` },
        body: JSON.stringify(INITIALIZE),
      });
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="finops-mcp", error="invalid_token"');
    }
    const basic = await raw(`${server.url}/mcp/alpha`, {
      headers: { ...MCP_HEADERS, authorization: `Basic ${Buffer.from(`u:${TOKEN}`).toString('base64')}` },
      body: JSON.stringify(INITIALIZE),
    });
    expect(basic.status).toBe(401);
  });

  it('should check the token before anything else, even on unknown paths', async () => {
    const response = await raw(`${server.url}/nothing-here`, { method: 'GET', headers: {} });
    expect(response.status).toBe(401);
    const authorised = await raw(`${server.url}/mcp/gamma`, {
      headers: { ...MCP_HEADERS, authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(INITIALIZE),
    });
    expect(authorised.status).toBe(404);
    expect(JSON.parse(authorised.body).error.message).toContain('/mcp/alpha, /mcp/beta');
  });

  it('should answer 404 for an unknown session id and 400 for a request without one', async () => {
    const auth = { ...MCP_HEADERS, authorization: `Bearer ${TOKEN}` };
    const listTools = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} });
    const unknown = await raw(`${server.url}/mcp/alpha`, {
      headers: { ...auth, 'mcp-session-id': '00000000-0000-4000-8000-000000000000' },
      body: listTools,
    });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ error: { code: -32001 } });
    const missing = await raw(`${server.url}/mcp/alpha`, { headers: auth, body: listTools });
    expect(missing.status).toBe(400);
    expect(JSON.parse(missing.body).error.message).toContain('initialize');
  });

  it('should keep a session to the server it was opened on', async () => {
    const { client, transport } = await connect(`${server.url}/mcp/alpha`);
    const sessionId = transport.sessionId;
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
    const elsewhere = await raw(`${server.url}/mcp/beta`, {
      headers: { ...MCP_HEADERS, authorization: `Bearer ${TOKEN}`, 'mcp-session-id': sessionId ?? '' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/list', params: {} }),
    });
    expect(elsewhere.status).toBe(404);
    await client.close();
  });

  it('should end a session on DELETE, after which its id is unknown', async () => {
    const { client, transport } = await connect(`${server.url}/mcp/alpha`);
    const sessionId = transport.sessionId ?? '';
    const open = server.sessionCount();
    await transport.terminateSession();
    expect(server.sessionCount()).toBe(open - 1);
    const after = await raw(`${server.url}/mcp/alpha`, {
      headers: { ...MCP_HEADERS, authorization: `Bearer ${TOKEN}`, 'mcp-session-id': sessionId },
      body: JSON.stringify({ jsonrpc: '2.0', id: 4, method: 'tools/list', params: {} }),
    });
    expect(after.status).toBe(404);
    await client.close();
  });

  it('should refuse a Host or Origin that is not loopback (DNS rebinding)', async () => {
    const auth = { ...MCP_HEADERS, authorization: `Bearer ${TOKEN}` };
    const port = new URL(server.url).port;
    const badHost = await raw(`${server.url}/mcp/alpha`, {
      headers: { ...auth, host: `evil.example:${port}` },
      body: JSON.stringify(INITIALIZE),
    });
    expect(badHost.status).toBe(403);
    const badOrigin = await raw(`${server.url}/mcp/alpha`, {
      headers: { ...auth, origin: 'http://evil.example' },
      body: JSON.stringify(INITIALIZE),
    });
    expect(badOrigin.status).toBe(403);
    const localhost = await raw(`${server.url}/mcp/alpha`, {
      headers: { ...auth, host: `localhost:${port}`, origin: `http://localhost:${port}` },
      body: JSON.stringify(INITIALIZE),
    });
    expect(localhost.status).toBe(200);
  });

  it('should refuse a body over the limit with 413 and bad JSON with a parse error', async () => {
    const auth = { ...MCP_HEADERS, authorization: `Bearer ${TOKEN}` };
    const big = JSON.stringify({ ...INITIALIZE, padding: 'x'.repeat(70 * 1024) });
    const tooLarge = await raw(`${server.url}/mcp/alpha`, { headers: auth, body: big });
    expect(tooLarge.status).toBe(413);
    const notJson = await raw(`${server.url}/mcp/alpha`, { headers: auth, body: '{"jsonrpc":' });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body).error.code).toBe(-32700);
  });

  it('should never write the token to its log', () => {
    expect(logs.some((line) => line.includes('401'))).toBe(true);
    expect(logs.join('\n')).not.toContain(TOKEN);
  });
});

describe('startHttpServer without a token', () => {
  it('should refuse to start without a token', async () => {
    const start = startHttpServer({ servers: { alpha: () => createTinyServer() }, port: 0 });
    await expect(start).rejects.toBeInstanceOf(FinopsError);
    await expect(start).rejects.toThrow(/FINOPS_MCP_TOKEN/);
  });

  it('should refuse a short token', async () => {
    await expect(
      startHttpServer({ servers: { alpha: () => createTinyServer() }, port: 0, token: 'short' }),
    ).rejects.toThrow(/at least 16 characters/);
  });

  it('should refuse allowNoAuth on a host other than loopback', async () => {
    await expect(
      startHttpServer({
        servers: { alpha: () => createTinyServer() },
        port: 0,
        host: '0.0.0.0',
        allowNoAuth: true,
      }),
    ).rejects.toThrow(/only allowed on a loopback host/);
  });

  it('should serve without a token on loopback when allowNoAuth is set', async () => {
    const server = await startHttpServer({
      servers: { alpha: () => createTinyServer() },
      port: 0,
      allowNoAuth: true,
    });
    try {
      const { client } = await connect(`${server.url}/mcp/alpha`, null);
      const result = await client.callTool({ name: 'add', arguments: { a: 1, b: 2 } });
      expect(result.structuredContent).toEqual({ sum: 3, server: 'tiny' });
      await client.close();
    } finally {
      await server.close();
    }
  });
});
