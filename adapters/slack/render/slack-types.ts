import type { types } from '@slack/bolt';

/** Slack's own block and view types (from @slack/types, re-exported by @slack/bolt), so renders go straight to the WebClient. */
export type Block = types.KnownBlock;
export type ModalView = types.ModalView;
export type HomeView = types.HomeView;

/** One chat.postMessage / chat.update payload: `text` is the notification and accessibility fallback. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}
