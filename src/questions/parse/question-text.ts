/**
 * The normalised question plus a record of which characters a recogniser has already claimed.
 * Claimed characters are replaced by a mask character that is neither a word character nor
 * whitespace, so later patterns can neither re-match them nor match across them. Whatever is
 * left unclaimed at the end is checked word by word: nothing is silently ignored.
 */
export interface QuestionText {
  /** The normalised text, never modified. */
  readonly original: string;
  /** The text with claimed spans masked. */
  masked(): string;
  /**
   * Runs a global pattern over the unclaimed text. For each match the handler decides whether
   * to claim it (return true) or leave it for another recogniser (return false).
   */
  claim(pattern: RegExp, handler: (match: RegExpExecArray) => boolean): void;
  /** Claims an explicit span. */
  claimSpan(start: number, end: number): void;
  /** Words (runs of letters, digits and joiners) that no recogniser claimed. */
  leftoverWords(): string[];
}

const MASK = '\u00b7';

export function createQuestionText(normalised: string): QuestionText {
  let current = normalised;

  const claimSpan = (start: number, end: number): void => {
    current = current.slice(0, start) + MASK.repeat(end - start) + current.slice(end);
  };

  return {
    original: normalised,
    masked: () => current,
    claim(pattern, handler) {
      const flags = pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`;
      const regex = new RegExp(pattern.source, flags);
      const snapshot = current;
      const claimed: [number, number][] = [];
      for (let match = regex.exec(snapshot); match !== null; match = regex.exec(snapshot)) {
        if (match[0].length === 0) {
          regex.lastIndex += 1;
          continue;
        }
        if (handler(match)) claimed.push([match.index, match.index + match[0].length]);
      }
      for (const [start, end] of claimed) claimSpan(start, end);
    },
    claimSpan,
    leftoverWords() {
      return current
        .split(/[\s\u00b7]+/)
        .map((word) => word.replace(/^[^a-z0-9$%#]+|[^a-z0-9$%#]+$/g, ''))
        .filter((word) => word.length > 0);
    },
  };
}

/** Escapes a literal for use inside a RegExp. */
function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A pattern source matching any of the phrases, longest first so that "ec2 instances" wins over
 * "ec2". Spaces and hyphens in a phrase match any run of spaces or hyphens, or none.
 */
export function phrasePattern(phrases: readonly string[]): string {
  const unique = [...new Set(phrases.map((phrase) => phrase.toLowerCase().trim()).filter(Boolean))];
  unique.sort((a, b) => b.length - a.length);
  return unique.map((phrase) => escapeRegExp(phrase).replace(/(?:\\-|\s)+/g, '[\\s-]*')).join('|');
}

/** Lower-case, with spaces, hyphens, underscores and dots removed: "Cost Center" ~ "cost-center". */
export function looseKey(text: string): string {
  return text.toLowerCase().replace(/[\s\-_.]+/g, '');
}
