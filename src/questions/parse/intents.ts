import type { Dimension } from '../../domain/index.ts';
import type { CatalogIndex } from './catalog-index.ts';
import { resolveTagKey } from './catalog-index.ts';
import type { PeriodUnit } from './periods.ts';
import type { QuestionText } from './question-text.ts';
import { phrasePattern } from './question-text.ts';
import { DIMENSION_WORDS, FILLER_WORDS } from './vocabulary.ts';
import { NUMBER_PATTERN, parseNumber } from './vocabulary-time.ts';

/** "week over week" and friends: a comparison with the previous calendar unit. */
export interface CompareShortcut {
  unit: Exclude<PeriodUnit, 'days'>;
  phrase: string;
}

const SHORTCUTS: { pattern: RegExp; unit: CompareShortcut['unit'] }[] = [
  { pattern: /\b(?:day[\s-]over[\s-]day|dod|d\/d)\b/, unit: 'day' },
  { pattern: /\b(?:week[\s-]over[\s-]week|wow|w\/w)\b/, unit: 'week' },
  { pattern: /\b(?:month[\s-]over[\s-]month|mom|m\/m)\b/, unit: 'month' },
  { pattern: /\b(?:quarter[\s-]over[\s-]quarter|qoq|q\/q)\b/, unit: 'quarter' },
  { pattern: /\b(?:year[\s-]over[\s-]year|yoy|y\/y)\b/, unit: 'year' },
];

export function findCompareShortcut(text: QuestionText): CompareShortcut | undefined {
  let found: CompareShortcut | undefined;
  for (const shortcut of SHORTCUTS) {
    text.claim(shortcut.pattern, (match) => {
      found ??= { unit: shortcut.unit, phrase: match[0] };
      return true;
    });
  }
  return found;
}

export interface IntentSignals {
  explain: boolean;
  compare: boolean;
  /** "A vs B": two named things or periods set side by side. */
  versus: boolean;
  /** Where the first "vs" / "compared to" stands, to tell "EC2 vs last month" from "last month vs …". */
  versusAt: number | undefined;
  trend: boolean;
  granularity: 'day' | 'month' | undefined;
  weekly: boolean;
  breakdownWord: boolean;
}

const SIGNALS: { pattern: RegExp; apply: (signals: IntentSignals, at: number) => void }[] = [
  {
    pattern:
      /\b(?:why|how come|what drove|what drives|whats driving|what is driving|what caused|what causes|whats behind|what is behind|explain(?:ed|s)?|explanation|reasons?(?: for)?|root cause|drivers?|driven by|what happened|what changed|contribut\w+)\b/,
    apply: (signals) => {
      signals.explain = true;
    },
  },
  {
    pattern: /\b(?:vs|versus|v|against|compared (?:to|with)|relative to)\b/,
    apply: (signals, at) => {
      signals.compare = true;
      signals.versus = true;
      signals.versusAt ??= at;
    },
  },
  {
    pattern:
      /\b(?:compare[sd]?|comparing|comparison|difference|diff|delta|how much (?:more|less)|more|less|than|increase[sd]?|increasing|decrease[sd]?|decreasing|jump(?:ed|s)?|spike[sd]?|spiking|drop(?:ped|s)?|(?:went|gone|go|going|shot|gone) (?:up|down)|higher|lower|bigger|smaller|grew|grow|growing|growth|rise|rising|rose|risen|fell|fall|falling|change[sd]?|changing|climb(?:ed|ing)?|surge[sd]?|doubled|tripled|balloon(?:ed|ing)?)\b/,
    apply: (signals) => {
      signals.compare = true;
    },
  },
  {
    pattern: /\b(?:daily|per day|by day|each day|every day|day[\s-]by[\s-]day|day-to-day|per-day)\b/,
    apply: (signals) => {
      signals.trend = true;
      signals.granularity ??= 'day';
    },
  },
  {
    pattern: /\b(?:monthly|per month|by month|each month|every month|month[\s-]by[\s-]month|per-month)\b/,
    apply: (signals) => {
      signals.trend = true;
      signals.granularity ??= 'month';
    },
  },
  {
    pattern: /\b(?:weekly|per week|by week|each week|every week|week[\s-]by[\s-]week)\b/,
    apply: (signals) => {
      signals.trend = true;
      signals.weekly = true;
    },
  },
  {
    pattern:
      /\b(?:trend(?:s|ing|line)?|over time|time[\s-]?series|history|historical|timeline|evolution|progression)\b/,
    apply: (signals) => {
      signals.trend = true;
    },
  },
  {
    pattern: /\b(?:breakdown|break[\s-]?down|broken[\s-]down|split|splits)\b(?! (?:by|of|per|it))/,
    apply: (signals) => {
      signals.breakdownWord = true;
    },
  },
];

