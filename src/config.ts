import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { FinopsError } from './errors.ts';
import {
  type AuthorisationPolicy,
  authorisationPolicySchema,
} from './recommendations/decisions/authorisation-policy.ts';
import { DEFAULT_RULE_POLICY } from './recommendations/policy.ts';

/**
 * The only place that reads process.env. Everything else receives a Config.
 */
const environmentSchema = z.object({
  FINOPS_DATA_DIR: z.string().min(1).optional(),
  FINOPS_NOW: z.string().min(1).optional(),
  /** DynamoDB table for the StateStore; unset = the embedded store in the data directory. */
  FINOPS_STATE_TABLE: z.string().min(3).max(255).optional(),
  /** A DynamoDB endpoint other than AWS's (DynamoDB Local). */
  FINOPS_DYNAMODB_ENDPOINT: z.url().optional(),
  AWS_REGION: z.string().min(1).optional(),
  /** Comma-separated user ids or emails who may approve anything. */
  FINOPS_APPROVERS: z.string().optional(),
  FINOPS_APPROVER_GROUPS: z.string().optional(),
  /** Above this monthly saving only approvers may approve (owners may below). */
  FINOPS_APPROVAL_THRESHOLD_USD: z.coerce.number().nonnegative().optional(),
  /** A JSON authorisation policy with per-workspace and per-channel scopes (see README). */
  FINOPS_POLICY_FILE: z.string().min(1).optional(),
  /** Comma-separated tag keys every resource should carry; default team,env,cost-center,owner. */
  FINOPS_REQUIRED_TAGS: z.string().optional(),
  /** Where MCP tools read from: the embedded dataset (default) or live AWS APIs. */
  FINOPS_BACKEND: z.enum(['embedded', 'aws']).optional(),
  /** Bearer token the MCP HTTP transport requires (a secret: never logged). */
  FINOPS_MCP_TOKEN: z.string().min(16, 'FINOPS_MCP_TOKEN must be at least 16 characters').optional(),
  FINOPS_MCP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Live AWS: a role to assume by default (a tool call may name another). */
  FINOPS_AWS_ROLE_ARN: z.string().optional(),
  /** Live AWS: how long API responses are cached in the StateStore. */
  FINOPS_AWS_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).optional(),
  /** Live AWS: an endpoint override for every AWS client (a loopback server in tests). */
  FINOPS_AWS_ENDPOINT: z.url().optional(),
  /** Who plans a turn: the built-in deterministic planner (default) or a Bedrock agent. */
  FINOPS_PLANNER: z.enum(['deterministic', 'bedrock']).optional(),
  /** Bedrock inline agent: the foundation model (id or inference profile) InvokeInlineAgent uses. */
  FINOPS_BEDROCK_MODEL_ID: z.string().min(1).optional(),
  /** Bedrock agent deployed by infra: InvokeAgent on this agent and alias instead. */
  FINOPS_BEDROCK_AGENT_ID: z.string().min(1).optional(),
  FINOPS_BEDROCK_AGENT_ALIAS_ID: z.string().min(1).optional(),
  /** An endpoint other than Bedrock's (a loopback server in tests). */
  FINOPS_BEDROCK_ENDPOINT: z.url().optional(),
  /** DynamoDB table (with a stream) for the A2A bus; unset = the in-process bus. */
  FINOPS_A2A_TABLE: z.string().min(3).max(255).optional(),
  /** A turn's whole time budget in ms (planner, specialists, fallback); default 25000. */
  FINOPS_TURN_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).optional(),
});

export type StateStoreConfig =
  | { kind: 'embedded'; path: string }
  | { kind: 'dynamodb'; table: string; region?: string | undefined; endpoint?: string | undefined };

