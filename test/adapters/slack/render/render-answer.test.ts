import { describe, expect, it } from 'vitest';
import { ACTIONS, parseShowMoreValue } from '../../../../adapters/slack/render/action-ids.ts';
import { checkMessage } from '../../../../adapters/slack/render/block-kit-limits.ts';
import {
  answerKey,
  renderAnswer,
  renderMoreRecommendations,
} from '../../../../adapters/slack/render/render-answer.ts';
import type { Block, SlackMessage } from '../../../../adapters/slack/render/slack-types.ts';
import { answer, fact, recommendation } from './answers.ts';

function expectValid(messages: SlackMessage[]) {
  expect(messages.length).toBeGreaterThan(0);
  for (const message of messages) expect(checkMessage(message)).toEqual([]);
}

function allBlocks(messages: SlackMessage[]): Block[] {
  return messages.flatMap((message) => message.blocks);
}

/** Every button in the messages, as [action_id, value]. */
function buttons(messages: SlackMessage[]): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  for (const block of allBlocks(messages)) {
    const elements =
      block.type === 'actions'
        ? block.elements
        : block.type === 'section' && block.accessory
          ? [block.accessory]
          : [];
    for (const element of elements) {
      if (element.type === 'button') found.push([element.action_id ?? '', element.value ?? '']);
    }
  }
  return found;
}

function mrkdwnTexts(messages: SlackMessage[]): string[] {
  const texts: string[] = [];
  for (const block of allBlocks(messages)) {
    if (block.type === 'section') {
      if (block.text) texts.push(block.text.text);
      for (const field of block.fields ?? []) texts.push(field.text);
    }
    if (block.type === 'context') {
      for (const element of block.elements) if ('text' in element) texts.push(element.text);
    }
  }
  return texts;
}

const manyRecommendations = (count: number) =>
  Array.from({ length: count }, (_, index) => recommendation(index + 1));

