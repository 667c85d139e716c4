import { afterEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createInProcessBus, type InProcessBus } from '../../../agents/a2a/in-process-bus.ts';
import { createBusToolbox } from '../../../agents/orchestrator/bus-toolbox.ts';
import type { ConversationContext } from '../../../agents/orchestrator/conversation-context.ts';
import {
  createDeterministicPlanner,
  routeQuestion,
} from '../../../agents/orchestrator/deterministic/index.ts';
import type { PlanningTurn, Toolbox } from '../../../agents/orchestrator/planner.ts';
import { serveSpecialists } from '../../../agents/specialists/serve-specialist.ts';
import { costQuestionInput, savingsInput } from '../../../agents/specialists/skill-inputs.ts';
import { agentCard, defineSkill, type Specialist } from '../../../agents/specialists/specialist.ts';
import { CATALOG, PERIODS, TODAY } from './catalog-fixture.ts';

/**
 * Test specialists that answer with their own input (as a warning line, so it travels inside
 * valid findings). Each skill waits at a gate until every expected call has started, so a
 * planner that called them one after another would never open it and the test would time out.
 */
function echoSpecialists(events: string[], gate: { expected: number; started: number; open: () => void }) {
  let release: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    release = resolve;
  });
  gate.open = release;
  const echo = <S extends z.ZodType>(id: string, input: S) =>
    defineSkill({
      id,
      name: id,
      description: `echoes a ${id} call`,
      tags: [],
      examples: [],
      input,
      async run(parsed) {
        events.push(`start ${id}`);
        gate.started += 1;
        if (gate.started >= gate.expected) release();
        await opened;
        events.push(`end ${id}`);
        return {
          kind: 'findings',
          findings: { intent: id, summary: id, warnings: [JSON.stringify(parsed)] },
        };
      },
    });
  const specialists: Specialist[] = [
    {
      name: 'cost-analysis',
      description: 'echo',
      skills: ['total', 'breakdown', 'explain'].map((id) => echo(id, costQuestionInput)),
    },
    {
      name: 'forecasting',
      description: 'echo',
      skills: [echo('forecast', costQuestionInput), echo('anomalies', costQuestionInput)],
    },
    { name: 'ec2', description: 'echo', skills: [echo('savings', savingsInput)] },
    { name: 's3', description: 'echo', skills: [echo('savings', savingsInput)] },
  ];
  return specialists;
}

interface Setup {
  bus: InProcessBus;
  toolbox: Toolbox;
  events: string[];
  calls: { count: number; signals: (AbortSignal | undefined)[] };
}

let open: InProcessBus | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
});

async function setup(expectedCalls: number): Promise<Setup> {
  const events: string[] = [];
  const gate = { expected: expectedCalls, started: 0, open: () => {} };
  const specialists = echoSpecialists(events, gate);
  const bus = createInProcessBus();
  open = bus;
  await serveSpecialists(bus, specialists);
  const busToolbox = createBusToolbox({
    bus,
    cards: specialists.map((specialist) => agentCard(specialist)),
    contextId: 'thread-1',
    deadlineMs: Date.now() + 5_000,
  });
  const calls: Setup['calls'] = { count: 0, signals: [] };
  const toolbox: Toolbox = {
    cards: busToolbox.cards,
    call(skillCalls, options) {
      calls.count += 1;
      calls.signals.push(options?.signal);
      return busToolbox.call(skillCalls, options);
    },
  };
  return { bus, toolbox, events, calls };
}

function turn(question: string, previous?: ConversationContext): PlanningTurn {
  return {
    question,
    contextId: 'thread-1',
    today: TODAY,
    catalog: { ...CATALOG, usageTypes: CATALOG.usageTypes ?? [] },
    previous,
  };
}

const runOptions = () => ({ signal: new AbortController().signal, deadlineMs: Date.now() + 5_000 });

function echoed(warnings: string[] | undefined): unknown {
  return JSON.parse(warnings?.[0] ?? 'null');
}

