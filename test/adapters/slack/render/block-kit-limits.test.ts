import { describe, expect, it } from 'vitest';
import { checkBlocks, checkMessage, checkView } from '../../../../adapters/slack/render/block-kit-limits.ts';

const text = (length: number) => 'x'.repeat(length);
const plain = (value: string) => ({ type: 'plain_text', text: value });
const mrkdwn = (value: string) => ({ type: 'mrkdwn', text: value });
const button = (overrides: Record<string, unknown> = {}) => ({
  type: 'button',
  action_id: 'go',
  value: 'rec-1',
  text: plain('Go'),
  ...overrides,
});
const section = (overrides: Record<string, unknown> = {}) => ({
  type: 'section',
  text: mrkdwn('hello'),
  ...overrides,
});
const message = (blocks: unknown[]) => checkBlocks(blocks, { surface: 'message' });

/** Expects exactly one problem, mentioning `fragment`: each case breaks one limit and nothing else. */
function expectOneProblem(problems: string[], fragment: string) {
  expect(problems).toHaveLength(1);
  expect(problems[0]).toContain(fragment);
}

describe('checkBlocks', () => {
  it('should accept valid blocks of every kind the renderers use', () => {
    const blocks = [
      { type: 'header', text: plain(text(150)) },
      section({ text: mrkdwn(text(3000)) }),
      section({ text: undefined, fields: Array.from({ length: 10 }, () => mrkdwn(text(200))) }),
      { type: 'context', elements: Array.from({ length: 10 }, () => mrkdwn('c')) },
      {
        type: 'actions',
        elements: Array.from({ length: 25 }, (_, index) => button({ action_id: `a${index}` })),
      },
      { type: 'image', slack_file: { id: 'F123' }, alt_text: text(2000), title: plain(text(2000)) },
      { type: 'divider' },
    ];
    expect(message(blocks)).toEqual([]);
  });

  it('should reject more than 50 blocks in a message but accept 100 in a modal or a Home tab', () => {
    const blocks = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    expectOneProblem(message(blocks), 'has 51 blocks; a message allows 50');
    expect(
      checkBlocks(
        Array.from({ length: 100 }, () => ({ type: 'divider' })),
        { surface: 'home' },
      ),
    ).toEqual([]);
    expectOneProblem(
      checkBlocks(
        Array.from({ length: 101 }, () => ({ type: 'divider' })),
        { surface: 'modal' },
      ),
      'a modal allows 100',
    );
  });

  it('should reject section text over 3000 characters', () => {
    expectOneProblem(
      message([section({ text: mrkdwn(text(3001)) })]),
      'blocks[0].text.text: is 3001 characters',
    );
  });

  it('should reject more than 10 section fields', () => {
    const fields = Array.from({ length: 11 }, () => mrkdwn('f'));
    expectOneProblem(message([section({ text: undefined, fields })]), 'has 11 fields; the limit is 10');
  });

  it('should reject a section field over 2000 characters', () => {
    expectOneProblem(
      message([section({ fields: [mrkdwn(text(2001))] })]),
      'fields[0].text: is 2001 characters',
    );
  });

  it('should reject header text over 150 characters', () => {
    expectOneProblem(
      message([{ type: 'header', text: plain(text(151)) }]),
      'is 151 characters; the limit is 150',
    );
  });

  it('should reject a mrkdwn header', () => {
    expectOneProblem(message([{ type: 'header', text: mrkdwn('h') }]), 'must be plain_text');
  });

  it('should reject button text over 75 characters', () => {
    expectOneProblem(
      message([{ type: 'actions', elements: [button({ text: plain(text(76)) })] }]),
      'is 76 characters; the limit is 75',
    );
  });

  it('should reject a button value over 2000 characters', () => {
    expectOneProblem(
      message([{ type: 'actions', elements: [button({ value: text(2001) })] }]),
      'value: is 2001 characters',
    );
  });

  it('should reject an action_id over 255 characters', () => {
    expectOneProblem(
      message([{ type: 'actions', elements: [button({ action_id: text(256) })] }]),
      'action_id: is 256 characters',
    );
  });

  it('should reject a block_id over 255 characters', () => {
    expectOneProblem(message([{ type: 'divider', block_id: text(256) }]), 'block_id: is 256 characters');
  });

  it('should reject more than 25 elements in an actions block', () => {
    const elements = Array.from({ length: 26 }, (_, index) => button({ action_id: `a${index}` }));
    expectOneProblem(message([{ type: 'actions', elements }]), 'has 26 elements; the limit is 25');
  });

  it('should reject more than 10 context elements', () => {
    const elements = Array.from({ length: 11 }, () => mrkdwn('c'));
    expectOneProblem(message([{ type: 'context', elements }]), 'has 11 elements; the limit is 10');
  });

  it('should reject image alt_text over 2000 characters', () => {
    expectOneProblem(
      message([{ type: 'image', slack_file: { id: 'F1' }, alt_text: text(2001) }]),
      'alt_text: is 2001 characters',
    );
  });

  it('should reject an image_url over 3000 characters', () => {
    expectOneProblem(
      message([{ type: 'image', image_url: `https://e.com/${text(2987)}`, alt_text: 'a' }]),
      'image_url: is 3001 characters',
    );
  });

  it('should reject an image title over 2000 characters', () => {
    expectOneProblem(
      message([{ type: 'image', slack_file: { id: 'F1' }, alt_text: 'a', title: plain(text(2001)) }]),
      'title.text: is 2001 characters',
    );
  });

  it('should reject an image with both image_url and slack_file, or with neither', () => {
    expectOneProblem(
      message([{ type: 'image', slack_file: { id: 'F1' }, image_url: 'https://e.com/a.png', alt_text: 'a' }]),
      'exactly one of image_url or slack_file',
    );
    expectOneProblem(message([{ type: 'image', alt_text: 'a' }]), 'exactly one of image_url or slack_file');
  });

  it('should reject a slack_file with both id and url', () => {
    expectOneProblem(
      message([
        { type: 'image', slack_file: { id: 'F1', url: 'https://files.slack.com/x.png' }, alt_text: 'a' },
      ]),
      'needs exactly one of id or url',
    );
  });

  it('should reject an input label over 2000 characters', () => {
    const input = {
      type: 'input',
      label: plain(text(2001)),
      element: { type: 'plain_text_input', action_id: 'r' },
    };
    expectOneProblem(checkBlocks([input], { surface: 'modal' }), 'label.text: is 2001 characters');
  });

  it('should reject a plain_text_input max_length over 3000', () => {
    const input = {
      type: 'input',
      label: plain('Why?'),
      element: { type: 'plain_text_input', action_id: 'r', max_length: 3001 },
    };
    expectOneProblem(checkBlocks([input], { surface: 'modal' }), 'max_length: is 3001; the limit is 3000');
  });

  it('should reject a static select with more than 100 options', () => {
    const options = Array.from({ length: 101 }, (_, index) => ({
      text: plain(`o${index}`),
      value: `${index}`,
    }));
    const input = {
      type: 'input',
      label: plain('Pick'),
      element: { type: 'static_select', action_id: 's', options },
    };
    expectOneProblem(checkBlocks([input], { surface: 'modal' }), 'has 101 options; the limit is 100');
  });

  it('should reject an initial_option that is not one of the options', () => {
    const options = [{ text: plain('one'), value: '1' }];
    const element = {
      type: 'static_select',
      action_id: 's',
      options,
      initial_option: { text: plain('two'), value: '2' },
    };
    expectOneProblem(
      checkBlocks([{ type: 'input', label: plain('Pick'), element }], { surface: 'modal' }),
      'must be one of the options',
    );
  });

  it('should reject a markdown block over 12,000 characters', () => {
    expect(message([{ type: 'markdown', text: text(12_001) }])).toContainEqual(
      expect.stringContaining('is 12001 characters; the limit is 12000'),
    );
  });

  it('should reject a message whose blocks hold more than 12,000 characters of text in all', () => {
    const blocks = Array.from({ length: 5 }, () => section({ text: mrkdwn(text(2500)) }));
    expectOneProblem(message(blocks), 'msg_blocks_too_long');
    expect(message(blocks.slice(0, 4))).toEqual([]);
  });

  it('should reject unknown block and element types', () => {
    expectOneProblem(
      message([{ type: 'carousel_of_doom' }]),
      '"carousel_of_doom" is not a Block Kit block type',
    );
    expectOneProblem(
      message([{ type: 'actions', elements: [{ type: 'slider', action_id: 'x' }] }]),
      '"slider" is not a Block Kit element type',
    );
  });

  it('should reject missing required fields', () => {
    expectOneProblem(message([{ type: 'section' }]), 'needs text or fields');
    expectOneProblem(message([{ type: 'header' }]), 'blocks[0].text: is required');
    expectOneProblem(
      message([{ type: 'actions', elements: [button({ text: undefined })] }]),
      'text: is required',
    );
    expectOneProblem(message([{ type: 'image', slack_file: { id: 'F1' } }]), 'alt_text: is required');
    expectOneProblem(message([{ type: 'actions', elements: [] }]), 'must be a non-empty array');
  });

  it('should reject empty text, which Slack refuses as well', () => {
    expectOneProblem(message([section({ text: mrkdwn('') })]), 'must be at least 1 characters');
  });

  it('should reject the same block_id twice in one message', () => {
    expectOneProblem(message([section({ block_id: 'a' }), section({ block_id: 'a' })]), '"a" is used twice');
  });

  it('should reject the same action_id twice in one block but allow it in different blocks', () => {
    expectOneProblem(message([{ type: 'actions', elements: [button(), button()] }]), '"go" is used twice');
    expect(
      message([
        { type: 'actions', elements: [button()] },
        { type: 'actions', elements: [button()] },
      ]),
    ).toEqual([]);
  });

  it('should reject a button style Slack does not know', () => {
    expectOneProblem(
      message([{ type: 'actions', elements: [button({ style: 'green' })] }]),
      'must be primary or danger',
    );
  });

  it('should reject something that is not an array of blocks', () => {
    expectOneProblem(checkBlocks({ type: 'divider' }, { surface: 'message' }), 'must be an array');
  });
});

