import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import { FinopsError } from '../../src/errors.ts';
import type { CallOptions } from '../contracts/common.ts';
import {
  type CostExplorerBackend,
  comparePeriodsInput,
  comparePeriodsOutput,
  explainChangeInput,
  explainChangeOutput,
  getAnomaliesInput,
  getAnomaliesOutput,
  getCostAndUsageInput,
  getCostAndUsageOutput,
  getCostForecastInput,
  getCostForecastOutput,
  getDimensionValuesInput,
  getDimensionValuesOutput,
  getSavingsPlansCoverageInput,
  getSavingsPlansCoverageOutput,
  getSavingsPlansUtilizationInput,
  getSavingsPlansUtilizationOutput,
  getTagValuesInput,
  getTagValuesOutput,
} from '../contracts/cost-explorer.ts';
import { registerDatasetResources } from './cost-explorer/dataset-resources.ts';
import { registerMonthlyCostReviewPrompt } from './cost-explorer/monthly-cost-review-prompt.ts';
import { type CostExplorerToolName, TOOL_DESCRIPTIONS } from './cost-explorer/tool-descriptions.ts';
import { runTool } from './tool-result.ts';

export const COST_EXPLORER_SERVER_NAME = 'finops-cost-explorer';
const VERSION = '0.1.0';

export interface CostExplorerServerOptions {
  /** Where unexpected failures are logged in full (stderr in the CLI: stdout belongs to stdio). */
  logger?: ((message: string) => void) | undefined;
}

const TITLES: Record<CostExplorerToolName, string> = {
  get_cost_and_usage: 'Cost and usage',
  compare_periods: 'Compare two periods',
  explain_change: 'Explain a cost change',
  get_cost_forecast: 'Cost forecast',
  get_dimension_values: 'Dimension values',
  get_tag_values: 'Tag keys and values',
  get_anomalies: 'Cost anomalies',
  get_savings_plans_coverage: 'Savings Plans coverage',
  get_savings_plans_utilization: 'Savings Plans utilization',
};

/**
 * The cost-explorer MCP server: nine read-only tools over a CostExplorerBackend (the embedded
 * dataset or live Cost Explorer), the dataset's schema and range as resources, and a monthly
 * cost review prompt. Arguments are validated by the SDK against the contract's zod schemas
 * before a handler runs; a handler's failure comes back as `isError` text saying how to fix the call.
 */
export function createCostExplorerServer(
  backend: CostExplorerBackend,
  options: CostExplorerServerOptions = {},
): McpServer {
  const server = new McpServer({ name: COST_EXPLORER_SERVER_NAME, version: VERSION });
  const log = options.logger;

  /** The per-call AWS options: the live backend reads them, the embedded one ignores them. */
  const callOptions = (
    input: { region?: string | undefined; role_arn?: string | undefined },
    extra: { signal: AbortSignal },
  ): CallOptions => ({ region: input.region, roleArn: input.role_arn, signal: extra.signal });

  /**
   * Runs one tool call. Known failures (FinopsError) are the caller's to fix and are not logged;
   * anything else, including a backend answer that breaks the output schema, is logged in full
   * and answered with a generic message.
   */
  const handle = <T extends Record<string, unknown>>(
    name: CostExplorerToolName,
    outputSchema: z.ZodType<T>,
    work: () => Promise<T>,
  ): Promise<CallToolResult> =>
    runTool(outputSchema, async () => {
      try {
        const output = await work();
        const checked = outputSchema.safeParse(output);
        if (!checked.success) {
          throw new Error(`${name} returned output that breaks its schema: ${checked.error.message}`);
        }
        return output;
      } catch (error) {
        if (!(error instanceof FinopsError)) {
          const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
          log?.(`[${COST_EXPLORER_SERVER_NAME}] ${name} failed unexpectedly: ${detail}`);
        }
        throw error;
      }
    });

  const config = <Input extends z.ZodObject, Output extends z.ZodObject>(
    name: CostExplorerToolName,
    inputSchema: Input,
    outputSchema: Output,
  ) => ({
    title: TITLES[name],
    description: TOOL_DESCRIPTIONS[name],
    inputSchema,
    outputSchema,
    annotations: { readOnlyHint: true, openWorldHint: backend.kind === 'aws' },
  });

  server.registerTool(
    'get_cost_and_usage',
    config('get_cost_and_usage', getCostAndUsageInput, getCostAndUsageOutput),
    (input, extra) =>
      handle('get_cost_and_usage', getCostAndUsageOutput, () =>
        backend.getCostAndUsage(input, callOptions(input, extra)),
      ),
  );
  server.registerTool(
    'compare_periods',
    config('compare_periods', comparePeriodsInput, comparePeriodsOutput),
    (input, extra) =>
      handle('compare_periods', comparePeriodsOutput, () =>
        backend.comparePeriods(input, callOptions(input, extra)),
      ),
  );
  server.registerTool(
    'explain_change',
    config('explain_change', explainChangeInput, explainChangeOutput),
    (input, extra) =>
      handle('explain_change', explainChangeOutput, () =>
        backend.explainChange(input, callOptions(input, extra)),
      ),
  );
  server.registerTool(
    'get_cost_forecast',
    config('get_cost_forecast', getCostForecastInput, getCostForecastOutput),
    (input, extra) =>
      handle('get_cost_forecast', getCostForecastOutput, () =>
        backend.getCostForecast(input, callOptions(input, extra)),
      ),
  );
  server.registerTool(
    'get_dimension_values',
    config('get_dimension_values', getDimensionValuesInput, getDimensionValuesOutput),
    (input, extra) =>
      handle('get_dimension_values', getDimensionValuesOutput, () =>
        backend.getDimensionValues(input, callOptions(input, extra)),
      ),
  );
  server.registerTool(
    'get_tag_values',
    config('get_tag_values', getTagValuesInput, getTagValuesOutput),
    (input, extra) =>
      handle('get_tag_values', getTagValuesOutput, () =>
        backend.getTagValues(input, callOptions(input, extra)),
      ),
  );
  server.registerTool(
    'get_anomalies',
    config('get_anomalies', getAnomaliesInput, getAnomaliesOutput),
    (input, extra) =>
      handle('get_anomalies', getAnomaliesOutput, () =>
        backend.getAnomalies(input, callOptions(input, extra)),
      ),
  );
  server.registerTool(
    'get_savings_plans_coverage',
    config('get_savings_plans_coverage', getSavingsPlansCoverageInput, getSavingsPlansCoverageOutput),
    (input, extra) =>
      handle('get_savings_plans_coverage', getSavingsPlansCoverageOutput, () =>
        backend.getSavingsPlansCoverage(input, callOptions(input, extra)),
      ),
  );
  server.registerTool(
    'get_savings_plans_utilization',
    config(
      'get_savings_plans_utilization',
      getSavingsPlansUtilizationInput,
      getSavingsPlansUtilizationOutput,
    ),
    (input, extra) =>
      handle('get_savings_plans_utilization', getSavingsPlansUtilizationOutput, () =>
        backend.getSavingsPlansUtilization(input, callOptions(input, extra)),
      ),
  );

  registerDatasetResources(server, backend);
  registerMonthlyCostReviewPrompt(server);
  return server;
}
