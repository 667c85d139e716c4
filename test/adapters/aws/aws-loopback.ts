import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type AwsBackends, createAwsBackends } from '../../../adapters/aws/index.ts';
import { createMemoryStateStore, type StateStore } from '../../../src/state/index.ts';

/**
 * A loopback HTTP server that speaks the wire protocols of the services the live backends call, so
 * the tests run the real SDK clients (signing, serialisation, error parsing) end to end:
 * - Cost Explorer (awsJson1_1, X-Amz-Target AWSInsightsIndexService.<Operation>),
 * - Resource Groups Tagging API (awsJson1_1, ResourceGroupsTaggingAPI_20170126.<Operation>),
 * - CloudWatch (awsJson1_0 with query compatibility, GraniteServiceVersion20100801.<Operation>),
 * - STS (the query protocol: a form-encoded POST answered with XML).
 * Each handler is keyed by `<service>.<Operation>` (ce, tag, cloudwatch, sts) and answers in order.
 */

export const FIXTURES = join(import.meta.dirname, '../../fixtures/aws');

export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as T;
}

const TARGETS: Record<string, { service: string; contentType: string }> = {
  AWSInsightsIndexService: { service: 'ce', contentType: 'application/x-amz-json-1.1' },
  ResourceGroupsTaggingAPI_20170126: { service: 'tag', contentType: 'application/x-amz-json-1.1' },
  GraniteServiceVersion20100801: { service: 'cloudwatch', contentType: 'application/x-amz-json-1.0' },
};

export interface RecordedRequest {
  /** `<service>.<Operation>`, e.g. `ce.GetCostAndUsage`, `sts.AssumeRole`. */
  operation: string;
  /** The JSON body, or the form fields for STS. */
  body: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  /** From the SigV4 Authorization header: Credential=<key id>/<date>/<region>/<service>/aws4_request. */
  accessKeyId: string | undefined;
  signingRegion: string | undefined;
  signingService: string | undefined;
  securityToken: string | undefined;
}

export type Reply =
  | { json: unknown; status?: number }
  | { error: string; message: string; status?: number }
  | { xml: string; status?: number };

export type Handler = (request: RecordedRequest) => Reply;

export interface AwsLoopback {
  endpoint: string;
  requests: RecordedRequest[];
  /** Requests of one operation, e.g. `ce.GetCostAndUsage`. */
  of(operation: string): RecordedRequest[];
  /** Queue replies for an operation: the first request gets the first, the last one repeats. */
  on(operation: string, ...replies: (Reply | Handler)[]): void;
  close(): Promise<void>;
}

function parseAuthorization(header: string | undefined) {
  const match = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(header ?? '');
  return { accessKeyId: match?.[1], signingRegion: match?.[2], signingService: match?.[3] };
}

