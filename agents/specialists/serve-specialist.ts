import { randomUUID } from 'node:crypto';
import { FinopsError } from '../../src/errors.ts';
import type { A2ABus, TaskHandler, TaskUpdate } from '../a2a/a2a-bus.ts';
import { type A2AJson, type A2ATask, dataPart, textPart } from '../a2a/a2a-types.ts';
import { FINDINGS_ARTIFACT, findingsSchema } from './findings.ts';
import { findSkill, type Specialist } from './specialist.ts';

/** The data-part key a request carries its skill call under: `{ skill, input }`. */
export const SKILL_CALL_KEY = 'skillCall';

/**
 * The A2A handler of one specialist: reads the skill call from the latest request's data part,
 * runs the skill and answers with a `findings` artifact (plus the summary as text), or with
 * `input-required`, or fails with a message that says what was wrong. An unknown skill or a bad
 * input fails that task only; the specialist keeps serving.
 */
export interface SpecialistHandlerOptions {
  generateId?: (() => string) | undefined;
  /** Told about unexpected errors; the task's message only says to look at the logs. */
  onError?: ((error: unknown, where: string) => void) | undefined;
}

export function specialistHandler(
  specialist: Specialist,
  options: SpecialistHandlerOptions = {},
): TaskHandler {
  const generateId = options.generateId ?? randomUUID;
  return async (task, context): Promise<TaskUpdate> => {
    const message = (text: string) => ({
      kind: 'message' as const,
      messageId: generateId(),
      role: 'agent' as const,
      parts: [textPart(text)],
    });
    const call = readSkillCall(task);
    if (!call) {
      return {
        state: 'failed',
        message: message(
          `no skill call in the request: send a data part { ${SKILL_CALL_KEY}: { skill, input } }`,
        ),
      };
    }
    try {
      const skill = findSkill(specialist, call.skill);
      const outcome = await skill.run(call.input, {
        contextId: task.contextId,
        step: context.step,
        signal: context.signal,
        deadlineMs: context.deadlineMs,
      });
      if (outcome.kind === 'input-required') {
        return {
          state: 'input-required',
          message: {
            ...message(outcome.question),
            parts: [
              textPart(outcome.question),
              ...(outcome.options ? [dataPart({ options: outcome.options })] : []),
            ],
          },
        };
      }
      // Validated here, where the specialist can still be blamed, not in the orchestrator.
      const checked = findingsSchema.safeParse(outcome.findings);
      if (!checked.success) {
        const issue = checked.error.issues[0];
        options.onError?.(checked.error, `${specialist.name}/${call.skill}`);
        return {
          state: 'failed',
          message: message(
            `${specialist.name}/${call.skill} returned findings that do not fit the schema (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'})`,
          ),
        };
      }
      const findings = checked.data;
      return {
        state: 'completed',
        message: message(findings.summary),
        artifacts: [
          {
            artifactId: FINDINGS_ARTIFACT,
            name: `${specialist.name}/${call.skill}`,
            parts: [dataPart({ [FINDINGS_ARTIFACT]: JSON.parse(JSON.stringify(findings)) as A2AJson })],
          },
        ],
      };
    } catch (error) {
      if (context.signal.aborted) throw error;
      if (!(error instanceof FinopsError)) options.onError?.(error, `${specialist.name}/${call.skill}`);
      const reason = error instanceof FinopsError ? error.message : 'the specialist failed (see its logs)';
      return { state: 'failed', message: message(`${specialist.name}/${call.skill}: ${reason}`) };
    }
  };
}

/** Subscribes every specialist to the bus under its name. */
export async function serveSpecialists(
  bus: A2ABus,
  specialists: readonly Specialist[],
  options: SpecialistHandlerOptions = {},
): Promise<void> {
  for (const specialist of specialists) {
    await bus.subscribe(specialist.name, specialistHandler(specialist, options));
  }
}

function readSkillCall(task: A2ATask): { skill: string; input: unknown } | undefined {
  const request = [...task.history].reverse().find((entry) => entry.role === 'user');
  for (const part of request?.parts ?? []) {
    if (part.kind !== 'data') continue;
    const candidate = part.data[SKILL_CALL_KEY];
    if (candidate && typeof candidate === 'object' && !Array.isArray(candidate)) {
      const { skill, input } = candidate as { skill?: unknown; input?: unknown };
      if (typeof skill === 'string') return { skill, input: input ?? {} };
    }
  }
  return undefined;
}
