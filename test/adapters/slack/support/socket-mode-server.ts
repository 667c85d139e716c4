import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A stand-in for Slack's Socket Mode WebSocket endpoint, written on node:http and RFC 6455 framing
 * because the `ws` package is not in node_modules (@slack/socket-mode 3 uses undici's WebSocket
 * client) and no dependency may be added. It speaks only what a Socket Mode session needs: the
 * opening handshake, unfragmented text frames both ways (the client's masked), ping → pong, close.
 *
 * Message shapes follow Slack's docs (docs.slack.dev/apis/events-api/using-socket-mode): on connect
 * Slack sends `{"type":"hello","num_connections":1,"debug_info":{…},"connection_info":{"app_id":…}}`;
 * each event arrives as `{"envelope_id":…,"type":"events_api","payload":<Events API body>,
 * "accepts_response_payload":false,"retry_attempt":0,"retry_reason":""}`; the app acknowledges by
 * sending back `{"envelope_id":…}` (node-slack-sdk adds an empty `payload`).
 */
export interface SocketModeServer {
  /** The ws:// URL for apps.connections.open to hand out. */
  url: string;
  /** JSON messages the app sent (acks), in order. */
  received: Array<Record<string, unknown>>;
  /** When each received message arrived (ms since epoch), by index. */
  receivedAt: number[];
  /** Resolves when a client has finished the handshake (and been sent `hello`). */
  connected(): Promise<void>;
  /** Sends a message to every connected client. */
  send(message: object): void;
  /** Resolves with the first received message `match` accepts. */
  waitFor(
    match: (message: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

const HANDSHAKE_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const OPCODE = { text: 0x1, close: 0x8, ping: 0x9, pong: 0xa } as const;

function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const header =
    length < 126
      ? Buffer.from([0x80 | opcode, length])
      : length < 65_536
        ? Buffer.from([0x80 | opcode, 126, length >> 8, length & 0xff])
        : Buffer.concat([Buffer.from([0x80 | opcode, 127]), bigLength(length)]);
  return Buffer.concat([header, payload]);
}

function bigLength(length: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(length));
  return bytes;
}

/** Parses complete frames off the front of `buffer`; returns them and what is left over. */
function readFrames(buffer: Buffer): { frames: Array<{ opcode: number; payload: Buffer }>; rest: Buffer } {
  const frames: Array<{ opcode: number; payload: Buffer }> = [];
  let offset = 0;
  for (;;) {
    if (buffer.length - offset < 2) break;
    const first = buffer[offset] as number;
    const second = buffer[offset + 1] as number;
    let length = second & 0x7f;
    let cursor = offset + 2;
    if (length === 126) {
      if (buffer.length - cursor < 2) break;
      length = buffer.readUInt16BE(cursor);
      cursor += 2;
    } else if (length === 127) {
      if (buffer.length - cursor < 8) break;
      length = Number(buffer.readBigUInt64BE(cursor));
      cursor += 8;
    }
    const masked = (second & 0x80) !== 0;
    const mask = masked ? buffer.subarray(cursor, cursor + 4) : undefined;
    if (masked) cursor += 4;
    if (buffer.length - cursor < length) break;
    const payload = Buffer.from(buffer.subarray(cursor, cursor + length));
    if (mask) {
      for (let index = 0; index < payload.length; index++) {
        payload[index] = (payload[index] as number) ^ (mask[index % 4] as number);
      }
    }
    frames.push({ opcode: first & 0x0f, payload });
    offset = cursor + length;
  }
  return { frames, rest: buffer.subarray(offset) };
}

export async function startSocketModeServer(options: { appId?: string } = {}): Promise<SocketModeServer> {
  const sockets = new Set<Socket>();
  const received: Array<Record<string, unknown>> = [];
  const receivedAt: number[] = [];
  const waiters: Array<() => void> = [];
  let onConnected: () => void = () => {};
  const firstConnection = new Promise<void>((resolve) => {
    onConnected = resolve;
  });

  const server: Server = createServer((_request, response) => {
    response.writeHead(426, { 'Content-Type': 'text/plain' });
    response.end('WebSocket only');
  });
  server.on('upgrade', (request, socket: Socket) => {
    const key = request.headers['sec-websocket-key'];
    if (typeof key !== 'string') {
      socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      return;
    }
    const accept = createHash('sha1').update(`${key}${HANDSHAKE_GUID}`).digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => sockets.delete(socket));
    let pending: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      const { frames, rest } = readFrames(Buffer.concat([pending, chunk]));
      pending = rest;
      for (const { opcode, payload } of frames) {
        if (opcode === OPCODE.ping) socket.write(frame(OPCODE.pong, payload));
        else if (opcode === OPCODE.close) {
          socket.end(frame(OPCODE.close, payload.subarray(0, 2)));
        } else if (opcode === OPCODE.text) {
          received.push(JSON.parse(payload.toString('utf8')) as Record<string, unknown>);
          receivedAt.push(Date.now());
          for (const wake of waiters.splice(0)) wake();
        }
      }
    });
    socket.write(
      frame(
        OPCODE.text,
        Buffer.from(
          JSON.stringify({
            type: 'hello',
            num_connections: 1,
            debug_info: { host: 'applink-loopback', build_number: 1, approximate_connection_time: 18060 },
            connection_info: { app_id: options.appId ?? 'A0FINOPS01' },
          }),
        ),
      ),
    );
    onConnected();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `ws://127.0.0.1:${port}/link/?ticket=loopback-ticket&app_id=${options.appId ?? 'A0FINOPS01'}`,
    received,
    receivedAt,
    connected: () => firstConnection,
    send(message) {
      const bytes = frame(OPCODE.text, Buffer.from(JSON.stringify(message)));
      for (const socket of sockets) socket.write(bytes);
    },
    async waitFor(match, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find(match);
        if (found) return found;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error('timed out waiting for a Socket Mode message');
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