export interface Config {
  /** Directory holding finops.duckdb; default ~/.finops-copilot. */
  dataDir: string;
  /** "Today" for every relative date; --now or FINOPS_NOW override the clock (tests, demos, replays). */
  now: Date;
  /** Where recommendations, decisions and the audit trail live. */
  stateStore: StateStoreConfig;
  /** Who may approve, dismiss and snooze recommendations. */
  authorisation: AuthorisationPolicy;
  requiredTags: string[];
  /** Where MCP tools (and later the agents) read data: the embedded dataset or live AWS. */
  backend: 'embedded' | 'aws';
  mcp: { token?: string | undefined; port: number };
  aws: {
    region?: string | undefined;
    roleArn?: string | undefined;
    cacheTtlSeconds: number;
    endpoint?: string | undefined;
  };
  /** Who plans each turn, and what carries the specialists' tasks. */
  agents: { planner: PlannerConfig; bus: BusConfig; turnTimeoutMs: number };
  /**
   * The SLACK_* variables as set, unparsed: the Slack adapter validates them
   * (`slackConfigFromEnv`), so src/ never depends on an adapter. Secrets: never log this.
   */
  slackEnvironment: Record<string, string | undefined>;
  /** The TEAMS_* variables as set, unparsed, for the Teams adapter (`teamsConfigFromEnv`). Secrets: never log. */
  teamsEnvironment: Record<string, string | undefined>;
}

export type PlannerConfig =
  | { kind: 'deterministic' }
  | {
      kind: 'bedrock';
      region?: string | undefined;
      endpoint?: string | undefined;
      mode:
        | { kind: 'inline'; foundationModel: string }
        | { kind: 'agent'; agentId: string; agentAliasId: string };
    };

export type BusConfig =
  | { kind: 'in-process' }
  | { kind: 'dynamodb'; table: string; region?: string | undefined; endpoint?: string | undefined };

export const DEFAULT_MCP_PORT = 3100;
export const DEFAULT_TURN_TIMEOUT_MS = 25_000;
export const DEFAULT_AWS_CACHE_TTL_SECONDS = 6 * 60 * 60;

export interface ConfigOverrides {
  dataDir?: string | undefined;
  now?: string | undefined;
}

export const DEFAULT_DATA_DIR_NAME = '.finops-copilot';

export function loadConfig(
  overrides: ConfigOverrides = {},
  environment: Record<string, string | undefined> = process.env,
  clock: () => Date = () => new Date(),
): Config {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FinopsError(
      'finops_config_error',
      `environment variable ${String(issue?.path[0] ?? '')} is not valid: ${issue?.message ?? 'invalid'}`,
    );
  }
  const env = parsed.data;
  const nowText = overrides.now ?? env.FINOPS_NOW;
  const dataDir = overrides.dataDir ?? env.FINOPS_DATA_DIR ?? join(homedir(), DEFAULT_DATA_DIR_NAME);
  return {
    dataDir,
    now: nowText ? parseNow(nowText) : clock(),
    stateStore: env.FINOPS_STATE_TABLE
      ? {
          kind: 'dynamodb',
          table: env.FINOPS_STATE_TABLE,
          region: env.AWS_REGION,
          endpoint: env.FINOPS_DYNAMODB_ENDPOINT,
        }
      : { kind: 'embedded', path: dataDir === ':memory:' ? ':memory:' : join(dataDir, STATE_FILE) },
    authorisation: loadAuthorisationPolicy(env),
    requiredTags: list(env.FINOPS_REQUIRED_TAGS) ?? DEFAULT_RULE_POLICY.requiredTags,
    backend: env.FINOPS_BACKEND ?? 'embedded',
    mcp: { token: env.FINOPS_MCP_TOKEN, port: env.FINOPS_MCP_PORT ?? DEFAULT_MCP_PORT },
    aws: {
      region: env.AWS_REGION,
      roleArn: env.FINOPS_AWS_ROLE_ARN,
      cacheTtlSeconds: env.FINOPS_AWS_CACHE_TTL_SECONDS ?? DEFAULT_AWS_CACHE_TTL_SECONDS,
      endpoint: env.FINOPS_AWS_ENDPOINT,
    },
    agents: {
      planner: plannerConfig(env),
      bus: env.FINOPS_A2A_TABLE
        ? {
            kind: 'dynamodb',
            table: env.FINOPS_A2A_TABLE,
            region: env.AWS_REGION,
            endpoint: env.FINOPS_DYNAMODB_ENDPOINT,
          }
        : { kind: 'in-process' },
      turnTimeoutMs: env.FINOPS_TURN_TIMEOUT_MS ?? DEFAULT_TURN_TIMEOUT_MS,
    },
    slackEnvironment: Object.fromEntries(
      Object.entries(environment).filter(([key]) => key.startsWith('SLACK_')),
    ),
    teamsEnvironment: Object.fromEntries(
      Object.entries(environment).filter(([key]) => key.startsWith('TEAMS_')),
    ),
  };
}

