import type { GetPromptResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

export const rightsizingPromptArgs = {
  resource_type: z.enum(['ec2', 'rds', 'ebs']).describe('Which resources to review: ec2, rds or ebs.'),
  account: z
    .string()
    .regex(/^\d{12}$/, 'an AWS account id: 12 digits')
    .optional()
    .describe('Only this AWS account (12-digit id). Default: every account.'),
};

/**
 * A rightsizing review a model can run with this server's tools alone: the thresholds are the
 * recommendation rules' defaults (Trusted Advisor's idle check, Compute Optimizer's headroom).
 */
export function rightsizingPrompt(args: {
  resource_type: 'ec2' | 'rds' | 'ebs';
  account?: string | undefined;
}): GetPromptResult {
  const scope = args.account ? ` in account ${args.account}` : '';
  const thresholds: Record<typeof args.resource_type, string> = {
    ec2: 'idle: CPUUtilization p95 below 5 % (and little network); oversized: CPU p95 below 40 % and, where mem_used_percent is reported, memory p95 below 50 %. A resized instance should stay under 60 % CPU p95.',
    rds: 'idle: DatabaseConnections max of 0 over the window; oversized: CPUUtilization p95 below 30 %. A smaller class should stay under 60 % CPU p95.',
    ebs: 'volume metrics (VolumeReadOps, VolumeWriteOps, VolumeIdleTime): a volume idle more than 99 % of the time, or with no reads or writes, is a candidate for a snapshot and deletion or a smaller, cheaper type.',
  };
  const text = [
    `Review the ${args.resource_type.toUpperCase()} resources${scope} for rightsizing.`,
    '',
    `1. Call get_utilization_summary with {"resource_type": "${args.resource_type}", "sort_by": "cpu_p95_asc"} (the last 14 days of data by default). Read every page (next_page_token).${args.account ? ` Keep only resources whose account_id is ${args.account}.` : ''}`,
    `2. Thresholds: ${thresholds[args.resource_type]}`,
    '3. For each candidate, call get_metric_data with its id, period_seconds 86400 and percentiles ["p95"] to check the trend is steady (not a quiet week before a busy one).',
    '4. Answer with a table: resource, name, type, account, the p50 / p95 / max figures you used, and what you recommend (stop, downsize to which size, or leave). Quote the figures exactly as the tools returned them, say which window they cover, and list resources the tools reported without data.',
  ].join('\n');
  return {
    description: `Rightsizing review of ${args.resource_type} resources${scope}`,
    messages: [{ role: 'user', content: { type: 'text', text } }],
  };
}