describe('checkMessage', () => {
  it('should reject message text over 40,000 characters', () => {
    expectOneProblem(checkMessage({ text: text(40_001), blocks: [section()] }), 'text: is 40001 characters');
  });

  it('should require text when there are no blocks', () => {
    expectOneProblem(checkMessage({ text: '', blocks: [] }), 'text: is required');
  });
});

describe('checkView', () => {
  const modal = (overrides: Record<string, unknown> = {}) => ({
    type: 'modal',
    title: plain('Dismiss'),
    submit: plain('Dismiss'),
    blocks: [{ type: 'input', label: plain('Why?'), element: { type: 'plain_text_input', action_id: 'r' } }],
    ...overrides,
  });

  it('should accept a valid modal', () => {
    expect(checkView(modal())).toEqual([]);
  });

  it('should reject a modal title over 24 characters', () => {
    expectOneProblem(checkView(modal({ title: plain(text(25)) })), 'view.title.text: is 25 characters');
  });

  it('should reject submit and close texts over 24 characters', () => {
    expectOneProblem(checkView(modal({ submit: plain(text(25)) })), 'view.submit.text: is 25 characters');
    expectOneProblem(checkView(modal({ close: plain(text(25)) })), 'view.close.text: is 25 characters');
  });

  it('should reject private_metadata over 3000 characters', () => {
    expectOneProblem(
      checkView(modal({ private_metadata: text(3001) })),
      'private_metadata: is 3001 characters',
    );
  });

  it('should reject a modal with inputs but no submit button', () => {
    expectOneProblem(checkView(modal({ submit: undefined })), 'required when the view has input blocks');
  });

  it('should reject more than 100 blocks in a Home tab', () => {
    const blocks = Array.from({ length: 101 }, () => ({ type: 'divider' }));
    expectOneProblem(checkView({ type: 'home', blocks }), 'a home allows 100');
  });
});
