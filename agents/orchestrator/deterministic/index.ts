export { AGENT_CAN_ANSWER, withCanAnswer } from './can-answer.ts';
export type { DescribeOptions } from './describe-route.ts';
export { describeRoute, periodName } from './describe-route.ts';
export { createDeterministicPlanner } from './deterministic-planner.ts';
export { periodBefore } from './period-before.ts';
export { routeQuestion } from './route-question.ts';
export type { Route, RouteContext } from './route-types.ts';
