/**
 * Text helpers for Slack's mrkdwn. Anything that came from data (resource names, tag values,
 * reasons people typed) goes through `escapeMrkdwn` so it cannot turn into a mention (`<!channel>`,
 * `<@U…>`) or a link; the three characters Slack asks apps to escape are `&`, `<` and `>`.
 */

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The answer's Markdown-ish text as Slack mrkdwn, escaped: `**bold**` → `*bold*`, `__x__` → `_x_`,
 * headings → bold lines, `-`/`*`/`+` bullets → `•` (nested ones → `◦`). Links are left as text:
 * a link built from data is exactly what escaping is meant to prevent.
 */
export function markdownToMrkdwn(markdown: string): string {
  return escapeMrkdwn(markdown.replace(/\r\n?/g, '\n'))
    .split('\n')
    .map((line) => {
      const heading = /^#{1,6}\s+(.*)$/.exec(line);
      if (heading) return `*${stripBold(heading[1] ?? '')}*`;
      const bullet = /^(\s*)[-*+]\s+(.*)$/.exec(line);
      const converted = bullet ? `${bullet[1] ? '    ◦' : '•'} ${bullet[2] ?? ''}` : line;
      return converted.replace(/\*\*(.+?)\*\*/g, '*$1*').replace(/__(.+?)__/g, '_$1_');
    })
    .join('\n');
}

function stripBold(text: string): string {
  return text.replace(/\*\*(.+?)\*\*/g, '$1');
}

/** Where a cut at `index` would not split a surrogate pair or an `&amp;`-style entity. */
function safeCut(text: string, index: number): number {
  let cut = Math.max(0, Math.min(index, text.length));
  const code = text.charCodeAt(cut - 1);
  if (cut > 0 && code >= 0xd800 && code <= 0xdbff) cut -= 1;
  const entity = /&[a-z]{0,4}$/.exec(text.slice(Math.max(0, cut - 5), cut));
  if (entity) cut -= entity[0].length;
  return cut;
}

/** At most `max` characters; a cut text ends with `…` so the cut is visible. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, safeCut(text, max - 1)).trimEnd()}…`;
}

/**
 * Pieces of at most `max` characters that together hold all of `text`: cut at a paragraph break
 * where possible, else a line break, else a space, else anywhere safe.
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    const floor = Math.floor(max / 2);
    let cut = window.lastIndexOf('\n\n');
    if (cut < floor) cut = window.lastIndexOf('\n');
    if (cut < floor) cut = window.lastIndexOf(' ');
    if (cut < floor) cut = safeCut(rest, max);
    const piece = rest.slice(0, cut).trimEnd();
    if (piece.length > 0) pieces.push(piece);
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest.trim().length > 0) pieces.push(rest);
  return pieces;
}

/** `<@U123>` for a real Slack user id; anything else is shown escaped, never as a mention. */
export function mentionUser(userId: string): string {
  return /^[UW][A-Z0-9]{2,20}$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
}

/** Data as mrkdwn, escaped and then cut to `max` characters (never inside an escape). */
export function escapeAndTruncate(text: string, max: number): string {
  return truncate(escapeMrkdwn(text), max);
}
