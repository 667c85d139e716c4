import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type A2ATask, dataPart, messageText } from '../../../agents/a2a/a2a-types.ts';
import { type A2ABus, createInProcessBus } from '../../../agents/a2a/index.ts';
import { createCommitmentsSpecialist } from '../../../agents/specialists/commitments-specialist.ts';
import { createEc2Specialist } from '../../../agents/specialists/ec2-specialist.ts';
import { FINDINGS_ARTIFACT, findingsSchema } from '../../../agents/specialists/findings.ts';
import { createRdsSpecialist } from '../../../agents/specialists/rds-specialist.ts';
import { createS3Specialist } from '../../../agents/specialists/s3-specialist.ts';
import { SKILL_CALL_KEY, serveSpecialists } from '../../../agents/specialists/serve-specialist.ts';
import { SPECIALIST_NAMES } from '../../../agents/specialists/skill-inputs.ts';
import { agentCard, type Specialist } from '../../../agents/specialists/specialist.ts';
import { createTaggingSpecialist } from '../../../agents/specialists/tagging-specialist.ts';
import { connectInMemory } from '../../../mcp/client/connect-in-memory.ts';
import { createMcpServer } from '../../../mcp/servers/index.ts';
import { FinopsError } from '../../../src/errors.ts';
import { type DemoSpecialistSetup, openDemoSpecialistDeps } from '../support/demo-specialist-deps.ts';
import { bestPerGroupTotal, ofTypes, runSkill } from './support/findings-checks.ts';

const OCTOBER = { start: '2026-10-01', end: '2026-11-01' };

