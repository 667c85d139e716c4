import type { Catalog, Clarification, ParsedQuestion } from '../../../src/questions/parse/index.ts';
import type { ConversationContext } from '../conversation-context.ts';
import type { SkillCall } from '../skill-call.ts';

/** Where one question goes: the specialist calls to make (in parallel), or a clarification, or help. */
export interface Route {
  /** `total`, `breakdown`, `savings`, `forecast+anomalies`, `clarify`, `help` … */
  intent: string;
  calls: SkillCall[];
  /**
   * The resolved cost plan: period, filters, grouping. For savings, tagging and commitments it is
   * the spend those asks are about (intent `total`), so a follow-up can build on it.
   */
  plan?: ParsedQuestion | undefined;
  clarification?: Clarification | undefined;
  help?: boolean | undefined;
}

export interface RouteContext {
  /** The current UTC day, YYYY-MM-DD. */
  today: string;
  catalog: Catalog;
  /** The thread's last answered turn, for follow-ups. */
  previous?: ConversationContext | undefined;
}
