import type { Planner, PlannerOutcome } from '../planner.ts';
import { routeQuestion } from './route-question.ts';

/**
 * The planner that needs no model: routes the question (routeQuestion), asks every specialist
 * the route names at once, and hands the results back for the orchestrator to compose. A
 * clarification or help calls nobody and leaves the thread's context as it was.
 */
export function createDeterministicPlanner(): Planner {
  return {
    name: 'deterministic',
    async run(turn, toolbox, options): Promise<PlannerOutcome> {
      const route = routeQuestion(turn.question, {
        today: turn.today,
        catalog: turn.catalog,
        previous: turn.previous,
      });
      if (route.calls.length === 0) {
        return {
          intent: route.intent,
          results: [],
          clarification: route.clarification,
          help: route.help,
        };
      }
      const results = await toolbox.call(route.calls, { signal: options.signal });
      return {
        intent: route.intent,
        results,
        remember: { question: turn.question, intent: route.intent, plan: route.plan, calls: route.calls },
      };
    },
  };
}
