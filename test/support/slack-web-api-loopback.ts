import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkMessage, checkView } from '../../adapters/slack/render/index.ts';

/**
 * A loopback Slack Web API for tests: the real WebClient (and Bolt) point at it through
 * `slackApiUrl`. It records every call, answers the methods the app uses the way Slack documents
 * them (docs.slack.dev/reference/methods/<method>), rejects Block Kit Slack would reject with
 * `invalid_blocks` (using the renderer's own checker), serves the v2 upload URL itself, records
 * response_url posts, answers usergroups.users.list and apps.connections.open (Socket Mode) from
 * what a test sets, and can be told to fail a method once with `ratelimited` (HTTP 429 +
 * Retry-After), `channel_not_found` or `not_in_channel`.
 */
export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  /** The bearer token the call carried, so tests can check which token was used. */
  token: string | undefined;
  at: number;
}

export type InjectedFailure =
  | { error: 'ratelimited'; retryAfterSeconds: number }
  | { error: 'channel_not_found' | 'not_in_channel' | 'invalid_blocks' | string };

export interface SlackWebApiLoopback {
  /** The base URL to give the WebClient (`slackApiUrl`), ending with `/api/`. */
  apiUrl: string;
  /** A response_url on the loopback: what the app posts there is recorded under `responses`. */
  responseUrl(name: string): string;
  calls: RecordedCall[];
  /** Bodies POSTed to response URLs. */
  responses: Array<{ name: string; body: Record<string, unknown> }>;
  /** Bytes received on upload URLs, by file id. */
  uploads: Map<string, Buffer>;
  /** Calls of one method, in order. */
  callsOf(method: string): RecordedCall[];
  /** The next `times` calls of `method` (optionally only for one channel) fail this way. */
  failNext(method: string, failure: InjectedFailure, options?: { times?: number; channel?: string }): void;
  /** Members of a Slack user group, for usergroups.users.list (unknown groups answer `no_such_subteam`). */
  setUserGroup(id: string, users: readonly string[]): void;
  /** The WebSocket URL apps.connections.open hands out (Socket Mode); unset answers `internal_error`. */
  setSocketModeUrl(url: string): void;
  /** Calls that were answered with an error, with the error. */
  rejected: Array<{ method: string; error: string; problems?: string[] }>;
  reset(): void;
  close(): Promise<void>;
}

export const LOOPBACK_BOT_USER_ID = 'UBOTFINOPS';
export const LOOPBACK_BOT_ID = 'BBOTFINOPS';
export const LOOPBACK_TEAM_ID = 'T0TESTTEAM';

/** Fields the WebClient sends JSON-encoded inside a form body. */
const JSON_FIELDS = new Set(['blocks', 'view', 'files', 'attachments', 'metadata']);

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseArgs(raw: Buffer, contentType: string | undefined): Record<string, unknown> {
  const text = raw.toString('utf8');
  if (text.length === 0) return {};
  if (contentType?.includes('application/json')) return JSON.parse(text) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    args[key] = JSON_FIELDS.has(key) ? JSON.parse(value) : value;
  }
  return args;
}

