import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { FinopsError } from '../../src/errors.ts';

export const DEFAULT_HTTP_HOST = '127.0.0.1';
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_MAX_SESSIONS = 100;
export const MIN_TOKEN_LENGTH = 16;
const LOOPBACK_HOSTNAMES = ['localhost', '127.0.0.1', '[::1]'];

export interface StartHttpServerOptions {
  /** Server name → factory. Each session gets a fresh server; the name becomes the path /mcp/<name>. */
  servers: Record<string, () => McpServer>;
  /** Interface to bind; loopback by default so nothing outside the machine can connect. */
  host?: string | undefined;
  /** 0 picks a free port (tests). */
  port: number;
  /** Bearer token every request must carry. A secret: never logged. */
  token?: string | undefined;
  /** Serve without a token; only allowed on a loopback host. */
  allowNoAuth?: boolean | undefined;
  /** Extra Host header names to accept on a loopback bind (DNS-rebinding protection). */
  allowedHosts?: string[] | undefined;
  maxBodyBytes?: number | undefined;
  maxSessions?: number | undefined;
  logger?: ((message: string) => void) | undefined;
}

export interface HttpMcpServer {
  /** Base URL, e.g. http://127.0.0.1:3100. */
  url: string;
  /** Server name → its endpoint, e.g. http://127.0.0.1:3100/mcp/cost-explorer. */
  endpoints: Record<string, string>;
  /** Sessions currently open (all servers). */
  sessionCount(): number;
  /** Ends every session and stops listening. */
  close(): Promise<void>;
}

interface Session {
  serverName: string;
  transport: StreamableHTTPServerTransport;
}

/**
 * Streamable HTTP (MCP 2025-03-26 and later) on node:http: one endpoint per server, stateful
 * sessions keyed by Mcp-Session-Id, DELETE to end one, and a bearer token checked in constant
 * time on every request before anything else is read. When bound to loopback, the Host and
 * Origin headers must name loopback too, so a web page cannot reach the server through DNS
 * rebinding.
 */
