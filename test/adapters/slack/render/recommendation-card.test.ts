import { describe, expect, it } from 'vitest';
import { checkBlocks } from '../../../../adapters/slack/render/block-kit-limits.ts';
import {
  cardBlockId,
  renderDecidedCard,
  renderRecommendationCard,
  toDecisionView,
} from '../../../../adapters/slack/render/recommendation-card.ts';
import type { Block } from '../../../../adapters/slack/render/slack-types.ts';
import { recommendation } from './answers.ts';

function contextTexts(blocks: Block[]): string[] {
  return blocks.flatMap((block) =>
    block.type === 'context'
      ? block.elements.flatMap((element) => ('text' in element ? [element.text] : []))
      : [],
  );
}

describe('renderRecommendationCard', () => {
  it('should pass checkBlocks and use block_ids derived from the recommendation id', () => {
    const blocks = renderRecommendationCard(recommendation(3));
    expect(checkBlocks(blocks, { surface: 'message' })).toEqual([]);
    expect(blocks.map((block) => block.block_id)).toEqual([
      'rec_rec-0000000000000003',
      'rec_rec-0000000000000003_details',
      'rec_rec-0000000000000003_actions',
    ]);
  });

  it('should hash ids that are not safe as block_ids', () => {
    const id = cardBlockId('x'.repeat(500));
    expect(id).toMatch(/^rec_h[0-9a-f]{16}$/);
    expect(cardBlockId('rec-00ff')).toBe('rec_rec-00ff');
  });

  it('should give a recommendation that is no longer open no buttons', () => {
    const blocks = renderRecommendationCard(recommendation(1, { status: 'approved' }));
    expect(blocks.some((block) => block.type === 'actions')).toBe(false);
    expect(contextTexts(blocks)).toContain('✅ Already approved');
  });
});

describe('renderDecidedCard', () => {
  it('should remove the buttons and say who approved it and when', () => {
    const blocks = renderDecidedCard(recommendation(1), {
      action: 'approve',
      by: 'U123',
      at: '2026-11-24T14:05:09.123Z',
    });
    expect(checkBlocks(blocks, { surface: 'message' })).toEqual([]);
    expect(blocks.some((block) => block.type === 'actions')).toBe(false);
    expect(contextTexts(blocks)).toContain('✅ Approved by <@U123> on 24 Nov 2026 14:05 UTC');
  });

  it('should show a dismissal with its reason, escaped', () => {
    const blocks = renderDecidedCard(recommendation(1), {
      action: 'dismiss',
      by: 'W0ABC',
      at: '2026-01-02T03:04:00Z',
      reason: 'standby for <!channel> batch & co',
    });
    expect(contextTexts(blocks)).toEqual(
      expect.arrayContaining([
        '🚫 Dismissed by <@W0ABC> on 2 Jan 2026 03:04 UTC',
        'Reason: standby for &lt;!channel&gt; batch &amp; co',
      ]),
    );
  });

  it('should show a snooze with the day it ends', () => {
    const blocks = renderDecidedCard(recommendation(1), {
      action: 'snooze',
      by: 'U0123ABCD',
      at: '2026-11-24T14:05:00Z',
      until: '2026-12-24',
    });
    expect(contextTexts(blocks)).toContain(
      '💤 Snoozed until 24 Dec 2026 by <@U0123ABCD> on 24 Nov 2026 14:05 UTC',
    );
  });

  it('should not turn a user id that is not a Slack id into a mention', () => {
    const blocks = renderDecidedCard(recommendation(1), {
      action: 'approve',
      by: '!channel>',
      at: 'not a time <',
    });
    expect(contextTexts(blocks)).toContain('✅ Approved by !channel&gt; on not a time &lt;');
  });

  it('should keep a 10,000-character reason within the limits', () => {
    const blocks = renderDecidedCard(recommendation(1), {
      action: 'dismiss',
      by: 'U1',
      at: '2026-11-24T14:05:00Z',
      reason: '&'.repeat(10_000),
    });
    expect(checkBlocks(blocks, { surface: 'message' })).toEqual([]);
  });

  it('should keep the card block_ids so chat.update replaces the same card', () => {
    const open = renderRecommendationCard(recommendation(2));
    const decided = renderDecidedCard(recommendation(2), {
      action: 'approve',
      by: 'U1',
      at: '2026-11-24T14:05:00Z',
    });
    expect(decided[0]?.block_id).toBe(open[0]?.block_id);
  });
});

describe('toDecisionView', () => {
  it('should take the Slack user id from the actor and the snooze end from the decision', () => {
    expect(
      toDecisionView({
        action: 'snooze',
        actor: { id: 'U42', displayName: 'Maria', platform: 'slack' },
        at: '2026-11-24T14:05:00Z',
        snoozeUntil: '2026-12-24T00:00:00.000Z',
        savingsAtDecision: 12,
      }),
    ).toEqual({
      action: 'snooze',
      by: 'U42',
      at: '2026-11-24T14:05:00Z',
      reason: undefined,
      until: '2026-12-24T00:00:00.000Z',
    });
  });
});
