export { actionGroupsFor, bedrockName, FUNCTION_PARAMETERS } from './action-groups.ts';
export { type BedrockClientOptions, createBedrockAgentRuntimeClient } from './bedrock-client.ts';
export {
  type BedrockPlannerLog,
  type BedrockPlannerMode,
  type BedrockPlannerOptions,
  createBedrockPlanner,
} from './bedrock-planner.ts';
export { type FunctionResultBody, functionResultBody } from './function-result.ts';
export { DEFAULT_INSTRUCTION } from './instruction.ts';
export { bedrockSessionId } from './session-id.ts';
