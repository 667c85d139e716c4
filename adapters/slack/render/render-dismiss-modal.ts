import { FinopsError } from '../../../src/errors.ts';
import { DISMISS_MODAL_CALLBACK, DISMISS_MODAL_FIELDS, type SnoozeChoice } from './action-ids.ts';
import { MAX_PRIVATE_METADATA, MAX_SECTION_TEXT } from './block-kit-limits.ts';
import { escapeAndTruncate } from './mrkdwn.ts';
import type { ModalView } from './slack-types.ts';

/** Matches decide()'s limit, so a reason Slack accepts is never refused afterwards. */
export const MAX_DISMISS_REASON = 2000;

const SNOOZE_LABELS: Record<SnoozeChoice, string> = {
  none: "Don't snooze: dismiss for good",
  '7': 'Snooze for 7 days',
  '30': 'Snooze for 30 days',
  '90': 'Snooze for 90 days',
};

function option(choice: SnoozeChoice) {
  return { text: { type: 'plain_text' as const, text: SNOOZE_LABELS[choice] }, value: choice };
}

/**
 * The modal Dismiss opens: a required reason and an optional snooze period. `privateMetadata` is
 * the app's (it comes back in `view_submission`); it should name the recommendation and the message
 * to update, and the app must look the recommendation up again rather than trust it.
 */
export function renderDismissModal(input: {
  recommendationId: string;
  title: string;
  privateMetadata: string;
}): ModalView {
  if (input.privateMetadata.length > MAX_PRIVATE_METADATA) {
    throw new FinopsError(
      'finops_invalid_input',
      `private_metadata is ${input.privateMetadata.length} characters; Slack allows ${MAX_PRIVATE_METADATA}. Store the context and pass its key instead`,
    );
  }
  const { reason, snooze } = DISMISS_MODAL_FIELDS;
  return {
    type: 'modal',
    callback_id: DISMISS_MODAL_CALLBACK,
    private_metadata: input.privateMetadata,
    title: { type: 'plain_text', text: 'Dismiss recommendation' },
    submit: { type: 'plain_text', text: 'Dismiss' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `You are dismissing *${escapeAndTruncate(input.title, MAX_SECTION_TEXT - 100)}*.`,
        },
      },
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: `Recommendation \`${escapeAndTruncate(input.recommendationId, 200)}\`` },
        ],
      },
      {
        type: 'input',
        block_id: reason.blockId,
        label: { type: 'plain_text', text: 'Why?' },
        hint: { type: 'plain_text', text: 'Kept in the audit log with your name.' },
        element: {
          type: 'plain_text_input',
          action_id: reason.actionId,
          multiline: true,
          max_length: MAX_DISMISS_REASON,
          placeholder: {
            type: 'plain_text',
            text: 'e.g. this instance is a standby for the quarter-end batch',
          },
        },
      },
      {
        type: 'input',
        block_id: snooze.blockId,
        label: { type: 'plain_text', text: 'Snooze' },
        hint: { type: 'plain_text', text: 'A snoozed recommendation comes back when the period ends.' },
        element: {
          type: 'static_select',
          action_id: snooze.actionId,
          initial_option: option('none'),
          options: [option('none'), option('7'), option('30'), option('90')],
        },
      },
    ],
  };
}
