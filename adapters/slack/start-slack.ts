import { FinopsError } from '../../src/errors.ts';
import type { DigestPoster } from '../digest/index.ts';
import { createSlackApp, type SlackApp } from './create-slack-app.ts';
import type { SlackAppDependencies } from './slack-app-dependencies.ts';
import { describeSlackConfig, type SlackConfig } from './slack-config.ts';
import type { DigestCommandHandler } from './slash-command.ts';

export interface RunningSlack {
  /** `socket-mode` or `http`. */
  mode: 'socket-mode' | 'http';
  slack: SlackApp;
  /** Posts a digest to a subscribed Slack channel: `startDigests({ posters: { slack: postDigest } })`. */
  postDigest: DigestPoster;
  /** Stops receiving, waits for answers in progress. */
  stop(): Promise<void>;
}

/**
 * Connects the copilot to Slack for `npm start`: Socket Mode when SLACK_APP_TOKEN is set (no public
 * URL needed), else Bolt's HTTP receiver on SLACK_PORT at /slack/events.
 */
export async function startSlack(
  deps: SlackAppDependencies,
  config: SlackConfig,
  options: {
    turnTimeoutMs?: number | undefined;
    /** The policy's approver groups; Slack user group ids among them are looked up on each click. */
    approverGroups?: readonly string[] | undefined;
    digest?: DigestCommandHandler | undefined;
  } = {},
): Promise<RunningSlack> {
  const mode = config.appToken ? 'socket-mode' : 'http';
  const receiver = config.appToken
    ? ({ kind: 'socket-mode', appToken: config.appToken } as const)
    : ({ kind: 'http', signingSecret: requireSigningSecret(config), port: config.port } as const);
  const slack = createSlackApp(deps, {
    botToken: config.botToken,
    receiver,
    apiUrl: config.apiUrl,
    channelIntervalMs: config.channelIntervalMs,
    turnTimeoutMs: options.turnTimeoutMs,
    approverGroups: options.approverGroups,
    digest: options.digest,
  });
  await slack.start();
  deps.log?.({ level: 'info', event: 'slack.connected', ...describeSlackConfig(config) });
  return { mode, slack, postDigest: slack.postDigest, stop: () => slack.stop() };
}

function requireSigningSecret(config: SlackConfig): string {
  // slackConfigFromEnv guarantees one of the two; this keeps the types honest for hand-built configs.
  if (!config.signingSecret) {
    throw new FinopsError(
      'finops_config_error',
      'Slack over HTTP needs SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode); see docs/slack.md',
    );
  }
  return config.signingSecret;
}
