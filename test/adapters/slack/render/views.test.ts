import { describe, expect, it } from 'vitest';
import { DISMISS_MODAL_CALLBACK, SNOOZE_CHOICES } from '../../../../adapters/slack/render/action-ids.ts';
import { checkMessage, checkView } from '../../../../adapters/slack/render/block-kit-limits.ts';
import { renderAppHome } from '../../../../adapters/slack/render/render-app-home.ts';
import { renderDismissModal } from '../../../../adapters/slack/render/render-dismiss-modal.ts';
import { renderError, renderHelp } from '../../../../adapters/slack/render/render-help.ts';
import type { Block } from '../../../../adapters/slack/render/slack-types.ts';
import { fact, recommendation } from './answers.ts';

describe('renderDismissModal', () => {
  const modal = renderDismissModal({
    recommendationId: 'rec-0000000000000001',
    title: 'Stop idle <!channel> instance',
    privateMetadata: '{"id":"rec-0000000000000001","channel":"C1","ts":"1.2"}',
  });

  it('should be a valid modal with the dismiss callback and a Dismiss button', () => {
    expect(checkView(modal)).toEqual([]);
    expect(modal.callback_id).toBe(DISMISS_MODAL_CALLBACK);
    expect(modal.submit).toEqual({ type: 'plain_text', text: 'Dismiss' });
    expect(modal.private_metadata).toBe('{"id":"rec-0000000000000001","channel":"C1","ts":"1.2"}');
  });

  it('should ask for a multiline reason and offer the snooze periods', () => {
    // ModalView types its blocks as any block at all; the renderer only makes known ones.
    const blocks = modal.blocks as Block[];
    const reason = blocks.find((block) => block.block_id === 'reason');
    expect(reason?.type === 'input' && reason.element).toMatchObject({
      type: 'plain_text_input',
      action_id: 'reason',
      multiline: true,
    });
    const snooze = blocks.find((block) => block.block_id === 'snooze');
    const element = snooze?.type === 'input' ? snooze.element : undefined;
    expect(element?.type).toBe('static_select');
    if (element?.type !== 'static_select') return;
    expect(element.action_id).toBe('snooze');
    expect(element.options?.map((option) => option.value)).toEqual([...SNOOZE_CHOICES]);
    expect(element.options?.map((option) => option.text.text)).toEqual([
      "Don't snooze: dismiss for good",
      'Snooze for 7 days',
      'Snooze for 30 days',
      'Snooze for 90 days',
    ]);
  });

  it('should escape the title', () => {
    expect(JSON.stringify(modal.blocks)).toContain('Stop idle &lt;!channel&gt; instance');
  });

  it('should stay valid with a huge title', () => {
    expect(
      checkView(
        renderDismissModal({ recommendationId: 'r', title: '&'.repeat(10_000), privateMetadata: '' }),
      ),
    ).toEqual([]);
  });

  it('should refuse private metadata Slack would reject', () => {
    expect(() =>
      renderDismissModal({ recommendationId: 'r', title: 't', privateMetadata: 'x'.repeat(3001) }),
    ).toThrow(/private_metadata is 3001 characters/);
  });
});

describe('renderAppHome', () => {
  const monthToDate = fact({ id: 'mtd', label: 'Spend this month so far', value: 4321 });
  const forecast = fact({ id: 'fc', label: 'Forecast for November', value: 9000 });

  it('should show month to date, forecast with its range, and the top recommendations', () => {
    const view = renderAppHome({
      monthToDate,
      forecast,
      forecastInterval: { low: fact({ id: 'lo', value: 8000 }), high: fact({ id: 'hi', value: 10000 }) },
      topRecommendations: [recommendation(1), recommendation(2)],
      asOf: '2026-11-24T14:05:00Z',
    });
    expect(view.type).toBe('home');
    expect(checkView(view)).toEqual([]);
    const json = JSON.stringify(view.blocks);
    expect(json).toContain('*Spend this month so far*\\n$4,321.00');
    expect(json).toContain('*Forecast for November*\\n$9,000.00');
    expect(json).toContain('*Likely range*\\n$8,000.00 – $10,000.00');
    expect(json).toContain('As of 24 Nov 2026 14:05 UTC');
    expect(json.match(/finops_approve/g)).toHaveLength(2);
  });

  it('should stay within 100 blocks with many recommendations and say how many are not shown', () => {
    const view = renderAppHome({
      monthToDate,
      topRecommendations: Array.from({ length: 60 }, (_, index) => recommendation(index)),
      asOf: '2026-11-24T14:05:00Z',
    });
    expect(checkView(view)).toEqual([]);
    const shown = JSON.stringify(view.blocks).match(/finops_approve/g)?.length ?? 0;
    expect(shown).toBe(15);
    expect(JSON.stringify(view.blocks)).toContain('45 more not shown here');
  });

  it('should say when there is nothing to recommend', () => {
    const view = renderAppHome({ monthToDate, topRecommendations: [], asOf: '2026-11-24T14:05:00Z' });
    expect(checkView(view)).toEqual([]);
    expect(JSON.stringify(view.blocks)).toContain('No open recommendations right now.');
  });
});

describe('renderHelp', () => {
  it('should be a valid message listing the commands', () => {
    const help = renderHelp();
    expect(checkMessage(help)).toEqual([]);
    expect(JSON.stringify(help.blocks)).toContain('/finops recommendations');
  });
});

describe('renderError', () => {
  it('should give the reference id and nothing else', () => {
    const error = renderError('abc123');
    expect(checkMessage(error)).toEqual([]);
    expect(error.text).toBe('Something went wrong on my side (ref abc123). The details are in the logs.');
  });

  it('should escape a reference id', () => {
    expect(renderError('<!here>').text).toContain('(ref &lt;!here&gt;)');
  });
});