export function findIntentSignals(text: QuestionText): IntentSignals {
  const signals: IntentSignals = {
    explain: false,
    compare: false,
    versus: false,
    versusAt: undefined,
    trend: false,
    granularity: undefined,
    weekly: false,
    breakdownWord: false,
  };
  for (const signal of SIGNALS) {
    text.claim(signal.pattern, (match) => {
      signal.apply(signals, match.index);
      return true;
    });
  }
  return signals;
}

export interface Grouping {
  groupBy: Dimension | undefined;
  limit: number | undefined;
  /** A superlative over a singular noun ("the most expensive service"): the single top group. */
  singleTop: boolean;
  problems: string[];
}

interface DimensionPhrase {
  phrase: string;
  dimension: Dimension | undefined;
  plural: boolean;
  /** The tag key as typed when it is not in the data. */
  unknownTag?: string;
}

function dimensionPhrases(index: CatalogIndex): DimensionPhrase[] {
  const phrases: DimensionPhrase[] = [];
  for (const entry of DIMENSION_WORDS) {
    for (const phrase of entry.singular) phrases.push({ phrase, dimension: entry.dimension, plural: false });
    for (const phrase of entry.plural) phrases.push({ phrase, dimension: entry.dimension, plural: true });
  }
  for (const [key, keyPhrases] of index.tagKeyPhrases) {
    for (const phrase of keyPhrases) {
      const dimension: Dimension = `tag:${key}`;
      phrases.push(
        { phrase, dimension, plural: false },
        { phrase: `${phrase}s`, dimension, plural: true },
        { phrase: `${phrase} tag`, dimension, plural: false },
        { phrase: `${phrase} tags`, dimension, plural: true },
        { phrase: `tag ${phrase}`, dimension, plural: false },
        { phrase: `${phrase} tag value`, dimension, plural: false },
        { phrase: `${phrase} tag values`, dimension, plural: true },
      );
    }
  }
  return phrases;
}

const N = NUMBER_PATTERN;
const SUPERLATIVE =
  '(?:biggest|largest|highest|most expensive|most costly|costliest|priciest|major|main|leading|heaviest|highest[\\s-]cost|top[\\s-]spending|most spending|most)';
const GROUP_MARKER =
  '(?:by|per|for each|for every|each|every|across|split by|split per|broken down by|broken out by|grouped by|group by|group per|breakdown by|breakdown per|breakdown of|break down by|break it down by|break down|sliced by|divided by|according to|in each|on each)';

/**
 * The grouping a question asks for: "by service", "top 5 accounts", "which team", "biggest
 * services", and tag keys ("by team", "by cost-center tag"). A tag key not in the data is
 * reported, not ignored.
 */
