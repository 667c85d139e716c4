/**
 * The numbers a piece of prose states, as the guardrail reads them: each with its kind (money,
 * percent or a bare number), its value, and how precisely it was written (the display rounding
 * a fact must fall within). Numbers that are part of a name (EC2, gp2, m5.2xlarge, us-east-1)
 * are not numbers the text states and are left out.
 */
export interface NumberToken {
  /** As written, e.g. `$4,200`, `$1.2k`, `12%`, `37`. */
  raw: string;
  kind: 'money' | 'percent' | 'number';
  /** Absolute value with the suffix applied ($1.2k → 1200); signs are words' business. */
  value: number;
  /** Half a unit of the last digit written, times the suffix: $1.2k → 50, $4,200 → 0.5. */
  tolerance: number;
  /** Offset of the digits in the text. */
  index: number;
  /** Which allowance applies without a fact, if any (calendar part, ordinal, list marker…). */
  allowance?: 'ordinal' | 'list-marker' | 'year' | 'duration' | 'account-id' | undefined;
}

const MULTIPLIERS: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  million: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
};

const DIGITS = /\d+(?:,\d{3})*(?:\.\d+)?/g;
const SUFFIX = /^(\s?)(k|K|M|B|bn|thousand|million|billion)(?![A-Za-z])/;
const ORDINAL = /^(?:st|nd|rd|th)(?![A-Za-z])/;
const PERCENT =
  /^\s?(?:%|percent(?![A-Za-z])|per cent(?![A-Za-z])|percentage points?(?![A-Za-z])|pp(?![A-Za-z]))/;
const DURATION =
  /^(?:\s|-)?(?:days?|weeks?|months?|quarters?|years?|hours?|minutes?|business days?)(?![A-Za-z])/i;
const CURRENCY_BEFORE = /(?:\$|US\$|USD\s?)\s?$/;
const CURRENCY_AFTER = /^\s?(?:USD|dollars?)(?![A-Za-z])/;

const MONTH =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
const DAY = '\\d{1,2}(?:st|nd|rd|th)?';
const DAY_RANGE = `${DAY}(?:\\s*(?:[-–—]|to|and|through)\\s*${DAY})?`;

/**
 * Spans that are calendar parts, blanked before numbers are read: ISO dates and months
 * (2026-11-01, 2026-11), times (09:30), and days of a month next to its name ("November 12",
 * "Nov 1–24", "12 November", "the 3rd of May").
 */
const CALENDAR_SPANS = [
  /\b\d{4}-\d{2}(?:-\d{2})?\b/g,
  /\b\d{1,2}:\d{2}\b/g,
  new RegExp(`\\b${MONTH}\\.?\\s+${DAY_RANGE}\\b`, 'g'),
  new RegExp(`\\b${DAY_RANGE}\\s+(?:of\\s+)?${MONTH}\\b`, 'g'),
];

/** Replaces calendar spans by spaces of the same length, so offsets stay valid. */
export function blankCalendarSpans(text: string): string {
  let blanked = text;
  for (const pattern of CALENDAR_SPANS) {
    blanked = blanked.replace(pattern, (span) => ' '.repeat(span.length));
  }
  return blanked;
}

/** Every number the text states (calendar spans and names excluded), in order. */
export function readNumbers(text: string): NumberToken[] {
  const blanked = blankCalendarSpans(text);
  const tokens: NumberToken[] = [];
  for (const match of blanked.matchAll(DIGITS)) {
    const digits = match[0];
    const index = match.index;
    const before = blanked.slice(0, index);
    const after = blanked.slice(index + digits.length);
    if (isPartOfName(before, after)) continue;
    tokens.push(readToken(digits, index, before, after));
  }
  return tokens;
}

function isPartOfName(before: string, after: string): boolean {
  const previous = before.at(-1) ?? '';
  // EC2, m5, gp2, Q3, FY26: a number glued to letters or an underscore is part of a name.
  if (/[A-Za-z_]/.test(previous)) return true;
  // us-east-1, i-0abc: a hyphen or dot right after a letter joins a name ("10-20" stays a range).
  if ((previous === '-' || previous === '.') && /[A-Za-z]/.test(before.at(-2) ?? '')) return true;
  if (SUFFIX.test(after) || ORDINAL.test(after)) return false;
  // 2xlarge, 5xx, 3a: letters glued after the digits; "10x" (ten times) is still a claim.
  return /^(?:[A-WYZa-wyz]|[Xx][A-Za-z0-9])/.test(after);
}

function readToken(digits: string, index: number, before: string, after: string): NumberToken {
  const plain = Number(digits.replaceAll(',', ''));
  const decimals = digits.includes('.') ? (digits.split('.')[1]?.length ?? 0) : 0;
  const suffixMatch = SUFFIX.exec(after);
  // "5 M" with a space is only money shorthand after a currency sign; "in 2026 B" is not a thing.
  const suffix = suffixMatch?.[2];
  const multiplier = suffix ? (MULTIPLIERS[suffix.toLowerCase()] ?? 1) : 1;
  const rest = suffixMatch ? after.slice(suffixMatch[0].length) : after;
  const currency = CURRENCY_BEFORE.test(before) || CURRENCY_AFTER.test(rest);
  const percent = !currency && PERCENT.test(rest);
  const kind: NumberToken['kind'] = currency ? 'money' : percent ? 'percent' : 'number';
  const currencyPrefix = /(?:US\$|\$|USD\s?)\s?$/.exec(before)?.[0] ?? '';
  const percentSuffix = percent ? (/^\s?%/.exec(rest)?.[0] ?? '') : '';
  const raw = `${currency ? currencyPrefix : ''}${digits}${suffixMatch?.[0] ?? ''}${percentSuffix}`;
  const token: NumberToken = {
    raw,
    kind,
    value: plain * multiplier,
    tolerance: 0.5 * 10 ** -decimals * multiplier + 1e-9,
    index,
  };
  if (kind !== 'number' || suffix) return token;
  return { ...token, allowance: allowanceOf(digits, before, after) };
}

function allowanceOf(digits: string, before: string, after: string): NumberToken['allowance'] {
  if (ORDINAL.test(after)) return 'ordinal';
  const lineStart = before.slice(before.lastIndexOf('\n') + 1);
  if (/^\s*$/.test(lineStart) && /^[.)]\s/.test(after)) return 'list-marker';
  if (/^\d{4}$/.test(digits) && Number(digits) >= 1900 && Number(digits) < 2200) return 'year';
  if (/^\d{12}$/.test(digits)) return 'account-id';
  if (/^\d+$/.test(digits) && DURATION.test(after)) return 'duration';
  return undefined;
}
