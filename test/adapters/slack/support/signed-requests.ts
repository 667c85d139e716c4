import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

/**
 * Slack's v0 request signature (docs.slack.dev/authentication/verifying-requests-from-slack):
 * `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>` keyed with the signing secret.
 * Computed here independently of Bolt, which verifies it.
 */
export function signature(body: string, timestampSeconds: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestampSeconds}:${body}`).digest('hex')}`;
}

export interface SendOptions {
  /** Seconds since epoch for X-Slack-Request-Timestamp; default now. */
  timestamp?: number;
  /** Overrides the computed signature (a bad one). */
  signature?: string;
  retryNum?: number;
}

export interface SlackResponse {
  status: number;
  text: string;
  ms: number;
}

async function send(
  url: string,
  body: string,
  contentType: string,
  options: SendOptions,
): Promise<SlackResponse> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': contentType,
      'X-Slack-Request-Timestamp': String(timestamp),
      'X-Slack-Signature': options.signature ?? signature(body, timestamp),
      ...(options.retryNum !== undefined
        ? { 'X-Slack-Retry-Num': String(options.retryNum), 'X-Slack-Retry-Reason': 'http_timeout' }
        : {}),
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, text, ms: performance.now() - started };
}

/** An Events API delivery: a JSON envelope. */
export function sendEvent(url: string, envelope: object, options: SendOptions = {}): Promise<SlackResponse> {
  return send(url, JSON.stringify(envelope), 'application/json', options);
}

/** A slash command: form-encoded fields. */
export function sendCommand(
  url: string,
  fields: Record<string, string>,
  options: SendOptions = {},
): Promise<SlackResponse> {
  return send(url, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', options);
}

/** An interaction (block_actions, view_submission): form-encoded with one `payload` field of JSON. */
export function sendInteraction(
  url: string,
  payload: object,
  options: SendOptions = {},
): Promise<SlackResponse> {
  return send(
    url,
    new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    'application/x-www-form-urlencoded',
    options,
  );
}
