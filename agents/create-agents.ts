import { openBus } from '../adapters/a2a/open-bus.ts';
import { createBackends } from '../mcp/backends/create-backends.ts';
import { connectInMemory } from '../mcp/client/connect-in-memory.ts';
import { createMcpServer } from '../mcp/servers/index.ts';
import type { Runtime } from '../src/composition-root.ts';
import type { ListFilter } from '../src/recommendations/index.ts';
import type { StateStore } from '../src/state/index.ts';
import type { A2ABus } from './a2a/index.ts';
import { createContextStore } from './orchestrator/conversation-context.ts';
import {
  createDeterministicPlanner,
  describeRoute,
  routeQuestion,
} from './orchestrator/deterministic/index.ts';
import { verifyNumbers } from './orchestrator/guardrails/index.ts';
import { createOrchestrator, type OrchestratorLog } from './orchestrator/orchestrator.ts';
import type { Orchestrator } from './orchestrator/orchestrator-port.ts';
import type { Planner } from './orchestrator/planner.ts';
import { createCommitmentsSpecialist } from './specialists/commitments-specialist.ts';
import { createCostAnalysisSpecialist } from './specialists/cost-analysis-specialist.ts';
import type { RecommendationSource, SpecialistDependencies } from './specialists/dependencies.ts';
import { createEc2Specialist } from './specialists/ec2-specialist.ts';
import { createForecastingSpecialist } from './specialists/forecasting-specialist.ts';
import { createRdsSpecialist } from './specialists/rds-specialist.ts';
import { createS3Specialist } from './specialists/s3-specialist.ts';
import { serveSpecialists } from './specialists/serve-specialist.ts';
import type { Specialist } from './specialists/specialist.ts';
import { agentCard } from './specialists/specialist.ts';
import { createTaggingSpecialist } from './specialists/tagging-specialist.ts';

export interface CreateAgentsOptions {
  runtime: Runtime;
  /** Thread context, recommendations, the live backend's cache and the DynamoDB bus's checkpoints. */
  stateStore: StateStore;
  /** The bus to use instead of the configured one (tests run the suite on both). */
  bus?: A2ABus | undefined;
  /** The first planner instead of the configured one (tests use a Bedrock planner on a loopback). */
  planner?: Planner | undefined;
  log?: OrchestratorLog | undefined;
}

export interface Agents {
  orchestrator: Orchestrator;
  specialists: readonly Specialist[];
  bus: A2ABus;
  /** Stops serving, closes the bus (unless it was passed in) and the MCP clients. */
  close(): Promise<void>;
}

/**
 * Wires the agents over a Runtime: the MCP servers on the configured backend with in-memory
 * clients, the seven specialists served on the A2A bus, the planners and the orchestrator.
 * Every adapter (CLI, Slack, Teams, digest) asks through the orchestrator this returns.
 */
export async function createAgents(options: CreateAgentsOptions): Promise<Agents> {
  const { runtime, stateStore } = options;
  const { config } = runtime;
  const now = () => config.now;
  const log = options.log ?? (() => {});

  const backends = await createBackends(config, runtime, stateStore);
  const serverOptions = { requiredTags: config.requiredTags };
  const [costExplorer, cloudwatch, tagging] = await Promise.all([
    connectInMemory(createMcpServer('cost-explorer', backends, serverOptions), {
      clientName: 'finops-agents',
    }),
    connectInMemory(createMcpServer('cloudwatch', backends, serverOptions), { clientName: 'finops-agents' }),
    connectInMemory(createMcpServer('tagging', backends, serverOptions), { clientName: 'finops-agents' }),
  ]);

  const dependencies: SpecialistDependencies = {
    engine: runtime.engine,
    recommendations: storedRecommendations(runtime, stateStore),
    mcp: { costExplorer, cloudwatch, tagging },
    now,
    requiredTags: config.requiredTags,
  };
  const specialists: Specialist[] = [
    createCostAnalysisSpecialist({ engine: runtime.engine, now }),
    createForecastingSpecialist({ engine: runtime.engine, now }),
    createEc2Specialist(dependencies),
    createS3Specialist(dependencies),
    createRdsSpecialist(dependencies),
    createTaggingSpecialist(dependencies),
    createCommitmentsSpecialist(dependencies),
  ];

  const ownBus = options.bus === undefined;
  const bus =
    options.bus ??
    (await openBus(config.agents.bus, {
      checkpointStore: stateStore,
      onError: (error) => log({ event: 'bus_error', message: error.message }),
    }));
  await serveSpecialists(bus, specialists, {
    onError: (error, where) =>
      log({
        event: 'specialist_error',
        where,
        message: error instanceof Error ? error.message : String(error),
      }),
  });

  const deterministic = createDeterministicPlanner();
  const planner = options.planner ?? (await configuredPlanner(runtime, log)) ?? deterministic;
  const orchestrator = createOrchestrator({
    bus,
    cards: specialists.map((specialist) => agentCard(specialist)),
    planner,
    fallback: deterministic,
    describe: (turn) =>
      describeRoute(
        routeQuestion(turn.question, { today: turn.today, catalog: turn.catalog, previous: turn.previous }),
      ),
    verifyNumbers,
    engine: runtime.engine,
    contexts: createContextStore({ store: stateStore, now }),
    now,
    log,
    defaultTimeoutMs: config.agents.turnTimeoutMs,
  });

  return {
    orchestrator,
    specialists,
    bus,
    async close() {
      if (ownBus) await bus.close();
      await Promise.allSettled([costExplorer.close(), cloudwatch.close(), tagging.close()]);
      backends.close();
    },
  };
}

/** The Bedrock planner when the config names a model or an agent; its SDK loads only then. */
async function configuredPlanner(runtime: Runtime, log: OrchestratorLog): Promise<Planner | undefined> {
  const planner = runtime.config.agents.planner;
  if (planner.kind !== 'bedrock') return undefined;
  const { createBedrockAgentRuntimeClient, createBedrockPlanner } = await import(
    './orchestrator/bedrock/index.ts'
  );
  return createBedrockPlanner({
    client: createBedrockAgentRuntimeClient({ region: planner.region, endpoint: planner.endpoint }),
    mode: planner.mode,
    logger: log,
  });
}

/**
 * Recommendations as the specialists read them: the latest stored run, generated once on first
 * use when the store has none (a fresh install), so "where can we save?" works before anyone ran
 * `finops recommendations`.
 */
function storedRecommendations(runtime: Runtime, store: StateStore): RecommendationSource {
  const service = runtime.recommendations(store);
  let ready: Promise<unknown> | undefined;
  return {
    async list(filter?: ListFilter) {
      ready ??= service
        .list({ status: 'all' })
        .then((all) => (all.length === 0 ? service.refresh() : undefined));
      try {
        await ready;
      } catch (error) {
        // A failed first run is tried again by the next question, not remembered.
        ready = undefined;
        throw error;
      }
      return service.list(filter);
    },
  };
}
