import type { AuthConfiguration } from '@microsoft/agents-hosting';
import { z } from 'zod';
import { FinopsError } from '../../src/errors.ts';

/** How the bot proves itself to the Bot Connector when it sends (inbound requests are checked either way). */
export type TeamsCredential =
  | { kind: 'client-secret'; secret: string }
  /** An Azure user-assigned managed identity: no secret, the client id is the identity's. */
  | { kind: 'user-managed-identity' };

/**
 * What the Teams adapter needs from the environment. With no client id it runs in local anonymous
 * mode (the Agents Playground, tests); with one, every request must carry a Bot Connector JWT for it.
 * The secret is held here and handed to the SDK, never logged (`describeTeamsConfig` is what logs show).
 */
export interface TeamsConfig {
  /** The Azure Bot's Microsoft App ID (Entra app or managed identity client id). Absent = anonymous. */
  clientId?: string | undefined;
  /** The single tenant the bot is registered in (multi-tenant bots can no longer be created). */
  tenantId?: string | undefined;
  credential?: TeamsCredential | undefined;
  /** The Entra login endpoint, `https://login.microsoftonline.com` by default; a loopback in tests. */
  authority?: string | undefined;
  /** The HTTP port for `POST /api/messages`. */
  port: number;
  /** Where Teams can fetch this server from (https://…); charts are then served as hosted images. */
  publicUrl?: string | undefined;
}

export const DEFAULT_TEAMS_PORT = 3978;

const teamsEnvironmentSchema = z.object({
  TEAMS_CLIENT_ID: z.string().trim().min(1).optional(),
  TEAMS_TENANT_ID: z.string().trim().min(1).optional(),
  TEAMS_CLIENT_SECRET: z.string().min(1).optional(),
  TEAMS_AUTH_TYPE: z
    .enum(['ClientSecret', 'UserManagedIdentity'], {
      message: 'must be ClientSecret or UserManagedIdentity',
    })
    .optional(),
  TEAMS_AUTHORITY: z.url('must be a URL such as https://login.microsoftonline.com').optional(),
  TEAMS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  TEAMS_PUBLIC_URL: z.url('must be a URL such as https://finops.example.com').optional(),
});

function configError(message: string): FinopsError {
  return new FinopsError('finops_config_error', `${message}; see docs/teams.md`);
}

/**
 * The Teams settings from TEAMS_* variables (as `runtime.config.teamsEnvironment` holds them). Throws a
 * FinopsError naming the variable when a value is malformed or a needed one is missing; the error never
 * contains the secret.
 */
export function teamsConfigFromEnv(env: Record<string, string | undefined>): TeamsConfig {
  // Empty strings are how shells and .env files say "unset".
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = teamsEnvironmentSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw configError(
      `environment variable ${String(issue?.path[0] ?? '')} ${issue?.message ?? 'is not valid'}`,
    );
  }
  const values = parsed.data;
  const port = values.TEAMS_PORT ?? DEFAULT_TEAMS_PORT;
  const publicUrl = values.TEAMS_PUBLIC_URL?.replace(/\/+$/, '');
  if (!values.TEAMS_CLIENT_ID) {
    if (values.TEAMS_CLIENT_SECRET || values.TEAMS_TENANT_ID || values.TEAMS_AUTH_TYPE) {
      throw configError(
        "TEAMS_CLIENT_ID is not set: the Azure Bot's Microsoft App ID is needed beside TEAMS_TENANT_ID, TEAMS_CLIENT_SECRET or TEAMS_AUTH_TYPE (unset them all for local anonymous mode)",
      );
    }
    return { port, ...(publicUrl ? { publicUrl } : {}) };
  }
  if (!values.TEAMS_TENANT_ID) {
    throw configError(
      'TEAMS_TENANT_ID is not set: register the Azure Bot as single-tenant (or with a user-assigned managed identity) and give its Entra tenant id',
    );
  }
  const authType = values.TEAMS_AUTH_TYPE ?? (values.TEAMS_CLIENT_SECRET ? 'ClientSecret' : undefined);
  let credential: TeamsCredential;
  if (authType === 'UserManagedIdentity') {
    if (values.TEAMS_CLIENT_SECRET) {
      throw configError(
        'TEAMS_CLIENT_SECRET is set with TEAMS_AUTH_TYPE=UserManagedIdentity: a managed identity has no secret; unset one of them',
      );
    }
    credential = { kind: 'user-managed-identity' };
  } else if (values.TEAMS_CLIENT_SECRET) {
    credential = { kind: 'client-secret', secret: values.TEAMS_CLIENT_SECRET };
  } else {
    throw configError(
      "Teams needs TEAMS_CLIENT_SECRET (the app registration's client secret) or TEAMS_AUTH_TYPE=UserManagedIdentity beside TEAMS_CLIENT_ID",
    );
  }
  return {
    clientId: values.TEAMS_CLIENT_ID,
    tenantId: values.TEAMS_TENANT_ID,
    credential,
    ...(values.TEAMS_AUTHORITY ? { authority: values.TEAMS_AUTHORITY.replace(/\/+$/, '') } : {}),
    port,
    ...(publicUrl ? { publicUrl } : {}),
  };
}

/** True when inbound requests are accepted without a token (no client id: the Playground, tests). */
export function isAnonymous(config: TeamsConfig): boolean {
  return !config.clientId;
}

/**
 * The SDK's AuthConfiguration. Issuer validation is switched on: the SDK leaves it off by default, and
 * without it any signature-valid token for our audience from another tenant would pass.
 */
export function toAuthConfiguration(config: TeamsConfig): AuthConfiguration {
  if (!config.clientId) return {};
  return {
    clientId: config.clientId,
    tenantId: config.tenantId,
    ...(config.authority ? { authority: config.authority } : {}),
    ...(config.credential?.kind === 'client-secret'
      ? { clientSecret: config.credential.secret, authType: 'ClientSecret' }
      : { authType: 'UserManagedIdentity' }),
    validateIssuer: true,
  };
}

/** What may be logged about the configuration: the mode and endpoints, never the secret. */
export function describeTeamsConfig(config: TeamsConfig): Record<string, string | number> {
  return {
    mode: config.clientId ? 'authenticated' : 'anonymous',
    ...(config.clientId ? { clientId: config.clientId } : {}),
    ...(config.tenantId ? { tenantId: config.tenantId } : {}),
    ...(config.credential ? { credential: config.credential.kind } : {}),
    port: config.port,
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
  };
}