export async function startAwsLoopback(): Promise<AwsLoopback> {
  const requests: RecordedRequest[] = [];
  const queues = new Map<string, (Reply | Handler)[]>();

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const target = request.headers['x-amz-target'];
      let operation: string;
      let body: Record<string, unknown>;
      let contentType = 'text/xml';
      if (typeof target === 'string') {
        const [prefix = '', name = ''] = target.split('.');
        const protocol = TARGETS[prefix];
        if (!protocol) {
          response.writeHead(400).end(`unknown X-Amz-Target prefix ${prefix}`);
          return;
        }
        operation = `${protocol.service}.${name}`;
        contentType = protocol.contentType;
        if (request.headers['content-type'] !== contentType) {
          response.writeHead(400).end(`expected content-type ${contentType}`);
          return;
        }
        body = JSON.parse(text || '{}') as Record<string, unknown>;
      } else {
        const form = new URLSearchParams(text);
        operation = `sts.${form.get('Action') ?? ''}`;
        body = Object.fromEntries(form.entries());
      }
      const token = request.headers['x-amz-security-token'];
      const recorded: RecordedRequest = {
        operation,
        body,
        headers: request.headers,
        ...parseAuthorization(request.headers.authorization),
        securityToken: typeof token === 'string' ? token : undefined,
      };
      requests.push(recorded);
      const queue = queues.get(operation) ?? [];
      const next = queue.length > 1 ? queue.shift() : queue[0];
      if (!next) {
        response
          .writeHead(500, { 'content-type': contentType })
          .end(JSON.stringify({ __type: 'InternalFailure', message: `no reply scripted for ${operation}` }));
        return;
      }
      const reply = typeof next === 'function' ? next(recorded) : next;
      const requestId = `req-${requests.length}`;
      if ('xml' in reply) {
        response
          .writeHead(reply.status ?? 200, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId })
          .end(reply.xml);
      } else if ('error' in reply) {
        response
          .writeHead(reply.status ?? 400, {
            'content-type': contentType,
            'x-amzn-requestid': requestId,
            // CloudWatch's JSON protocol keeps its query-era error codes in this header.
            ...(operation.startsWith('cloudwatch.') ? { 'x-amzn-query-error': `${reply.error};Sender` } : {}),
          })
          .end(JSON.stringify({ __type: reply.error, message: reply.message }));
      } else {
        response
          .writeHead(reply.status ?? 200, { 'content-type': contentType, 'x-amzn-requestid': requestId })
          .end(JSON.stringify(reply.json));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    of: (operation) => requests.filter((request) => request.operation === operation),
    on(operation, ...replies) {
      queues.set(operation, [...replies]);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** An STS AssumeRole answer in the query protocol's XML, shaped after the STS API model. */
export function assumeRoleXml(credentials: {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: string;
  roleArn: string;
}): string {
  const roleName = credentials.roleArn.split('/').pop() ?? 'role';
  const account = credentials.roleArn.split(':')[4] ?? '000000000000';
  return `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::${account}:assumed-role/${roleName}/finops-copilot</Arn>
      <AssumedRoleId>AROA3XFRBF535PLBIFPI4:finops-copilot</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <AccessKeyId>${credentials.accessKeyId}</AccessKeyId>
      <SecretAccessKey>${credentials.secretAccessKey}</SecretAccessKey>
      <SessionToken>${credentials.sessionToken}</SessionToken>
      <Expiration>${credentials.expiration}</Expiration>
    </Credentials>
    <PackedPolicySize>6</PackedPolicySize>
  </AssumeRoleResult>
  <ResponseMetadata>
    <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>
  </ResponseMetadata>
</AssumeRoleResponse>`;
}

/** Static fake credentials: the loopback checks who signed, never the signature. */
export const FAKE_CREDENTIALS = {
  accessKeyId: 'AKIALOOPBACK00000001',
  secretAccessKey: 'loopback-secret-not-real',
};

export interface LiveSetup {
  backends: AwsBackends;
  store: StateStore;
  /** Waits the backoff asked for (none really happen). */
  sleeps: number[];
  now(): Date;
  setNow(date: Date): void;
}

export const TEST_NOW = new Date('2026-11-24T12:00:00Z');

/** The live backends pointed at the loopback, with fake credentials, an injected clock and no real sleeps. */
export function createLiveSetup(
  loopback: AwsLoopback,
  overrides: { cacheTtlSeconds?: number; region?: string; roleArn?: string; random?: () => number } = {},
): LiveSetup {
  let clock = TEST_NOW;
  const now = () => clock;
  const store = createMemoryStateStore({ now });
  const sleeps: number[] = [];
  const backends = createAwsBackends({
    config: {
      region: overrides.region ?? 'eu-west-1',
      roleArn: overrides.roleArn,
      cacheTtlSeconds: overrides.cacheTtlSeconds ?? 3600,
      endpoint: loopback.endpoint,
    },
    store,
    now,
    credentials: FAKE_CREDENTIALS,
    retry: {
      sleep: async (milliseconds) => {
        sleeps.push(milliseconds);
      },
      random: overrides.random ?? (() => 0.5),
    },
  });
  return {
    backends,
    store,
    sleeps,
    now,
    setNow(date) {
      clock = date;
    },
  };
}
