import { randomUUID } from 'node:crypto';
import {
  App,
  AwsLambdaReceiver,
  HTTPReceiver,
  type Logger,
  LogLevel,
  type Receiver,
  SocketModeReceiver,
} from '@slack/bolt';
import { type RetryOptions, WebClient } from '@slack/web-api';
import { createSubscriptionStore } from '../../src/digest/subscriptions/index.ts';
import { toRecommendationSummary } from '../../src/recommendations/index.ts';
import type { DigestPoster } from '../digest/index.ts';
import { storeAnswerPage } from './answer-pages.ts';
import { buildAppHome } from './app-home.ts';
import { createChannelPacer } from './channel-pacer.ts';
import { createSlackDigestCommand } from './digest-command.ts';
import { createSlackDigestPoster } from './digest-poster.ts';
import { claimEvent } from './event-dedup.ts';
import { registerInteractions } from './interactions.ts';
import { DEFAULT_MAX_CARDS } from './render/index.ts';
import { createReplyFlow } from './reply-flow.ts';
import { describeError, explainCannotPost, redactTokens, slackErrorCode } from './slack-api-errors.ts';
import type { SlackAppDependencies, SlackLog } from './slack-app-dependencies.ts';
import { DEFAULT_CHANNEL_INTERVAL_MS } from './slack-config.ts';
import type { HandOff, SlackJob } from './slack-job.ts';
import {
  type DigestCommandHandler,
  helpMessage,
  recommendationsMessages,
  routeSlashCommand,
} from './slash-command.ts';
import { createUserGroupLookup, isSlackUserGroupId } from './user-groups.ts';

/** Events, interactivity and slash commands all arrive here (the manifest's request URLs). */
export const SLACK_EVENTS_PATH = '/slack/events';

export type SlackReceiverOptions =
  /** Socket Mode: an outbound WebSocket, no public URL; needs the app-level token. */
  | { kind: 'socket-mode'; appToken: string }
  /** Bolt's HTTP receiver on `port`; every request's v0 signature is verified with `signingSecret`. */
  | { kind: 'http'; signingSecret: string; port: number }
  /**
   * API Gateway → Lambda. Bolt's Lambda receiver waits for listeners before answering, so listeners
   * only acknowledge and `handOff` the question (an async Lambda invocation or a queue) within 3 s;
   * the invocation that receives the job calls `processJob`.
   */
  | { kind: 'lambda'; signingSecret: string; handOff: HandOff };

export interface SlackAppOptions {
  botToken: string;
  receiver: SlackReceiverOptions;
  /** The Web API base URL (SLACK_API_URL); default Slack's. */
  apiUrl?: string | undefined;
  /** Least time between the app's messages in one channel; default 1000 ms. */
  channelIntervalMs?: number | undefined;
  /** The WebClient's retry policy; 429s are retried after Retry-After either way. Default: 5 retries in ~5 min. */
  retryConfig?: RetryOptions | undefined;
  turnTimeoutMs?: number | undefined;
  /** `/finops digest …`; default subscriptions in `deps.stateStore`, scopes checked against `deps.catalog`. */
  digest?: DigestCommandHandler | undefined;
  /** See ReplyFlowOptions.imageRetryDelaysMs. */
  imageRetryDelaysMs?: readonly number[] | undefined;
  /** Bolt's own log level (its lines go to `deps.log`); default warn. */
  boltLogLevel?: LogLevel | undefined;
  /**
   * The approver groups the authorisation policy names. When some are Slack user group ids (S…),
   * a click looks up the user's groups (usergroups.users.list, cached 5 min) and passes them to decide().
   */
  approverGroups?: readonly string[] | undefined;
  /** How long a user group's members are remembered; default 5 minutes. */
  userGroupCacheMs?: number | undefined;
}

export interface SlackApp {
  app: App;
  /** Does the work a listener handed off: placeholder, answer, chart, cards. */
  processJob(job: SlackJob): Promise<void>;
  /** Starts the receiver (HTTP server or WebSocket); not used on Lambda. */
  start(): Promise<void>;
  /** Stops the receiver and waits for answers in progress. */
  stop(): Promise<void>;
  /** Resolves when every in-process hand-off has finished (tests, graceful shutdown). */
  idle(): Promise<void>;
  /** Posts a digest to its channel through this app's client and pacer: `startDigests({ posters: { slack } })`. */
  postDigest: DigestPoster;
  /** Lambda only: the API Gateway handler. */
  lambdaHandler?: SlackLambdaHandler | undefined;
}

/** API Gateway → Bolt handler, as `AwsLambdaReceiver.toHandler()` returns it. */
export type SlackLambdaHandler = ReturnType<AwsLambdaReceiver['toHandler']>;

const FIVE_RETRIES_IN_FIVE_MINUTES: RetryOptions = { retries: 5, factor: 3.86 };

