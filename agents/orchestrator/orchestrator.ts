import { randomUUID } from 'node:crypto';
import type { Answer, Fact } from '../../src/domain/index.ts';
import { toDay } from '../../src/domain/index.ts';
import type { CostEngine, DataCatalog } from '../../src/engine/index.ts';
import { FinopsError } from '../../src/errors.ts';
import type { A2ABus } from '../a2a/a2a-bus.ts';
import type { AgentCard } from '../specialists/agent-card.ts';
import { createBusToolbox } from './bus-toolbox.ts';
import { answerClarification } from './clarification-reply.ts';
import { composeAnswer } from './compose-answer.ts';
import type { ContextStore } from './conversation-context.ts';
import type { AskInput, Orchestrator } from './orchestrator-port.ts';
import type { Planner, PlannerOutcome, PlanningTurn } from './planner.ts';

/** Checks a model's prose against the facts the specialists returned (agents/orchestrator/guardrails). */
export type NumberCheck = (
  text: string,
  evidence: { facts: readonly Fact[]; question: string },
) => { ok: boolean; unmatched: string[] };

/** One structured log line per event; never contains a secret or a whole answer. */
export type OrchestratorLog = (entry: { event: string; [key: string]: unknown }) => void;

export interface OrchestratorOptions {
  bus: A2ABus;
  cards: readonly AgentCard[];
  /** Answers first: the Bedrock planner when a model is configured, else the deterministic one. */
  planner: Planner;
  /** Answers when `planner` fails, throttles, times out or breaks the guardrail: deterministic. */
  fallback: Planner;
  /** The one-line description of what a turn will look at (the deterministic route's). */
  describe: (turn: PlanningTurn) => string;
  verifyNumbers: NumberCheck;
  engine: Pick<CostEngine, 'catalog'>;
  contexts: ContextStore;
  /** The business clock: "today" for relative periods (FINOPS_NOW / --now may fix it). */
  now: () => Date;
  /**
   * Real time in epoch ms, for deadlines and timings; default Date.now. Never the business
   * clock: a day fixed in the past would make every deadline already passed.
   */
  clock?: (() => number) | undefined;
  log?: OrchestratorLog | undefined;
  /** The turn's budget when the caller gives none; default 25 s. */
  defaultTimeoutMs?: number | undefined;
  /**
   * The share of the budget the first planner may use when it is not the fallback, so the
   * deterministic planner still has time to answer after a model that hangs; default 0.6.
   */
  modelShare?: number | undefined;
  generateId?: (() => string) | undefined;
}

const DEFAULT_TIMEOUT_MS = 25_000;
const CATALOG_REUSE_MS = 5_000;

/**
 * The orchestrator agent: plans a turn (model or deterministic), sends the specialists their
 * tasks over the A2A bus in parallel, and composes one Answer. A model that fails, throttles or
 * times out hands the turn to the deterministic planner within the same budget; a model whose
 * prose has a number no fact backs is overruled by the deterministic composer (and logged).
 */
