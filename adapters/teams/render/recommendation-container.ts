import type { RecommendationSummary } from '../../../src/domain/index.ts';
import {
  describeDecision,
  type StoredRecommendation,
  toRecommendationSummary,
} from '../../../src/recommendations/index.ts';
import { formatAmount } from '../../slack/render/format-values.ts';
import type { CardElement, ExecuteAction, ShowCardAction } from './adaptive-card.ts';

/** The Action.Execute verbs (and Action.Submit `verb` values) the bot answers. */
export const VERBS = { approve: 'approve', dismiss: 'dismiss' } as const;

/**
 * Container ids tie a recommendation to its place in a stored card, so a refresh can re-render it. The
 * recommendation id (`rec-` + 16 hex) is already unique on the card and says what the container is.
 */
export const containerId = (recommendationId: string) => recommendationId;

/** Cards stored before container ids were the recommendation id put another `rec-` before it. */
const LEGACY_CONTAINER_PREFIX = 'rec-rec-';

/** Whether a body element's id marks a recommendation container (current or legacy form). */
export const isRecommendationContainerId = (id: string | undefined): id is string =>
  typeof id === 'string' && id.startsWith('rec-');

/** The recommendation a container id names, for the current `rec-…` and the legacy `rec-rec-…` form. */
export const recommendationIdOfContainer = (id: string): string =>
  id.startsWith(LEGACY_CONTAINER_PREFIX) ? id.slice('rec-'.length) : id;
export const reasonInputId = (recommendationId: string) => `reason-${recommendationId}`;
export const snoozeInputId = (recommendationId: string) => `snooze-${recommendationId}`;

/** The Dismiss ChoiceSet: dismiss for good, or snooze for a number of days. */
export const SNOOZE_CHOICES = [
  { title: 'Dismiss for good', value: 'dismiss' },
  { title: 'Snooze 30 days', value: '30' },
  { title: 'Snooze 90 days', value: '90' },
] as const;

const MAX_TITLE = 300;
const MAX_REASON = 2000;

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** What the action carries: the recommendation it is about and, for Submit, which card to refresh. */
export interface ActionData {
  recommendationId: string;
  /** The stored card this action sits in (see card-store.ts); absent on cards not stored. */
  cardKey?: string | undefined;
}

function action(
  verb: string,
  title: string,
  data: ActionData,
  style: 'positive' | 'destructive',
): ExecuteAction {
  const payload = {
    recommendationId: data.recommendationId,
    ...(data.cardKey ? { cardKey: data.cardKey } : {}),
  };
  return {
    type: 'Action.Execute',
    title,
    verb,
    data: payload,
    style,
    // Clients without Universal Actions send a message activity whose value is this data instead.
    fallback: { type: 'Action.Submit', title, data: { verb, ...payload } },
  };
}

function where(summary: RecommendationSummary): string {
  const account =
    summary.accountName && summary.account
      ? `${summary.accountName} (${summary.account})`
      : (summary.accountName ?? summary.account);
  return [summary.service, account, summary.region, summary.resourceName ?? summary.resourceId]
    .filter((part): part is string => typeof part === 'string' && part.length > 0)
    .map((part) => cut(part, 200))
    .join(' · ');
}

