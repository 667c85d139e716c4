import type { Answer } from '../../src/domain/index.ts';
import type { AgentCard } from '../specialists/agent-card.ts';

/** One question from a person, in a thread. */
export interface AskInput {
  question: string;
  /**
   * The conversation: a chat thread (`slack:T123:C456:1712345678.000100`, `teams:<conversation id>`)
   * or a terminal session. Follow-ups in the same context reuse the last turn's period, filters
   * and grouping. Absent: a one-off question with no memory.
   */
  contextId?: string | undefined;
  /** Who asks (for logs and, later, per-user scoping); never used to authorise decisions. */
  userId?: string | undefined;
  /** Ends the turn early: the answer is composed from what has arrived. */
  signal?: AbortSignal | undefined;
  /** The caller's whole time budget for the turn; default 25 s. */
  timeoutMs?: number | undefined;
}

/**
 * The copilot's front door for every adapter (CLI, Slack, Teams, digest): plan, ask the
 * specialists over the A2A bus, compose one Answer. Never throws for a slow or failing
 * specialist or model: those become warnings on a partial answer.
 */
export interface Orchestrator {
  ask(input: AskInput): Promise<Answer>;
  /**
   * One line saying what the turn will look at, for a placeholder shown while it runs:
   * "Looking at EC2 spend for last week…". Cheap (no specialist is called) and never throws.
   */
  preview(input: AskInput): Promise<string>;
  /** The specialists' agent cards. */
  readonly cards: readonly AgentCard[];
  /** Which planner answers first (`deterministic` or `bedrock`) and which bus carries tasks. */
  readonly describe: { planner: string; bus: string };
}
