import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agents, createAgents } from '../../agents/create-agents.ts';
import type { Runtime } from '../../src/composition-root.ts';
import type { DemoManifest } from '../../src/demo/index.ts';
import type { Answer } from '../../src/domain/index.ts';
import { createMemoryStateStore } from '../../src/state/index.ts';
import { openDemoRuntime, openLocalDynamoDbBus } from '../support/demo-runtime.ts';
import { type DynamoDbLocal, startDynamoDbLocal } from '../support/dynamodb-local.ts';

function story(manifest: DemoManifest, id: string) {
  const found = manifest.stories.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`the demo has no story ${id}`);
  return found;
}

const calls = (answer: Answer) =>
  answer.trace?.calls.map((call) => `${call.agent}.${call.skill}:${call.state}`);

describe('the agents on the demo organisation', () => {
  let runtime: Runtime;
  let agents: Agents;
  let manifest: DemoManifest;

  beforeAll(async () => {
    ({ runtime, manifest } = await openDemoRuntime());
    agents = await createAgents({
      runtime,
      stateStore: createMemoryStateStore({ now: () => runtime.config.now }),
    });
  }, 120_000);
  afterAll(async () => {
    await agents?.close();
    runtime?.close();
  });

  it.each([
    'top 5 accounts this month',
    'why did EC2 spend jump last week?',
    'daily cost over the last 30 days',
    'forecast for the quarter',
    'any anomalies last week?',
    'untagged spend by team',
  ])('should give the same figures through the agents as the direct path: %s', async (question) => {
    const direct = await runtime.copilot.ask(question);
    const viaAgents = await agents.orchestrator.ask({ question });
    expect(viaAgents.text).toBe(direct.text);
    expect(viaAgents.facts).toEqual(direct.facts);
    expect(viaAgents.charts).toEqual(direct.charts);
    expect(viaAgents.trace?.planner).toBe('deterministic');
    expect(viaAgents.trace?.calls).toHaveLength(1);
  });

  it('should ask the EC2 and S3 specialists in one turn for "how can we cut EC2 and S3 costs?"', async () => {
    const answer = await agents.orchestrator.ask({ question: 'how can we cut EC2 and S3 costs?' });
    expect(calls(answer)).toEqual(['ec2.savings:completed', 's3.savings:completed']);
    expect(answer.text).toMatch(/^\*\*EC2\*\*\n[\s\S]+\n\n\*\*S3\*\*\n/);
    // Each specialist's facts keep their provenance under ids that name the call.
    const owners = new Set(answer.facts.map((fact) => fact.id.split('.').slice(0, 2).join('.')));
    expect(owners).toEqual(new Set(['ec2.savings', 's3.savings']));
    // The cold archive bucket is S3's largest saving; EC2 and S3 cards are merged largest first.
    const [archive] = story(manifest, 'cold-s3-standard').resourceIds;
    expect(answer.recommendations.map((item) => item.resourceId)).toContain(archive);
    expect(answer.recommendations.some((item) => item.service.includes('Elastic Compute'))).toBe(true);
    const savings = answer.recommendations.map((item) => item.estimatedMonthlySavings);
    expect(savings).toEqual([...savings].sort((a, b) => b - a));
  });

  it('should ask which "prod" is meant, then answer "forecast and anomalies" for the one the reply names', async () => {
    const contextId = `test:${randomUUID()}`;
    const asked = await agents.orchestrator.ask({ question: 'forecast and anomalies for prod', contextId });
    expect(asked.intent).toBe('clarify');
    expect(asked.clarification?.reason).toMatch(
      /'prod' could mean the acme-prod account .* or the env tag value prod/,
    );
    const answer = await agents.orchestrator.ask({ question: 'the env tag', contextId });
    expect(answer.warnings).toContain('Read as: "forecast and anomalies for env=prod"');
    expect(calls(answer)).toEqual(['forecasting.forecast:completed', 'forecasting.anomalies:completed']);
    const direct = await runtime.copilot.ask('forecast this month for env=prod');
    const forecast = answer.facts.filter((fact) => fact.id.startsWith('forecasting.forecast.'));
    expect(forecast.map((fact) => ({ ...fact, id: fact.id.replace('forecasting.forecast.', '') }))).toEqual(
      direct.facts,
    );
  });

  it("should carry a thread's period, filters and grouping into its follow-ups", async () => {
    const contextId = `test:${randomUUID()}`;
    const first = await agents.orchestrator.ask({ question: 'top 5 accounts this month', contextId });
    expect(first.facts).toEqual((await runtime.copilot.ask('top 5 accounts this month')).facts);
    const second = await agents.orchestrator.ask({ question: 'and last month?', contextId });
    expect(second.facts).toEqual((await runtime.copilot.ask('top 5 accounts last month')).facts);
    const third = await agents.orchestrator.ask({ question: 'only prod account', contextId });
    expect(third.facts).toEqual(
      (await runtime.copilot.ask('top 5 accounts last month for the prod account')).facts,
    );
    const other = await agents.orchestrator.ask({
      question: 'and last month?',
      contextId: `test:${randomUUID()}`,
    });
    expect(other.intent).not.toBe('breakdown');
  });
});

describe('the agents over DynamoDB Local streams', () => {
  let runtime: Runtime;
  let local: DynamoDbLocal;
  let inProcess: Agents;
  let overDynamo: Agents;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ runtime } = await openDemoRuntime());
    const stateStore = createMemoryStateStore({ now: () => runtime.config.now });
    local = await startDynamoDbLocal();
    const dynamo = await openLocalDynamoDbBus(local);
    inProcess = await createAgents({ runtime, stateStore });
    overDynamo = await createAgents({ runtime, stateStore, bus: dynamo.bus });
    close = async () => {
      await overDynamo.close();
      await inProcess.close();
      await dynamo.close();
      await local.stop();
      runtime.close();
    };
  }, 120_000);
  afterAll(async () => close?.());

  it.each(['how can we cut EC2 and S3 costs?', 'forecast and anomalies for env=prod', 'tag compliance'])(
    'should give the same answer on both buses: %s',
    async (question) => {
      const a = await inProcess.orchestrator.ask({ question });
      const b = await overDynamo.orchestrator.ask({ question });
      expect(b.trace?.bus).toMatch(/^dynamodb:/);
      expect(b.trace?.calls).toEqual(a.trace?.calls);
      expect(b.text).toBe(a.text);
      expect(b.facts).toEqual(a.facts);
      expect(b.recommendations).toEqual(a.recommendations);
    },
    60_000,
  );
});
