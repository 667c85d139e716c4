import { randomUUID } from 'node:crypto';
import {
  type BedrockAgentRuntimeClient,
  type InvocationInputMember,
  type InvocationResultMember,
  InvokeAgentCommand,
  InvokeInlineAgentCommand,
} from '@aws-sdk/client-bedrock-agent-runtime';
import { FinopsError } from '../../../src/errors.ts';
import type { ParsedQuestion } from '../../../src/questions/parse/index.ts';
import type { Planner, PlannerOutcome, PlannerRunOptions, PlanningTurn, Toolbox } from '../planner.ts';
import type { SkillCall, SkillResult } from '../skill-call.ts';
import { actionGroupsFor } from './action-groups.ts';
import { readFunctionCall } from './function-call.ts';
import { type FunctionResultBody, functionResultBody, rejectedBody } from './function-result.ts';
import { DEFAULT_INSTRUCTION } from './instruction.ts';
import { modelError } from './model-error.ts';
import { bedrockSessionId } from './session-id.ts';

export type BedrockPlannerMode =
  /** InvokeInlineAgent: the action groups and instruction are sent with every request. */
  | { kind: 'inline'; foundationModel: string; instruction?: string | undefined }
  /** InvokeAgent: an agent deployed by infra with the same action groups (RETURN_CONTROL). */
  | { kind: 'agent'; agentId: string; agentAliasId: string };

export type BedrockPlannerLog = (entry: { event: string; [key: string]: unknown }) => void;

export interface BedrockPlannerOptions {
  /** Built by the composition root (region, endpoint, credentials, retries). */
  client: BedrockAgentRuntimeClient;
  mode: BedrockPlannerMode;
  logger?: BedrockPlannerLog | undefined;
  /** Ids that tie one turn's log lines together. */
  generateId?: (() => string) | undefined;
  /** Model round trips (invoke → function results → invoke …) before giving up; default 5. */
  maxRoundTrips?: number | undefined;
  now?: (() => number) | undefined;
}

const DEFAULT_MAX_ROUND_TRIPS = 5;

/** What one read of the completion stream ended with. */
type StreamEnd =
  | { kind: 'answer'; text: string }
  | { kind: 'return-control'; invocationId: string | undefined; inputs: InvocationInputMember[] };

interface CompletionEvent {
  chunk?: { bytes?: Uint8Array | undefined } | undefined;
  returnControl?: {
    invocationId?: string | undefined;
    invocationInputs?: InvocationInputMember[] | undefined;
  };
}

/**
 * The model planner: a Bedrock agent (inline or deployed) plans the turn, our code runs the
 * specialist skills it asks for (RETURN_CONTROL, so Bedrock never reaches our data), and its
 * final prose comes back as `text` for the orchestrator's number guardrail. Any failure,
 * throttling, a stream without an answer, too many round trips, or the deadline throws a
 * `finops_model_error`; the orchestrator then runs the deterministic planner. It does not fall
 * back by itself.
 */
