import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Agents, createAgents } from '../../agents/create-agents.ts';
import { createBedrockPlanner } from '../../agents/orchestrator/bedrock/index.ts';
import type { Runtime } from '../../src/composition-root.ts';
import { createMemoryStateStore } from '../../src/state/index.ts';
import {
  type BedrockAgentRuntimeLoopback,
  type RecordedRequest,
  startBedrockAgentRuntimeLoopback,
} from '../support/bedrock-agent-runtime-loopback.ts';
import { openDemoRuntime } from '../support/demo-runtime.ts';

/**
 * The Bedrock planner in the whole agent path on the demo organisation: the real SDK client on
 * the event-stream loopback, the real specialists on the in-process bus, the real guardrail and
 * the deterministic planner as the fallback.
 */
const QUESTION = 'top 5 accounts this month';
const CALL_BREAKDOWN = {
  kind: 'stream' as const,
  events: [
    {
      type: 'returnControl' as const,
      invocationId: 'inv-1',
      calls: [{ actionGroup: 'cost-analysis', function: 'breakdown', parameters: { question: QUESTION } }],
    },
  ],
};

/** The first fact of the first function result, as the app shows it: what an honest model copies. */
function shownTotal(request: RecordedRequest): string {
  const state = request.body.inlineSessionState as {
    returnControlInvocationResults: { functionResult: { responseBody: { TEXT: { body: string } } } }[];
  };
  const body = JSON.parse(
    state.returnControlInvocationResults[0]?.functionResult.responseBody.TEXT.body ?? '{}',
  );
  return (body.facts as { label: string; shown: string }[])[0]?.shown ?? '';
}

describe('the Bedrock planner in the agent path, on the demo', () => {
  let runtime: Runtime;
  let loopback: BedrockAgentRuntimeLoopback;
  let agents: Agents;
  let logs: { event: string; [key: string]: unknown }[];

  beforeAll(async () => {
    ({ runtime } = await openDemoRuntime());
    loopback = await startBedrockAgentRuntimeLoopback();
    logs = [];
    agents = await createAgents({
      runtime,
      stateStore: createMemoryStateStore({ now: () => runtime.config.now }),
      planner: createBedrockPlanner({
        client: loopback.client(),
        mode: { kind: 'inline', foundationModel: 'anthropic.claude-3-5-sonnet-20240620-v1:0' },
      }),
      log: (entry) => logs.push(entry),
    });
  }, 120_000);
  afterEach(() => {
    logs.length = 0;
  });
  afterAll(async () => {
    await agents?.close();
    await loopback?.close();
    runtime?.close();
  });

  it("should use the model's prose when every number in it is a fact, with the specialists' figures", async () => {
    loopback.script(CALL_BREAKDOWN, (request) => ({
      kind: 'stream',
      events: [{ type: 'chunk', text: `This month's top accounts add up to ${shownTotal(request)}.` }],
    }));
    const answer = await agents.orchestrator.ask({
      question: QUESTION,
      contextId: `slack:T1:C1:${randomUUID()}`,
    });
    const direct = await runtime.copilot.ask(QUESTION);
    expect(answer.trace?.planner).toBe('bedrock');
    expect(answer.trace?.fallback).toBeUndefined();
    expect(answer.text).toMatch(/^This month's top accounts add up to \$[\d,]+\.\d\d\.$/);
    expect(answer.facts).toEqual(direct.facts);
  });

  it('should overrule a model that invents a number with the composed text, and log it', async () => {
    loopback.script(CALL_BREAKDOWN, {
      kind: 'stream',
      events: [{ type: 'chunk', text: 'Your top accounts cost $123,456.78 this month.' }],
    });
    const answer = await agents.orchestrator.ask({ question: QUESTION });
    const direct = await runtime.copilot.ask(QUESTION);
    expect(answer.text).toBe(direct.text);
    expect(answer.text).not.toContain('123,456.78');
    expect(answer.trace?.fallback).toMatch(/^guardrail/);
    expect(logs.find((entry) => entry.event === 'guardrail_mismatch')?.unmatched).toEqual(['$123,456.78']);
  });

  it('should answer with the deterministic planner when the model is throttled', async () => {
    loopback.script({
      kind: 'error',
      status: 429,
      errorType: 'ThrottlingException',
      message: 'Rate exceeded',
    });
    const answer = await agents.orchestrator.ask({ question: 'how can we cut EC2 and S3 costs?' });
    expect(answer.trace?.planner).toBe('deterministic');
    expect(answer.trace?.fallback).toMatch(/finops_model_error/);
    expect(answer.trace?.calls.map((call) => `${call.agent}.${call.skill}`)).toEqual([
      'ec2.savings',
      's3.savings',
    ]);
    expect(answer.warnings).toContain(
      'The language model was unavailable, so the built-in planner answered.',
    );
  });

  it("should answer within the caller's budget when the model never does", async () => {
    loopback.script({ kind: 'hang' });
    const answer = await agents.orchestrator.ask({ question: QUESTION, timeoutMs: 4000 });
    expect(answer.trace?.planner).toBe('deterministic');
    expect(answer.facts).toEqual((await runtime.copilot.ask(QUESTION)).facts);
  });
});
