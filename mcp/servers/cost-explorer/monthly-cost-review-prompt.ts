import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { addMonths, humanRange } from '../../../src/domain/index.ts';
import { RANGE_URI } from './dataset-resources.ts';

export const MONTHLY_COST_REVIEW = 'monthly-cost-review';

const monthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'write the month as YYYY-MM, e.g. 2026-10')
  .optional()
  .describe('The month to review, YYYY-MM (default: the last complete month in the data).');

/** The review's steps, as the tool calls that give each figure: a model never makes a number up. */
export function monthlyCostReviewText(month: string | undefined): string {
  let scope: string;
  let ranges: string;
  if (month) {
    const start = `${month}-01`;
    const current = { start, end: addMonths(start, 1) };
    const previous = { start: addMonths(start, -1), end: start };
    scope = humanRange(current);
    ranges = `current = ${JSON.stringify(current)}, previous = ${JSON.stringify(previous)}`;
  } else {
    scope = 'the last complete month in the data';
    ranges = `read ${RANGE_URI} for the last day with data, then take current = that last complete month and previous = the month before (ranges are { start, end }, end exclusive)`;
  }
  return [
    `Review AWS cost for ${scope}. Ranges: ${ranges}.`,
    'Use only figures returned by the finops-cost-explorer tools, each with its provenance (metric, period, source); never estimate a number yourself.',
    '1. get_cost_and_usage for current with granularity "total" and group_by ["service"] (limit 10), and again with group_by ["sub_account"]: the total and the largest services and accounts.',
    '2. compare_periods current against previous with group_by "service": the month-over-month change and the top movers.',
    '3. explain_change for the same two ranges: the drivers behind the change, down to usage type and resource.',
    '4. get_anomalies for current: unusual days, their impact and root causes.',
    '5. get_savings_plans_coverage and get_savings_plans_utilization for current: commitment coverage and waste.',
    '6. If the month is not over yet, get_cost_forecast for current: the projected total with its 80 % interval.',
    'Write a short review: the total and its change, the three biggest drivers, anomalies worth a look, commitment coverage and utilisation, and two or three concrete next steps. Quote amounts with the currency.',
  ].join('\n');
}

export function registerMonthlyCostReviewPrompt(server: McpServer): void {
  server.registerPrompt(
    MONTHLY_COST_REVIEW,
    {
      title: 'Monthly cost review',
      description:
        'A month-over-month AWS cost review built from the cost-explorer tools: totals, movers, drivers, anomalies, commitments and forecast.',
      argsSchema: { month: monthSchema },
    },
    ({ month }) => ({
      description: `Monthly cost review${month ? ` for ${month}` : ''}`,
      messages: [{ role: 'user', content: { type: 'text', text: monthlyCostReviewText(month) } }],
    }),
  );
}
