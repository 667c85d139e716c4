/**
 * The identifiers the Bolt app listens for. Approve, Dismiss and Details buttons carry the
 * recommendation id as their only value: the app looks the recommendation up and trusts nothing
 * else in an interaction payload.
 */
export const ACTIONS = {
  approve: 'finops_approve',
  dismiss: 'finops_dismiss',
  details: 'finops_details',
  showMore: 'finops_show_more',
} as const;

export type FinopsActionId = (typeof ACTIONS)[keyof typeof ACTIONS];

export const DISMISS_MODAL_CALLBACK = 'finops_dismiss_modal';

/** block_id and action_id of the dismiss modal's inputs, as they come back in `view.state.values`. */
export const DISMISS_MODAL_FIELDS = {
  reason: { blockId: 'reason', actionId: 'reason' },
  snooze: { blockId: 'snooze', actionId: 'snooze' },
} as const;

/** The snooze select's option values; `none` dismisses for good. */
export const SNOOZE_CHOICES = ['none', '7', '30', '90'] as const;
export type SnoozeChoice = (typeof SNOOZE_CHOICES)[number];

export function isSnoozeChoice(value: unknown): value is SnoozeChoice {
  return typeof value === 'string' && (SNOOZE_CHOICES as readonly string[]).includes(value);
}

/**
 * The "show more" button's value: `<key>:<offset>`. `key` names the answer the app stored (see
 * `answerKey`); `offset` is the index of the first recommendation not shown yet.
 */
export function showMoreValue(key: string, offset: number): string {
  return `${key}:${offset}`;
}

export function parseShowMoreValue(value: string): { key: string; offset: number } | undefined {
  const match = /^([A-Za-z0-9_-]{1,64}):(\d{1,6})$/.exec(value);
  if (!match?.[1] || !match[2]) return undefined;
  return { key: match[1], offset: Number(match[2]) };
}
