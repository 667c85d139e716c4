import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type A2ABus, createInProcessBus } from '../../../agents/a2a/index.ts';
import { createContextStore } from '../../../agents/orchestrator/conversation-context.ts';
import { createOrchestrator, type NumberCheck } from '../../../agents/orchestrator/orchestrator.ts';
import type {
  Planner,
  PlannerOutcome,
  PlanningTurn,
  SkillCall,
} from '../../../agents/orchestrator/planner.ts';
import type { FindingsInput } from '../../../agents/specialists/findings.ts';
import { serveSpecialists } from '../../../agents/specialists/serve-specialist.ts';
import { agentCard, defineSkill, type Specialist } from '../../../agents/specialists/specialist.ts';
import type { Fact } from '../../../src/domain/index.ts';
import { FinopsError } from '../../../src/errors.ts';
import { createMemoryStateStore } from '../../../src/state/index.ts';

const NOW = new Date('2026-11-24T12:00:00Z');
const SOURCE = { name: 'test data', kind: 'demo' as const, currency: 'USD' };

function fact(id: string, value: number): Fact {
  return {
    id,
    label: id,
    value,
    unit: 'USD',
    metric: 'EffectiveCost',
    period: { start: '2026-11-01', end: '2026-11-25' },
    filters: [],
    source: SOURCE,
  } as Fact;
}

/** A specialist whose one skill answers with a fixed fact after `delayMs` (or never, when Infinity). */
function specialist(name: string, value: number, delayMs = 0): Specialist {
  return {
    name,
    description: `${name} for tests`,
    skills: [
      defineSkill({
        id: 'savings',
        name: 'Savings',
        description: 'test skill',
        tags: [],
        examples: [],
        input: z.object({ note: z.string().default('') }),
        async run(_input, context) {
          if (delayMs > 0) {
            await new Promise<void>((resolve) => {
              const timer = Number.isFinite(delayMs) ? setTimeout(resolve, delayMs) : undefined;
              context.signal.addEventListener('abort', () => {
                clearTimeout(timer);
                resolve();
              });
            });
          }
          const findings: FindingsInput = {
            intent: `${name}-savings`,
            summary: `${name} could save $${value}.`,
            facts: [fact(`${name}-total`, value)],
            recommendations: [
              {
                id: `rec-${name}`,
                type: 'idle',
                title: `${name} item`,
                service: name,
                estimatedMonthlySavings: value,
              },
            ],
          };
          return { kind: 'findings', findings };
        },
      }),
    ],
  };
}

/** A deterministic stand-in: asks the given agents' `savings` skill and remembers the turn. */
function callingPlanner(name: string, agents: string[]): Planner & { turns: PlanningTurn[] } {
  const turns: PlanningTurn[] = [];
  return {
    name,
    turns,
    async run(turn, toolbox, options) {
      turns.push(turn);
      const calls: SkillCall[] = agents.map((agent) => ({ agent, skill: 'savings', input: {} }));
      const results = await toolbox.call(calls, { signal: options.signal });
      return { intent: 'savings', results, remember: { question: turn.question, intent: 'savings', calls } };
    },
  };
}

const acceptAll: NumberCheck = () => ({ ok: true, unmatched: [] });

