import { randomUUID } from 'node:crypto';
import type { A2ABus } from '../a2a/a2a-bus.ts';
import { type A2ATask, dataPart, messageText, textPart } from '../a2a/a2a-types.ts';
import type { AgentCard } from '../specialists/agent-card.ts';
import { FINDINGS_ARTIFACT, type Findings, findingsSchema } from '../specialists/findings.ts';
import { SKILL_CALL_KEY } from '../specialists/serve-specialist.ts';
import type { Toolbox } from './planner.ts';
import type { SkillCall, SkillResult } from './skill-call.ts';

const TASK_DEADLINE_GRACE_MS = 1000;

export interface BusToolboxOptions {
  bus: A2ABus;
  cards: readonly AgentCard[];
  /** The chat thread: every task of the turn carries it as its A2A contextId. */
  contextId: string;
  /** Epoch milliseconds by which every call of the turn must be answered. */
  deadlineMs: number;
  now?: (() => number) | undefined;
  generateId?: (() => string) | undefined;
}

export interface BusToolbox extends Toolbox {
  /** Every result of the turn so far, in call order (a planner may call several times). */
  readonly results: readonly SkillResult[];
}

/**
 * The planners' way to reach specialists: each call becomes an A2A task on the bus, all sent
 * before any is awaited (so they run in parallel), gathered until the turn's deadline. A call
 * to an agent or skill no card names fails at once without touching the bus; a task not
 * answered in time is canceled and reported `timed-out`, never waited on.
 */
export function createBusToolbox(options: BusToolboxOptions): BusToolbox {
  const now = options.now ?? Date.now;
  const generateId = options.generateId ?? randomUUID;
  const results: SkillResult[] = [];

  async function call(
    calls: readonly SkillCall[],
    callOptions: { signal?: AbortSignal | undefined } = {},
  ): Promise<SkillResult[]> {
    const pending: { index: number; call: SkillCall; taskId: string }[] = [];
    const settled: (SkillResult | undefined)[] = calls.map(() => undefined);
    for (const [index, skillCall] of calls.entries()) {
      const taskId = `task-${generateId()}`;
      const unknown = unknownCall(options.cards, skillCall);
      if (unknown) {
        settled[index] = { call: skillCall, taskId, state: 'failed', message: unknown };
        continue;
      }
      try {
        await options.bus.send({
          agent: skillCall.agent,
          taskId,
          contextId: options.contextId,
          message: {
            kind: 'message',
            messageId: `msg-${generateId()}`,
            role: 'user',
            parts: [
              textPart(`${skillCall.agent}/${skillCall.skill}`),
              dataPart({ [SKILL_CALL_KEY]: { skill: skillCall.skill, input: skillCall.input } }),
            ],
          },
          // The gather below is what ends the turn (and cancels what is left); the task's own
          // deadline is a backstop a little later, so a slow specialist always reads as timed out.
          deadlineMs: options.deadlineMs + TASK_DEADLINE_GRACE_MS,
        });
        pending.push({ index, call: skillCall, taskId });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        settled[index] = { call: skillCall, taskId, state: 'failed', message: `could not send: ${reason}` };
      }
    }
    if (pending.length > 0) {
      const { answered } = await options.bus.gather(
        pending.map((entry) => entry.taskId),
        { timeoutMs: Math.max(0, options.deadlineMs - now()), signal: callOptions.signal },
      );
      const byId = new Map(answered.map((task) => [task.id, task]));
      for (const entry of pending) {
        const task = byId.get(entry.taskId);
        if (task) {
          settled[entry.index] = readResult(entry.call, task);
        } else {
          // Nobody waits for it any more: let the specialist stop and free its slot.
          await options.bus.cancel(entry.taskId).catch(() => false);
          settled[entry.index] = {
            call: entry.call,
            taskId: entry.taskId,
            state: 'timed-out',
            message: `${entry.call.agent} did not answer in time`,
          };
        }
      }
    }
    const turnResults = settled.filter((result): result is SkillResult => result !== undefined);
    results.push(...turnResults);
    return turnResults;
  }

  return { cards: options.cards, call, results };
}

function unknownCall(cards: readonly AgentCard[], call: SkillCall): string | undefined {
  const card = cards.find((candidate) => candidate.name === call.agent);
  if (!card) {
    return `there is no agent "${call.agent}": the agents are ${cards.map((c) => c.name).join(', ')}`;
  }
  if (!card.skills.some((skill) => skill.id === call.skill)) {
    return `agent "${call.agent}" has no skill "${call.skill}": it offers ${card.skills.map((s) => s.id).join(', ')}`;
  }
  return undefined;
}

function readResult(call: SkillCall, task: A2ATask): SkillResult {
  const message = messageText(task.status.message) || undefined;
  const base = { call, taskId: task.id, message };
  switch (task.status.state) {
    case 'completed': {
      const findings = readFindings(task);
      return findings
        ? { ...base, state: 'completed', findings }
        : { ...base, state: 'failed', message: `${call.agent} answered without readable findings` };
    }
    case 'input-required':
      return { ...base, state: 'input-required' };
    case 'canceled':
      return { ...base, state: 'canceled' };
    default:
      return { ...base, state: 'failed' };
  }
}

function readFindings(task: A2ATask): Findings | undefined {
  for (const artifact of [...task.artifacts].reverse()) {
    if (artifact.artifactId !== FINDINGS_ARTIFACT) continue;
    for (const part of artifact.parts) {
      if (part.kind !== 'data') continue;
      const parsed = findingsSchema.safeParse(part.data[FINDINGS_ARTIFACT]);
      if (parsed.success) return parsed.data;
    }
  }
  return undefined;
}
