import { BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime';

export interface BedrockClientOptions {
  region?: string | undefined;
  /** FINOPS_BEDROCK_ENDPOINT: a VPC endpoint, or a loopback in tests (the client speaks HTTP/2). */
  endpoint?: string | undefined;
  /**
   * Attempts per call; default 1. The SDK's own retries would spend the turn's budget on a
   * throttled model, while the orchestrator's deterministic planner can answer at once.
   */
  maxAttempts?: number | undefined;
}

/** The agent runtime client for the Bedrock planner; credentials come from the default chain. */
export function createBedrockAgentRuntimeClient(
  options: BedrockClientOptions = {},
): BedrockAgentRuntimeClient {
  return new BedrockAgentRuntimeClient({
    ...(options.region ? { region: options.region } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    maxAttempts: options.maxAttempts ?? 1,
  });
}
