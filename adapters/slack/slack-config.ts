import { z } from 'zod';
import { FinopsError } from '../../src/errors.ts';

/**
 * What the Slack app needs from the environment. Tokens and the signing secret are secrets: they
 * are held here and handed to Bolt, never logged (`describeSlackConfig` is what logs may show).
 */
export interface SlackConfig {
  /** Bot token (xoxb-…): every Web API call. */
  botToken: string;
  /** App-level token (xapp-…) with connections:write: Socket Mode. Absent = HTTP. */
  appToken?: string | undefined;
  /** Verifies HTTP requests (v0 HMAC). Required for HTTP and Lambda; unused by Socket Mode. */
  signingSecret?: string | undefined;
  /** The Web API base URL, `https://slack.com/api/` by default; a loopback server in tests. */
  apiUrl?: string | undefined;
  /** The HTTP receiver's port. */
  port: number;
  /** Least time between two messages the app posts in one channel (Slack allows about one a second). */
  channelIntervalMs: number;
}

export const DEFAULT_SLACK_PORT = 3000;
export const DEFAULT_CHANNEL_INTERVAL_MS = 1000;

const slackEnvironmentSchema = z.object({
  SLACK_BOT_TOKEN: z
    .string()
    .regex(/^xoxb-/, 'must be a bot token starting with xoxb- (OAuth & Permissions → Bot User OAuth Token)')
    .optional(),
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-/, 'must be an app-level token starting with xapp- (Basic Information → App-Level Tokens)')
    .optional(),
  SLACK_SIGNING_SECRET: z.string().min(8, 'is too short (Basic Information → Signing Secret)').optional(),
  SLACK_API_URL: z.url('must be a URL such as https://slack.com/api/').optional(),
  SLACK_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  SLACK_CHANNEL_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).optional(),
});

/**
 * The Slack settings, or undefined when SLACK_BOT_TOKEN is not set (the app stays local). Throws a
 * FinopsError naming the variable when a value is malformed or a needed one is missing; the error
 * never contains a token's value.
 */
export function slackConfigFromEnv(env: Record<string, string | undefined>): SlackConfig | undefined {
  const parsed = slackEnvironmentSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FinopsError(
      'finops_config_error',
      `environment variable ${String(issue?.path[0] ?? '')} ${issue?.message ?? 'is not valid'}`,
    );
  }
  const values = parsed.data;
  if (!values.SLACK_BOT_TOKEN) {
    if (values.SLACK_APP_TOKEN || values.SLACK_SIGNING_SECRET) {
      throw new FinopsError(
        'finops_config_error',
        'SLACK_BOT_TOKEN is not set: Slack needs the bot token (xoxb-…) as well as SLACK_APP_TOKEN or SLACK_SIGNING_SECRET; see docs/slack.md',
      );
    }
    return undefined;
  }
  if (!values.SLACK_APP_TOKEN && !values.SLACK_SIGNING_SECRET) {
    throw new FinopsError(
      'finops_config_error',
      'Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP Events API) beside SLACK_BOT_TOKEN; see docs/slack.md',
    );
  }
  return {
    botToken: values.SLACK_BOT_TOKEN,
    appToken: values.SLACK_APP_TOKEN,
    signingSecret: values.SLACK_SIGNING_SECRET,
    apiUrl: values.SLACK_API_URL ? withTrailingSlash(values.SLACK_API_URL) : undefined,
    port: values.SLACK_PORT ?? DEFAULT_SLACK_PORT,
    channelIntervalMs: values.SLACK_CHANNEL_INTERVAL_MS ?? DEFAULT_CHANNEL_INTERVAL_MS,
  };
}

/** The WebClient joins method names onto the base URL, so it must end with a slash. */
function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** What may be logged about the configuration: the mode and the endpoint, never a secret. */
export function describeSlackConfig(config: SlackConfig): Record<string, string | number> {
  return {
    mode: config.appToken ? 'socket-mode' : 'http',
    apiUrl: config.apiUrl ?? 'https://slack.com/api/',
    ...(config.appToken ? {} : { port: config.port }),
  };
}
