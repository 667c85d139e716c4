import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { CloudAdapter, Request, WebResponse } from '@microsoft/agents-hosting';
import { z } from 'zod';
import { CHART_PATH, type ChartHost } from './chart-host.ts';
import type { TeamsLog } from './teams-app-dependencies.ts';

export const MESSAGES_PATH = '/api/messages';
/** Bot Connector activities are small; anything far larger is not one of them. */
const MAX_BODY_BYTES = 1024 * 1024;

class BodyTooLarge extends Error {}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The Express-shaped response the SDK's authorizeJWT and CloudAdapter.process write to, over node:http. */
function webResponse(response: ServerResponse): WebResponse {
  let status = 200;
  const shim: WebResponse = {
    status(code) {
      status = code;
      return shim;
    },
    setHeader(name, value) {
      response.setHeader(name, value);
      return shim;
    },
    send(body) {
      response.statusCode = status;
      if (body === undefined || body === null) return shim;
      if (typeof body === 'string' || Buffer.isBuffer(body)) {
        response.write(body);
      } else {
        if (!response.hasHeader('content-type')) response.setHeader('content-type', 'application/json');
        response.write(JSON.stringify(body));
      }
      return shim;
    },
    end() {
      response.statusCode = response.headersSent ? response.statusCode : status;
      response.end();
      return shim;
    },
    get headersSent() {
      return response.headersSent;
    },
    get writableEnded() {
      return response.writableEnded;
    },
  };
  return shim;
}

const activityBodySchema = z.looseObject({ type: z.string() });

function plain(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(text);
}

/**
 * The bot's HTTP endpoint: `POST /api/messages` authorised by the SDK's JWT middleware (every request
 * when a client id is configured; anonymous only without one) and processed by the CloudAdapter; and
 * `GET /charts/<id>.png` for hosted chart images. Bad JSON is a 400 with a plain message; a failure
 * inside is logged in full and answered with a bare 500.
 */
export function createTeamsHttpServer(options: {
  adapter: CloudAdapter;
  logic: (context: Parameters<Parameters<CloudAdapter['process']>[2]>[0]) => Promise<void>;
  chartHost?: ChartHost | undefined;
  log: TeamsLog;
}): Server {
  const { adapter, logic, chartHost, log } = options;
  return createServer((incoming, response) => {
    void (async () => {
      const path = (incoming.url ?? '/').split('?')[0] ?? '/';
      try {
        const chart = chartHost && incoming.method === 'GET' ? CHART_PATH.exec(path) : null;
        if (chart?.[1]) {
          const png = chartHost?.get(chart[1]);
          if (!png) return plain(response, 404, 'no such chart');
          response.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'private, max-age=86400' });
          response.end(Buffer.from(png));
          return;
        }
        if (path !== MESSAGES_PATH) return plain(response, 404, 'not found');
        if (incoming.method !== 'POST') return plain(response, 405, 'use POST');
        const text = await readBody(incoming);
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          return plain(response, 400, 'the body must be a JSON Bot Framework activity');
        }
        const body = activityBodySchema.safeParse(json);
        if (!body.success)
          return plain(response, 400, 'the body must be a Bot Framework activity with a type');
        const request: Request = {
          body: body.data,
          headers: incoming.headers as Request['headers'],
          method: incoming.method,
        };
        const shim = webResponse(response);
        let authorised = false;
        await adapter.authorizeRequest(request, shim, () => {
          authorised = true;
        });
        if (!authorised) {
          log({ level: 'warn', event: 'teams.unauthorised', path });
          if (!response.writableEnded) shim.end();
          return;
        }
        await adapter.process(request, shim, logic);
        if (!response.writableEnded) response.end();
      } catch (error) {
        if (error instanceof BodyTooLarge) return plain(response, 413, 'activity too large');
        log({
          level: 'error',
          event: 'teams.http_failed',
          path,
          ...(error instanceof Error
            ? { error: error.name, message: error.message }
            : { message: String(error) }),
        });
        if (!response.headersSent) plain(response, 500, 'internal error');
        else if (!response.writableEnded) response.end();
      }
    })();
  });
}
