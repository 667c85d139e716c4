import type { QuestionText } from './question-text.ts';
import { NUMBER_PATTERN, parseNumber } from './vocabulary-time.ts';

export interface AnomalyWords {
  found: boolean;
  /** "top 5 anomalies" → 5; "the biggest anomaly" → 1. */
  limit: number | undefined;
  problems: string[];
}

const KIND = '(?:(?:cost|spend|spending|billing|usage) )?';

// "spike" on its own is a change ("why did EC2 spike"); as a thing to list it is plural or "any spike".
const RANKED = new RegExp(
  `\\b(?:the )?(?:top|biggest|largest|main|worst)(?: (${NUMBER_PATTERN}))? ${KIND}(?:(anomaly|outlier|spike)|anomalies|outliers|spikes)\\b`,
);
const LISTED = new RegExp(
  `\\b(?:(?:any|an) )?${KIND}(?:anomal(?:y|ies|ous|ously)|outliers?|spikes|irregularities)\\b|\\bany ${KIND}spike\\b`,
);
const ODD =
  /\b(?:(?:anything|something) )?(?:weird|unusual|unusually|strange|odd|unexpected|unexpectedly|abnormal|abnormally|suspicious|irregular|out of the ordinary)(?: (?:high|large|big|expensive|costly|happen(?:ed|ing)?))?\b/;

/**
 * Claims words asking for anomalies: "anomalies", "anything weird", "cost spikes", "outliers",
 * with an optional count ("top 5 anomalies").
 */
export function findAnomalyWords(text: QuestionText): AnomalyWords {
  const words: AnomalyWords = { found: false, limit: undefined, problems: [] };
  text.claim(RANKED, (match) => {
    words.found = true;
    if (match[1] !== undefined) {
      const limit = parseNumber(match[1]);
      if (limit === undefined || limit < 1 || limit > 1000) {
        words.problems.push(`'${match[0]}' must ask for 1 to 1000 anomalies`);
      } else {
        words.limit = limit;
      }
    } else if (match[2] !== undefined) {
      words.limit ??= 1;
    }
    return true;
  });
  for (const pattern of [LISTED, ODD]) {
    text.claim(pattern, () => {
      words.found = true;
      return true;
    });
  }
  return words;
}