export function findGrouping(text: QuestionText, index: CatalogIndex): Grouping {
  const grouping: Grouping = { groupBy: undefined, limit: undefined, singleTop: false, problems: [] };
  const phrases = dimensionPhrases(index);
  const dims = phrasePattern(phrases.map((entry) => entry.phrase));
  const lookup = (phrase: string): DimensionPhrase | undefined => {
    const key = phrase.replace(/[\s-]+/g, '');
    return phrases.find((entry) => entry.phrase.replace(/[\s-]+/g, '') === key);
  };
  const chosen: Dimension[] = [];
  const choose = (phrase: string, count: string | undefined, superlative: boolean): boolean => {
    const entry = lookup(phrase);
    if (!entry?.dimension) return false;
    if (!chosen.includes(entry.dimension)) chosen.push(entry.dimension);
    if (count !== undefined) {
      const limit = parseNumber(count);
      if (limit === undefined || limit < 1 || limit > 1000) {
        grouping.problems.push(`'top ${count}' must be a number from 1 to 1000`);
      } else {
        grouping.limit = limit;
      }
    } else if (superlative && !entry.plural) {
      grouping.singleTop = true;
      grouping.limit ??= 1;
    }
    return true;
  };

  const rules: { pattern: RegExp; handle: (match: RegExpExecArray) => boolean }[] = [
    {
      pattern: new RegExp(`\\b(?:the )?top[\\s-]?(${N})?(?: ${SUPERLATIVE})? (${dims})\\b`),
      handle: (match) => choose(match[2] ?? '', match[1], true),
    },
    {
      pattern: new RegExp(`\\b(?:the )?(?:(${N}) )?${SUPERLATIVE}(?: (${N}))? (${dims})\\b`),
      handle: (match) => choose(match[3] ?? '', match[1] ?? match[2], true),
    },
    {
      pattern: new RegExp(`\\b(?:which|what)(?: (${N}))? (${dims})\\b`),
      handle: (match) => {
        const superlative = /\b(?:most|highest|biggest|largest|top|more|max(?:imum)?)\b/.test(text.masked());
        return choose(match[2] ?? '', match[1], superlative);
      },
    },
    {
      pattern: new RegExp(
        `\\b${GROUP_MARKER}(?: the| our| each| all)? (${dims})(?:(?: and|,| &| then)(?: by)? (${dims}))?\\b`,
      ),
      handle: (match) =>
        choose(match[1] ?? '', undefined, false) && (!match[2] || choose(match[2], undefined, false)),
    },
    {
      // "untagged resources": the things that lack the tag, listed.
      pattern: new RegExp(`(?<=\\b(?:untagged|un-tagged) )(${dims})\\b`),
      handle: (match) => choose(match[1] ?? '', undefined, false),
    },
    {
      pattern: new RegExp(`\\b(${dims}) (?:breakdown|split|level)\\b`),
      handle: (match) => choose(match[1] ?? '', undefined, false),
    },
  ];
  // "across all accounts" asks for everything together, not a breakdown.
  text.claim(new RegExp(`\\b(?:across|for|in|over|of) all (?:the |our |of our )?(?:${dims})\\b`), () => true);
  for (const rule of rules) text.claim(rule.pattern, rule.handle);

  // Words that order results, not group them ("top 10 resources by cost"), and "the most".
  text.claim(
    /\b(?:(?:sorted |ordered |ranked )?by (?:total )?(?:cost|costs|spend|spending|amount|dollars|value))\b/,
    () => true,
  );
  text.claim(
    /\b(?:the )?(?:most|highest|biggest|largest|max(?:imum)?)\b/,
    () => grouping.groupBy !== undefined || chosen.length > 0,
  );

  if (chosen.length > 1) {
    grouping.problems.push(
      `I can group by one thing at a time, and the question asks for ${chosen.join(' and ')}`,
    );
  }
  grouping.groupBy = chosen[0];
  return grouping;
}

/**
 * "by project" where project is no dimension or tag we know. Run after every other recogniser so
 * that "top 5 accounts by EC2 spend" keeps EC2 as a filter.
 */
export function findUnknownGrouping(
  text: QuestionText,
  index: CatalogIndex,
): { words: string[]; problems: string[] } {
  const problems: string[] = [];
  const words: string[] = [];
  text.claim(/\b(?:by|per) (?:the )?(?:tag )?([a-z][\w-]*)(?: tags?)?\b/, (match) => {
    const word = match[1] ?? '';
    if (resolveTagKey(index, word) || FILLER_WORDS.has(word)) return false;
    words.push(word);
    problems.push(
      `I cannot group by '${word}': I can group by service, account, region, usage type, resource, service category, charge category${index.catalog.tagKeys.length ? ` or a tag (${index.catalog.tagKeys.join(', ')})` : ''}`,
    );
    return true;
  });
  return { words, problems };
}
