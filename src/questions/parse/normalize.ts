/**
 * Puts a chat message into the one shape the recognisers expect: lower case, no chat mentions or
 * emoji codes, plain quotes, sentence punctuation turned into spaces, single spaces. Characters
 * that carry meaning inside terms are kept: `-` (us-east-1, cost-center), `=` and `:` (team=payments),
 * `.` inside words (n. virginia, 1.2m), `'` before a two-digit year (Mar '26), `$`, and commas
 * between digit groups (120,000).
 */
export function normalizeQuestion(text: string): string {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      // Slack user mentions (<@U123ABC>), Teams <at>…</at> mentions and a leading @botname.
      .replace(/<at>[^<]*<\/at>/g, ' ')
      .replace(/<@[^>]*>/g, ' ')
      .replace(/(^|\s)@[\w.-]+/g, ' ')
      // Slack emoji codes such as :pray: (only when standing alone, so team:payments survives).
      .replace(/(^|\s):[a-z0-9_+-]+:(?=\s|$)/g, ' ')
      .replace(/[\u2018\u2019\u02bc`´]/g, "'")
      .replace(/[\u201c\u201d]/g, '"')
      .replace(/[\u2013\u2014]/g, ' - ')
      .replace(/'s\b/g, '')
      // Keep an apostrophe only before a two-digit year; elsewhere drop it (what's → whats).
      .replace(/'(?!\d{2}\b)/g, '')
      // A comma between digit groups is part of a number ("$120,000"); any other comma is punctuation.
      .replace(/,(?!(?<=\d,)\d{3}(?!\d))/g, ' ')
      .replace(/[?!;()[\]{}"*~<>|]+/g, ' ')
      // A full stop that ends a word or the sentence is punctuation; inside a term it is not.
      .replace(/\.+(?=\s|$)/g, (_dots, offset: number, whole: string) =>
        /(^|\s)n$/.test(whole.slice(Math.max(0, offset - 2), offset)) ? '.' : ' ',
      )
      .replace(/\s+/g, ' ')
      .trim()
  );
}
