import type { TurnContext } from '@microsoft/agents-hosting';
import { z } from 'zod';
import { toDay } from '../../src/domain/index.ts';
import {
  type Actor,
  type DecisionAction,
  type DecisionResult,
  RECOMMENDATION_PARTITION,
  type StoredRecommendation,
  storedRecommendationSchema,
} from '../../src/recommendations/decisions/index.ts';
import { toRecommendationSummary } from '../../src/recommendations/index.ts';
import type { StateStore } from '../../src/state/index.ts';
import { readCard, storeCard } from './card-store.ts';
import { type AdaptiveCard, adaptiveCard, type CardElement } from './render/adaptive-card.ts';
import {
  closedRecommendationContainer,
  containerId,
  decidedRecommendationContainer,
  isRecommendationContainerId,
  openRecommendationContainer,
  reasonInputId,
  recommendationIdOfContainer,
  snoozeInputId,
  VERBS,
} from './render/recommendation-container.ts';
import type { TeamsAppDependencies, TeamsLog } from './teams-app-dependencies.ts';

/**
 * What an Approve / Dismiss click carries: Action.Execute puts the card's inputs beside the action's
 * data; the Action.Submit fallback sends the same as the message's value. Only the id is trusted to
 * name something, and decide() still looks it up.
 */
const clickSchema = z.looseObject({
  recommendationId: z.string().min(1).max(200),
  cardKey: z.string().max(100).optional(),
});

export type Verb = (typeof VERBS)[keyof typeof VERBS];

export interface DecisionOutcome {
  /** The card to show in place of the clicked one. */
  card: AdaptiveCard;
  result?: DecisionResult | undefined;
}

function teamsActor(context: TurnContext, anonymous: boolean): Actor | undefined {
  const from = context.activity.from;
  // Entra object ids are what approver lists hold for Teams; local mode (the Playground) may not send one.
  const id = from?.aadObjectId ?? (anonymous ? from?.id : undefined);
  if (!id) return undefined;
  return { id, ...(from?.name ? { displayName: from.name.slice(0, 200) } : {}), platform: 'teams' };
}

function decisionScope(context: TurnContext): { workspace?: string; channel?: string } {
  const activity = context.activity;
  const channelData = z
    .looseObject({
      tenant: z.looseObject({ id: z.string() }).optional(),
      channel: z.looseObject({ id: z.string() }).optional(),
    })
    .safeParse(activity.channelData ?? {});
  const tenant =
    activity.conversation?.tenantId ?? (channelData.success ? channelData.data.tenant?.id : undefined);
  const channel =
    (channelData.success ? channelData.data.channel?.id : undefined) ?? activity.conversation?.id;
  return { ...(tenant ? { workspace: tenant } : {}), ...(channel ? { channel } : {}) };
}

function chosenAction(
  verb: Verb,
  data: Record<string, unknown>,
  recommendationId: string,
  today: Date,
): DecisionAction {
  if (verb === VERBS.approve) return { type: 'approve' };
  const snooze = data[snoozeInputId(recommendationId)];
  const days = typeof snooze === 'string' && /^\d{1,3}$/.test(snooze) ? Number(snooze) : 0;
  if (days > 0) return { type: 'snooze', until: toDay(new Date(today.getTime() + days * 86_400_000)) };
  return { type: 'dismiss' };
}

async function readStored(store: StateStore, id: string): Promise<StoredRecommendation | undefined> {
  const item = await store.get(RECOMMENDATION_PARTITION, id);
  const parsed = item ? storedRecommendationSchema.safeParse(item.value) : undefined;
  return parsed?.success ? parsed.data : undefined;
}

/** The container for the clicked item, by what decide() said. */
function clickedContainer(
  result: DecisionResult,
  recommendationId: string,
  cardKey: string | undefined,
): CardElement {
  if (result.outcome === 'applied') return decidedRecommendationContainer(result.recommendation);
  const stored = result.recommendation;
  if (!stored) {
    return {
      type: 'Container',
      id: containerId(recommendationId),
      items: [{ type: 'TextBlock', text: result.message, wrap: true, color: 'Attention' }],
    };
  }
  switch (result.code) {
    case 'already_decided':
      return decidedRecommendationContainer(stored, 'Already ');
    case 'stale':
    case 'not_found':
      return closedRecommendationContainer(toRecommendationSummary(stored), result.message);
    default:
      // Not allowed, or bad input: nothing changed, so the buttons stay, with the reason above them.
      return openRecommendationContainer(toRecommendationSummary(stored), {
        cardKey,
        notice: result.message,
      });
  }
}

