import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningTeams, startTeams, type TeamsLog } from '../../../adapters/teams/index.ts';
import type { Runtime } from '../../../src/composition-root.ts';
import { startDemoRuntime } from '../slack/support/slack-harness.ts';
import { personalMessage, post } from './support/activities.ts';
import { type JwtIssuer, startJwtIssuer } from './support/jwt-issuer.ts';

const TENANT = '0d3e5f1a-2b4c-4d6e-8f90-a1b2c3d4e5f6';
const OTHER_TENANT = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const CLIENT_ID = '5a1c2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const SECRET = 'loopback-client-secret-value';

describe('JWT validation on /api/messages (client id configured)', () => {
  let runtime: Runtime;
  let issuer: JwtIssuer;
  let teams: RunningTeams;
  const logs: Parameters<TeamsLog>[0][] = [];
  const nowSeconds = () => Math.floor(Date.now() / 1000);
  const claims = (overrides: Record<string, unknown> = {}) => ({
    aud: CLIENT_ID,
    iss: `https://sts.windows.net/${TENANT}/`,
    tid: TENANT,
    appid: 'bot-connector',
    iat: nowSeconds() - 60,
    nbf: nowSeconds() - 60,
    exp: nowSeconds() + 3600,
    ...overrides,
  });
  // Delivery mode expectReplies: the answer comes back in the HTTP response, so no outbound call (and
  // no token for the Bot Connector) is needed to see that the request was accepted.
  const help = () => ({
    ...personalMessage('', 'help'),
    serviceUrl: undefined,
    deliveryMode: 'expectReplies',
  });

  beforeAll(async () => {
    const demo = await startDemoRuntime();
    runtime = demo.runtime;
    const store = demo.store;
    issuer = await startJwtIssuer(TENANT);
    teams = await startTeams({
      runtime,
      stateStore: store,
      teamsConfig: {
        clientId: CLIENT_ID,
        tenantId: TENANT,
        credential: { kind: 'client-secret', secret: SECRET },
        authority: issuer.authority,
        port: 0,
      },
      port: 0,
      host: '127.0.0.1',
      log: (entry) => logs.push(entry),
    });
  }, 60_000);
  afterAll(async () => {
    await teams?.stop();
    await issuer?.close();
    runtime?.close();
  });

  it('should accept a token signed by the published key for this bot and tenant', async () => {
    const response = await post(teams.endpoint, help(), { authorization: `Bearer ${issuer.sign(claims())}` });
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.json)).toContain('Ask me about your AWS costs');
    expect(issuer.keyRequests).toBeGreaterThan(0);
  });

  it('should reject a request without a token', async () => {
    const response = await post(teams.endpoint, help());
    expect(response.status).toBe(401);
  });

  it('should reject a token for another audience', async () => {
    const token = issuer.sign(claims({ aud: 'someone-elses-bot' }));
    expect((await post(teams.endpoint, help(), { authorization: `Bearer ${token}` })).status).toBe(401);
  });

  it('should reject a token from another issuer', async () => {
    const token = issuer.sign(claims({ iss: `https://sts.windows.net/${OTHER_TENANT}/`, tid: OTHER_TENANT }));
    expect((await post(teams.endpoint, help(), { authorization: `Bearer ${token}` })).status).toBe(401);
  });

  it('should reject an expired token', async () => {
    // The SDK allows five minutes of clock skew; this one expired an hour ago.
    const token = issuer.sign(
      claims({ iat: nowSeconds() - 7200, nbf: nowSeconds() - 7200, exp: nowSeconds() - 3600 }),
    );
    expect((await post(teams.endpoint, help(), { authorization: `Bearer ${token}` })).status).toBe(401);
  });

  it('should reject a token with a bad signature', async () => {
    const token = issuer.sign(claims(), { key: issuer.strangerKey });
    expect((await post(teams.endpoint, help(), { authorization: `Bearer ${token}` })).status).toBe(401);
  });

  it('should reject a token whose signature was tampered with after signing', async () => {
    const [header, , signature] = issuer.sign(claims()).split('.');
    const forged = Buffer.from(JSON.stringify(claims({ aud: CLIENT_ID, appid: 'forged' }))).toString(
      'base64url',
    );
    const response = await post(teams.endpoint, help(), {
      authorization: `Bearer ${header}.${forged}.${signature}`,
    });
    expect(response.status).toBe(401);
  });

  it('should never log the client secret', () => {
    expect(JSON.stringify(logs)).not.toContain(SECRET);
    expect(logs.some((entry) => entry.event === 'teams.listening' && entry.mode === 'authenticated')).toBe(
      true,
    );
  });
});
