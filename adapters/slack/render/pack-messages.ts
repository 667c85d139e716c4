import { blocksTextLength, MAX_BLOCKS } from './block-kit-limits.ts';
import type { Block } from './slack-types.ts';

/**
 * How much block text one message may carry. Slack's cumulative limit is undocumented (about 12,000
 * characters, and one report failed at 11,341 measured), so messages are packed well below it.
 */
export const MESSAGE_TEXT_BUDGET = 9000;
/** What a block's container costs towards the cumulative limit, as an allowance. */
const BLOCK_OVERHEAD = 40;

function weight(blocks: readonly Block[]): number {
  return blocksTextLength(blocks) + blocks.length * BLOCK_OVERHEAD;
}

/**
 * Blocks that belong together (a card, a text section) packed in order into as few messages as
 * fit: each at most 50 blocks and under the text budget. A unit is never split across messages.
 */
export function packUnits(units: readonly (readonly Block[])[]): Block[][] {
  const messages: Block[][] = [];
  let current: Block[] = [];
  let currentWeight = 0;
  for (const unit of units) {
    if (unit.length === 0) continue;
    const unitWeight = weight(unit);
    const fits =
      current.length + unit.length <= MAX_BLOCKS.message && currentWeight + unitWeight <= MESSAGE_TEXT_BUDGET;
    if (!fits && current.length > 0) {
      messages.push(current);
      current = [];
      currentWeight = 0;
    }
    current.push(...unit);
    currentWeight += unitWeight;
  }
  if (current.length > 0) messages.push(current);
  return messages;
}
