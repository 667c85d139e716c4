import { getCostAndUsageOutput, getDimensionValuesOutput } from '../../mcp/contracts/cost-explorer.ts';
import type { CostFilter, DataSource, TimeRange } from '../../src/domain/index.ts';
import { addDays, humanRange } from '../../src/domain/index.ts';
import type { SpecialistDependencies } from './dependencies.ts';
import { callMcpTool, callMcpToolAllPages, type McpServerHandle, sourceOf } from './mcp-tool-call.ts';

/** The metric specialists report spend in: what was paid after discounts and commitments. */
export const SPEND_METRIC = 'EffectiveCost';

export interface ServiceSpend {
  /** The services, as the data names them, that matched the specialist's scope in the range. */
  services: string[];
  total: number;
  byService: { service: string; amount: number }[];
  /** The filters the spend query used: the caller's, with the service filter set to `services`. */
  filters: CostFilter[];
  source: DataSource;
  warnings: string[];
}

export function costExplorerServer(deps: SpecialistDependencies): McpServerHandle {
  return { name: 'cost-explorer', client: deps.mcp.costExplorer };
}

/**
 * A service family's spend over `range` through the cost-explorer MCP server: the service names
 * are read from the server (`get_dimension_values`), because the demo, a FOCUS export and live
 * Cost Explorer name them differently ("Amazon Elastic Compute Cloud" vs "Amazon Elastic Compute
 * Cloud - Compute" and "EC2 - Other"), then `get_cost_and_usage` sums them with the caller's
 * filters. A service filter in the input is replaced by the family (each specialist owns its
 * services); one naming another service is reported.
 */
export async function readServiceSpend(
  deps: SpecialistDependencies,
  scope: { label: string; services: RegExp },
  range: TimeRange,
  filters: readonly CostFilter[],
  signal?: AbortSignal,
): Promise<ServiceSpend> {
  const server = costExplorerServer(deps);
  const warnings: string[] = [];
  const pages = await callMcpToolAllPages(
    server,
    'get_dimension_values',
    { dimension: 'service', period: range, limit: 500 },
    getDimensionValuesOutput,
    { signal },
  );
  const services = pages
    .flatMap((page) => page.values.map((entry) => entry.value))
    .filter((name) => scope.services.test(name));
  const others = filters.filter((filter) => filter.dimension !== 'service');
  for (const filter of filters) {
    if (filter.dimension !== 'service' || filter.op !== 'in') continue;
    const outside = filter.values.filter((value) => !scope.services.test(value));
    if (outside.length > 0)
      warnings.push(
        `The ${scope.label} specialist reads ${scope.label} only: the service filter ${outside.join(', ')} was not applied.`,
      );
  }
  const firstPage = pages[0];
  if (services.length === 0) {
    warnings.push(`No ${scope.label} spend was found in ${humanRange(range)}.`);
    const source = firstPage ? sourceOf(firstPage.provenance) : await deps.engine.source();
    return { services, total: 0, byService: [], filters: others, source, warnings };
  }
  const spendFilters: CostFilter[] = [...others, { dimension: 'service', op: 'in', values: services }];
  const spend = await callMcpTool(
    server,
    'get_cost_and_usage',
    {
      period: range,
      granularity: 'total',
      metric: SPEND_METRIC,
      group_by: ['service'],
      filters: spendFilters,
      limit: 500,
    },
    getCostAndUsageOutput,
    signal,
  );
  const source = sourceOf(spend.provenance);
  warnings.push(...incompleteRangeWarnings(range, source));
  return {
    services,
    total: spend.total,
    byService: spend.rows
      .map((row) => ({ service: row.group.service ?? '(no service)', amount: row.amount }))
      .sort((a, b) => b.amount - a.amount),
    filters: spendFilters,
    source,
    warnings,
  };
}

/** So a month to date is never read as a whole month. */
export function incompleteRangeWarnings(range: TimeRange, source: DataSource): string[] {
  if (!source.dataThrough) return [];
  const end = addDays(source.dataThrough, 1);
  if (range.start >= end)
    return [`${humanRange(range)} is after the last day of data (${source.dataThrough}).`];
  if (range.end > end)
    return [`Data runs through ${source.dataThrough}: ${humanRange(range)} is not complete yet.`];
  return [];
}