describe('the EC2, S3, RDS, tagging and commitments specialists as A2A agents', () => {
  let setup: DemoSpecialistSetup;
  let bus: A2ABus;
  let specialists: Specialist[];
  let sequence = 0;

  /** Sends one skill call to an agent over the bus and waits for its answer. */
  async function ask(agent: string, skill: string, input: unknown): Promise<A2ATask> {
    sequence += 1;
    const taskId = `task-${sequence}`;
    await bus.send({
      agent,
      taskId,
      contextId: 'thread-1',
      message: {
        kind: 'message',
        messageId: `message-${sequence}`,
        role: 'user',
        parts: [dataPart({ [SKILL_CALL_KEY]: { skill, input: JSON.parse(JSON.stringify(input)) } })],
      },
    });
    const { answered, timedOut } = await bus.gather([taskId], { timeoutMs: 20_000 });
    expect(timedOut).toEqual([]);
    const [task] = answered;
    if (!task) throw new Error(`no answer for ${taskId}`);
    return task;
  }

  beforeAll(async () => {
    setup = await openDemoSpecialistDeps();
    specialists = [
      createEc2Specialist(setup.deps),
      createS3Specialist(setup.deps),
      createRdsSpecialist(setup.deps),
      createTaggingSpecialist(setup.deps),
      createCommitmentsSpecialist(setup.deps),
    ];
    bus = createInProcessBus();
    await serveSpecialists(bus, specialists);
  }, 60_000);
  afterAll(async () => {
    await bus?.close();
    await setup?.close();
  });

  it('should answer an EC2 savings call over the bus with findings whose total is the best of each group', async () => {
    const task = await ask('ec2', 'savings', { range: OCTOBER, limit: 3 });
    expect(task.status.state).toBe('completed');
    const part = task.artifacts.find((artifact) => artifact.artifactId === FINDINGS_ARTIFACT)?.parts[0];
    expect(part?.kind).toBe('data');
    const findings = findingsSchema.parse(part?.kind === 'data' ? part.data[FINDINGS_ARTIFACT] : undefined);
    const open = await setup.recommendations.list({ status: 'open' });
    const total = findings.facts.find((fact) => fact.label.startsWith('Estimated monthly savings'));
    expect(total?.value).toBe(bestPerGroupTotal(ofTypes(open, ['ec2-', 'ebs-'])));
    expect(findings.recommendations).toHaveLength(3);
    expect(messageText(task.status.message)).toBe(findings.summary);
  });

  it('should answer each of the five agents with completed findings', async () => {
    const calls = [
      ['s3', 'savings', { range: OCTOBER }],
      ['rds', 'savings', { range: OCTOBER }],
      ['tagging', 'compliance', { range: OCTOBER }],
      ['commitments', 'coverage', { range: OCTOBER }],
    ] as const;
    const tasks = await Promise.all(calls.map(([agent, skill, input]) => ask(agent, skill, input)));
    expect(tasks.map((task) => task.status.state)).toEqual([
      'completed',
      'completed',
      'completed',
      'completed',
    ]);
  });

  it('should fail the task with a clear message for a bad input, and keep serving', async () => {
    const missingRange = await ask('ec2', 'savings', { limit: 3 });
    expect(missingRange.status.state).toBe('failed');
    expect(messageText(missingRange.status.message)).toMatch(
      /^ec2\/savings: skill "savings" got a bad input: range/,
    );
    const wrongType = await ask('s3', 'savings', {
      range: OCTOBER,
      filters: [{ dimension: 'region', op: 'equals' }],
    });
    expect(wrongType.status.state).toBe('failed');
    expect(messageText(wrongType.status.message)).toMatch(/filters\.0/);
    const unknownSkill = await ask('rds', 'forecast', { range: OCTOBER });
    expect(messageText(unknownSkill.status.message)).toMatch(/has no skill "forecast": it offers savings/);
    expect((await ask('rds', 'savings', { range: OCTOBER })).status.state).toBe('completed');
  });

  it('should turn an MCP tool error into a FinopsError naming the tool, and a failed task on the bus', async () => {
    // A cost-explorer server whose Savings Plans coverage tool fails, as a throttled AWS API would.
    const failing = createMcpServer(
      'cost-explorer',
      {
        ...setup.backends,
        costExplorer: {
          ...setup.backends.costExplorer,
          getSavingsPlansCoverage: async () => {
            throw new FinopsError('finops_query_error', 'Cost Explorer is throttling requests', {
              isRetryable: true,
            });
          },
        },
      },
      { requiredTags: [...setup.deps.requiredTags] },
    );
    const client = await connectInMemory(failing);
    const deps = { ...setup.deps, mcp: { ...setup.deps.mcp, costExplorer: client } };
    try {
      const direct = runSkill(createCommitmentsSpecialist(deps), 'coverage', { range: OCTOBER });
      await expect(direct).rejects.toBeInstanceOf(FinopsError);
      await expect(direct).rejects.toThrow(
        'MCP tool get_savings_plans_coverage (cost-explorer server) failed: Cost Explorer is throttling requests (retryable: try again shortly)',
      );
      const failingBus = createInProcessBus();
      await serveSpecialists(failingBus, [createCommitmentsSpecialist(deps)]);
      await failingBus.send({
        agent: 'commitments',
        taskId: 'failing-1',
        contextId: 'thread-2',
        message: {
          kind: 'message',
          messageId: 'failing-message-1',
          role: 'user',
          parts: [dataPart({ [SKILL_CALL_KEY]: { skill: 'coverage', input: { range: OCTOBER } } })],
        },
      });
      const { answered } = await failingBus.gather(['failing-1'], { timeoutMs: 20_000 });
      expect(answered[0]?.status.state).toBe('failed');
      expect(messageText(answered[0]?.status.message)).toMatch(
        /^commitments\/coverage: MCP tool get_savings_plans_coverage \(cost-explorer server\) failed: Cost Explorer is throttling/,
      );
      await failingBus.close();
    } finally {
      await client.close();
    }
  });

  it('should publish agent cards named after SPECIALIST_NAMES with skills, examples and input JSON schemas', () => {
    const expectedSkills: Record<string, string> = {
      ec2: 'savings',
      s3: 'savings',
      rds: 'savings',
      tagging: 'compliance',
      commitments: 'coverage',
    };
    for (const specialist of specialists) {
      expect(SPECIALIST_NAMES).toContain(specialist.name);
      const card = agentCard(specialist);
      expect(card.description.length).toBeGreaterThan(40);
      expect(card.skills.map((skill) => skill.id)).toEqual([expectedSkills[specialist.name]]);
      for (const skill of card.skills) {
        expect(skill.examples.length).toBeGreaterThan(0);
        expect(skill.tags.length).toBeGreaterThan(0);
        expect(skill.inputSchema).toMatchObject({ type: 'object', required: ['range'] });
        expect(Object.keys(skill.inputSchema.properties as object)).toEqual(
          expect.arrayContaining(['range', 'filters', 'limit']),
        );
      }
    }
    const tagging = agentCard(specialists.find((specialist) => specialist.name === 'tagging') as Specialist);
    expect(Object.keys(tagging.skills[0]?.inputSchema.properties as object)).toContain('tagKeys');
  });
});
