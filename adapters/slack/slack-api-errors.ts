import { ErrorCode } from '@slack/web-api';

/**
 * The `error` Slack's Web API answered with (`channel_not_found`, `not_in_channel`,
 * `invalid_blocks`, …), or undefined for anything else (network, HTTP, our own errors).
 */
export function slackErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate = error as { code?: unknown; data?: { error?: unknown } };
  if (candidate.code === ErrorCode.PlatformError && typeof candidate.data?.error === 'string') {
    return candidate.data.error;
  }
  if (candidate.code === ErrorCode.RateLimitedError) return 'ratelimited';
  return undefined;
}

/** Errors after which the app cannot post in the conversation at all, so nothing more is tried there. */
export const CANNOT_POST_ERRORS = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'restricted_action',
  'team_access_not_granted',
]);

/** A short explanation for the person who asked, when the app cannot post where they asked. */
export function explainCannotPost(code: string): string {
  switch (code) {
    case 'not_in_channel':
      return 'I am not a member of this channel, so I cannot answer here. Invite me with `/invite @FinOps Copilot`, or ask me in a direct message.';
    case 'channel_not_found':
      return 'I cannot see this conversation (it is private or I was removed). Invite me to it, or ask me in a direct message.';
    case 'is_archived':
      return 'This channel is archived, so I cannot answer here. Ask me in a direct message.';
    default:
      return 'Slack did not let me post in this conversation. Ask me in a direct message instead.';
  }
}

/** A log-safe description of an error: name, code and message, never request bodies or tokens. */
export function describeError(error: unknown): Record<string, string> {
  if (!(error instanceof Error)) return { message: String(error).slice(0, 500) };
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    ...(typeof code === 'string' ? { code } : {}),
    ...(slackErrorCode(error) ? { slackError: slackErrorCode(error) as string } : {}),
    message: redactTokens(error.message).slice(0, 500),
  };
}

const TOKEN_PATTERN = /xox[abposr]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+/g;

/** Slack tokens have well-known prefixes; anything that looks like one is cut out of log text. */
export function redactTokens(text: string): string {
  return text.replace(TOKEN_PATTERN, '[redacted token]');
}