export async function startHttpServer(options: StartHttpServerOptions): Promise<HttpMcpServer> {
  const host = options.host ?? DEFAULT_HTTP_HOST;
  const loopback = isLoopbackHost(host);
  const log = options.logger ?? (() => {});
  const expectedDigest = options.token === undefined ? undefined : digest(options.token);
  if (options.token !== undefined && options.token.length < MIN_TOKEN_LENGTH) {
    throw new FinopsError(
      'finops_config_error',
      `the MCP HTTP token must be at least ${MIN_TOKEN_LENGTH} characters: set FINOPS_MCP_TOKEN to a long random value, e.g. the output of \`openssl rand -hex 32\``,
    );
  }
  if (expectedDigest === undefined && !(options.allowNoAuth && loopback)) {
    throw new FinopsError(
      'finops_config_error',
      options.allowNoAuth
        ? `serving MCP over HTTP without a token is only allowed on a loopback host, not ${host}: set FINOPS_MCP_TOKEN`
        : 'the MCP HTTP transport needs a bearer token: set FINOPS_MCP_TOKEN to a long random value, e.g. the output of `openssl rand -hex 32`',
    );
  }
  const allowedHostnames = loopback ? [...LOOPBACK_HOSTNAMES, ...(options.allowedHosts ?? [])] : undefined;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const maxSessions = options.maxSessions ?? DEFAULT_MAX_SESSIONS;
  const sessions = new Map<string, Session>();

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (allowedHostnames && !isAllowedHost(request, allowedHostnames)) {
      sendError(response, 403, -32000, 'Forbidden: the Host or Origin header does not name this server');
      return;
    }
    if (expectedDigest && !hasToken(request.headers.authorization, expectedDigest)) {
      log(`mcp http: 401 ${request.method ?? '?'} ${pathOf(request)} (missing or wrong bearer token)`);
      sendError(response, 401, -32001, 'Unauthorized: send the header "Authorization: Bearer <token>"', {
        'www-authenticate':
          request.headers.authorization === undefined
            ? 'Bearer realm="finops-mcp"'
            : 'Bearer realm="finops-mcp", error="invalid_token"',
      });
      return;
    }
    const serverName = serverNameOf(pathOf(request));
    const factory = serverName === undefined ? undefined : options.servers[serverName];
    if (serverName === undefined || factory === undefined) {
      const paths = Object.keys(options.servers).map((name) => `/mcp/${name}`);
      sendError(response, 404, -32000, `Not found: the MCP endpoints are ${paths.join(', ')}`);
      return;
    }
    if (request.method !== 'POST' && request.method !== 'GET' && request.method !== 'DELETE') {
      sendError(response, 405, -32000, 'Method not allowed: use POST, GET or DELETE', {
        allow: 'POST, GET, DELETE',
      });
      return;
    }
    const body = request.method === 'POST' ? await readJsonBody(request, response, maxBodyBytes) : undefined;
    if (body === BODY_REJECTED) return;

    const sessionId = headerValue(request.headers['mcp-session-id']);
    if (sessionId !== undefined) {
      const session = sessions.get(sessionId);
      if (!session || session.serverName !== serverName) {
        sendError(response, 404, -32001, 'Session not found: start a new session with an initialize request');
        return;
      }
      await session.transport.handleRequest(request, response, body);
      return;
    }
    if (request.method !== 'POST' || !isInitialization(body)) {
      sendError(
        response,
        400,
        -32000,
        'Bad Request: send the Mcp-Session-Id header returned by initialize, or start with an initialize request',
      );
      return;
    }
    if (sessions.size >= maxSessions) {
      sendError(response, 503, -32000, 'Too many open sessions: end one with DELETE and retry', {
        'retry-after': '5',
      });
      return;
    }
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      maxRequestBodySize: maxBodyBytes,
      onsessioninitialized: (id) => {
        sessions.set(id, { serverName, transport });
        log(`mcp http: session opened on /mcp/${serverName} (${sessions.size} open)`);
      },
      onsessionclosed: (id) => {
        sessions.delete(id);
        log(`mcp http: session ended by the client on /mcp/${serverName} (${sessions.size} open)`);
      },
    });
    // Set before connect: the SDK chains its own handler after ours.
    transport.onclose = () => {
      if (transport.sessionId !== undefined) sessions.delete(transport.sessionId);
    };
    transport.onerror = (error) => log(`mcp http: ${error.message}`);
    const server = factory();
    await server.connect(transport);
    await transport.handleRequest(request, response, body);
  };

  const httpServer = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log(`mcp http: request failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) sendError(response, 500, -32603, 'Internal server error');
      else response.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new FinopsError(
          'finops_config_error',
          error.code === 'EADDRINUSE'
            ? `port ${options.port} on ${host} is already in use: pass another with --port or FINOPS_MCP_PORT`
            : `could not listen on ${host}:${options.port}: ${error.message}`,
          { cause: error },
        ),
      );
    });
    httpServer.listen(options.port, host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const endpoints = Object.fromEntries(
    Object.keys(options.servers).map((name) => [name, `${url}/mcp/${name}`]),
  );

  return {
    url,
    endpoints,
    sessionCount: () => sessions.size,
    async close() {
      const open = [...sessions.values()];
      sessions.clear();
      await Promise.all(open.map((session) => session.transport.close()));
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      });
    },
  };
}

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Hashing first gives equal-length buffers, so timingSafeEqual never leaks the token's length. */
function hasToken(authorization: string | undefined, expectedDigest: Buffer): boolean {
  const match = /^Bearer[ \t]+([^\s]+)[ \t]*$/i.exec(authorization ?? '');
  if (!match?.[1]) return false;
  return timingSafeEqual(digest(match[1]), expectedDigest);
}

function isAllowedHost(request: IncomingMessage, allowedHostnames: string[]): boolean {
  const hostname = hostnameOf(request.headers.host);
  if (hostname === undefined || !allowedHostnames.includes(hostname)) return false;
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return allowedHostnames.includes(new URL(origin).hostname);
  } catch {
    return false;
  }
}

function hostnameOf(hostHeader: string | undefined): string | undefined {
  if (!hostHeader) return undefined;
  try {
    return new URL(`http://${hostHeader}`).hostname;
  } catch {
    return undefined;
  }
}

function pathOf(request: IncomingMessage): string {
  return (request.url ?? '/').split('?')[0] ?? '/';
}

function serverNameOf(path: string): string | undefined {
  return /^\/mcp\/([a-z][a-z0-9-]*)\/?$/.exec(path)?.[1];
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function isInitialization(body: unknown): boolean {
  return Array.isArray(body)
    ? body.some((message) => isInitializeRequest(message))
    : isInitializeRequest(body);
}

const BODY_REJECTED = Symbol('body rejected');

/** Reads a POST body up to the limit and parses it; answers 413 / 400 itself and returns BODY_REJECTED. */
function readJsonBody(
  request: IncomingMessage,
  response: ServerResponse,
  maxBytes: number,
): Promise<unknown> {
  const tooLarge = () =>
    sendError(response, 413, -32000, `Payload too large: send at most ${maxBytes} bytes`, {
      connection: 'close',
    });
  if (Number(request.headers['content-length'] ?? 0) > maxBytes) {
    tooLarge();
    request.resume();
    return Promise.resolve(BODY_REJECTED);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (value: unknown) => {
      settled = true;
      resolve(value);
    };
    request.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > maxBytes) {
        tooLarge();
        // Destroy only once the 413 is out, so the client reads why.
        response.once('finish', () => request.destroy());
        settle(BODY_REJECTED);
        return;
      }
      chunks.push(chunk);
    });
    request.on('error', () => {
      if (!settled) settle(BODY_REJECTED);
    });
    request.on('end', () => {
      if (settled) return;
      try {
        settle(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        sendError(response, 400, -32700, 'Parse error: the body must be a JSON-RPC message');
        settle(BODY_REJECTED);
      }
    });
  });
}

function sendError(
  response: ServerResponse,
  status: number,
  code: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  response
    .writeHead(status, { 'content-type': 'application/json', ...headers })
    .end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}
