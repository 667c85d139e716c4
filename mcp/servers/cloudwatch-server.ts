import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  type CloudWatchBackend,
  getMetricDataInput,
  getMetricDataOutput,
  getUtilizationSummaryInput,
  getUtilizationSummaryOutput,
} from '../contracts/cloudwatch.ts';
import type { CallOptions } from '../contracts/common.ts';
import { rightsizingPrompt, rightsizingPromptArgs } from './cloudwatch/rightsizing-prompt.ts';
import { runTool } from './tool-result.ts';

export interface CloudWatchServerOptions {
  /** Server-side log (stderr for stdio): failed calls with their cause. */
  logger?: ((message: string) => void) | undefined;
}

const GET_METRIC_DATA_DESCRIPTION = `Datapoints of one CloudWatch metric for up to 50 resources, aggregated per period.
Returns one series per resource and statistic (Average, Maximum, Minimum, Sum, SampleCount, or a percentile such as p95), each a list of {timestamp (start of the period, UTC), value}; units: CPUUtilization and mem_used_percent in Percent, NetworkIn / NetworkOut in Bytes (the embedded dataset stores bytes per hour: Sum over a day is the day's bytes), DatabaseConnections in Count.
Resources: instance ids (i-…), DB instance identifiers or ARNs, volume ids (vol-…). period is a half-open day range (end exclusive). period_seconds: 3600 (default, hourly) or 86400 (daily); any multiple of 60.
Defaults: statistics ["Average", "Maximum"], no percentiles, 50 series per page (next_page_token pages through series). Resources without data are listed in messages with the reason.
Example: {"resource_ids": ["i-0abc123def4567890"], "metric": "CPUUtilization", "period": {"start": "2026-11-01", "end": "2026-11-24"}, "period_seconds": 86400, "percentiles": ["p95"]}`;

const GET_UTILIZATION_SUMMARY_DESCRIPTION = `Utilisation summary per resource of one type: p50, p95 and max of each CloudWatch metric over a window, with the number of hourly datapoints.
ec2 → CPUUtilization, mem_used_percent (only where the CloudWatch agent reports memory), NetworkIn, NetworkOut (bytes per hour); rds → CPUUtilization, DatabaseConnections; ebs → VolumeReadOps, VolumeWriteOps, VolumeIdleTime (the embedded dataset has none: empty metrics and a message).
Default window: the last 14 days of data (period to override, end exclusive). Default order: lowest CPU p95 first (rightsizing candidates first); 50 resources per page.
Example: {"resource_type": "ec2", "sort_by": "cpu_p95_asc", "limit": 20}`;

function callOptions(
  args: { region?: string | undefined; role_arn?: string | undefined },
  signal: AbortSignal,
): CallOptions {
  return { region: args.region, roleArn: args.role_arn, signal };
}

/** The `finops-cloudwatch` MCP server: utilisation metrics for rightsizing, over any CloudWatchBackend. */
export function createCloudWatchServer(
  backend: CloudWatchBackend,
  options: CloudWatchServerOptions = {},
): McpServer {
  const server = new McpServer({ name: 'finops-cloudwatch', version: '0.1.0' });
  const logged =
    <T>(tool: string, work: () => Promise<T>) =>
    async (): Promise<T> => {
      try {
        return await work();
      } catch (error) {
        options.logger?.(`${tool} failed: ${error instanceof Error ? error.message : String(error)}`);
        throw error;
      }
    };

  server.registerTool(
    'get_metric_data',
    {
      title: 'CloudWatch metric datapoints',
      description: GET_METRIC_DATA_DESCRIPTION,
      inputSchema: getMetricDataInput.shape,
      outputSchema: getMetricDataOutput.shape,
      annotations: { readOnlyHint: true, openWorldHint: backend.kind === 'aws' },
    },
    (args, extra) =>
      runTool(
        getMetricDataOutput,
        logged('get_metric_data', () => backend.getMetricData(args, callOptions(args, extra.signal))),
      ),
  );

  server.registerTool(
    'get_utilization_summary',
    {
      title: 'Utilisation summary (p50 / p95 / max)',
      description: GET_UTILIZATION_SUMMARY_DESCRIPTION,
      inputSchema: getUtilizationSummaryInput.shape,
      outputSchema: getUtilizationSummaryOutput.shape,
      annotations: { readOnlyHint: true, openWorldHint: backend.kind === 'aws' },
    },
    (args, extra) =>
      runTool(
        getUtilizationSummaryOutput,
        logged('get_utilization_summary', () =>
          backend.getUtilizationSummary(args, callOptions(args, extra.signal)),
        ),
      ),
  );

  server.registerPrompt(
    'rightsizing-review',
    {
      title: 'Rightsizing review',
      description:
        'Review EC2, RDS or EBS resources for idle and oversized ones with get_utilization_summary and get_metric_data.',
      argsSchema: rightsizingPromptArgs,
    },
    (args) => rightsizingPrompt(args),
  );
  return server;
}