export async function startSlackWebApiLoopback(): Promise<SlackWebApiLoopback> {
  const calls: RecordedCall[] = [];
  const responses: SlackWebApiLoopback['responses'] = [];
  const uploads = new Map<string, Buffer>();
  const rejected: SlackWebApiLoopback['rejected'] = [];
  const failures: Array<{ method: string; failure: InjectedFailure; remaining: number; channel?: string }> =
    [];
  const userGroups = new Map<string, readonly string[]>();
  let socketModeUrl: string | undefined;
  let sequence = 0;
  let baseUrl = '';
  const nextTs = () => {
    sequence += 1;
    return `1764000000.${String(sequence).padStart(6, '0')}`;
  };

  function answer(
    method: string,
    args: Record<string, unknown>,
    token: string,
  ): { status: number; body: Record<string, unknown>; headers?: Record<string, string> } {
    const channel = typeof args.channel === 'string' ? args.channel : undefined;
    const injected = failures.find(
      (item) => item.method === method && item.remaining > 0 && (!item.channel || item.channel === channel),
    );
    if (injected) {
      injected.remaining -= 1;
      rejected.push({ method, error: injected.failure.error });
      if (injected.failure.error === 'ratelimited' && 'retryAfterSeconds' in injected.failure) {
        return {
          status: 429,
          headers: { 'Retry-After': String(injected.failure.retryAfterSeconds) },
          body: { ok: false, error: 'ratelimited' },
        };
      }
      return { status: 200, body: { ok: false, error: injected.failure.error } };
    }
    const refuse = (error: string, problems?: string[]) => {
      rejected.push({ method, error, ...(problems ? { problems } : {}) });
      return {
        status: 200,
        body: { ok: false, error, ...(problems ? { response_metadata: { messages: problems } } : {}) },
      };
    };
    switch (method) {
      case 'auth.test':
        return {
          status: 200,
          body: {
            ok: true,
            url: 'https://loopback.slack.test/',
            team: 'Loopback',
            user: 'finops',
            team_id: LOOPBACK_TEAM_ID,
            user_id: LOOPBACK_BOT_USER_ID,
            bot_id: LOOPBACK_BOT_ID,
          },
        };
      case 'chat.postMessage':
      case 'chat.update': {
        if (!channel) return refuse('channel_not_found');
        if (method === 'chat.update' && typeof args.ts !== 'string') return refuse('message_not_found');
        const problems = checkMessage({ text: args.text, blocks: args.blocks });
        if (problems.length > 0) return refuse('invalid_blocks', problems);
        const ts = method === 'chat.update' ? (args.ts as string) : nextTs();
        return {
          status: 200,
          body: {
            ok: true,
            channel,
            ts,
            message: { text: args.text, ts, ...(args.blocks ? { blocks: args.blocks } : {}) },
          },
        };
      }
      case 'chat.postEphemeral': {
        if (!channel) return refuse('channel_not_found');
        if (typeof args.user !== 'string') return refuse('user_not_in_channel');
        const problems = checkMessage({ text: args.text, blocks: args.blocks });
        if (problems.length > 0) return refuse('invalid_blocks', problems);
        return { status: 200, body: { ok: true, message_ts: nextTs() } };
      }
      case 'files.getUploadURLExternal': {
        const length = Number(args.length);
        if (typeof args.filename !== 'string' || !Number.isInteger(length) || length <= 0)
          return refuse('invalid_arguments');
        const fileId = `F${String(sequence++).padStart(8, '0')}`;
        return {
          status: 200,
          body: { ok: true, upload_url: `${baseUrl}/upload/${fileId}`, file_id: fileId },
        };
      }
      case 'files.completeUploadExternal': {
        const files = args.files as Array<{ id?: string; title?: string }> | undefined;
        if (!Array.isArray(files) || files.length === 0) return refuse('invalid_arguments');
        for (const file of files) if (!file.id || !uploads.has(file.id)) return refuse('file_not_found');
        return {
          status: 200,
          body: { ok: true, files: files.map((file) => ({ id: file.id, title: file.title })) },
        };
      }
      case 'views.open':
      case 'views.publish': {
        if (method === 'views.open' && typeof args.trigger_id !== 'string')
          return refuse('invalid_trigger_id');
        if (method === 'views.publish' && typeof args.user_id !== 'string')
          return refuse('invalid_arguments');
        const problems = checkView(args.view);
        if (problems.length > 0) return refuse('invalid_blocks', problems);
        return {
          status: 200,
          body: { ok: true, view: { id: `V${nextTs().replace('.', '')}`, ...(args.view as object) } },
        };
      }
      case 'usergroups.users.list': {
        // docs.slack.dev/reference/methods/usergroups.users.list: `usergroup` required; answers `users`.
        if (typeof args.usergroup !== 'string') return refuse('invalid_arguments');
        const users = userGroups.get(args.usergroup);
        if (!users) return refuse('no_such_subteam');
        return { status: 200, body: { ok: true, users: [...users] } };
      }
      case 'apps.connections.open': {
        // docs.slack.dev/reference/methods/apps.connections.open: app-level token only; answers `url`.
        if (!token.startsWith('xapp-')) return refuse('not_allowed_token_type');
        if (!socketModeUrl) return refuse('internal_error');
        return { status: 200, body: { ok: true, url: socketModeUrl } };
      }
      default:
        return refuse('unknown_method');
    }
  }

  const server: Server = createServer((request, response) => {
    void (async () => {
      const raw = await readBody(request);
      const url = new URL(request.url ?? '/', 'http://loopback');
      const reply = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) => {
        response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
        response.end(JSON.stringify(body));
      };
      if (url.pathname.startsWith('/upload/')) {
        uploads.set(url.pathname.slice('/upload/'.length), raw);
        response.writeHead(200, { 'Content-Type': 'text/plain' });
        response.end(`OK - ${raw.length}`);
        return;
      }
      if (url.pathname.startsWith('/respond/')) {
        responses.push({
          name: url.pathname.slice('/respond/'.length),
          body: parseArgs(raw, request.headers['content-type']),
        });
        reply(200, { ok: true });
        return;
      }
      if (!url.pathname.startsWith('/api/')) {
        reply(404, { ok: false, error: 'not_found' });
        return;
      }
      const method = url.pathname.slice('/api/'.length);
      const args = parseArgs(raw, request.headers['content-type']);
      const authorization = request.headers.authorization;
      const token = authorization?.startsWith('Bearer ')
        ? authorization.slice(7)
        : (args.token as string | undefined);
      calls.push({ method, args, token, at: Date.now() });
      if (!token) {
        reply(200, { ok: false, error: 'not_authed' });
        return;
      }
      const { status, body, headers } = answer(method, args, token);
      reply(status, body, headers);
    })().catch((error: unknown) => {
      response.writeHead(500);
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    apiUrl: `${baseUrl}/api/`,
    responseUrl: (name) => `${baseUrl}/respond/${name}`,
    calls,
    responses,
    uploads,
    rejected,
    callsOf: (method) => calls.filter((call) => call.method === method),
    failNext(method, failure, options = {}) {
      failures.push({
        method,
        failure,
        remaining: options.times ?? 1,
        ...(options.channel ? { channel: options.channel } : {}),
      });
    },
    setUserGroup(id, users) {
      userGroups.set(id, [...users]);
    },
    setSocketModeUrl(url) {
      socketModeUrl = url;
    },
    reset() {
      calls.length = 0;
      responses.length = 0;
      rejected.length = 0;
      failures.length = 0;
      uploads.clear();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
