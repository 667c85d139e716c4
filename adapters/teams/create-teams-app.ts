import { randomUUID } from 'node:crypto';
import { Activity, ActivityTypes, type ConversationReference } from '@microsoft/agents-activity';
import {
  AgentApplication,
  CardFactory,
  CloudAdapter,
  MessageFactory,
  type TurnContext,
  type TurnState,
} from '@microsoft/agents-hosting';
import { createSubscriptionStore } from '../../src/digest/subscriptions/index.ts';
import { type Answer, toDay } from '../../src/domain/index.ts';
import { storeCard } from './card-store.ts';
import type { ChartHost } from './chart-host.ts';
import { readConversationReference, storeConversationReference } from './conversation-references.ts';
import { DIGEST_COMMAND, digestErrorCard, runDigestCommand } from './digest-command.ts';
import { type AdaptiveCard, adaptiveCard } from './render/adaptive-card.ts';
import { type ChartImage, renderAnswerCards, renderErrorCard } from './render/answer-cards.ts';
import { isRecommendationContainerId, VERBS } from './render/recommendation-container.ts';
import type { TeamsAppDependencies, TeamsLog } from './teams-app-dependencies.ts';
import { isAnonymous, type TeamsConfig, toAuthConfiguration } from './teams-config.ts';
import { handleDecision, type Verb } from './teams-decisions.ts';

export interface TeamsAppOptions {
  /** How long a turn waits for the answer before it replies "Looking at …" and answers proactively. */
  inlineBudgetMs?: number | undefined;
  /** The turn's whole time budget handed to the orchestrator. */
  turnTimeoutMs?: number | undefined;
  /** Set when TEAMS_PUBLIC_URL is: charts become hosted images instead of data URIs. */
  chartHost?: ChartHost | undefined;
}

export interface TeamsApp {
  adapter: CloudAdapter;
  agent: AgentApplication<TurnState>;
  /** Waits for answers still being prepared (proactive ones included). */
  drain(): Promise<void>;
  /**
   * Posts an answer (a digest) into a conversation outside any turn, through continueConversation
   * with a stored reference: the same cards, chart and Approve / Dismiss as an answer. Returns the
   * number of cards sent.
   */
  postAnswer(reference: ConversationReference, answer: Answer): Promise<number>;
}

/**
 * Teams gives a bot 15 seconds to answer a message before it shows an error. The answer goes out in
 * the turn when it is ready sooner than this; otherwise the turn replies with a placeholder and the
 * answer follows proactively. Five seconds leaves room for the chart and the network.
 */
export const DEFAULT_INLINE_BUDGET_MS = 5000;

const HELP =
  'Ask me about your AWS costs, for example: “spend this month”, “top services last month”, ' +
  '“EC2 spend by account this month”, “how can we save on EC2?”. Savings come as cards with Approve and Dismiss. ' +
  'For a weekly digest here: “digest weekly mon 09:00 Europe/Berlin” (“digest list” shows this conversation’s).';

/**
 * A channel message's conversation id names its thread (`19:…@thread.tacv2;messageid=…`); a digest
 * belongs to the channel and goes out as a new post, so subscriptions and references use the channel.
 */
export function digestConversationId(activity: Activity): string {
  const id = activity.conversation?.id ?? '';
  return activity.conversation?.conversationType === 'channel' ? (id.split(';')[0] ?? id) : id;
}

function tenantOf(activity: Activity): string {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const fromChannelData = typeof channelData?.tenant?.id === 'string' ? channelData.tenant.id : undefined;
  return activity.conversation?.tenantId ?? fromChannelData ?? 'unknown-tenant';
}

/** Resolves with 'timeout' after `ms`, unless cancelled first (so a finished turn leaves no timer behind). */
function deadline(ms: number): { reached: Promise<'timeout'>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const reached = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  return { reached, cancel: () => clearTimeout(timer) };
}

/** The question without the bot's @mention (channels and group chats put `<at>Bot</at>` in the text). */
/** The verb of an Action.Submit fallback click (a message with a value and no text), if it is one. */
function submittedVerb(activity: Activity): Verb | undefined {
  if (activity.type !== ActivityTypes.Message || activity.text) return undefined;
  const value: unknown = activity.value;
  if (typeof value !== 'object' || value === null) return undefined;
  const verb = (value as { verb?: unknown }).verb;
  return verb === VERBS.approve || verb === VERBS.dismiss ? verb : undefined;
}

