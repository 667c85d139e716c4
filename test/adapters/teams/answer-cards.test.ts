import { describe, expect, it } from 'vitest';
import { cardWeight, MAX_CARD_BYTES, renderAnswerCards } from '../../../adapters/teams/index.ts';
import type { Answer, RecommendationSummary } from '../../../src/domain/index.ts';
import { actionsOf, adaptiveCardProblems, elementsOf } from './support/card-checks.ts';

function summary(index: number): RecommendationSummary {
  return {
    id: `rec-${index.toString(16).padStart(16, '0')}`,
    type: 'ec2-idle',
    title: `Stop idle instance web-${index} (m5.large, CPU p95 0.8 %) — ${'a long title '.repeat(10)}`,
    service: 'Amazon Elastic Compute Cloud',
    account: '442069174385',
    accountName: 'acme-prod',
    region: 'us-east-1',
    resourceId: `i-${index.toString(16).padStart(17, '0')}`,
    estimatedMonthlySavings: 70 + index,
    currency: 'USD',
    status: 'open',
    effort: 'low',
    risk: 'low',
    evidence: 'CPU p95 0.8 % over 30 days (threshold < 5 %)',
  };
}

const answer = (count: number): Answer => ({
  question: 'savings',
  intent: 'savings',
  text: `You could save on ${count} idle instances.`,
  facts: [],
  tables: [],
  charts: [],
  recommendations: Array.from({ length: count }, (_, index) => summary(index)),
  followUps: [],
  warnings: ['One specialist timed out.'],
});

describe('renderAnswerCards', () => {
  it('should split 100 recommendations over cards under the budget, each once and in order', () => {
    const cards = renderAnswerCards(answer(100), { cardKey: (index) => `ckey-${index}` });
    expect(cards.length).toBeGreaterThan(3);
    for (const card of cards) {
      expect(adaptiveCardProblems(card)).toEqual([]);
      expect(cardWeight(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
      // Independent of cardWeight: the raw JSON here has no images to leave out.
      expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(24 * 1024);
    }
    const ids = cards.flatMap((card, index) =>
      actionsOf(card)
        .filter((action) => action.verb === 'approve')
        .map((action) => {
          expect((action.data as { cardKey: string }).cardKey).toBe(`ckey-${index}`);
          return (action.data as { recommendationId: string }).recommendationId;
        }),
    );
    expect(ids).toEqual(answer(100).recommendations.map((item) => item.id));
    expect(JSON.stringify(cards[0])).toContain('One specialist timed out.');
  });

  it('should give every Dismiss… card its own reason and snooze input ids, unique across the card', () => {
    const [card] = renderAnswerCards(answer(3), { cardKey: (index) => `ckey-${index}` });
    expect(adaptiveCardProblems(card)).toEqual([]);
    const inputIds = elementsOf(card)
      .filter((element) => String(element.type).startsWith('Input.'))
      .map((element) => element.id);
    const expected = [0, 1, 2].flatMap((index) => {
      const id = `rec-${index.toString(16).padStart(16, '0')}`;
      return [`reason-${id}`, `snooze-${id}`];
    });
    expect(inputIds).toEqual(expected);
    // None of them sits in a recommendation's container: they are revealed by Dismiss….
    const containers = (card?.body ?? []).filter((element) => element.type === 'Container');
    expect(containers).toHaveLength(3);
    for (const container of containers) {
      const types = container.type === 'Container' ? container.items.map((item) => item.type) : [];
      expect(types.filter((type) => type.startsWith('Input.'))).toEqual([]);
    }
  });

  it('should not count a data-URI chart against the budget, and keep it on the first card', () => {
    const url = `data:image/png;base64,${'A'.repeat(60_000)}`;
    const cards = renderAnswerCards(answer(1), { chart: { url, altText: 'bars', title: 'Savings' } });
    expect(cards).toHaveLength(1);
    expect(elementsOf(cards[0]).find((element) => element.type === 'Image')).toMatchObject({
      url,
      altText: 'bars',
    });
    expect(cardWeight(cards[0] as never)).toBeLessThan(10_000);
  });
});
