import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback Entra login endpoint: an RSA key set served at `/<tenant>/discovery/v2.0/keys` (where
 * the Agents SDK looks for the keys of an Entra-issued token) and the OpenID metadata that names it,
 * plus RS256 tokens signed here with node:crypto.
 */
export interface JwtIssuer {
  /** Use as the bot's authority: the SDK appends `/<tenant>/discovery/v2.0/keys`. */
  authority: string;
  kid: string;
  sign(claims: Record<string, unknown>, options?: { key?: KeyObject; kid?: string }): string;
  /** A key pair the key set does not publish, for bad signatures. */
  strangerKey: KeyObject;
  keyRequests: number;
  close(): Promise<void>;
}

const base64url = (input: Buffer | string) => Buffer.from(input).toString('base64url');

export async function startJwtIssuer(tenantId: string): Promise<JwtIssuer> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'loopback-key-1';
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256', kty: 'RSA' };
  let keyRequests = 0;
  let authority = '';
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '';
    if (path === `/${tenantId}/discovery/v2.0/keys`) {
      keyRequests++;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: [jwk] }));
    } else if (path === `/${tenantId}/v2.0/.well-known/openid-configuration`) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          issuer: `https://sts.windows.net/${tenantId}/`,
          jwks_uri: `${authority}/${tenantId}/discovery/v2.0/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
        }),
      );
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  authority = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    authority,
    kid,
    strangerKey: stranger.privateKey,
    get keyRequests() {
      return keyRequests;
    },
    sign(claims, options = {}) {
      const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: options.kid ?? kid }));
      const payload = base64url(JSON.stringify(claims));
      const signer = createSign('RSA-SHA256');
      signer.update(`${header}.${payload}`);
      return `${header}.${payload}.${signer.sign(options.key ?? privateKey).toString('base64url')}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