describe('createDeterministicPlanner', () => {
  it('should be named deterministic', () => {
    expect(createDeterministicPlanner().name).toBe('deterministic');
  });

  it('should send every call at once and return the results in call order', async () => {
    const { toolbox, events, calls } = await setup(2);
    const options = runOptions();
    const outcome = await createDeterministicPlanner().run(
      turn('forecast and anomalies for prod'),
      toolbox,
      options,
    );

    expect(calls.count).toBe(1);
    expect(calls.signals[0]).toBe(options.signal);
    // Both started before either finished: the gate only opens once both are running.
    expect(events.slice(0, 2).sort()).toEqual(['start anomalies', 'start forecast']);
    expect(events.slice(2).sort()).toEqual(['end anomalies', 'end forecast']);
    expect(outcome.intent).toBe('forecast+anomalies');
    expect(outcome.results.map((result) => [result.call.skill, result.state])).toEqual([
      ['forecast', 'completed'],
      ['anomalies', 'completed'],
    ]);
    const prod = [{ dimension: 'tag:env', op: 'in', values: ['prod'] }];
    expect(echoed(outcome.results[0]?.findings?.warnings)).toMatchObject({
      intent: 'forecast',
      target: PERIODS.wholeMonth,
      filters: prod,
    });
    expect(echoed(outcome.results[1]?.findings?.warnings)).toMatchObject({
      intent: 'anomalies',
      range: PERIODS.last14Days,
      filters: prod,
    });
  });

  it('should remember the question, intent, plan and calls of the turn', async () => {
    const { toolbox } = await setup(2);
    const question = 'how can we cut EC2 and S3 costs?';
    const outcome = await createDeterministicPlanner().run(turn(question), toolbox, runOptions());
    const route = routeQuestion(question, { today: TODAY, catalog: CATALOG });

    expect(outcome.results.map((result) => `${result.call.agent}:${result.state}`)).toEqual([
      'ec2:completed',
      's3:completed',
    ]);
    expect(echoed(outcome.results[1]?.findings?.warnings)).toEqual({
      range: PERIODS.monthToDate,
      filters: [],
      limit: 5,
    });
    expect(outcome.remember).toEqual({ question, intent: 'savings', plan: route.plan, calls: route.calls });
    expect(outcome.text).toBeUndefined();
  });

  it('should resolve a follow-up against the previous turn before calling', async () => {
    const { toolbox } = await setup(1);
    const first = routeQuestion('EC2 spend last week', { today: TODAY, catalog: CATALOG });
    const previous: ConversationContext = {
      question: 'EC2 spend last week',
      intent: first.intent,
      plan: first.plan,
      calls: first.calls,
      contextId: 'thread-1',
      turn: 1,
      updatedAt: `${TODAY}T09:00:00.000Z`,
    };
    const outcome = await createDeterministicPlanner().run(
      turn('break that down by account', previous),
      toolbox,
      runOptions(),
    );

    expect(outcome.intent).toBe('breakdown');
    expect(echoed(outcome.results[0]?.findings?.warnings)).toMatchObject({
      intent: 'breakdown',
      range: PERIODS.lastWeek,
      groupBy: 'sub_account',
    });
    expect(outcome.remember?.plan?.groupBy).toBe('sub_account');
  });

  it('should call nobody and remember nothing for a clarification', async () => {
    const { toolbox, calls } = await setup(1);
    const outcome = await createDeterministicPlanner().run(turn("how's the weather"), toolbox, runOptions());
    expect(calls.count).toBe(0);
    expect(outcome).toMatchObject({ intent: 'clarify', results: [] });
    expect(outcome.clarification?.reason).toMatch(/weather/);
    expect(outcome.remember).toBeUndefined();
  });

  it('should call nobody for help', async () => {
    const { toolbox, calls } = await setup(1);
    const outcome = await createDeterministicPlanner().run(turn('what can you do'), toolbox, runOptions());
    expect(calls.count).toBe(0);
    expect(outcome).toMatchObject({ intent: 'help', help: true, results: [] });
  });

  it('should report a specialist nobody serves as a failed result, not throw', async () => {
    const { toolbox } = await setup(1);
    const outcome = await createDeterministicPlanner().run(
      turn('savings plan coverage'),
      toolbox,
      runOptions(),
    );
    expect(outcome.results).toHaveLength(1);
    expect(outcome.results[0]).toMatchObject({
      state: 'failed',
      call: { agent: 'commitments', skill: 'coverage' },
    });
    expect(outcome.results[0]?.message).toMatch(/no agent "commitments"/);
  });
});
