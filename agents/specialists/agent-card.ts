import { z } from 'zod';

/**
 * A specialist's A2A agent card (the protocol's AgentCard: name, description, version,
 * capabilities, input and output modes, skills), independent of transport: `url` is only set
 * when the agent is served somewhere an outside A2A client can reach. Each skill also carries the
 * JSON Schema of its input, which the Bedrock planner turns into action-group functions.
 */
export interface AgentSkillCard {
  id: string;
  name: string;
  description: string;
  tags: string[];
  examples: string[];
  inputModes: string[];
  outputModes: string[];
  /** JSON Schema (draft 2020-12) of the skill's `input`, generated from its zod schema. */
  inputSchema: Record<string, unknown>;
}

export interface AgentCard {
  name: string;
  description: string;
  version: string;
  protocolVersion: string;
  url?: string | undefined;
  capabilities: { streaming: boolean; pushNotifications: boolean };
  defaultInputModes: string[];
  defaultOutputModes: string[];
  skills: AgentSkillCard[];
}

/** The A2A protocol version the message and card shapes follow. */
export const A2A_PROTOCOL_VERSION = '0.3.0';

export function skillInputJsonSchema(schema: z.ZodType): Record<string, unknown> {
  // `input` mode: what a caller may send (defaults are optional), not what the skill sees.
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
