import { createAgents } from '../../agents/create-agents.ts';
import { createMemoryStateStore } from '../../src/state/index.ts';
import { openDemoRuntime, openLocalDynamoDbBus } from '../support/demo-runtime.ts';
import { startDynamoDbLocal } from '../support/dynamodb-local.ts';
import { percentile } from './stats.ts';

export interface AgentPathRow {
  question: string;
  directP50Ms: number;
  agentsP50Ms: number;
  agentsP95Ms: number;
  /** agents p50 ÷ direct p50: what planning, the bus and composing add. */
  overhead: number;
}

export interface AgentOnlyRow {
  question: string;
  bus: string;
  specialists: number;
  p50Ms: number;
  p95Ms: number;
}

/** Questions a user asks that the copilot also answers without agents: the overhead is measurable. */
const SINGLE = [
  'how much did we spend last month',
  'top 5 accounts this month',
  'spend by service last month',
  'daily cost over the last 30 days',
  'this month vs last month',
  'why did EC2 spend jump last week?',
  'forecast for the quarter',
  'any anomalies last week?',
];

/** Questions only the agents answer (several specialists, recommendations, tagging). */
const MULTI = [
  'how can we cut EC2 and S3 costs?',
  'forecast and anomalies for env=prod',
  'tag compliance',
  'savings plan coverage last month',
];

const WARM_UP = 2;

/**
 * The agent path against the direct one on the demo organisation: `copilot.ask` (parse, engine,
 * compose) vs `orchestrator.ask` (the deterministic planner, the in-process A2A bus, the
 * specialist running the same composers, the orchestrator composing). Runs alternate so machine
 * noise falls on both. Then multi-specialist questions in-process and over DynamoDB Local streams.
 */
export async function benchAgents({ iterations = 20 }: { iterations?: number } = {}): Promise<{
  path: AgentPathRow[];
  multi: AgentOnlyRow[];
}> {
  const { runtime } = await openDemoRuntime();
  const stateStore = createMemoryStateStore({ now: () => runtime.config.now });
  const agents = await createAgents({ runtime, stateStore });
  const path: AgentPathRow[] = [];
  const multi: AgentOnlyRow[] = [];
  try {
    for (const question of SINGLE) {
      const direct: number[] = [];
      const viaAgents: number[] = [];
      for (let index = 0; index < WARM_UP + iterations; index += 1) {
        const a = performance.now();
        await runtime.copilot.ask(question);
        const b = performance.now();
        await agents.orchestrator.ask({ question });
        const c = performance.now();
        if (index >= WARM_UP) {
          direct.push(b - a);
          viaAgents.push(c - b);
        }
      }
      const directP50 = percentile(direct, 50);
      const agentsP50 = percentile(viaAgents, 50);
      path.push({
        question,
        directP50Ms: directP50,
        agentsP50Ms: agentsP50,
        agentsP95Ms: percentile(viaAgents, 95),
        overhead: agentsP50 / directP50,
      });
    }
    for (const question of MULTI) multi.push(await agentOnly(question, 'in-process', agents, iterations));
  } finally {
    await agents.close();
  }

  // The same questions with the specialists on a DynamoDB table and its stream.
  const local = await startDynamoDbLocal();
  const dynamo = await openLocalDynamoDbBus(local);
  const overDynamo = await createAgents({ runtime, stateStore, bus: dynamo.bus });
  try {
    for (const question of [SINGLE[1] ?? 'top 5 accounts this month', ...MULTI]) {
      multi.push(
        await agentOnly(question, 'dynamodb-local, poll 100 ms', overDynamo, Math.min(iterations, 10)),
      );
    }
  } finally {
    await overDynamo.close();
    await dynamo.close();
    await local.stop();
    runtime.close();
  }
  return { path, multi };
}

async function agentOnly(
  question: string,
  bus: string,
  agents: Awaited<ReturnType<typeof createAgents>>,
  iterations: number,
): Promise<AgentOnlyRow> {
  const times: number[] = [];
  let specialists = 0;
  for (let index = 0; index < WARM_UP + iterations; index += 1) {
    const started = performance.now();
    const answer = await agents.orchestrator.ask({ question });
    if (index >= WARM_UP) times.push(performance.now() - started);
    specialists = answer.trace?.calls.length ?? 0;
  }
  return { question, bus, specialists, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95) };
}
