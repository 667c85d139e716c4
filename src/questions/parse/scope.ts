/**
 * Questions this version cannot answer, recognised so that the user hears why instead of getting
 * a number for something else. Checked before anything else is parsed. Forecasts, budgets and
 * anomalies used to be here; they are parsed now (forecast-words.ts, budget.ts, anomaly-words.ts).
 */
export const OUT_OF_SCOPE: { pattern: RegExp; reason: string }[] = [
  {
    pattern:
      /\b(?:how (?:can|could|do|should|might) (?:we|i) (?:save|cut|reduce|lower|optimi[sz]e)|save money|savings? (?:opportunit\w+|tips)|cost savings?|recommend\w*|rightsiz\w*|right-siz\w*|optimi[sz]\w*|cut (?:our |the )?(?:costs?|spend|bill)|reduce (?:our |the )?(?:costs?|spend|bill)|idle|unused|waste\w*)\b/,
    reason: 'cost-saving recommendations are not available in this version',
  },
];

/** FOCUS defines no blended cost, so asking for it must not quietly return another metric. */
export const BLENDED = /\bblended\b/;
export const BLENDED_REASON =
  'FOCUS billing data has no blended cost; ask for billed (unblended), effective (amortized, net), list (on-demand) or contracted cost';

/** A message that only asks what the bot can do. */
export const HELP =
  /^(?:(?:hi|hello|hey|yo)\s+)?(?:help|help me|what can you do|what can i ask(?: you)?|what do you do|what do you know|what (?:questions|things) can i ask(?: you)?|how do i use (?:this|you|it)|how does this work|commands|examples|usage|hi|hello|hey|\?|what are you)(?:\s+(?:please|pls|plz))?$/;