describe('renderAnswer', () => {
  it('should render text, facts, basis, warnings, chart and cards in one valid message', () => {
    const messages = renderAnswer(
      answer({ warnings: ['Data ends on 21 Nov'], recommendations: [recommendation(1), recommendation(2)] }),
      { chart: { slackFileId: 'F0123', altText: 'EC2 spend by day', title: 'EC2 last week' } },
    );
    expectValid(messages);
    expect(messages).toHaveLength(1);
    const blocks = allBlocks(messages);
    expect(blocks.map((block) => block.type)).toEqual([
      'section', // text
      'section', // facts
      'context', // basis + warning
      'image',
      'section', // recommendations heading
      'section',
      'context',
      'actions',
      'divider',
      'section',
      'context',
      'actions',
      'divider',
    ]);
    expect(blocks[3]).toEqual({
      type: 'image',
      slack_file: { id: 'F0123' },
      alt_text: 'EC2 spend by day',
      title: { type: 'plain_text', text: 'EC2 last week' },
    });
    expect(messages[0]?.text).toContain('EC2 cost *$1,234.50* last week.');
  });

  it('should convert **bold** to Slack bold and keep bullets', () => {
    const [first] = renderAnswer(answer());
    const section = first?.blocks[0];
    expect(section?.type === 'section' && section.text?.text).toBe(
      'EC2 cost *$1,234.50* last week.\n• prod: $1,000.00\n• dev: $234.50',
    );
  });

  it('should show each fact as a field with its formatted value', () => {
    const facts = [
      fact({ id: 'a', label: 'Spend', value: 1234.5, unit: 'USD' }),
      fact({ id: 'b', label: 'Change', value: 0.05, unit: 'ratio' }),
      fact({ id: 'c', label: 'Instances', value: 1200, unit: 'count' }),
    ];
    const texts = mrkdwnTexts(renderAnswer(answer({ facts })));
    expect(texts).toContain('*Spend*\n$1,234.50');
    expect(texts).toContain('*Change*\n+5.0%');
    expect(texts).toContain('*Instances*\n1,200');
  });

  it('should keep every fact when there are more than ten, ten fields to a section', () => {
    const facts = Array.from({ length: 23 }, (_, index) => fact({ id: `f${index}`, label: `Fact ${index}` }));
    const messages = renderAnswer(answer({ facts }));
    expectValid(messages);
    const labels = mrkdwnTexts(messages).filter((text) => text.startsWith('*Fact '));
    expect(labels).toHaveLength(23);
  });

  it('should give each open recommendation Approve (primary), Dismiss and Details carrying only its id', () => {
    const messages = renderAnswer(answer({ recommendations: [recommendation(7)] }));
    const actions = allBlocks(messages).find((block) => block.type === 'actions');
    expect(actions?.type === 'actions' && actions.elements).toEqual([
      expect.objectContaining({
        action_id: 'finops_approve',
        style: 'primary',
        value: 'rec-0000000000000007',
      }),
      expect.objectContaining({ action_id: 'finops_dismiss', value: 'rec-0000000000000007' }),
      expect.objectContaining({ action_id: 'finops_details', value: 'rec-0000000000000007' }),
    ]);
  });

  it('should show savings, evidence, effort and risk on a card', () => {
    const texts = mrkdwnTexts(renderAnswer(answer({ recommendations: [recommendation(5)] })));
    const card = texts.find((text) => text.startsWith('*Stop idle instance web-5*'));
    expect(card).toContain('Saves *$15.00 / month*');
    expect(card).toContain('prod (111111111111)');
    expect(texts).toContain('📊 CPU p95 1.8 % over 30 days (threshold &lt; 5 %)');
    expect(texts).toContain('Effort: 🟢 low · Risk: 🟡 medium');
  });

  it('should summarise 200 recommendations behind a show-more button that says how many more', () => {
    const recommendations = manyRecommendations(200);
    const input = answer({ recommendations });
    const messages = renderAnswer(input);
    expectValid(messages);
    const approvals = buttons(messages).filter(([action]) => action === ACTIONS.approve);
    expect(approvals.map(([, value]) => value)).toEqual(recommendations.slice(0, 10).map((item) => item.id));
    expect(mrkdwnTexts(messages)).toContain('Showing 10 of 200 recommendations. *190 more* not shown here.');
    const more = buttons(messages).filter(([action]) => action === ACTIONS.showMore);
    expect(more).toHaveLength(1);
    expect(parseShowMoreValue(more[0]?.[1] ?? '')).toEqual({ key: answerKey(input), offset: 10 });
  });

  it('should keep all 200 recommendations, split over valid messages, when asked for every card', () => {
    const recommendations = manyRecommendations(200);
    const messages = renderAnswer(answer({ recommendations }), { maxCards: Number.POSITIVE_INFINITY });
    expectValid(messages);
    expect(messages.length).toBeGreaterThan(1);
    const approvals = buttons(messages).filter(([action]) => action === ACTIONS.approve);
    expect(approvals.map(([, value]) => value)).toEqual(recommendations.map((item) => item.id));
    expect(buttons(messages).some(([action]) => action === ACTIONS.showMore)).toBe(false);
    expect(messages[1]?.text).toBe(
      `Answer to "What did EC2 cost last week?", continued (2 of ${messages.length})`,
    );
  });

  it('should split a 20,000-character answer into valid messages and lose no word', () => {
    const words = Array.from({ length: 4000 }, (_, index) => `w${index}`);
    const text = words.join(' ');
    expect(text.length).toBeGreaterThan(20_000);
    const messages = renderAnswer(answer({ text }));
    expectValid(messages);
    expect(messages.length).toBeGreaterThan(1);
    const rendered = mrkdwnTexts(messages)
      .filter((part) => part.startsWith('w'))
      .join(' ')
      .split(/\s+/);
    expect(rendered).toEqual(words);
  });

  it('should split a single 20,000-character word without breaking any limit', () => {
    const messages = renderAnswer(answer({ text: 'y'.repeat(20_000) }));
    expectValid(messages);
    const total = mrkdwnTexts(messages)
      .filter((part) => part.startsWith('y'))
      .join('');
    expect(total).toBe('y'.repeat(20_000));
  });

  it('should keep long basis and warnings within context limits', () => {
    const warnings = Array.from({ length: 25 }, (_, index) => `warning ${index} ${'z'.repeat(4000)}`);
    const messages = renderAnswer(answer({ warnings }));
    expectValid(messages);
    const joined = mrkdwnTexts(messages).join('');
    for (let index = 0; index < 25; index += 1) expect(joined).toContain(`warning ${index} `);
  });

  it('should render huge titles, evidence and names on cards within limits', () => {
    const big = recommendation(1, {
      title: 'T'.repeat(10_000),
      evidence: '<'.repeat(5000),
      resourceName: '&'.repeat(5000),
      accountName: 'a'.repeat(3000),
      service: 's'.repeat(3000),
    });
    expectValid(renderAnswer(answer({ recommendations: [big] })));
  });

  it('should keep huge fact labels, follow-ups and chart texts within limits', () => {
    const messages = renderAnswer(
      answer({
        facts: Array.from({ length: 30 }, (_, index) => fact({ id: `f${index}`, label: '>'.repeat(5000) })),
        followUps: Array.from({ length: 100 }, (_, index) => `follow-up ${index} ${'q'.repeat(400)}`),
        basis: '&'.repeat(15_000),
      }),
      { chart: { slackFileId: 'F1', altText: 'a'.repeat(5000), title: 't'.repeat(5000) } },
    );
    expectValid(messages);
    const joined = mrkdwnTexts(messages).join('');
    for (let index = 0; index < 100; index += 1) expect(joined).toContain(`follow-up ${index} `);
  });

  it('should escape data so a tag value cannot inject a mention or a link', () => {
    const messages = renderAnswer(
      answer({
        text: 'Top tag value: <!channel> and <https://evil.example|click> & more',
        recommendations: [
          recommendation(1, { resourceName: '<@U999> <!here>', title: 'Resize <!everyone>' }),
        ],
        warnings: ['tag team=<!subteam^S123>'],
      }),
    );
    const texts = [...mrkdwnTexts(messages), ...messages.map((message) => message.text)].join('\n');
    expect(texts).not.toMatch(/<[!@#]/);
    expect(texts).not.toContain('<https://');
    expect(texts).toContain('&lt;!channel&gt;');
    expect(texts).toContain('&lt;@U999&gt; &lt;!here&gt;');
    expect(texts).toContain('&amp; more');
  });

  it('should show a decided recommendation without buttons', () => {
    const decisions = new Map([
      ['rec-0000000000000002', { action: 'approve' as const, by: 'U123', at: '2026-11-24T14:05:00Z' }],
    ]);
    const messages = renderAnswer(answer({ recommendations: [recommendation(1), recommendation(2)] }), {
      decisions,
    });
    expectValid(messages);
    const values = buttons(messages).map(([, value]) => value);
    expect(values).not.toContain('rec-0000000000000002');
    expect(values).toContain('rec-0000000000000001');
    expect(mrkdwnTexts(messages)).toContain('✅ Approved by <@U123> on 24 Nov 2026 14:05 UTC');
  });

  it('should render the same recommendation once even if the answer lists it twice', () => {
    const messages = renderAnswer(answer({ recommendations: [recommendation(1), recommendation(1)] }));
    expectValid(messages);
    expect(buttons(messages).filter(([action]) => action === ACTIONS.approve)).toHaveLength(1);
  });

  it('should render a clarification as the reason and what can be asked', () => {
    const messages = renderAnswer(
      answer({
        text: '',
        facts: [],
        clarification: {
          reason: 'Which period do you mean by "recently"?',
          canAnswer: ['EC2 spend last week', 'S3 cost this month by account'],
        },
      }),
    );
    expectValid(messages);
    const texts = mrkdwnTexts(messages);
    expect(texts[0]).toBe('*I need a little more to answer that.*\nWhich period do you mean by "recently"?');
    expect(texts[1]).toBe(
      '*I can answer, for example:*\n• EC2 spend last week\n• S3 cost this month by account',
    );
  });

  it('should render an empty answer as a valid message', () => {
    expectValid(renderAnswer(answer({ text: '', facts: [], basis: undefined })));
  });

  it('should refuse a show-more key that cannot go in a button value', () => {
    expect(() => renderAnswer(answer(), { showMoreKey: 'has space' })).toThrow(/showMoreKey/);
  });
});

describe('renderMoreRecommendations', () => {
  it('should render the next page and another show-more until none are left', () => {
    const recommendations = manyRecommendations(25);
    const second = renderMoreRecommendations(recommendations, { key: 'abc', offset: 10 });
    expectValid(second);
    expect(
      buttons(second)
        .filter(([action]) => action === ACTIONS.approve)
        .map(([, value]) => value),
    ).toEqual(recommendations.slice(10, 20).map((item) => item.id));
    expect(buttons(second).find(([action]) => action === ACTIONS.showMore)?.[1]).toBe('abc:20');
    const third = renderMoreRecommendations(recommendations, { key: 'abc', offset: 20 });
    expect(buttons(third).filter(([action]) => action === ACTIONS.approve)).toHaveLength(5);
    expect(buttons(third).some(([action]) => action === ACTIONS.showMore)).toBe(false);
    expect(third[0]?.text).toBe('Recommendations 21–25 of 25');
  });

  it('should say so when the offset is past the end', () => {
    const messages = renderMoreRecommendations(manyRecommendations(3), { key: 'abc', offset: 30 });
    expectValid(messages);
    expect(messages[0]?.text).toBe('No more recommendations to show.');
  });
});
