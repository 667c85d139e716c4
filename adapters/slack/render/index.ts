export {
  ACTIONS,
  DISMISS_MODAL_CALLBACK,
  DISMISS_MODAL_FIELDS,
  type FinopsActionId,
  isSnoozeChoice,
  parseShowMoreValue,
  SNOOZE_CHOICES,
  type SnoozeChoice,
  showMoreValue,
} from './action-ids.ts';
export {
  blocksTextLength,
  checkBlocks,
  checkMessage,
  checkView,
  MAX_ACTION_ID,
  MAX_ACTIONS_ELEMENTS,
  MAX_BLOCK_ID,
  MAX_BLOCKS,
  MAX_BUTTON_TEXT,
  MAX_BUTTON_VALUE,
  MAX_CALLBACK_ID,
  MAX_CONTEXT_ELEMENTS,
  MAX_HEADER_TEXT,
  MAX_IMAGE_ALT_TEXT,
  MAX_IMAGE_TITLE,
  MAX_IMAGE_URL,
  MAX_INPUT_LABEL,
  MAX_MESSAGE_BLOCKS_TEXT,
  MAX_MESSAGE_TEXT,
  MAX_MODAL_BUTTON_TEXT,
  MAX_MODAL_TITLE,
  MAX_PLAIN_TEXT_INPUT_LENGTH,
  MAX_PRIVATE_METADATA,
  MAX_SECTION_FIELD_TEXT,
  MAX_SECTION_FIELDS,
  MAX_SECTION_TEXT,
  type Surface,
} from './block-kit-limits.ts';
export { escapeMrkdwn, markdownToMrkdwn, mentionUser } from './mrkdwn.ts';
export {
  cardBlockId,
  type DecisionView,
  renderDecidedCard,
  renderRecommendationCard,
  toDecisionView,
} from './recommendation-card.ts';
export {
  answerKey,
  type ChartImage,
  DEFAULT_MAX_CARDS,
  type RenderAnswerOptions,
  renderAnswer,
  renderMoreRecommendations,
} from './render-answer.ts';
export { type AppHomeInput, HOME_MAX_CARDS, renderAppHome } from './render-app-home.ts';
export { MAX_DISMISS_REASON, renderDismissModal } from './render-dismiss-modal.ts';
export { renderError, renderHelp } from './render-help.ts';
export type { Block, HomeView, ModalView, SlackMessage } from './slack-types.ts';