describe('createOrchestrator', () => {
  let bus: A2ABus | undefined;
  afterEach(async () => {
    await bus?.close();
    bus = undefined;
  });

  async function setup(options: {
    specialists: Specialist[];
    planner: Planner;
    fallback?: Planner;
    verifyNumbers?: NumberCheck;
    logs?: { event: string }[];
  }) {
    bus = createInProcessBus();
    await serveSpecialists(bus, options.specialists);
    const store = createMemoryStateStore({ now: () => NOW });
    const contexts = createContextStore({ store, now: () => NOW });
    const orchestrator = createOrchestrator({
      bus,
      cards: options.specialists.map((s) => agentCard(s)),
      planner: options.planner,
      fallback: options.fallback ?? options.planner,
      describe: (turn) => `Looking at ${turn.question}…`,
      verifyNumbers: options.verifyNumbers ?? acceptAll,
      engine: {
        catalog: async () => ({
          services: [],
          accounts: [],
          regions: [],
          tagKeys: [],
          tagValues: {},
          usageTypes: [],
        }),
      },
      contexts,
      now: () => NOW,
      log: (entry) => options.logs?.push(entry),
    });
    return { orchestrator, contexts };
  }

  it('should compose one answer from several specialists, each section under its heading, recommendations largest first', async () => {
    const planner = callingPlanner('deterministic', ['ec2', 's3']);
    const { orchestrator } = await setup({
      specialists: [specialist('ec2', 120), specialist('s3', 300)],
      planner,
    });
    const answer = await orchestrator.ask({ question: 'how can we cut EC2 and S3 costs?' });
    expect(answer.text).toBe('**EC2**\nec2 could save $120.\n\n**S3**\ns3 could save $300.');
    expect(answer.facts.map((f) => [f.id, f.value])).toEqual([
      ['ec2.savings.ec2-total', 120],
      ['s3.savings.s3-total', 300],
    ]);
    expect(answer.recommendations.map((r) => r.id)).toEqual(['rec-s3', 'rec-ec2']);
    expect(answer.trace).toEqual({
      planner: 'deterministic',
      bus: 'in-process',
      calls: [
        { agent: 'ec2', skill: 'savings', state: 'completed' },
        { agent: 's3', skill: 'savings', state: 'completed' },
      ],
    });
    expect(answer.warnings).toEqual([]);
  });

  it('should answer with what arrived and say which part is missing when a specialist does not answer in time', async () => {
    const planner = callingPlanner('deterministic', ['ec2', 's3']);
    const { orchestrator } = await setup({
      specialists: [specialist('ec2', 120), specialist('s3', 300, Number.POSITIVE_INFINITY)],
      planner,
    });
    const answer = await orchestrator.ask({ question: 'cut costs', timeoutMs: 1000 });
    expect(answer.text).toBe('ec2 could save $120.');
    expect(answer.trace?.calls.map((c) => c.state)).toEqual(['completed', 'timed-out']);
    expect(answer.warnings).toEqual(['S3 (savings) did not answer in time, so this answer leaves it out.']);
  });

  it('should fall back to the deterministic planner when the model planner fails, and say so', async () => {
    const logs: { event: string }[] = [];
    const model: Planner = {
      name: 'bedrock',
      run: async () => {
        throw new FinopsError('finops_model_error', 'ThrottlingException: rate exceeded', {
          isRetryable: true,
        });
      },
    };
    const fallback = callingPlanner('deterministic', ['ec2']);
    const { orchestrator } = await setup({
      specialists: [specialist('ec2', 120)],
      planner: model,
      fallback,
      logs,
    });
    const answer = await orchestrator.ask({ question: 'cut EC2 costs' });
    expect(answer.text).toBe('ec2 could save $120.');
    expect(answer.trace?.planner).toBe('deterministic');
    expect(answer.trace?.fallback).toBe('finops_model_error: ThrottlingException: rate exceeded');
    expect(answer.warnings).toContain(
      'The language model was unavailable, so the built-in planner answered.',
    );
    expect(logs.map((entry) => entry.event)).toContain('planner_fallback');
  });

  it("should cut off a model that never answers and still answer within the caller's budget", async () => {
    const model: Planner = { name: 'bedrock', run: () => new Promise<PlannerOutcome>(() => {}) };
    const fallback = callingPlanner('deterministic', ['ec2']);
    const { orchestrator } = await setup({ specialists: [specialist('ec2', 120)], planner: model, fallback });
    const answer = await orchestrator.ask({ question: 'cut EC2 costs', timeoutMs: 1500 });
    expect(answer.text).toBe('ec2 could save $120.');
    expect(answer.trace?.fallback).toMatch(/ran out of time/);
  });

  it("should replace model prose whose numbers no fact backs with the composed text, keeping the model's findings", async () => {
    const logs: ({ event: string } & Record<string, unknown>)[] = [];
    const model: Planner = {
      name: 'bedrock',
      async run(_turn, toolbox) {
        const results = await toolbox.call([{ agent: 'ec2', skill: 'savings', input: {} }]);
        return { intent: 'model', results, text: 'You could save $9,999 a month on EC2.' };
      },
    };
    const fallback = callingPlanner('deterministic', ['ec2']);
    const seen: { text: string; facts: number[] }[] = [];
    const check: NumberCheck = (text, evidence) => {
      seen.push({ text, facts: evidence.facts.map((f) => f.value) });
      return { ok: false, unmatched: ['$9,999'] };
    };
    const { orchestrator } = await setup({
      specialists: [specialist('ec2', 120)],
      planner: model,
      fallback,
      verifyNumbers: check,
      logs,
    });
    const answer = await orchestrator.ask({ question: 'cut EC2 costs' });
    expect(seen).toEqual([{ text: 'You could save $9,999 a month on EC2.', facts: [120] }]);
    expect(answer.text).toBe('ec2 could save $120.');
    expect(answer.trace?.planner).toBe('bedrock');
    expect(answer.trace?.fallback).toMatch(/^guardrail/);
    expect(fallback.turns).toHaveLength(0);
    expect(logs.find((entry) => entry.event === 'guardrail_mismatch')?.unmatched).toEqual(['$9,999']);
  });

  it('should use model prose that passes the guardrail', async () => {
    const model: Planner = {
      name: 'bedrock',
      async run(_turn, toolbox) {
        const results = await toolbox.call([{ agent: 'ec2', skill: 'savings', input: {} }]);
        return { intent: 'model', results, text: 'Stopping the idle instance saves $120 a month.' };
      },
    };
    const { orchestrator } = await setup({
      specialists: [specialist('ec2', 120)],
      planner: model,
      fallback: callingPlanner('deterministic', ['ec2']),
    });
    const answer = await orchestrator.ask({ question: 'cut EC2 costs' });
    expect(answer.text).toBe('Stopping the idle instance saves $120 a month.');
    expect(answer.facts.map((f) => f.value)).toEqual([120]);
  });

  it('should give the next turn of the same thread what the last one remembered, and nothing to other threads', async () => {
    const planner = callingPlanner('deterministic', ['ec2']);
    const { orchestrator, contexts } = await setup({ specialists: [specialist('ec2', 120)], planner });
    await orchestrator.ask({ question: 'cut EC2 costs', contextId: 'slack:T1:C1:100.1' });
    await orchestrator.ask({ question: 'and S3?', contextId: 'slack:T1:C1:100.1' });
    await orchestrator.ask({ question: 'fresh', contextId: 'slack:T1:C1:200.2' });
    expect(planner.turns[0]?.previous).toBeUndefined();
    expect(planner.turns[1]?.previous).toMatchObject({
      question: 'cut EC2 costs',
      intent: 'savings',
      turn: 1,
    });
    expect(planner.turns[2]?.previous).toBeUndefined();
    expect((await contexts.get('slack:T1:C1:100.1'))?.turn).toBe(2);
  });

  it('should refuse an empty question with a clear error', async () => {
    const { orchestrator } = await setup({
      specialists: [specialist('ec2', 1)],
      planner: callingPlanner('d', ['ec2']),
    });
    await expect(orchestrator.ask({ question: '   ' })).rejects.toThrow(/question is empty/);
  });

  it('should fail a call to an agent nobody serves without waiting for it', async () => {
    const planner = callingPlanner('deterministic', ['ec2', 'billing-wizard']);
    const { orchestrator } = await setup({ specialists: [specialist('ec2', 120)], planner });
    const answer = await orchestrator.ask({ question: 'cut costs', timeoutMs: 60_000 });
    expect(answer.trace?.calls.map((c) => c.state)).toEqual(['completed', 'failed']);
    expect(answer.warnings[0]).toMatch(
      /billing-wizard \(savings\) could not answer: there is no agent "billing-wizard"/,
    );
  });
});