export function createOrchestrator(options: OrchestratorOptions): Orchestrator {
  const log = options.log ?? (() => {});
  const generateId = options.generateId ?? randomUUID;
  const clock = options.clock ?? Date.now;

  /**
   * The names the planner resolves against. Re-read at most every CATALOG_REUSE_MS: a name that
   * appears with new data is known to the planner a few seconds later, while the specialists
   * always read the data as it is. It saves one data-version read per turn of a busy chat.
   */
  let catalogRead: { at: number; catalog: Promise<DataCatalog> } | undefined;
  function recentCatalog(): Promise<DataCatalog> {
    if (!catalogRead || clock() - catalogRead.at > CATALOG_REUSE_MS) {
      const catalog = options.engine.catalog();
      catalogRead = { at: clock(), catalog };
      // A failed read is not kept: the next turn tries again.
      catalog.catch(() => {
        if (catalogRead?.catalog === catalog) catalogRead = undefined;
      });
    }
    return catalogRead.catalog;
  }

  /**
   * The turn as the planner sees it. A short reply to the thread's last clarification ("the
   * account", "env=prod") is read as the clarified question (`readAs`); a clarification is never
   * a turn to follow up on.
   */
  async function planningTurn(input: AskInput): Promise<{ turn: PlanningTurn; readAs?: string | undefined }> {
    const catalog = await recentCatalog();
    let previous = input.contextId ? await options.contexts.get(input.contextId) : undefined;
    let question = input.question;
    let readAs: string | undefined;
    if (previous?.intent === 'clarify') {
      readAs = previous.clarification
        ? answerClarification(previous.question, previous.clarification, question)
        : undefined;
      if (readAs) question = readAs;
      previous = undefined;
    }
    const turn: PlanningTurn = {
      question,
      contextId: input.contextId ?? `turn-${generateId()}`,
      today: toDay(options.now()),
      catalog,
      ...(previous ? { previous } : {}),
    };
    return { turn, readAs };
  }

  async function runPlanner(
    planner: Planner,
    turn: PlanningTurn,
    deadlineMs: number,
    outer: AbortSignal | undefined,
  ): Promise<{ outcome: PlannerOutcome; results: number }> {
    const toolbox = createBusToolbox({
      bus: options.bus,
      cards: options.cards,
      contextId: turn.contextId,
      deadlineMs,
      now: clock,
      generateId,
    });
    const controller = new AbortController();
    const onAbort = () => controller.abort(outer?.reason);
    outer?.addEventListener('abort', onAbort, { once: true });
    // Real time, not the injected clock: a hung model must be cut off even under a fixed `now`.
    const timer = setTimeout(
      () =>
        controller.abort(new FinopsError('finops_model_error', `${planner.name} planner ran out of time`)),
      Math.max(0, deadlineMs - clock()),
    );
    try {
      const running = planner.run(turn, toolbox, { signal: controller.signal, deadlineMs });
      // A model may ignore the signal; the deterministic planner honours it and returns what arrived.
      const outcome =
        planner === options.fallback ? await running : await raceAbort(running, controller.signal);
      return { outcome, results: toolbox.results.length };
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    }
  }

  async function ask(input: AskInput): Promise<Answer> {
    const question = input.question.trim();
    if (question.length === 0) {
      throw new FinopsError(
        'finops_invalid_input',
        'the question is empty: ask something like "top 5 accounts this month"',
      );
    }
    const started = clock();
    const deadlineMs = started + (input.timeoutMs ?? options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS);
    const { turn, readAs } = await planningTurn({ ...input, question });
    const warnings: string[] = readAs ? [`Read as: "${readAs}"`] : [];
    let fallbackReason: string | undefined;
    let planner = options.planner;
    let outcome: PlannerOutcome | undefined;

    if (options.planner !== options.fallback) {
      const share = options.modelShare ?? 0.6;
      const modelDeadline = started + Math.floor((deadlineMs - started) * share);
      try {
        outcome = (await runPlanner(options.planner, turn, modelDeadline, input.signal)).outcome;
      } catch (error) {
        fallbackReason = describeError(error);
        log({ event: 'planner_fallback', planner: options.planner.name, reason: fallbackReason });
        warnings.push('The language model was unavailable, so the built-in planner answered.');
      }
      if (outcome?.text !== undefined) {
        const facts = outcome.results.flatMap((result) => result.findings?.facts ?? []);
        const check = options.verifyNumbers(outcome.text, { facts, question });
        if (!check.ok) {
          fallbackReason = `guardrail: ${check.unmatched.length} number(s) without a fact`;
          log({ event: 'guardrail_mismatch', planner: options.planner.name, unmatched: check.unmatched });
          // The model's tool choices stand (their findings are computed by code); its prose does not.
          outcome = { ...outcome, text: undefined };
        }
      }
    }
    if (outcome === undefined) {
      planner = options.fallback;
      outcome = (await runPlanner(options.fallback, turn, deadlineMs, input.signal)).outcome;
    }

    const answer = composeAnswer({
      question,
      outcome,
      modelText: outcome.text,
      warnings,
      trace: {
        planner: planner.name,
        bus: options.bus.name,
        calls: outcome.results.map((result) => ({
          agent: result.call.agent,
          skill: result.call.skill,
          state: result.state,
        })),
        ...(fallbackReason ? { fallback: fallbackReason } : {}),
      },
    });
    const remember = outcome.clarification
      ? { question: turn.question, intent: 'clarify', calls: [], clarification: outcome.clarification.reason }
      : outcome.remember;
    if (input.contextId && remember) await options.contexts.save(input.contextId, remember);
    log({
      event: 'turn',
      planner: planner.name,
      intent: answer.intent,
      calls: answer.trace?.calls.length ?? 0,
      ms: clock() - started,
    });
    return answer;
  }

  async function preview(input: AskInput): Promise<string> {
    try {
      return options.describe((await planningTurn(input)).turn);
    } catch {
      return 'Looking into it…';
    }
  }

  return {
    ask,
    preview,
    cards: options.cards,
    describe: { planner: options.planner.name, bus: options.bus.name },
  };
}

/** Rejects as soon as `signal` aborts, even if the planner ignores it. */
function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function describeError(error: unknown): string {
  if (error instanceof FinopsError) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
