import type { DataCatalog } from '../../src/engine/index.ts';
import type { Clarification } from '../../src/questions/parse/index.ts';
import type { AgentCard } from '../specialists/agent-card.ts';
import type { ConversationContext, RememberedTurn } from './conversation-context.ts';
import type { SkillCall, SkillResult } from './skill-call.ts';

/** One question as the planner sees it. */
export interface PlanningTurn {
  question: string;
  /** The chat thread (A2A contextId); Bedrock sessions are keyed by it. */
  contextId: string;
  /** The current UTC day, YYYY-MM-DD: relative periods resolve against it. */
  today: string;
  catalog: DataCatalog;
  /** What the thread's previous turn asked, for follow-ups ("and last month?"). */
  previous?: ConversationContext | undefined;
}

/** The specialists, as a planner may use them: their cards, and a way to call them. */
export interface Toolbox {
  readonly cards: readonly AgentCard[];
  /**
   * Sends the calls over the A2A bus at once (they run in parallel) and resolves with one result
   * per call, in order, when all are answered or the turn's time is up (then `timed-out`).
   * Never throws for a specialist's failure: that is a `failed` result.
   */
  call(calls: readonly SkillCall[], options?: { signal?: AbortSignal | undefined }): Promise<SkillResult[]>;
}

export interface PlannerRunOptions {
  /** Aborted when the planner's share of the turn is over. */
  signal: AbortSignal;
  /** Epoch milliseconds by which the planner must have returned. */
  deadlineMs: number;
}

/**
 * What a planner did with a turn. Exactly one of: results (with optional model prose), a
 * clarification, or help. The orchestrator composes the Answer; `text`, when a model wrote it,
 * is used only if every number in it matches a fact of `results` (guardrails).
 */
export interface PlannerOutcome {
  /** `breakdown`, `savings`, `forecast+anomalies`, `help`, `clarify` … for logs and the answer. */
  intent: string;
  results: SkillResult[];
  /** Prose from a model; absent for the deterministic planner. */
  text?: string | undefined;
  clarification?: Clarification | undefined;
  help?: boolean | undefined;
  /** What the next turn of the thread inherits (the resolved period, filters, grouping, calls). */
  remember?: RememberedTurn | undefined;
}

export interface Planner {
  /** `deterministic` or `bedrock`, shown in the answer's trace. */
  readonly name: string;
  run(turn: PlanningTurn, toolbox: Toolbox, options: PlannerRunOptions): Promise<PlannerOutcome>;
}

export type { SkillCall, SkillResult };
