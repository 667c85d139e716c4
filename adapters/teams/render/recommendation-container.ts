import { toRecommendationSummary } from '../../../agents/specialists/recommendation-summary.ts';
import type { RecommendationSummary } from '../../../src/domain/index.ts';
import { describeDecision, type StoredRecommendation } from '../../../src/recommendations/index.ts';
import { formatAmount } from '../../slack/render/format-values.ts';
import type { CardAction, CardElement } from './adaptive-card.ts';

/** The Action.Execute verbs (and Action.Submit `verb` values) the bot answers. */
export const VERBS = { approve: 'approve', dismiss: 'dismiss' } as const;

/** Container ids tie a recommendation to its place in a stored card, so a refresh can re-render it. */
export const containerId = (recommendationId: string) => `rec-${recommendationId}`;
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
): CardAction {
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

/** One recommendation with Approve and Dismiss (reason and snooze inputs for Dismiss). */
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
        type: 'Input.ChoiceSet',
        id: snoozeInputId(summary.id),
        label: 'Dismiss for',
        style: 'compact',
        value: 'dismiss',
        choices: SNOOZE_CHOICES.map((choice) => ({ ...choice })),
      },
      {
        type: 'Input.Text',
        id: reasonInputId(summary.id),
        label: 'Reason (for Dismiss)',
        placeholder: 'Why it does not apply, e.g. "batch host, idle by design"',
        maxLength: MAX_REASON,
      },
      {
        type: 'ActionSet',
        actions: [
          action(VERBS.approve, 'Approve', data, 'positive'),
          action(VERBS.dismiss, 'Dismiss', data, 'destructive'),
        ],
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
