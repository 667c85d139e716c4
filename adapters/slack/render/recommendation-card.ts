import { createHash } from 'node:crypto';
import type { RecommendationSummary } from '../../../src/domain/index.ts';
import type { StoredRecommendation } from '../../../src/recommendations/index.ts';
import { ACTIONS } from './action-ids.ts';
import { MAX_BUTTON_VALUE, MAX_SECTION_TEXT, MAX_TEXT_OBJECT } from './block-kit-limits.ts';
import { formatAmount, formatUtcDay, formatUtcTime } from './format-values.ts';
import { escapeAndTruncate, escapeMrkdwn, mentionUser, truncate } from './mrkdwn.ts';
import type { Block } from './slack-types.ts';

/** A decision as a card shows it. `by` is a Slack user id, rendered as a mention. */
export interface DecisionView {
  action: 'approve' | 'dismiss' | 'snooze';
  by: string;
  /** ISO timestamp. */
  at: string;
  reason?: string | undefined;
  /** Snoozes only: a day (YYYY-MM-DD) or ISO timestamp. */
  until?: string | undefined;
}

/** The view of a stored decision, for cards re-rendered after `decide()`. */
export function toDecisionView(decision: NonNullable<StoredRecommendation['decision']>): DecisionView {
  return {
    action: decision.action,
    by: decision.actor.id,
    at: decision.at,
    reason: decision.reason,
    until: decision.snoozeUntil,
  };
}

/**
 * The block_id prefix of a recommendation's card, so the app can find a card in a message. Ids the
 * system makes (`rec-` + 16 hex) are used as they are; anything else is hashed to stay short and safe.
 */
export function cardBlockId(recommendationId: string): string {
  const key = /^[A-Za-z0-9_.-]{1,100}$/.test(recommendationId)
    ? recommendationId
    : `h${createHash('sha256').update(recommendationId).digest('hex').slice(0, 16)}`;
  return `rec_${key}`;
}

const LEVEL_ICON = { low: '🟢', medium: '🟡', high: '🔴' } as const;

function summaryText(summary: RecommendationSummary): string {
  const title = `*${escapeAndTruncate(summary.title, 300)}*`;
  const where = [
    summary.service,
    summary.accountName && summary.account
      ? `${summary.accountName} (${summary.account})`
      : (summary.accountName ?? summary.account),
    summary.region,
    summary.resourceName ?? summary.resourceId,
  ]
    .filter((part): part is string => typeof part === 'string' && part.length > 0)
    .map((part) => escapeAndTruncate(part, 200));
  const savings = `Saves *${escapeMrkdwn(formatAmount(summary.estimatedMonthlySavings, summary.currency))} / month*`;
  return truncate([title, [savings, ...where].join(' · ')].join('\n'), MAX_SECTION_TEXT);
}

function detailElements(summary: RecommendationSummary): Array<{ type: 'mrkdwn'; text: string }> {
  const elements: Array<{ type: 'mrkdwn'; text: string }> = [];
  if (summary.evidence) {
    elements.push({
      type: 'mrkdwn',
      text: `📊 ${escapeAndTruncate(summary.evidence, MAX_TEXT_OBJECT - 10)}`,
    });
  }
  const levels = [
    summary.effort ? `Effort: ${LEVEL_ICON[summary.effort]} ${summary.effort}` : undefined,
    summary.risk ? `Risk: ${LEVEL_ICON[summary.risk]} ${summary.risk}` : undefined,
  ].filter((part): part is string => part !== undefined);
  if (levels.length > 0) elements.push({ type: 'mrkdwn', text: levels.join(' · ') });
  return elements;
}

function cardBody(summary: RecommendationSummary): Block[] {
  const id = cardBlockId(summary.id);
  const blocks: Block[] = [
    { type: 'section', block_id: id, text: { type: 'mrkdwn', text: summaryText(summary) } },
  ];
  const details = detailElements(summary);
  if (details.length > 0) blocks.push({ type: 'context', block_id: `${id}_details`, elements: details });
  return blocks;
}

const PAST = { approve: '✅ Approved', dismiss: '🚫 Dismissed', snooze: '💤 Snoozed' } as const;

function decisionLine(decision: DecisionView): string {
  const when = formatUtcTime(decision.at) ?? escapeAndTruncate(decision.at, 40);
  const untilDay = decision.until
    ? (formatUtcDay(decision.until) ?? escapeAndTruncate(decision.until, 40))
    : '';
  const until = decision.action === 'snooze' && untilDay ? ` until ${untilDay}` : '';
  return `${PAST[decision.action]}${until} by ${mentionUser(decision.by)} on ${when}`;
}

const STATUS_LINE = {
  approved: '✅ Already approved',
  dismissed: '🚫 Already dismissed',
  snoozed: '💤 Snoozed',
} as const;

/**
 * One recommendation as a card: bold title with the monthly saving and where it applies, a line of
 * evidence with effort and risk, then Approve / Dismiss / Details. Buttons carry the recommendation id
 * only. A recommendation that is no longer open gets no buttons.
 */
export function renderRecommendationCard(summary: RecommendationSummary): Block[] {
  const blocks = cardBody(summary);
  const id = cardBlockId(summary.id);
  if (summary.status !== 'open') {
    blocks.push({
      type: 'context',
      block_id: `${id}_decision`,
      elements: [{ type: 'mrkdwn', text: STATUS_LINE[summary.status] }],
    });
    return blocks;
  }
  if (summary.id.length === 0 || summary.id.length > MAX_BUTTON_VALUE) {
    blocks.push({
      type: 'context',
      block_id: `${id}_decision`,
      elements: [
        { type: 'mrkdwn', text: 'This recommendation cannot be decided from Slack: its id is not usable.' },
      ],
    });
    return blocks;
  }
  blocks.push({
    type: 'actions',
    block_id: `${id}_actions`,
    elements: [
      {
        type: 'button',
        action_id: ACTIONS.approve,
        style: 'primary',
        value: summary.id,
        text: { type: 'plain_text', text: 'Approve' },
      },
      {
        type: 'button',
        action_id: ACTIONS.dismiss,
        value: summary.id,
        text: { type: 'plain_text', text: 'Dismiss' },
      },
      {
        type: 'button',
        action_id: ACTIONS.details,
        value: summary.id,
        text: { type: 'plain_text', text: 'Details' },
      },
    ],
  });
  return blocks;
}

/**
 * The card after a decision: the same title, saving and evidence, no buttons, and who decided when
 * ("✅ Approved by <@U123> on 24 Nov 2026 14:05 UTC"), with the reason quoted when there is one.
 */
export function renderDecidedCard(summary: RecommendationSummary, decision: DecisionView): Block[] {
  const blocks = cardBody(summary);
  const elements: Array<{ type: 'mrkdwn'; text: string }> = [
    { type: 'mrkdwn', text: decisionLine(decision) },
  ];
  if (decision.reason && decision.reason.trim().length > 0) {
    elements.push({
      type: 'mrkdwn',
      text: `Reason: ${escapeAndTruncate(decision.reason.trim(), MAX_TEXT_OBJECT - 10)}`,
    });
  }
  blocks.push({ type: 'context', block_id: `${cardBlockId(summary.id)}_decision`, elements });
  return blocks;
}