export function createBedrockPlanner(options: BedrockPlannerOptions): Planner {
  const logger = options.logger ?? (() => {});
  const generateId = options.generateId ?? randomUUID;
  const now = options.now ?? Date.now;
  const maxRoundTrips = options.maxRoundTrips ?? DEFAULT_MAX_ROUND_TRIPS;
  const action = options.mode.kind === 'inline' ? 'bedrock:InvokeInlineAgent' : 'bedrock:InvokeAgent';

  async function run(
    turn: PlanningTurn,
    toolbox: Toolbox,
    runOptions: PlannerRunOptions,
  ): Promise<PlannerOutcome> {
    const groups = actionGroupsFor(toolbox.cards);
    const sessionId = bedrockSessionId(turn.contextId);
    const abort = deadlineSignal(runOptions, now);
    const turnId = generateId();
    const log: BedrockPlannerLog = (entry) => logger({ ...entry, turnId });
    const results: SkillResult[] = [];
    const calls: SkillCall[] = [];
    let plan: ParsedQuestion | undefined;
    let returned: { invocationId: string | undefined; results: InvocationResultMember[] } | undefined;
    try {
      for (let round = 1; round <= maxRoundTrips; round += 1) {
        log({ event: 'bedrock_invoke', mode: options.mode.kind, round, sessionId });
        const end = await untilAborted(
          invoke(turn, sessionId, groups.actionGroups, returned, abort.signal),
          abort,
        );
        if (end.kind === 'answer') {
          if (end.text.trim().length === 0) {
            throw new FinopsError(
              'finops_model_error',
              `Bedrock ${action} ended its answer stream without a final answer`,
              {
                isRetryable: true,
              },
            );
          }
          return {
            intent: 'model',
            results,
            text: end.text.trim(),
            remember: { question: turn.question, intent: 'model', ...(plan ? { plan } : {}), calls },
          };
        }
        const handled = await untilAborted(
          handleReturnControl(end.inputs, turn, toolbox, groups, abort.signal),
          abort,
        );
        results.push(...handled.results);
        calls.push(...handled.calls);
        plan = handled.plan ?? plan;
        log({
          event: 'bedrock_return_control',
          round,
          calls: handled.calls.map((call) => `${call.agent}/${call.skill}`),
          states: handled.results.map((result) => result.state),
        });
        returned = { invocationId: end.invocationId, results: handled.functionResults };
      }
      throw new FinopsError(
        'finops_model_error',
        `Bedrock ${action} asked for tools ${maxRoundTrips} times without answering; the turn stops there`,
        { isRetryable: false },
      );
    } catch (error) {
      const failure = abort.signal.aborted ? abort.reason() : modelError(error, action);
      log({ event: 'bedrock_error', message: failure.message, retryable: failure.isRetryable });
      throw failure;
    } finally {
      abort.dispose();
    }
  }

  async function invoke(
    turn: PlanningTurn,
    sessionId: string,
    actionGroups: ReturnType<typeof actionGroupsFor>['actionGroups'],
    returned: { invocationId: string | undefined; results: InvocationResultMember[] } | undefined,
    signal: AbortSignal,
  ): Promise<StreamEnd> {
    // The day anchors relative periods the model writes; the parser resolves them again anyway.
    const promptSessionAttributes = { today: turn.today };
    const state = returned
      ? {
          promptSessionAttributes,
          invocationId: returned.invocationId,
          returnControlInvocationResults: returned.results,
        }
      : { promptSessionAttributes };
    const inputText = returned ? undefined : turn.question;
    if (options.mode.kind === 'inline') {
      const response = await options.client.send(
        new InvokeInlineAgentCommand({
          sessionId,
          foundationModel: options.mode.foundationModel,
          instruction: options.mode.instruction ?? DEFAULT_INSTRUCTION,
          actionGroups,
          inputText,
          inlineSessionState: state,
        }),
        { abortSignal: signal },
      );
      return readCompletion(response.completion, signal);
    }
    const response = await options.client.send(
      new InvokeAgentCommand({
        agentId: options.mode.agentId,
        agentAliasId: options.mode.agentAliasId,
        sessionId,
        inputText,
        sessionState: state,
      }),
      { abortSignal: signal },
    );
    return readCompletion(response.completion, signal);
  }

  async function handleReturnControl(
    inputs: readonly InvocationInputMember[],
    turn: PlanningTurn,
    toolbox: Toolbox,
    groups: ReturnType<typeof actionGroupsFor>,
    signal: AbortSignal,
  ): Promise<{
    results: SkillResult[];
    calls: SkillCall[];
    plan: ParsedQuestion | undefined;
    functionResults: InvocationResultMember[];
  }> {
    const bodies: (FunctionResultBody | undefined)[] = inputs.map(() => undefined);
    const toSend: { index: number; call: SkillCall; known: boolean }[] = [];
    let plan: ParsedQuestion | undefined;
    for (const [index, input] of inputs.entries()) {
      const invocation = input.functionInvocationInput;
      if (!invocation) {
        const api = input.apiInvocationInput;
        bodies[index] = rejectedBody(
          api?.actionGroup ?? '?',
          api?.apiPath ?? '?',
          'only the listed functions can be called; there is no API schema',
        );
        continue;
      }
      const ref = groups.resolve(invocation.actionGroup, invocation.function);
      const reading = readFunctionCall(
        {
          actionGroup: invocation.actionGroup ?? '',
          function: invocation.function ?? '',
          parameters: invocation.parameters ?? [],
        },
        ref,
        { today: turn.today, catalog: turn.catalog },
        turn.question,
      );
      if (reading.kind === 'rejected') {
        bodies[index] = rejectedBody(reading.call.agent, reading.call.skill, reading.reason);
        continue;
      }
      if (reading.plan) plan = reading.plan;
      toSend.push({ index, call: reading.call, known: ref !== undefined });
    }
    // One toolbox call for the whole step, so the specialists run in parallel.
    const results =
      toSend.length > 0
        ? await toolbox.call(
            toSend.map((entry) => entry.call),
            { signal },
          )
        : [];
    for (const [position, entry] of toSend.entries()) {
      const result = results[position];
      bodies[entry.index] = result
        ? functionResultBody(result)
        : rejectedBody(entry.call.agent, entry.call.skill, 'no result');
    }
    const functionResults = inputs.map((input, index): InvocationResultMember => {
      const invocation = input.functionInvocationInput;
      const body = JSON.stringify(bodies[index]);
      if (invocation) {
        return {
          functionResult: {
            actionGroup: invocation.actionGroup,
            function: invocation.function,
            responseBody: { TEXT: { body } },
          },
        };
      }
      const api = input.apiInvocationInput;
      return {
        apiResult: {
          actionGroup: api?.actionGroup,
          apiPath: api?.apiPath,
          httpMethod: api?.httpMethod,
          httpStatusCode: 400,
          responseBody: { TEXT: { body } },
        },
      };
    });
    return {
      results,
      calls: toSend.filter((entry) => entry.known).map((entry) => entry.call),
      plan,
      functionResults,
    };
  }

  return { name: 'bedrock', run };
}

