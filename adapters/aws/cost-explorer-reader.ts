import {
  type Expression,
  GetCostAndUsageCommand,
  type GetCostAndUsageCommandInput,
  type GroupDefinition,
} from '@aws-sdk/client-cost-explorer';
import type { CallOptions, DayRange } from '../../mcp/contracts/common.ts';
import { FinopsError } from '../../src/errors.ts';
import type { AwsCaller } from './aws-caller.ts';
import { groupValue } from './cost-explorer-mapping.ts';
import { getCostAndUsageResponse } from './cost-explorer-responses.ts';

/** Most rows read from Cost Explorer for one question (pages × groups). */
export const DEFAULT_MAX_ROWS = 10_000;

export interface CostCell {
  periodStart: string;
  /** One value per GroupBy entry; null = the tag is absent. */
  keys: (string | null)[];
  amount: number;
}

export interface CostRead {
  cells: CostCell[];
  /** LINKED_ACCOUNT id → account name, from DimensionValueAttributes. */
  labels: Map<string, string>;
  currency: string | undefined;
  /** Every page came from the StateStore cache. */
  cached: boolean;
}

export interface CostReadRequest {
  period: DayRange;
  granularity: 'DAILY' | 'MONTHLY';
  /** Cost Explorer's metric name, e.g. NetAmortizedCost. */
  metric: string;
  groupBy: GroupDefinition[];
  filter: Expression | undefined;
}

export type CostReader = (
  request: CostReadRequest,
  callOptions: CallOptions | undefined,
) => Promise<CostRead>;

/** GetCostAndUsage through every page (NextPageToken), as cells of (period, group keys, amount). */
export function createCostReader(options: { caller: AwsCaller; maxRows: number }): CostReader {
  const { caller, maxRows } = options;
  return async function readCosts(request, callOptions) {
    const cells: CostCell[] = [];
    const labels = new Map<string, string>();
    let currency: string | undefined;
    let cached = true;
    let token: string | undefined;
    do {
      const input: GetCostAndUsageCommandInput = {
        TimePeriod: { Start: request.period.start, End: request.period.end },
        Granularity: request.granularity,
        Metrics: [request.metric],
        ...(request.groupBy.length > 0 ? { GroupBy: request.groupBy } : {}),
        ...(request.filter ? { Filter: request.filter } : {}),
        ...(token ? { NextPageToken: token } : {}),
      };
      const result = await caller.call({
        service: 'ce',
        operation: 'GetCostAndUsage',
        input,
        options: callOptions,
        schema: getCostAndUsageResponse,
        send: (clients, target, signal) =>
          clients
            .costExplorer(target)
            .send(new GetCostAndUsageCommand(input), signal ? { abortSignal: signal } : {}),
      });
      cached &&= result.cached;
      for (const attribute of result.output.DimensionValueAttributes) {
        const description = attribute.Attributes?.description;
        if (attribute.Value && description) labels.set(attribute.Value, description);
      }
      for (const period of result.output.ResultsByTime) {
        if (request.groupBy.length === 0) {
          const value = period.Total?.[request.metric];
          currency ??= value?.Unit;
          cells.push({ periodStart: period.TimePeriod.Start, keys: [], amount: Number(value?.Amount ?? 0) });
          continue;
        }
        for (const group of period.Groups) {
          const value = group.Metrics[request.metric];
          currency ??= value?.Unit;
          cells.push({
            periodStart: period.TimePeriod.Start,
            keys: request.groupBy.map((definition, index) =>
              groupValue(definition.Type === 'TAG' ? `tag:${definition.Key}` : '', group.Keys[index] ?? ''),
            ),
            amount: Number(value?.Amount ?? 0),
          });
        }
      }
      if (cells.length > maxRows) {
        throw new FinopsError(
          'finops_invalid_input',
          `Cost Explorer returned more than ${maxRows} rows for this question; narrow the period, use month granularity, group by fewer dimensions or add filters`,
        );
      }
      token = result.output.NextPageToken || undefined;
    } while (token);
    return { cells, labels, currency, cached };
  };
}
