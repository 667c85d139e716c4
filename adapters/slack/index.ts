export { formatNextRun } from '../../src/digest/schedule/index.ts';
export { buildAppHome, HOME_FORECAST_QUESTION, HOME_SPEND_QUESTION } from './app-home.ts';
export { type ChannelPacer, createChannelPacer } from './channel-pacer.ts';
export {
  createSlackApp,
  SLACK_EVENTS_PATH,
  type SlackApp,
  type SlackAppOptions,
  type SlackLambdaHandler,
  type SlackReceiverOptions,
  stripMentions,
} from './create-slack-app.ts';
export { createSlackDigestCommand, type SlackDigestCommandOptions } from './digest-command.ts';
export { createSlackDigestPoster, type SlackDigestPosterOptions } from './digest-poster.ts';
export { claimEvent, DEDUP_PARTITION, DEDUP_TTL_SECONDS } from './event-dedup.ts';
export type { SlackAppDependencies, SlackLog } from './slack-app-dependencies.ts';
export {
  DEFAULT_CHANNEL_INTERVAL_MS,
  DEFAULT_SLACK_PORT,
  describeSlackConfig,
  type SlackConfig,
  slackConfigFromEnv,
} from './slack-config.ts';
export { type HandOff, type SlackJob, slackContextId, slackJobSchema } from './slack-job.ts';
export {
  type DigestCommand,
  type DigestCommandHandler,
  type DigestReply,
  routeSlashCommand,
  type SlashRoute,
} from './slash-command.ts';
export { type RunningSlack, startSlack } from './start-slack.ts';
export {
  approverGroupsOf,
  type StartSlackFromRuntimeOptions,
  startSlackFromRuntime,
} from './start-slack-from-runtime.ts';
export { type ChartPng, uploadChart } from './upload-chart.ts';
export {
  createUserGroupLookup,
  isSlackUserGroupId,
  USER_GROUP_CACHE_MS,
  type UserGroupLookup,
  type UserGroupsResult,
} from './user-groups.ts';
