export { formatNextRun } from '../../src/digest/schedule/index.ts';
export { CARD_PARTITION, CARD_TTL_SECONDS, readCard, storeCard } from './card-store.ts';
export { CHART_PATH, type ChartHost, createChartHost } from './chart-host.ts';
export {
  REFERENCE_PARTITION,
  readConversationReference,
  storeConversationReference,
} from './conversation-references.ts';
export {
  createTeamsApp,
  DEFAULT_INLINE_BUDGET_MS,
  digestConversationId,
  questionText,
  type TeamsApp,
  type TeamsAppOptions,
} from './create-teams-app.ts';
export {
  DIGEST_COMMAND,
  type DigestCommandInput,
  type DigestCommandResult,
  digestErrorCard,
  runDigestCommand,
} from './digest-command.ts';
export {
  createTeamsDigestPoster,
  type TeamsDigestPoster,
  type TeamsDigestPosterOptions,
} from './digest-poster.ts';
export { createTeamsHttpServer, MESSAGES_PATH } from './http-server.ts';
export {
  ADAPTIVE_CARD_CONTENT_TYPE,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
} from './render/adaptive-card.ts';
export { cardWeight, MAX_CARD_BYTES, renderAnswerCards } from './render/answer-cards.ts';
export { VERBS } from './render/recommendation-container.ts';
export { type RunningTeams, type StartTeamsOptions, startTeams } from './start-teams.ts';
export type { TeamsAppDependencies, TeamsLog } from './teams-app-dependencies.ts';
export {
  DEFAULT_TEAMS_PORT,
  describeTeamsConfig,
  isAnonymous,
  type TeamsConfig,
  type TeamsCredential,
  teamsConfigFromEnv,
  toAuthConfiguration,
} from './teams-config.ts';
