import { COST_WORDS } from '../../../src/questions/parse/vocabulary.ts';

/** The asks the parser does not know, each answered by its own specialists. */
export type SpecialAsk = 'savings' | 'tagging' | 'commitments';

/** What one half of "X and Y" asks for, read from its words alone. */
export type AskKind = SpecialAsk | 'forecast' | 'anomalies' | 'explain' | 'cost';

/** Savings Plans and reservations: checked before savings, since "savings plans" contains "savings". */
const COMMITMENTS =
  /\b(?:savings? plans?|reserved instances?|reservations?|ris?|commitments?|committed spend|coverage|utili[sz]ation|utili[sz]ed)\b/;

/** Words that make a question about tag compliance whatever else it says. */
const TAGGING_STRONG =
  /\b(?:tag(?:ging)? (?:compliance|coverage|policy|policies|hygiene|audit|report|gaps?)|compliance|compliant|non[\s-]?compliant|(?:untagged|not tagged|unlabell?ed) (?:resources?|instances?|buckets?|volumes?|databases?|assets|items)|(?:resources?|instances?|buckets?|assets) (?:that )?(?:are |have )?(?:untagged|not tagged|(?:missing|without|lacking|with no) (?:an? |any |the )?(?:[\w-]+ )?tags?))\b/;

/**
 * "missing tags" with no money word is about resources; "spend without a team tag" is a cost
 * question the parser answers (untagged spend), so it must not come here.
 */
const TAGGING_WEAK =
  /\b(?:missing|without|lacking|with no) (?:an? |any |the )?(?:[\w-]+ )?tags\b|\buntagged\b/;

const SAVINGS =
  /\b(?:savings?|save|recommend\w*|rightsiz\w*|right[\s-]?siz\w*|downsiz\w*|optimi[sz]\w*|idle|unused|underused|under[\s-]?utili[sz]ed|orphaned|unattached|waste\w*|cheaper|how (?:can|could|do|should|might) (?:we|i) (?:cut|reduce|lower|trim)|(?:cut|reduce|lower|trim) (?:down )?(?:our |the )?(?:[\w-]+ (?:and [\w-]+ )?)?(?:costs?|spend|spending|bill))\b/;

/** The savings words alone, without the object of "cut EC2 costs", so stripping them keeps the services. */
const SAVINGS_WORDS =
  /\b(?:savings?|save|recommend\w*|rightsiz\w*|right[\s-]?siz\w*|downsiz\w*|optimi[sz]\w*|idle|unused|underused|under[\s-]?utili[sz]ed|orphaned|unattached|waste\w*|cheaper|cut|reduce|lower|trim|how (?:can|could|do|should|might) (?:we|i))\b/;

const FORECAST = /\b(?:forecast\w*|projection\w*|projected|run[\s-]rate|predict\w*)\b/;
const ANOMALIES = /\b(?:anomal\w*|outliers?|spikes|unusual|weird)\b/;
const EXPLAIN = /\b(?:why|how come|what drove|what caused|whats driving|whats behind|explain\w*)\b/;
const COST_ASK = new RegExp(`${COST_WORDS.source}|\\b(?:breakdown|trend|how much)\\b`);

/** The special ask a whole question makes, if any. */
export function specialAsk(normalised: string): SpecialAsk | undefined {
  if (TAGGING_STRONG.test(normalised)) return 'tagging';
  if (COMMITMENTS.test(normalised)) return 'commitments';
  if (TAGGING_WEAK.test(normalised) && !COST_WORDS.test(normalised)) return 'tagging';
  if (SAVINGS.test(normalised)) return 'savings';
  return undefined;
}

/** Whether the text asks for something by itself (an ask word), however little else it says. */
export function askKind(normalised: string): AskKind | undefined {
  const special = specialAsk(normalised);
  if (special) return special;
  if (FORECAST.test(normalised)) return 'forecast';
  if (ANOMALIES.test(normalised)) return 'anomalies';
  if (EXPLAIN.test(normalised)) return 'explain';
  if (COST_ASK.test(normalised)) return 'cost';
  return undefined;
}

const ASK_PATTERNS = [TAGGING_STRONG, COMMITMENTS, TAGGING_WEAK, SAVINGS, FORECAST, ANOMALIES, COST_ASK];

const STRIP_PATTERNS = [
  TAGGING_STRONG,
  COMMITMENTS,
  TAGGING_WEAK,
  SAVINGS_WORDS,
  FORECAST,
  ANOMALIES,
  COST_ASK,
  EXPLAIN,
];

/** Whether the text opens with an ask ("savings …", "anomalies for prod"), not just contains one. */
export function startsWithAsk(normalised: string): boolean {
  return ASK_PATTERNS.some((pattern) => new RegExp(`^(?:${pattern.source})`).test(normalised));
}

/** Whether the text closes with an ask ("forecast", "EC2 spend"). */
export function endsWithAsk(normalised: string): boolean {
  return ASK_PATTERNS.some((pattern) => new RegExp(`(?:${pattern.source})$`).test(normalised));
}

/** The text without its ask words, leaving what it is about: period, services, filters. */
export function withoutAskWords(normalised: string): string {
  let text = normalised;
  for (const pattern of STRIP_PATTERNS) text = text.replace(new RegExp(pattern.source, 'g'), ' ');
  return squash(text);
}

/** Removes every match of the pattern; one space between words. */
export function removeWords(text: string, pattern: RegExp): string {
  return squash(text.replace(new RegExp(pattern.source, 'g'), ' '));
}

export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The words of the special asks, for removing them before the parser reads the rest. */
export const SPECIAL_ASK_WORDS = [TAGGING_STRONG, COMMITMENTS, TAGGING_WEAK, SAVINGS_WORDS];
