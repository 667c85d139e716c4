import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_BLOCKS_TEXT } from '../../../../adapters/slack/render/block-kit-limits.ts';
import { MESSAGE_TEXT_BUDGET, packUnits } from '../../../../adapters/slack/render/pack-messages.ts';
import type { Block } from '../../../../adapters/slack/render/slack-types.ts';

const divider: Block = { type: 'divider' };
const section = (length: number): Block => ({
  type: 'section',
  text: { type: 'mrkdwn', text: 'x'.repeat(length) },
});

describe('packUnits', () => {
  it('should pack below the cumulative text limit Slack enforces', () => {
    expect(MESSAGE_TEXT_BUDGET).toBeLessThan(MAX_MESSAGE_BLOCKS_TEXT);
  });

  it('should start a new message at 50 blocks and never split a unit', () => {
    const units = Array.from({ length: 30 }, () => [divider, divider]);
    const messages = packUnits(units);
    expect(messages.map((blocks) => blocks.length)).toEqual([50, 10]);
  });

  it('should start a new message before the text budget is passed', () => {
    const messages = packUnits(Array.from({ length: 4 }, () => [section(3000)]));
    expect(messages.map((blocks) => blocks.length)).toEqual([2, 2]);
  });
});
