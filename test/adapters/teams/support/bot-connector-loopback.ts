import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback Bot Connector service: the REST API a bot calls at the activity's serviceUrl
 * (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference):
 * `POST /v3/conversations/{conversationId}/activities` (send to conversation),
 * `POST /v3/conversations/{conversationId}/activities/{activityId}` (reply to activity) and
 * `PUT /v3/conversations/{conversationId}/activities/{activityId}` (update activity). Each answers
 * with a ResourceResponse `{ id }` and is recorded.
 */
export interface ConnectorCall {
  method: 'POST' | 'PUT';
  kind: 'send' | 'reply' | 'update';
  conversationId: string;
  activityId?: string | undefined;
  authorization?: string | undefined;
  activity: Record<string, unknown> & { type: string };
}

export interface BotConnectorLoopback {
  serviceUrl: string;
  calls: ConnectorCall[];
  reset(): void;
  close(): Promise<void>;
}

const PATH = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;

export async function startBotConnectorLoopback(): Promise<BotConnectorLoopback> {
  const calls: ConnectorCall[] = [];
  let next = 1;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const match = PATH.exec((request.url ?? '').split('?')[0] ?? '');
      const method = request.method;
      if (!match || (method !== 'POST' && method !== 'PUT')) {
        response.writeHead(404, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { code: 'NotFound', message: `${method} ${request.url}` } }));
        return;
      }
      const conversationId = decodeURIComponent(match[1] ?? '');
      const activityId = match[2] ? decodeURIComponent(match[2]) : undefined;
      const activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ConnectorCall['activity'];
      calls.push({
        method,
        kind: method === 'PUT' ? 'update' : activityId ? 'reply' : 'send',
        conversationId,
        activityId,
        authorization: request.headers.authorization,
        activity,
      });
      response.writeHead(method === 'PUT' ? 200 : 201, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: method === 'PUT' ? activityId : `bot-activity-${next++}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    calls,
    reset: () => {
      calls.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