async function readCompletion(
  completion: AsyncIterable<CompletionEvent> | undefined,
  signal: AbortSignal,
): Promise<StreamEnd> {
  if (!completion) return { kind: 'answer', text: '' };
  const decoder = new TextDecoder();
  let text = '';
  const iterator = completion[Symbol.asyncIterator]();
  try {
    while (!signal.aborted) {
      const next = await iterator.next();
      if (next.done) break;
      const event = next.value;
      if (event.returnControl) {
        return {
          kind: 'return-control',
          invocationId: event.returnControl.invocationId,
          inputs: event.returnControl.invocationInputs ?? [],
        };
      }
      if (event.chunk?.bytes) text += decoder.decode(event.chunk.bytes, { stream: true });
      // trace and files events carry nothing the answer needs.
    }
  } finally {
    // Stop reading a stream we no longer want (return control, abort); never wait on it.
    void iterator.return?.()?.catch(() => undefined);
  }
  return { kind: 'answer', text: text + decoder.decode() };
}

interface DeadlineSignal {
  signal: AbortSignal;
  reason(): FinopsError;
  dispose(): void;
}

/** Aborts at the planner's deadline or when the caller's signal aborts, whichever comes first. */
function deadlineSignal(options: PlannerRunOptions, now: () => number): DeadlineSignal {
  const controller = new AbortController();
  let reason = 'the turn was canceled';
  const onAbort = () => controller.abort();
  if (options.signal.aborted) controller.abort();
  options.signal.addEventListener('abort', onAbort, { once: true });
  const budget = Math.max(0, options.deadlineMs - now());
  const timer = setTimeout(() => {
    reason = `Bedrock did not answer within the turn's ${budget} ms`;
    controller.abort();
  }, budget);
  return {
    signal: controller.signal,
    reason: () => new FinopsError('finops_model_error', reason, { isRetryable: true }),
    dispose() {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
    },
  };
}

/** Rejects as soon as the signal aborts, whatever the SDK's stream is doing. */
function untilAborted<T>(promise: Promise<T>, abort: DeadlineSignal): Promise<T> {
  if (abort.signal.aborted) return Promise.reject(abort.reason());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abort.reason());
    abort.signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        abort.signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        abort.signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