function plannerConfig(env: z.infer<typeof environmentSchema>): PlannerConfig {
  const wanted =
    env.FINOPS_PLANNER ??
    (env.FINOPS_BEDROCK_MODEL_ID || env.FINOPS_BEDROCK_AGENT_ID ? 'bedrock' : 'deterministic');
  if (wanted === 'deterministic') return { kind: 'deterministic' };
  const base = { kind: 'bedrock' as const, region: env.AWS_REGION, endpoint: env.FINOPS_BEDROCK_ENDPOINT };
  if (env.FINOPS_BEDROCK_AGENT_ID || env.FINOPS_BEDROCK_AGENT_ALIAS_ID) {
    if (!env.FINOPS_BEDROCK_AGENT_ID || !env.FINOPS_BEDROCK_AGENT_ALIAS_ID) {
      throw new FinopsError(
        'finops_config_error',
        'a deployed Bedrock agent needs both FINOPS_BEDROCK_AGENT_ID and FINOPS_BEDROCK_AGENT_ALIAS_ID',
      );
    }
    return {
      ...base,
      mode: {
        kind: 'agent',
        agentId: env.FINOPS_BEDROCK_AGENT_ID,
        agentAliasId: env.FINOPS_BEDROCK_AGENT_ALIAS_ID,
      },
    };
  }
  if (!env.FINOPS_BEDROCK_MODEL_ID) {
    throw new FinopsError(
      'finops_config_error',
      'FINOPS_PLANNER=bedrock needs FINOPS_BEDROCK_MODEL_ID (inline agent) or FINOPS_BEDROCK_AGENT_ID and FINOPS_BEDROCK_AGENT_ALIAS_ID (deployed agent)',
    );
  }
  return { ...base, mode: { kind: 'inline', foundationModel: env.FINOPS_BEDROCK_MODEL_ID } };
}

export const STATE_FILE = 'state.jsonl';

function list(text: string | undefined): string[] | undefined {
  const items = text
    ?.split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
  return items && items.length > 0 ? items : undefined;
}

/** The policy file if one is named, with FINOPS_APPROVERS / _GROUPS / _THRESHOLD on top of its default scope. */
function loadAuthorisationPolicy(env: z.infer<typeof environmentSchema>): AuthorisationPolicy {
  let fromFile: unknown = {};
  if (env.FINOPS_POLICY_FILE) {
    try {
      fromFile = JSON.parse(readFileSync(env.FINOPS_POLICY_FILE, 'utf8'));
    } catch (error) {
      throw new FinopsError(
        'finops_config_error',
        `FINOPS_POLICY_FILE ${env.FINOPS_POLICY_FILE} could not be read as JSON: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
  const parsed = authorisationPolicySchema.safeParse(fromFile);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FinopsError(
      'finops_config_error',
      `FINOPS_POLICY_FILE ${env.FINOPS_POLICY_FILE ?? ''}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'is not a valid policy'} (see the README's "Who may approve")`,
    );
  }
  const policy = parsed.data;
  const users = list(env.FINOPS_APPROVERS);
  const groups = list(env.FINOPS_APPROVER_GROUPS);
  return {
    ...policy,
    default: {
      approvers: {
        users: [...policy.default.approvers.users, ...(users ?? [])],
        groups: [...policy.default.approvers.groups, ...(groups ?? [])],
      },
      owners: {
        ...policy.default.owners,
        ...(env.FINOPS_APPROVAL_THRESHOLD_USD !== undefined
          ? { maxApprovalSavingsUsd: env.FINOPS_APPROVAL_THRESHOLD_USD }
          : {}),
      },
    },
  };
}

/** Accepts YYYY-MM-DD (midday UTC, so the day is the same in every time zone) or an ISO timestamp. */
export function parseNow(text: string): Date {
  const value = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T12:00:00Z` : text;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new FinopsError(
      'finops_config_error',
      `--now "${text}" is not a date: write it as YYYY-MM-DD, e.g. --now 2026-11-24`,
    );
  }
  return date;
}
