import { describe, expect, it } from 'vitest';
import {
  escapeMrkdwn,
  markdownToMrkdwn,
  splitText,
  truncate,
} from '../../../../adapters/slack/render/mrkdwn.ts';

describe('escapeMrkdwn', () => {
  it('should escape the three characters Slack asks apps to escape', () => {
    expect(escapeMrkdwn('a & b <@U1> c > d')).toBe('a &amp; b &lt;@U1&gt; c &gt; d');
  });
});

describe('markdownToMrkdwn', () => {
  it('should turn headings, bold, underscores and nested bullets into mrkdwn', () => {
    expect(markdownToMrkdwn('## **Top** services\n- EC2 **big**\n  - t3.large\n* S3\n__note__')).toBe(
      '*Top services*\n• EC2 *big*\n    ◦ t3.large\n• S3\n_note_',
    );
  });
});

describe('truncate', () => {
  it('should cut with an ellipsis and never inside an escape or a surrogate pair', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('ab&amp;cd', 5)).toBe('ab…');
    expect(truncate('a😀b', 3)).toBe('a…');
    expect(truncate('short', 10)).toBe('short');
  });
});

describe('splitText', () => {
  it('should split at paragraph breaks first and keep every character', () => {
    const text = `${'a'.repeat(60)}\n\n${'b'.repeat(60)}`;
    expect(splitText(text, 100)).toEqual(['a'.repeat(60), 'b'.repeat(60)]);
  });

  it('should cut a word longer than the limit into pieces that fit', () => {
    const pieces = splitText('c'.repeat(250), 100);
    expect(pieces.map((piece) => piece.length)).toEqual([100, 100, 50]);
  });

  it('should not split an escape sequence', () => {
    const pieces = splitText('&amp;'.repeat(30), 12);
    for (const piece of pieces) expect(piece).toMatch(/^(&amp;)+$/);
    expect(pieces.join('')).toBe('&amp;'.repeat(30));
  });
});