/**
 * The FinOps Copilot Slack app over Bolt: mentions, DMs, `/finops`, App Home, Approve / Dismiss.
 * Listeners acknowledge at once, drop Slack's retries of an event already claimed in the StateStore,
 * and hand questions off; `processJob` answers them.
 */
export function createSlackApp(deps: SlackAppDependencies, options: SlackAppOptions): SlackApp {
  const log: SlackLog = deps.log ?? (() => {});
  const clock = deps.clock ?? (() => new Date());
  const logger = boltLogger(log, options.boltLogLevel ?? LogLevel.WARN);
  const clientOptions = {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    retryConfig: options.retryConfig ?? FIVE_RETRIES_IN_FIVE_MINUTES,
    logger,
  };
  const receiver = buildReceiver(options.receiver, logger, options.apiUrl);
  const app = new App({ token: options.botToken, receiver, clientOptions, logger });
  const client = new WebClient(options.botToken, clientOptions);
  const pacer = createChannelPacer({ intervalMs: options.channelIntervalMs ?? DEFAULT_CHANNEL_INTERVAL_MS });
  const postToResponseUrl = async (url: string, message: { text: string }) => {
    const fetchImpl = deps.fetch ?? fetch;
    await fetchImpl(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text: message.text }),
    });
  };
  const processJob = createReplyFlow({
    client,
    pacer,
    deps,
    turnTimeoutMs: options.turnTimeoutMs,
    imageRetryDelaysMs: options.imageRetryDelaysMs,
    postToResponseUrl,
  });

  const digestCommand =
    options.digest ??
    createSlackDigestCommand({
      subscriptions: createSubscriptionStore(deps.stateStore, { now: clock }),
      catalog: deps.catalog,
      now: clock,
      log,
    });
  const postDigest = createSlackDigestPoster({
    client,
    pacer,
    deps,
    imageRetryDelaysMs: options.imageRetryDelaysMs,
  });

  const running = new Set<Promise<void>>();
  const handOff: HandOff =
    options.receiver.kind === 'lambda'
      ? options.receiver.handOff
      : async (job) => {
          // After the ack: the listener returns at once and the answer follows.
          const work = processJob(job).finally(() => running.delete(work));
          running.add(work);
        };

  // Slack retries an event it thinks we missed (same event_id, X-Slack-Retry-Num); only the first is worked on.
  app.use(async ({ body, next, context }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string') {
      const first = await claimEvent(deps.stateStore, eventId, { now: clock });
      if (!first) {
        log({ level: 'info', event: 'slack.duplicate_event', eventId, retryNum: context.retryNum });
        return;
      }
    }
    await next();
  });

  app.event('app_mention', async ({ event, body }) => {
    const question = stripMentions(event.text ?? '');
    await handOff({
      kind: 'question',
      source: 'app_mention',
      teamId: teamOf(body, event),
      channel: event.channel,
      threadTs: event.thread_ts ?? event.ts,
      userId: event.user ?? 'unknown',
      question: question || 'help',
      eventId: (body as { event_id?: string }).event_id,
      receivedAt: clock().getTime(),
    });
  });

  app.message(async ({ message, body }) => {
    // Only people's own new messages in DMs: edits, bot posts and joins carry a subtype.
    if (message.channel_type !== 'im' || message.subtype !== undefined || message.bot_id) return;
    const text = stripMentions(message.text ?? '');
    if (!text) return;
    await handOff({
      kind: 'question',
      source: 'message.im',
      teamId: teamOf(body, message),
      channel: message.channel,
      ...(message.thread_ts ? { threadTs: message.thread_ts } : {}),
      userId: message.user,
      question: text,
      eventId: (body as { event_id?: string }).event_id,
      receivedAt: clock().getTime(),
    });
  });

  app.command('/finops', async ({ command, ack }) => {
    const route = routeSlashCommand(command.text ?? '');
    switch (route.kind) {
      case 'help':
        await ack({ response_type: 'ephemeral', ...helpMessage() });
        return;
      case 'digest': {
        const reply = await digestCommand({
          args: route.args,
          teamId: command.team_id,
          channelId: command.channel_id,
          userId: command.user_id,
        });
        await ack({ response_type: reply.visibility, ...reply.message });
        return;
      }
      case 'recommendations': {
        await ack();
        const reference = randomUUID().slice(0, 8);
        try {
          const open = await deps.recommendations.list({ status: 'open' });
          const key = `r${reference}`;
          const { messages, summaries } = recommendationsMessages(open, toRecommendationSummary, key);
          if (summaries.length > DEFAULT_MAX_CARDS)
            await storeAnswerPage(deps.stateStore, key, summaries, clock());
          let threadTs: string | undefined;
          for (const message of messages) {
            const posted = await pacer.run(command.channel_id, () =>
              client.chat.postMessage({
                channel: command.channel_id,
                text: message.text,
                blocks: message.blocks,
                ...(threadTs ? { thread_ts: threadTs } : {}),
              }),
            );
            threadTs ??= posted.ts;
          }
        } catch (error) {
          log({ level: 'error', event: 'slack.recommendations_failed', reference, ...describeError(error) });
          const code = slackErrorCode(error);
          await postToResponseUrl(command.response_url, {
            text: code ? explainCannotPost(code) : `Something went wrong on my side (ref ${reference}).`,
          }).catch(() => undefined);
        }
        return;
      }
      case 'question':
        await ack();
        await handOff({
          kind: 'question',
          source: 'slash_command',
          teamId: command.team_id,
          channel: command.channel_id,
          userId: command.user_id,
          question: route.question,
          responseUrl: command.response_url,
          receivedAt: clock().getTime(),
        });
        return;
    }
  });

  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    const reference = randomUUID().slice(0, 8);
    try {
      const view = await buildAppHome(deps, { userId: event.user, asOf: clock() });
      await client.views.publish({ user_id: event.user, view });
    } catch (error) {
      log({ level: 'error', event: 'slack.home_failed', reference, ...describeError(error) });
    }
  });

  const slackGroups = (options.approverGroups ?? []).filter(isSlackUserGroupId);
  registerInteractions(app, {
    deps,
    pacer,
    userGroups:
      slackGroups.length > 0
        ? createUserGroupLookup({
            client,
            groups: slackGroups,
            log,
            ...(options.userGroupCacheMs !== undefined ? { cacheMs: options.userGroupCacheMs } : {}),
          })
        : undefined,
  });

  app.error(async (error) => {
    log({ level: 'error', event: 'slack.unhandled', ...describeError(error) });
  });

  const idle = async () => {
    while (running.size > 0) await Promise.allSettled([...running]);
  };

  return {
    app,
    processJob,
    idle,
    postDigest,
    async start() {
      if (options.receiver.kind === 'http') await app.start(options.receiver.port);
      else if (options.receiver.kind === 'socket-mode') await app.start();
      log({ level: 'info', event: 'slack.started', receiver: options.receiver.kind });
    },
    async stop() {
      if (options.receiver.kind !== 'lambda') await app.stop();
      await idle();
    },
    ...(receiver instanceof AwsLambdaReceiver ? { lambdaHandler: receiver.toHandler() } : {}),
  };
}

