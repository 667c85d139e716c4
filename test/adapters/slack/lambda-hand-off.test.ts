import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackApp, type SlackJob, slackJobSchema } from '../../../adapters/slack/index.ts';
import { createMemoryStateStore } from '../../../src/state/index.ts';
import { type SlackWebApiLoopback, startSlackWebApiLoopback } from '../../support/slack-web-api-loopback.ts';
import { appMention, CHANNEL, eventEnvelope } from './support/payloads.ts';
import { SIGNING_SECRET, signature } from './support/signed-requests.ts';

/** An API Gateway REST (v1) proxy event (docs.aws.amazon.com/lambda/latest/dg/services-apigateway.html), as Bolt's Lambda receiver reads it. */
function apiGatewayEvent(body: string, headers: Record<string, string>) {
  return {
    body,
    headers,
    multiValueHeaders: {},
    isBase64Encoded: false,
    httpMethod: 'POST',
    path: '/slack/events',
    resource: '/slack/events',
    pathParameters: null,
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    stageVariables: null,
    requestContext: {},
  };
}

describe('createSlackApp on AWS Lambda', () => {
  let api: SlackWebApiLoopback;
  beforeAll(async () => {
    api = await startSlackWebApiLoopback();
  });
  afterAll(async () => {
    await api.close();
  });

  it('should acknowledge, hand the question off without answering, and answer when the job is processed', async () => {
    const handedOff: unknown[] = [];
    let asked = 0;
    const slack = createSlackApp(
      {
        orchestrator: {
          preview: async () => 'Looking at spend this month…',
          ask: async (input) => {
            asked += 1;
            return {
              question: input.question,
              intent: 'total',
              text: 'Spend this month is known.',
              facts: [],
              tables: [],
              charts: [],
              recommendations: [],
              followUps: [],
              warnings: [],
            };
          },
        },
        // No digest commands in this test: an empty catalog is enough.
        catalog: async () => ({ services: [], accounts: [], regions: [], tagKeys: [], tagValues: {} }),
        recommendations: {
          list: async () => [],
          decide: async () => ({ outcome: 'refused', code: 'not_found', message: 'none' }),
        },
        stateStore: createMemoryStateStore(),
      },
      {
        botToken: 'xoxb-lambda-token',
        apiUrl: api.apiUrl,
        channelIntervalMs: 0,
        receiver: {
          kind: 'lambda',
          signingSecret: SIGNING_SECRET,
          // The job crosses a process boundary as JSON (an async invocation payload or a queue message).
          handOff: async (job) => {
            handedOff.push(JSON.parse(JSON.stringify(job)));
          },
        },
      },
    );
    const envelope = eventEnvelope(appMention('spend this month'));
    const body = JSON.stringify(envelope);
    const timestamp = Math.floor(Date.now() / 1000);
    const handler = slack.lambdaHandler;
    if (!handler) throw new Error('no Lambda handler');
    const response = await handler(
      apiGatewayEvent(body, {
        'Content-Type': 'application/json',
        'X-Slack-Request-Timestamp': String(timestamp),
        'X-Slack-Signature': signature(body, timestamp),
      }),
      {},
    );
    expect(response.statusCode).toBe(200);
    expect(asked).toBe(0);
    expect(api.calls.filter((call) => call.method.startsWith('chat.'))).toEqual([]);
    expect(handedOff).toHaveLength(1);

    const job: SlackJob = slackJobSchema.parse(handedOff[0]);
    expect(job).toMatchObject({ source: 'app_mention', channel: CHANNEL, question: 'spend this month' });
    await slack.processJob(job);
    expect(asked).toBe(1);
    expect(api.callsOf('chat.postMessage')[0]?.args.thread_ts).toBe(job.threadTs);
    expect(String(api.callsOf('chat.update')[0]?.args.text)).toContain('Spend this month is known.');
  });
});