export function questionText(activity: Activity): string {
  return (activity.text ?? '')
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function describeError(error: unknown): Record<string, unknown> {
  return error instanceof Error ? { error: error.name, message: error.message } : { message: String(error) };
}

function cardActivity(card: AdaptiveCard, summary?: string): Activity {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  if (summary) activity.summary = summary.slice(0, 200);
  return activity;
}

/**
 * The Teams agent on the Microsoft 365 Agents SDK: a CloudAdapter (JWT validation when a client id is
 * configured) and an AgentApplication whose routes answer questions (personal chat, channel @mentions,
 * group chats) and Approve / Dismiss clicks (Action.Execute invokes and the Action.Submit fallback).
 */
export function createTeamsApp(
  deps: TeamsAppDependencies,
  config: TeamsConfig,
  options: TeamsAppOptions = {},
): TeamsApp {
  const log: TeamsLog = deps.log ?? (() => {});
  const clock = deps.clock ?? (() => new Date());
  const generateId = deps.generateId ?? (() => randomUUID());
  const anonymous = isAnonymous(config);
  const inlineBudgetMs = options.inlineBudgetMs ?? DEFAULT_INLINE_BUDGET_MS;
  const adapter = new CloudAdapter(toAuthConfiguration(config));
  adapter.onTurnError = async (context, error) => {
    const reference = generateId().slice(0, 8);
    log({
      level: 'error',
      event: 'teams.turn_failed',
      reference,
      type: context.activity.type,
      ...describeError(error),
    });
    if (context.activity.type === ActivityTypes.Message) {
      await context.sendActivity(cardActivity(renderErrorCard(reference))).catch(() => {});
    }
  };
  const agent = new AgentApplication<TurnState>({
    adapter,
    removeRecipientMention: true,
    startTypingTimer: false,
  });
  const inFlight = new Set<Promise<void>>();
  // Proactive sends need the bot's identity: its app id when authenticated, none in local mode.
  const botIdentity: Parameters<CloudAdapter['continueConversation']>[0] = config.clientId ?? {};

  const track = (work: Promise<void>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };

  async function chartFor(answer: Answer, reference: string): Promise<ChartImage | undefined> {
    const request = answer.charts[0];
    if (!request || !deps.renderChart) return undefined;
    try {
      // Hosted images can be sharp (2×, still ≤ 1024 px); data URIs stay small at 1×.
      const rendered = await deps.renderChart(request, options.chartHost ? 2 : 1);
      const url = options.chartHost
        ? options.chartHost.put(rendered.png)
        : `data:image/png;base64,${Buffer.from(rendered.png).toString('base64')}`;
      return { url, altText: rendered.altText, title: request.title };
    } catch (error) {
      // An answer without its picture is still an answer.
      log({ level: 'warn', event: 'teams.chart_failed', reference, ...describeError(error) });
      return undefined;
    }
  }

  async function sendAnswer(context: TurnContext, answer: Answer, reference: string): Promise<number> {
    const chart = await chartFor(answer, reference);
    const base = generateId()
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 24);
    const cardKey = answer.recommendations.length > 0 ? (index: number) => `c${base}-${index}` : undefined;
    const cards = renderAnswerCards(answer, { chart, cardKey });
    for (const [index, card] of cards.entries()) {
      const hasButtons = card.body.some(
        (element) => element.type === 'Container' && isRecommendationContainerId(element.id),
      );
      if (cardKey && hasButtons) await storeCard(deps.stateStore, cardKey(index), card, clock());
      await context.sendActivity(cardActivity(card, index === 0 ? answer.text : undefined));
    }
    return cards.length;
  }

  async function answerLater(
    conversationId: string,
    answer: Promise<Answer>,
    reference: string,
    started: number,
  ) {
    let result: Answer | undefined;
    let failure: unknown;
    try {
      result = await answer;
    } catch (error) {
      failure = error;
    }
    const stored = await readConversationReference(deps.stateStore, conversationId);
    if (!stored) {
      log({ level: 'error', event: 'teams.reference_missing', reference, conversationId });
      return;
    }
    await adapter.continueConversation(botIdentity, stored, async (context) => {
      if (result) {
        const cards = await sendAnswer(context, result, reference);
        log({
          level: 'info',
          event: 'teams.answered',
          reference,
          proactive: true,
          cards,
          ms: clock().getTime() - started,
        });
      } else {
        log({ level: 'error', event: 'teams.answer_failed', reference, ...describeError(failure) });
        await context.sendActivity(cardActivity(renderErrorCard(reference)));
      }
    });
  }

  async function onDigestCommand(context: TurnContext, args: string): Promise<void> {
    const activity = context.activity;
    if (!deps.catalog) {
      await context.sendActivity(
        cardActivity(digestErrorCard('digests are not set up in this deployment (no cost data catalog)')),
      );
      return;
    }
    const conversationId = digestConversationId(activity);
    const now = clock();
    const result = await runDigestCommand({
      args,
      channel: { platform: 'teams', workspace: tenantOf(activity), channel: conversationId },
      createdBy: activity.from?.aadObjectId ?? activity.from?.id ?? 'unknown',
      subscriptions: createSubscriptionStore(deps.stateStore, { now: clock }),
      catalog: await deps.catalog(),
      today: toDay(deps.today?.() ?? now),
      now,
    });
    if (result.posts) {
      // The poster finds the conversation by the subscription's channel; no activity id: a new post, not a reply.
      const { activityId: _reply, ...reference } = activity.getConversationReference();
      await storeConversationReference(
        deps.stateStore,
        { ...reference, conversation: { ...reference.conversation, id: conversationId } },
        now,
      );
    }
    log({
      level: 'info',
      event: 'teams.digest_command',
      ok: result.ok,
      subscription: result.subscription?.id,
    });
    await context.sendActivity(cardActivity(result.card));
  }

  async function onQuestion(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const question = questionText(activity);
    if (!question || /^(help|\?)$/i.test(question)) {
      await context.sendActivity(HELP);
      return;
    }
    if (DIGEST_COMMAND.test(question)) {
      await onDigestCommand(context, question.replace(DIGEST_COMMAND, ''));
      return;
    }
    const reference = generateId().slice(0, 8);
    const started = clock().getTime();
    const conversationId = activity.conversation?.id ?? '';
    const contextId = `teams:${conversationId}`;
    await context.sendActivity(Activity.fromObject({ type: ActivityTypes.Typing }));
    const answer = deps.orchestrator.ask({
      question,
      contextId,
      userId: activity.from?.aadObjectId ?? activity.from?.id,
      ...(options.turnTimeoutMs ? { timeoutMs: options.turnTimeoutMs } : {}),
    });
    // Settled here so a late failure is never an unhandled rejection while the turn is waiting.
    answer.catch(() => {});
    const budget = deadline(inlineBudgetMs);
    const first = await Promise.race([answer.then((value) => ({ value })), budget.reached])
      .catch((error: unknown) => ({ error }))
      .finally(() => budget.cancel());
    if (first !== 'timeout' && 'value' in first) {
      const cards = await sendAnswer(context, first.value, reference);
      log({
        level: 'info',
        event: 'teams.answered',
        reference,
        proactive: false,
        cards,
        ms: clock().getTime() - started,
      });
      return;
    }
    if (first !== 'timeout') {
      log({ level: 'error', event: 'teams.answer_failed', reference, ...describeError(first.error) });
      await context.sendActivity(cardActivity(renderErrorCard(reference)));
      return;
    }
    const preview = await deps.orchestrator.preview({ question, contextId });
    const conversationReference: ConversationReference = activity.getConversationReference();
    await storeConversationReference(deps.stateStore, conversationReference, clock());
    await context.sendActivity(`${preview} I will post the answer here when it is ready.`);
    log({ level: 'info', event: 'teams.placeholder_sent', reference, ms: clock().getTime() - started });
    track(
      answerLater(conversationId, answer, reference, started).catch((error: unknown) =>
        log({ level: 'error', event: 'teams.proactive_failed', reference, ...describeError(error) }),
      ),
    );
  }

  const decide = (verb: Verb) => async (context: TurnContext, data: unknown) =>
    handleDecision(context, verb, data, deps, { anonymous, log });

  for (const verb of [VERBS.approve, VERBS.dismiss] as const) {
    // Action.Execute: the SDK hands over the whole action ({ type, verb, data }); the data is ours.
    agent.adaptiveCards.actionExecute<{ data?: unknown }>(verb, async (context, _state, action) => {
      const { card } = await decide(verb)(context, action.data);
      return card;
    });
  }
  // Action.Submit (clients without Universal Actions) arrives as a message whose value is the button's
  // data. The SDK's actionSubmit() expects an invoke-shaped value ({ type, data }) and throws on this,
  // so the route is ours: same decision, then the card's message is updated in place.
  agent.onActivity(
    async (context) => submittedVerb(context.activity) !== undefined,
    async (context) => {
      const verb = submittedVerb(context.activity) as Verb;
      const { card } = await decide(verb)(context, context.activity.value);
      const update = cardActivity(card);
      if (context.activity.replyToId) {
        update.id = context.activity.replyToId;
        await context.updateActivity(update);
      } else {
        await context.sendActivity(update);
      }
    },
  );
  agent.onActivity(ActivityTypes.Message, async (context) => onQuestion(context));
  agent.onConversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient?.id;
    if (context.activity.membersAdded?.some((member) => member.id === botId)) {
      await context.sendActivity(cardActivity(adaptiveCard([{ type: 'TextBlock', text: HELP, wrap: true }])));
    }
  });

  return {
    adapter,
    agent,
    async drain() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    async postAnswer(reference, answer) {
      let sent = 0;
      await adapter.continueConversation(botIdentity, reference, async (context) => {
        // The SDK gives the continuation a random id and replies to it; a reference without an
        // activity id means a new post (Bot Connector "send to conversation"), as a digest is.
        if (!reference.activityId) context.activity.id = undefined;
        sent = await sendAnswer(context, answer, generateId().slice(0, 8));
      });
      return sent;
    },
  };
}
