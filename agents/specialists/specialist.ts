import type { z } from 'zod';
import { FinopsError } from '../../src/errors.ts';
import { A2A_PROTOCOL_VERSION, type AgentCard, skillInputJsonSchema } from './agent-card.ts';
import type { FindingsInput } from './findings.ts';

/** What a skill knows about the task it serves, besides its input. */
export interface SkillContext {
  /** The conversation (chat thread) the task belongs to. */
  contextId: string;
  /** 1 for the first request of the task, 2 after an answered `input-required`, … */
  step: number;
  /** Aborted on cancel, deadline or shutdown: stop and return. */
  signal: AbortSignal;
  deadlineMs: number | undefined;
}

/** A skill either finds something or asks one question back (A2A `input-required`). */
export type SkillOutcome =
  | { kind: 'findings'; findings: FindingsInput }
  | { kind: 'input-required'; question: string; options?: string[] | undefined };

export interface SkillDefinition<S extends z.ZodType> {
  id: string;
  name: string;
  description: string;
  tags: string[];
  /** Questions this skill answers, as a user would type them. */
  examples: string[];
  input: S;
  run(input: z.output<S>, context: SkillContext): Promise<SkillOutcome>;
}

/** A skill with its input type erased: `run` validates the raw input against `input` first. */
export interface Skill {
  id: string;
  name: string;
  description: string;
  tags: string[];
  examples: string[];
  input: z.ZodType;
  run(rawInput: unknown, context: SkillContext): Promise<SkillOutcome>;
}

export interface Specialist {
  /** The A2A agent name, also its bus address: `cost-analysis`, `ec2`, … */
  name: string;
  description: string;
  skills: readonly Skill[];
}

/**
 * Wraps a typed skill so callers can pass untrusted input (from a planner, a model, the bus):
 * a malformed input fails with FinopsError `finops_invalid_input` naming the skill and each
 * problem, and the skill never sees it.
 */
export function defineSkill<S extends z.ZodType>(definition: SkillDefinition<S>): Skill {
  const { run, ...card } = definition;
  return {
    ...card,
    async run(rawInput, context) {
      const parsed = definition.input.safeParse(rawInput);
      if (!parsed.success) {
        const problems = parsed.error.issues
          .map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`)
          .join('; ');
        throw new FinopsError(
          'finops_invalid_input',
          `skill "${definition.id}" got a bad input: ${problems}`,
        );
      }
      return run(parsed.data, context);
    },
  };
}

export function findSkill(specialist: Specialist, skillId: string): Skill {
  const skill = specialist.skills.find((candidate) => candidate.id === skillId);
  if (!skill) {
    throw new FinopsError(
      'finops_invalid_input',
      `agent "${specialist.name}" has no skill "${skillId}": it offers ${specialist.skills.map((s) => s.id).join(', ')}`,
    );
  }
  return skill;
}

export function agentCard(
  specialist: Specialist,
  options: { url?: string; version?: string } = {},
): AgentCard {
  return {
    name: specialist.name,
    description: specialist.description,
    version: options.version ?? '0.1.0',
    protocolVersion: A2A_PROTOCOL_VERSION,
    ...(options.url ? { url: options.url } : {}),
    capabilities: { streaming: false, pushNotifications: false },
    defaultInputModes: ['application/json', 'text/plain'],
    defaultOutputModes: ['application/json', 'text/plain'],
    skills: specialist.skills.map((skill) => ({
      id: skill.id,
      name: skill.name,
      description: skill.description,
      tags: skill.tags,
      examples: skill.examples,
      inputModes: ['application/json'],
      outputModes: ['application/json', 'text/plain'],
      inputSchema: skillInputJsonSchema(skill.input),
    })),
  };
}
