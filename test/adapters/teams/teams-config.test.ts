import { describe, expect, it } from 'vitest';
import {
  describeTeamsConfig,
  teamsConfigFromEnv,
  toAuthConfiguration,
} from '../../../adapters/teams/index.ts';
import { FinopsError } from '../../../src/errors.ts';

const CLIENT = '5a1c2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const TENANT = '0d3e5f1a-2b4c-4d6e-8f90-a1b2c3d4e5f6';

describe('teamsConfigFromEnv', () => {
  it('should run anonymously on port 3978 with no client id', () => {
    expect(teamsConfigFromEnv({})).toEqual({ port: 3978 });
    expect(toAuthConfiguration(teamsConfigFromEnv({}))).toEqual({});
  });

  it('should read a single-tenant bot with a client secret, port and public URL', () => {
    const config = teamsConfigFromEnv({
      TEAMS_CLIENT_ID: CLIENT,
      TEAMS_TENANT_ID: TENANT,
      TEAMS_CLIENT_SECRET: 's3cret-value',
      TEAMS_PORT: '4000',
      TEAMS_PUBLIC_URL: 'https://finops.example.com/',
    });
    expect(config).toEqual({
      clientId: CLIENT,
      tenantId: TENANT,
      credential: { kind: 'client-secret', secret: 's3cret-value' },
      port: 4000,
      publicUrl: 'https://finops.example.com',
    });
    expect(toAuthConfiguration(config)).toMatchObject({
      clientId: CLIENT,
      tenantId: TENANT,
      clientSecret: 's3cret-value',
      authType: 'ClientSecret',
      validateIssuer: true,
    });
    expect(JSON.stringify(describeTeamsConfig(config))).not.toContain('s3cret-value');
  });

  it('should read a user-assigned managed identity without a secret', () => {
    const config = teamsConfigFromEnv({
      TEAMS_CLIENT_ID: CLIENT,
      TEAMS_TENANT_ID: TENANT,
      TEAMS_AUTH_TYPE: 'UserManagedIdentity',
    });
    expect(config.credential).toEqual({ kind: 'user-managed-identity' });
    expect(toAuthConfiguration(config)).toMatchObject({ authType: 'UserManagedIdentity' });
  });

  it.each([
    [{ TEAMS_CLIENT_SECRET: 'x' }, /TEAMS_CLIENT_ID is not set/],
    [{ TEAMS_CLIENT_ID: CLIENT, TEAMS_CLIENT_SECRET: 'x' }, /TEAMS_TENANT_ID is not set/],
    [
      { TEAMS_CLIENT_ID: CLIENT, TEAMS_TENANT_ID: TENANT },
      /TEAMS_CLIENT_SECRET .* or TEAMS_AUTH_TYPE=UserManagedIdentity/,
    ],
    [{ TEAMS_PORT: 'eighty' }, /TEAMS_PORT/],
    [{ TEAMS_PUBLIC_URL: 'not a url' }, /TEAMS_PUBLIC_URL must be a URL/],
    [
      { TEAMS_CLIENT_ID: CLIENT, TEAMS_TENANT_ID: TENANT, TEAMS_AUTH_TYPE: 'Password' },
      /TEAMS_AUTH_TYPE must be/,
    ],
  ])('should explain a bad environment %j', (env, message) => {
    expect(() => teamsConfigFromEnv(env)).toThrow(FinopsError);
    expect(() => teamsConfigFromEnv(env)).toThrow(message);
  });

  it('should never put the secret in an error', () => {
    try {
      teamsConfigFromEnv({ TEAMS_CLIENT_ID: CLIENT, TEAMS_CLIENT_SECRET: 'hidden-secret-42' });
    } catch (error) {
      expect(String(error)).not.toContain('hidden-secret-42');
    }
    expect.assertions(1);
  });
});