function buildReceiver(options: SlackReceiverOptions, logger: Logger, apiUrl: string | undefined): Receiver {
  switch (options.kind) {
    case 'socket-mode':
      return new SocketModeReceiver({
        appToken: options.appToken,
        logger,
        // apps.connections.open goes to SLACK_API_URL like every other call.
        ...(apiUrl ? { installerOptions: { clientOptions: { slackApiUrl: apiUrl } } } : {}),
      });
    case 'http':
      return new HTTPReceiver({
        signingSecret: options.signingSecret,
        endpoints: SLACK_EVENTS_PATH,
        port: options.port,
        // Acknowledge first and work after: Slack wants an answer within 3 s.
        processBeforeResponse: false,
        logger,
      });
    case 'lambda':
      return new AwsLambdaReceiver({ signingSecret: options.signingSecret, logger });
  }
}

/** `<@U123> what did EC2 cost?` → `what did EC2 cost?` */
export function stripMentions(text: string): string {
  return text
    .replace(/<@[A-Z0-9]+(\|[^>]*)?>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function teamOf(body: unknown, event: unknown): string {
  const fromBody = (body as { team_id?: unknown }).team_id;
  const fromEvent = (event as { team?: unknown }).team;
  if (typeof fromBody === 'string') return fromBody;
  return typeof fromEvent === 'string' ? fromEvent : 'unknown';
}

/** Bolt's logger, routed to the app's structured log with anything token-like cut out. */
function boltLogger(log: SlackLog, level: LogLevel): Logger {
  const order = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];
  let current = level;
  let name = 'bolt';
  const emit = (at: LogLevel, messages: unknown[]) => {
    if (order.indexOf(at) < order.indexOf(current)) return;
    const text = redactTokens(
      messages.map((item) => (item instanceof Error ? item.message : String(item))).join(' '),
    );
    log({
      level: at === LogLevel.ERROR ? 'error' : at === LogLevel.WARN ? 'warn' : 'info',
      event: `slack.${name}`,
      message: text.slice(0, 1000),
    });
  };
  return {
    debug: (...messages) => emit(LogLevel.DEBUG, messages),
    info: (...messages) => emit(LogLevel.INFO, messages),
    warn: (...messages) => emit(LogLevel.WARN, messages),
    error: (...messages) => emit(LogLevel.ERROR, messages),
    setLevel: (next) => {
      current = next;
    },
    getLevel: () => current,
    setName: (next) => {
      name = next;
    },
  };
}
