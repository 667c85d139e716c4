import type { CatalogIndex } from './catalog-index.ts';
import { MONTH_NAMES } from './periods.ts';
import {
  ACCOUNT_NAME_SYNONYMS,
  DIMENSION_WORDS,
  FILLER_WORDS,
  REGION_ALIASES,
  SERVICE_ALIASES,
  USAGE_ALIASES,
} from './vocabulary.ts';
import { NUMBER_WORDS, WEEKDAYS } from './vocabulary-time.ts';

/** Words the recognisers look for that are not in the other tables. */
const RECOGNISED_WORDS =
  `today yesterday week weeks month months quarter quarters year years last past previous
  prior since between from until through daily monthly weekly trend trends trending history compare compared
  comparison versus against explain explanation breakdown excluding except without untagged tagged amortized
  amortised unblended billed effective contracted negotiated credits credit taxes usage only biggest largest
  highest expensive most increase decrease jumped spike changed change higher lower spend spent spending cost
  costs billing charges paid invoice category categories forecast forecasts projected projection budget
  anomaly anomalies unusual weird spikes outliers exceed tomorrow next`.split(/\s+/);

const MIN_LENGTH = 4;
const cache = new WeakMap<CatalogIndex, Set<string>>();

function vocabularyOf(index: CatalogIndex): Set<string> {
  const cached = cache.get(index);
  if (cached) return cached;
  const phrases = [
    ...FILLER_WORDS,
    ...RECOGNISED_WORDS,
    ...DIMENSION_WORDS.flatMap((entry) => [...entry.singular, ...entry.plural]),
    ...SERVICE_ALIASES.flatMap((alias) => alias.phrases),
    ...USAGE_ALIASES.flatMap((alias) => alias.phrases),
    ...Object.values(REGION_ALIASES).flat(),
    ...ACCOUNT_NAME_SYNONYMS.flat(),
    ...MONTH_NAMES.map((name) => name.toLowerCase()),
    ...WEEKDAYS,
    ...Object.keys(NUMBER_WORDS),
    ...index.services.keys(),
    ...index.accountsByPhrase.keys(),
    ...[...index.tagKeyPhrases.values()].flat(),
    ...index.tagValues.keys(),
    ...index.categories.keys(),
  ];
  const words = new Set(
    phrases
      .flatMap((phrase) => phrase.toLowerCase().split(/[\s-]+/))
      .filter((word) => /^[a-z]+$/.test(word) && word.length >= MIN_LENGTH),
  );
  cache.set(index, words);
  return words;
}

/** True when one insertion, deletion, substitution or swap of neighbours turns `a` into `b`. */
export function isOneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  const restA = a.slice(start);
  const restB = b.slice(start);
  if (restA.length === restB.length) {
    if (restA.slice(1) === restB.slice(1)) return true;
    return (
      restA.length >= 2 && restA[0] === restB[1] && restA[1] === restB[0] && restA.slice(2) === restB.slice(2)
    );
  }
  return restA.length > restB.length ? restA.slice(1) === restB : restB.slice(1) === restA;
}

/**
 * Corrections for words the parser did not know, when each has exactly one known word one edit
 * away ("acount" → "account"). Undefined when any word has none or several: then the user is asked.
 * Words shorter than four letters are never corrected, since too many names are one edit apart.
 */
export function correctTypos(words: string[], index: CatalogIndex): Map<string, string> | undefined {
  const vocabulary = vocabularyOf(index);
  const corrections = new Map<string, string>();
  for (const word of words) {
    // Known words and numbers left over belong to a phrase the typo broke ("top 5 acounts").
    if (vocabulary.has(word) || /^\d+$/.test(word) || ['top', 'last', 'this', 'past'].includes(word))
      continue;
    if (word.length < MIN_LENGTH || !/^[a-z]+$/.test(word)) return undefined;
    const candidates = [...vocabulary].filter((known) => isOneEditApart(word, known));
    if (candidates.length !== 1 || candidates[0] === undefined) return undefined;
    corrections.set(word, candidates[0]);
  }
  return corrections.size > 0 ? corrections : undefined;
}