function describeLevels(summary: RecommendationSummary): string | undefined {
  const parts = [
    summary.effort ? `Effort: ${summary.effort}` : '',
    summary.risk ? `Risk: ${summary.risk}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

function summaryElements(summary: RecommendationSummary): CardElement[] {
  const levels = describeLevels(summary);
  return [
    { type: 'TextBlock', text: cut(summary.title, MAX_TITLE), weight: 'Bolder', wrap: true },
    {
      type: 'TextBlock',
      text: `Saves **${formatAmount(summary.estimatedMonthlySavings, summary.currency)} / month** · ${where(summary)}`,
      wrap: true,
      spacing: 'Small',
    },
    ...(summary.evidence
      ? [
          {
            type: 'TextBlock',
            text: cut(summary.evidence, 500),
            wrap: true,
            isSubtle: true,
            spacing: 'Small',
          } as const,
        ]
      : []),
    ...(levels
      ? [{ type: 'TextBlock', text: levels, wrap: true, isSubtle: true, spacing: 'Small' } as const]
      : []),
  ];
}

/**
 * Dismiss behind a "Dismiss…" button, so an answer with many recommendations stays short: the reason and
 * the snooze choice only show once it is opened. Its Dismiss button sits inside the revealed card, because
 * a button on the parent card would not gather inputs from a ShowCard (Adaptive Cards 1.5 schema).
 */
function dismissCard(recommendationId: string, data: ActionData): ShowCardAction {
  return {
    type: 'Action.ShowCard',
    title: 'Dismiss…',
    card: {
      type: 'AdaptiveCard',
      body: [
        {
          type: 'Input.Text',
          id: reasonInputId(recommendationId),
          label: 'Reason',
          placeholder: 'Why it does not apply, e.g. "batch host, idle by design"',
          maxLength: MAX_REASON,
        },
        {
          type: 'Input.ChoiceSet',
          id: snoozeInputId(recommendationId),
          label: 'Dismiss for',
          style: 'compact',
          value: 'dismiss',
          choices: SNOOZE_CHOICES.map((choice) => ({ ...choice })),
        },
      ],
      actions: [action(VERBS.dismiss, 'Dismiss', data, 'destructive')],
    },
  };
}

/** One recommendation with Approve, and Dismiss (reason, snooze) behind a "Dismiss…" button. */
export function openRecommendationContainer(
  summary: RecommendationSummary,
  options: { cardKey?: string | undefined; notice?: string | undefined } = {},
): CardElement {
  const data: ActionData = { recommendationId: summary.id, cardKey: options.cardKey };
  return {
    type: 'Container',
    id: containerId(summary.id),
    separator: true,
    spacing: 'Medium',
    items: [
      ...summaryElements(summary),
      ...(options.notice
        ? [{ type: 'TextBlock', text: cut(options.notice, 1000), wrap: true, color: 'Attention' } as const]
        : []),
      {
        type: 'ActionSet',
        actions: [action(VERBS.approve, 'Approve', data, 'positive'), dismissCard(summary.id, data)],
      },
    ],
  };
}

const OUTCOME_COLOUR = { approved: 'Good', dismissed: 'Warning', snoozed: 'Warning' } as const;

/** A decided recommendation: what was decided, by whom and when; no buttons. */
export function decidedRecommendationContainer(stored: StoredRecommendation, prefix?: string): CardElement {
  const summaryStatus = stored.status === 'open' ? undefined : stored.status;
  const decision = stored.decision;
  const line = `${prefix ?? ''}${prefix ? describeDecision(stored) : capitalise(describeDecision(stored))}.`;
  return {
    type: 'Container',
    id: containerId(stored.recommendation.id),
    separator: true,
    spacing: 'Medium',
    items: [
      ...summaryElements(toRecommendationSummary(stored)),
      {
        type: 'TextBlock',
        text: line,
        wrap: true,
        weight: 'Bolder',
        color: summaryStatus ? OUTCOME_COLOUR[summaryStatus] : 'Default',
      },
      ...(decision?.reason
        ? [
            {
              type: 'TextBlock',
              text: `Reason: ${cut(decision.reason, 1000)}`,
              wrap: true,
              isSubtle: true,
            } as const,
          ]
        : []),
    ],
  };
}

/** A recommendation that can no longer be decided (stale, gone): why, and no buttons. */
export function closedRecommendationContainer(summary: RecommendationSummary, why: string): CardElement {
  return {
    type: 'Container',
    id: containerId(summary.id),
    separator: true,
    spacing: 'Medium',
    items: [
      ...summaryElements(summary),
      { type: 'TextBlock', text: cut(why, 1000), wrap: true, color: 'Attention' },
    ],
  };
}

function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
