import {
  createServer,
  type Http2Server,
  type Http2ServerRequest,
  type Http2ServerResponse,
  type Http2Session,
} from 'node:http2';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';
import { BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime';

/**
 * A loopback Bedrock agent runtime for tests: a server on 127.0.0.1 that speaks the REST paths
 * and the `application/vnd.amazon.eventstream` response format of InvokeInlineAgent and
 * InvokeAgent, so tests drive the REAL SDK client (serialisation, event-stream decoding, error
 * mapping) instead of a mock. It is an HTTP/2 server (cleartext h2c): the client's default
 * request handler for this service is NodeHttp2Handler (dist-cjs/index.js runtime config), which
 * speaks HTTP/2 only, so an HTTP/1.1 server would need a swapped handler and test less.
 *
 * Where each shape comes from (@aws-sdk/client-bedrock-agent-runtime 3.1162.0, dist-cjs/index.js
 * schemas and dist-types/models):
 * - Paths: InvokeInlineAgent is `POST /agents/{sessionId}`; InvokeAgent is
 *   `POST /agents/{agentId}/agentAliases/{agentAliasId}/sessions/{sessionId}/text`. Everything
 *   else is the JSON body (InvokeInlineAgentRequest$ / InvokeAgentRequest$).
 * - Response headers: `x-amzn-bedrock-agent-content-type` (contentType) and
 *   `x-amz-bedrock-agent-session-id` (sessionId); the body is the `completion` event stream
 *   (InlineAgentResponseStream / ResponseStream unions).
 * - Events: `chunk` is a PayloadPart `{ bytes: base64 }` (blob members are base64 in JSON);
 *   `returnControl` a ReturnControlPayload `{ invocationId, invocationInputs: [{
 *   functionInvocationInput: { actionGroup, function, parameters: [{ name, type, value }],
 *   actionInvocationType } }] }`; `trace` a TracePart `{ sessionId, trace: {...} }`. Stream
 *   errors are exception messages whose `:exception-type` is the union member name
 *   (`throttlingException`, `internalServerException`, …) and whose payload is `{ message }`.
 * - HTTP errors (restJson1): the status of the error shape (ThrottlingException$ is 429) with
 *   `x-amzn-errortype` naming the shape and a JSON body `{ message }`.
 * - Wire format of one event-stream message (AWS event stream encoding): a 12-byte prelude
 *   (total length u32, headers length u32, CRC32 of those 8 bytes), headers (name length u8,
 *   name, value type u8 = 7 for string, value length u16, value), the payload, and a CRC32 of
 *   everything before it; all integers big-endian.
 */

export interface LoopbackFunctionCall {
  actionGroup: string;
  function: string;
  parameters?: Record<string, string | number | boolean> | undefined;
}

export type LoopbackEvent =
  | { type: 'chunk'; text: string }
  | { type: 'returnControl'; invocationId: string; calls: readonly LoopbackFunctionCall[] }
  | { type: 'trace'; trace: Record<string, unknown> }
  /** An exception message in the stream, e.g. `throttlingException`. */
  | { type: 'exception'; exceptionType: string; message: string };

export type LoopbackReply =
  | { kind: 'stream'; events: readonly LoopbackEvent[] }
  /** An HTTP error before any stream, e.g. 429 ThrottlingException. */
  | { kind: 'error'; status: number; errorType: string; message: string }
  /** Sends the response headers and these events, then holds the response open until closed. */
  | { kind: 'hang'; events?: readonly LoopbackEvent[] | undefined };

export interface RecordedRequest {
  method: string;
  path: string;
  /** Path parameters the operation's URI template carries. */
  operation: 'InvokeInlineAgent' | 'InvokeAgent' | 'unknown';
  sessionId: string | undefined;
  agentId?: string | undefined;
  agentAliasId?: string | undefined;
  body: Record<string, unknown>;
}

/** A reply, or a function of the request (to echo what the client sent). */
export type LoopbackScriptStep = LoopbackReply | ((request: RecordedRequest) => LoopbackReply);

export interface BedrockAgentRuntimeLoopback {
  /** `http://127.0.0.1:<port>`, for the client's `endpoint`. */
  readonly endpoint: string;
  /** Every request received, in order. */
  readonly requests: readonly RecordedRequest[];
  /** Appends replies; each request takes the next one (a request with none left gets a 500). */
  script(...steps: LoopbackScriptStep[]): void;
  /** A real SDK client pointed at the loopback with static credentials and no retries. */
  client(options?: { maxAttempts?: number | undefined }): BedrockAgentRuntimeClient;
  /** Ends held responses and stops the server. */
  close(): Promise<void>;
}

export async function startBedrockAgentRuntimeLoopback(): Promise<BedrockAgentRuntimeLoopback> {
  const requests: RecordedRequest[] = [];
  const steps: LoopbackScriptStep[] = [];
  const held = new Set<Http2ServerResponse>();
  const sessions = new Set<Http2Session>();
  const server: Http2Server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: String(error) }));
    });
  });

  server.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });

  async function handle(request: Http2ServerRequest, response: Http2ServerResponse): Promise<void> {
    const text = await readBody(request);
    const recorded = recordRequest(request.method ?? 'GET', request.url ?? '/', text);
    requests.push(recorded);
    const step = steps.shift();
    if (!step) {
      sendError(response, 500, 'InternalServerException', `no scripted reply for ${recorded.path}`);
      return;
    }
    const reply = typeof step === 'function' ? step(recorded) : step;
    if (reply.kind === 'error') {
      sendError(response, reply.status, reply.errorType, reply.message);
      return;
    }
    response.writeHead(200, {
      'content-type': 'application/vnd.amazon.eventstream',
      'x-amzn-bedrock-agent-content-type': 'application/json',
      'x-amz-bedrock-agent-session-id': recorded.sessionId ?? '',
      'x-amzn-requestid': `loopback-${requests.length}`,
    });
    for (const event of reply.events ?? []) {
      response.write(encodeEventStreamMessage(eventMessage(event, recorded.sessionId ?? '')));
    }
    if (reply.kind === 'hang') {
      held.add(response);
      response.on('close', () => held.delete(response));
      return;
    }
    response.end();
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;

  return {
    endpoint,
    requests,
    script(...more) {
      steps.push(...more);
    },
    client(options = {}) {
      return new BedrockAgentRuntimeClient({
        endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'AKIDLOOPBACK', secretAccessKey: 'loopback-secret' },
        maxAttempts: options.maxAttempts ?? 1,
      });
    },
    async close() {
      for (const response of held) response.stream.close();
      for (const session of sessions) session.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function recordRequest(method: string, url: string, text: string): RecordedRequest {
  const path = url.split('?')[0] ?? url;
  const body = text.length > 0 ? (JSON.parse(text) as Record<string, unknown>) : {};
  const agent = /^\/agents\/([^/]+)\/agentAliases\/([^/]+)\/sessions\/([^/]+)\/text$/.exec(path);
  if (agent) {
    return {
      method,
      path,
      operation: 'InvokeAgent',
      agentId: decodeURIComponent(agent[1] ?? ''),
      agentAliasId: decodeURIComponent(agent[2] ?? ''),
      sessionId: decodeURIComponent(agent[3] ?? ''),
      body,
    };
  }
  const inline = /^\/agents\/([^/]+)$/.exec(path);
  if (inline) {
    return {
      method,
      path,
      operation: 'InvokeInlineAgent',
      sessionId: decodeURIComponent(inline[1] ?? ''),
      body,
    };
  }
  return { method, path, operation: 'unknown', sessionId: undefined, body };
}

function readBody(request: Http2ServerRequest): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function sendError(response: Http2ServerResponse, status: number, errorType: string, message: string): void {
  response.writeHead(status, {
    'content-type': 'application/json',
    'x-amzn-errortype': errorType,
    'x-amzn-requestid': 'loopback-error',
  });
  response.end(JSON.stringify({ message }));
}

export interface EventStreamMessage {
  headers: Record<string, string>;
  payload: Uint8Array;
}

function eventMessage(event: LoopbackEvent, sessionId: string): EventStreamMessage {
  const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
  const eventHeaders = (eventType: string) => ({
    ':message-type': 'event',
    ':event-type': eventType,
    ':content-type': 'application/json',
  });
  switch (event.type) {
    case 'chunk':
      return {
        headers: eventHeaders('chunk'),
        payload: json({ bytes: Buffer.from(event.text, 'utf8').toString('base64') }),
      };
    case 'returnControl':
      return {
        headers: eventHeaders('returnControl'),
        payload: json({
          invocationId: event.invocationId,
          invocationInputs: event.calls.map((call) => ({
            functionInvocationInput: {
              actionGroup: call.actionGroup,
              function: call.function,
              actionInvocationType: 'RESULT',
              parameters: Object.entries(call.parameters ?? {}).map(([name, value]) => ({
                name,
                type:
                  typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : typeof value,
                value: String(value),
              })),
            },
          })),
        }),
      };
    case 'trace':
      return { headers: eventHeaders('trace'), payload: json({ sessionId, trace: event.trace }) };
    case 'exception':
      return {
        headers: {
          ':message-type': 'exception',
          ':exception-type': event.exceptionType,
          ':content-type': 'application/json',
        },
        payload: json({ message: event.message }),
      };
  }
}

/** One binary event-stream message (prelude + CRC, string headers, payload, message CRC). */
export function encodeEventStreamMessage(message: EventStreamMessage): Buffer {
  const headerParts: Buffer[] = [];
  for (const [name, value] of Object.entries(message.headers)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const valueBytes = Buffer.from(value, 'utf8');
    const header = Buffer.alloc(1 + nameBytes.length + 1 + 2 + valueBytes.length);
    let offset = header.writeUInt8(nameBytes.length, 0);
    offset += nameBytes.copy(header, offset);
    offset = header.writeUInt8(7, offset);
    offset = header.writeUInt16BE(valueBytes.length, offset);
    valueBytes.copy(header, offset);
    headerParts.push(header);
  }
  const headers = Buffer.concat(headerParts);
  const totalLength = 12 + headers.length + message.payload.length + 4;
  const prelude = Buffer.alloc(12);
  prelude.writeUInt32BE(totalLength, 0);
  prelude.writeUInt32BE(headers.length, 4);
  prelude.writeUInt32BE(crc32(prelude.subarray(0, 8)), 8);
  const body = Buffer.concat([prelude, headers, Buffer.from(message.payload)]);
  const trailer = Buffer.alloc(4);
  trailer.writeUInt32BE(crc32(body), 0);
  return Buffer.concat([body, trailer]);
}