/**
 * The stored card with the clicked container replaced and every other decided item shown as decided
 * (someone may have decided it since), or the clicked item alone when the card is not stored.
 */
async function refreshedCard(
  store: StateStore,
  cardKey: string | undefined,
  recommendationId: string,
  clicked: CardElement,
): Promise<AdaptiveCard> {
  const stored = cardKey ? await readCard(store, cardKey) : undefined;
  if (!stored) return adaptiveCard([clicked]);
  const body: CardElement[] = [];
  for (const element of stored.body) {
    if (element.type !== 'Container' || !isRecommendationContainerId(element.id)) {
      body.push(element);
      continue;
    }
    // Cards stored before the id change name containers `rec-rec-…`; both forms are found.
    const id = recommendationIdOfContainer(element.id);
    if (id === recommendationId) {
      body.push(clicked);
    } else {
      const other = await readStored(store, id);
      body.push(other?.decision && other.status !== 'open' ? decidedRecommendationContainer(other) : element);
    }
  }
  // Rebuilt rather than spread, so a stored card's `msteams: { width: 'Full' }` does not come back.
  return adaptiveCard(body);
}

/**
 * One Approve / Dismiss click, from an Action.Execute invoke or an Action.Submit message: decide() with
 * the clicker's Entra object id, then the refreshed card. Authorisation and concurrency are decide()'s.
 */
export async function handleDecision(
  context: TurnContext,
  verb: Verb,
  rawData: unknown,
  deps: TeamsAppDependencies,
  options: { anonymous: boolean; log: TeamsLog },
): Promise<DecisionOutcome> {
  const parsed = clickSchema.safeParse(rawData);
  if (!parsed.success) {
    options.log({ level: 'warn', event: 'teams.decision_bad_payload', verb });
    return {
      card: adaptiveCard([
        {
          type: 'TextBlock',
          text: 'That button did not say which recommendation it is for; ask again for a fresh card.',
          wrap: true,
          color: 'Attention',
        },
      ]),
    };
  }
  const data = parsed.data;
  const actor = teamsActor(context, options.anonymous);
  if (!actor) {
    const stored = await readStored(deps.stateStore, data.recommendationId);
    const why = 'Teams did not say who you are (no Entra object id on the click), so nothing was changed.';
    return {
      card: adaptiveCard([
        stored
          ? openRecommendationContainer(toRecommendationSummary(stored), {
              cardKey: data.cardKey,
              notice: why,
            })
          : { type: 'TextBlock', text: why, wrap: true, color: 'Attention' },
      ]),
    };
  }
  const today = (deps.today ?? (() => new Date()))();
  const reasonValue = data[reasonInputId(data.recommendationId)];
  const reason = typeof reasonValue === 'string' && reasonValue.trim() ? reasonValue.trim() : undefined;
  const result = await deps.recommendations.decide({
    recommendationId: data.recommendationId,
    action: chosenAction(verb, data, data.recommendationId, today),
    actor,
    ...(reason && verb === VERBS.dismiss ? { reason } : {}),
    scope: decisionScope(context),
  });
  options.log({
    level: result.outcome === 'applied' ? 'info' : 'warn',
    event: 'teams.decision',
    verb,
    recommendationId: data.recommendationId,
    actor: actor.id,
    outcome: result.outcome,
    ...(result.outcome === 'refused' ? { code: result.code } : {}),
  });
  const clicked = clickedContainer(result, data.recommendationId, data.cardKey);
  const card = await refreshedCard(deps.stateStore, data.cardKey, data.recommendationId, clicked);
  if (data.cardKey && result.outcome === 'applied') {
    // The stored card follows, so a later click elsewhere on it shows this decision too.
    await storeCard(deps.stateStore, data.cardKey, card, (deps.clock ?? (() => new Date()))());
  }
  return { card, result };
}
