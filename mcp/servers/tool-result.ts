import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import { asFinopsError, FinopsError } from '../../src/errors.ts';

/**
 * Runs a tool's work and shapes the MCP result: structured content (validated against the
 * output schema) plus the same JSON as text for clients that only read text; any failure becomes
 * `isError` with a message that says how to fix the call, so a model can recover. Internal
 * errors are never passed through raw: no stack traces, no credentials.
 */
export async function runTool<T extends Record<string, unknown>>(
  outputSchema: z.ZodType<T>,
  work: () => Promise<T>,
): Promise<CallToolResult> {
  try {
    const output = outputSchema.parse(await work());
    return {
      structuredContent: output,
      content: [{ type: 'text', text: JSON.stringify(output) }],
    };
  } catch (error) {
    return toolError(error);
  }
}

export function toolError(error: unknown): CallToolResult {
  const finopsError = asFinopsError(error);
  const known = error instanceof FinopsError;
  const message = known
    ? finopsError.message
    : 'the tool failed unexpectedly; check the arguments and try again, or ask the operator to look at the server log';
  return {
    isError: true,
    content: [
      { type: 'text', text: `${message}${finopsError.isRetryable ? ' (retryable: try again shortly)' : ''}` },
    ],
  };
}
