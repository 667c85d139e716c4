import {
  GetAnomaliesCommand,
  type GetAnomaliesCommandInput,
  GetCostForecastCommand,
  type GetCostForecastCommandInput,
  GetDimensionValuesCommand,
  type GetDimensionValuesCommandInput,
  GetSavingsPlansCoverageCommand,
  type GetSavingsPlansCoverageCommandInput,
  GetSavingsPlansUtilizationCommand,
  type GetSavingsPlansUtilizationCommandInput,
  GetTagsCommand,
  type GetTagsCommandInput,
} from '@aws-sdk/client-cost-explorer';
import { paginate } from '../../mcp/backends/page-token.ts';
import type { CallOptions, DayRange, Provenance } from '../../mcp/contracts/common.ts';
import type {
  ComparePeriodsOutput,
  CostExplorerBackend,
  DriverOutput,
  FilterInput,
  GetAnomaliesOutput,
  GetCostAndUsageOutput,
} from '../../mcp/contracts/cost-explorer.ts';
import { FinopsError } from '../../src/errors.ts';
import { type AwsCaller, callOptionsFor } from './aws-caller.ts';
import { addDays, money, toDay } from './aws-values.ts';
import { ceDimension, ceFilters, ceForecastMetric, ceGroupBy, ceMetric } from './cost-explorer-mapping.ts';
import { type CostCell, createCostReader, DEFAULT_MAX_ROWS } from './cost-explorer-reader.ts';
import {
  type CeAnomaly,
  getAnomaliesResponse,
  getCostForecastResponse,
  getDimensionValuesResponse,
  getSavingsPlansCoverageResponse,
  getSavingsPlansUtilizationResponse,
  getTagsResponse,
} from './cost-explorer-responses.ts';

export interface AwsCostExplorerBackendOptions {
  caller: AwsCaller;
  now: () => Date;
  /** Most rows read from Cost Explorer for one question (pages × groups); default 10 000. */
  maxRows?: number | undefined;
}

const SOURCE = 'AWS Cost Explorer API (live, us-east-1)';
/** How far back dimension and tag values are looked up when no period is given (CE keeps 14 months). */
const DEFAULT_LOOKBACK_DAYS = 365;

/**
 * The cost-explorer port over live Cost Explorer. Every figure comes from GetCostAndUsage,
 * GetCostForecast or the other read-only Get* operations; comparisons and drivers are sums of
 * GetCostAndUsage groups computed here. Each request costs $0.01, so all of them go through the
 * StateStore cache.
 */
export function createAwsCostExplorerBackend(options: AwsCostExplorerBackendOptions): CostExplorerBackend {
  const { caller } = options;
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const readCosts = createCostReader({ caller, maxRows });

  function provenance(extra: Partial<Provenance> & { cached: boolean }): Provenance {
    return { source: SOURCE, kind: 'aws-api', currency: 'USD', ...extra };
  }

  function today(): string {
    return toDay(options.now());
  }

  function tooMany(what: string): FinopsError {
    return new FinopsError(
      'finops_invalid_input',
      `Cost Explorer returned more than ${maxRows} ${what} for this question; narrow the period, use month granularity, group by fewer dimensions or add filters`,
    );
  }

  /** Amounts per group over the whole range, whatever the period buckets were. */
  function sumByKeys(cells: CostCell[]): Map<string, { keys: (string | null)[]; amount: number }> {
    const sums = new Map<string, { keys: (string | null)[]; amount: number }>();
    for (const cell of cells) {
      const id = JSON.stringify(cell.keys);
      const entry = sums.get(id) ?? { keys: cell.keys, amount: 0 };
      entry.amount += cell.amount;
      sums.set(id, entry);
    }
    return sums;
  }

  function labelFor(dimension: string | undefined, key: string | null, labels: Map<string, string>) {
    if (dimension !== 'sub_account' || key === null) return undefined;
    return labels.get(key);
  }

  async function totalsByKey(
    period: DayRange,
    metric: string,
    groupBy: string | undefined,
    filters: FilterInput[],
    callOptions: CallOptions | undefined,
  ) {
    const read = await readCosts(
      {
        period,
        granularity: 'MONTHLY',
        metric,
        groupBy: groupBy ? [ceGroupBy(groupBy)] : [],
        filter: ceFilters(filters),
      },
      callOptions,
    );
    const totals = new Map<string | null, number>();
    for (const cell of read.cells) {
      const key = cell.keys[0] ?? null;
      totals.set(key, (totals.get(key) ?? 0) + cell.amount);
    }
    return { totals, read };
  }

  return {
    kind: 'aws',

    async getCostAndUsage(input, given) {
      const callOptions = callOptionsFor(input, given);
      const metric = ceMetric(input.metric);
      const read = await readCosts(
        {
          period: input.period,
          granularity: input.granularity === 'day' ? 'DAILY' : 'MONTHLY',
          metric,
          groupBy: input.group_by.map((dimension) => ceGroupBy(dimension)),
          filter: ceFilters(input.filters),
        },
        callOptions,
      );
      const single = input.group_by.length === 1 ? input.group_by[0] : undefined;
      const toRow = (cell: { periodStart?: string; keys: (string | null)[]; amount: number }) => {
        const label = labelFor(single, cell.keys[0] ?? null, read.labels);
        return {
          ...(cell.periodStart ? { period_start: cell.periodStart } : {}),
          group: Object.fromEntries(
            input.group_by.map((dimension, index) => [dimension, cell.keys[index] ?? null]),
          ),
          ...(label ? { label } : {}),
          amount: money(cell.amount),
        };
      };
      const rows: GetCostAndUsageOutput['rows'] =
        input.granularity === 'total'
          ? [...sumByKeys(read.cells).values()].map((entry) => toRow(entry))
          : read.cells.map((cell) => toRow(cell));
      rows.sort((a, b) => (a.period_start ?? '').localeCompare(b.period_start ?? '') || b.amount - a.amount);
      const total = money(read.cells.reduce((sum, cell) => sum + cell.amount, 0));
      const { page, ...paging } = paginate(rows, input, {
        tool: 'get_cost_and_usage',
        period: input.period,
        granularity: input.granularity,
        metric: input.metric,
        group_by: input.group_by,
        filters: input.filters,
        region: input.region,
        role_arn: input.role_arn,
      });
      return {
        rows: page,
        total,
        row_count: rows.length,
        provenance: provenance({
          currency: read.currency ?? 'USD',
          metric,
          period: input.period,
          filters: input.filters,
          cached: read.cached,
        }),
        ...paging,
      };
    },

    async comparePeriods(input, given) {
      const callOptions = callOptionsFor(input, given);
      const metric = ceMetric(input.metric);
      const [current, previous] = await Promise.all([
        totalsByKey(input.current, metric, input.group_by, input.filters, callOptions),
        totalsByKey(input.previous, metric, input.group_by, input.filters, callOptions),
      ]);
      const keys = new Set([...current.totals.keys(), ...previous.totals.keys()]);
      const labels = new Map([...previous.read.labels, ...current.read.labels]);
      const all = [...keys].map((key) => {
        const now = current.totals.get(key) ?? 0;
        const before = previous.totals.get(key) ?? 0;
        return { key, previous: before, current: now, delta: now - before };
      });
      all.sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || String(a.key).localeCompare(String(b.key)));
      const kept = input.group_by ? all.slice(0, input.limit) : all;
      const rest = input.group_by ? all.slice(input.limit) : [];
      const rows: ComparePeriodsOutput['rows'] = kept.map((row) => {
        const label = labelFor(input.group_by, row.key, labels);
        return {
          key: row.key,
          ...(label ? { label } : {}),
          previous: money(row.previous),
          current: money(row.current),
          delta: money(row.delta),
        };
      });
      if (rest.length > 0) {
        const fold = (pick: (row: (typeof rest)[number]) => number) =>
          money(rest.reduce((sum, row) => sum + pick(row), 0));
        rows.push({
          key: '(other)',
          label: `(other: ${rest.length} groups)`,
          previous: fold((row) => row.previous),
          current: fold((row) => row.current),
          delta: fold((row) => row.delta),
        });
      }
      const currentTotal = all.reduce((sum, row) => sum + row.current, 0);
      const previousTotal = all.reduce((sum, row) => sum + row.previous, 0);
      return {
        current_total: money(currentTotal),
        previous_total: money(previousTotal),
        delta: money(currentTotal - previousTotal),
        delta_percent:
          previousTotal === 0 ? null : money(((currentTotal - previousTotal) / previousTotal) * 100),
        rows,
        provenance: provenance({
          currency: current.read.currency ?? previous.read.currency ?? 'USD',
          metric,
          period: input.current,
          filters: input.filters,
          cached: current.read.cached && previous.read.cached,
        }),
      };
    },

    async explainChange(input, given) {
      const callOptions = callOptionsFor(input, given);
      const metric = ceMetric(input.metric);
      // Cost Explorer groups by at most two dimensions per request; deeper levels would cost one
      // request per parent and period, so they are left to the embedded dataset.
      const levels = input.levels.slice(0, 2);
      const groupBy = levels.map((dimension) => ceGroupBy(dimension));
      const filter = ceFilters(input.filters);
      const [current, previous] = await Promise.all(
        [input.current, input.previous].map((period) =>
          readCosts({ period, granularity: 'MONTHLY', metric, groupBy, filter }, callOptions),
        ),
      );
      if (!current || !previous)
        throw new FinopsError('finops_unknown_error', 'explain_change read no periods');
      const labels = new Map([...previous.labels, ...current.labels]);
      const cells = [
        ...current.cells.map((cell) => ({ keys: cell.keys, current: cell.amount, previous: 0 })),
        ...previous.cells.map((cell) => ({ keys: cell.keys, current: 0, previous: cell.amount })),
      ];
      const drivers = buildDrivers(cells, levels, 0, input.top_per_level, labels);
      const currentTotal = cells.reduce((sum, cell) => sum + cell.current, 0);
      const previousTotal = cells.reduce((sum, cell) => sum + cell.previous, 0);
      const dropped = input.levels.slice(2);
      return {
        current_total: money(currentTotal),
        previous_total: money(previousTotal),
        delta: money(currentTotal - previousTotal),
        drivers,
        provenance: provenance({
          source:
            dropped.length > 0
              ? `${SOURCE}; drivers to two levels (${levels.join(', ')}): ${dropped.join(', ')} need the embedded dataset`
              : SOURCE,
          currency: current.currency ?? previous.currency ?? 'USD',
          metric,
          period: input.current,
          filters: input.filters,
          cached: current.cached && previous.cached,
        }),
      };
    },

    async getCostForecast(input, given) {
      const callOptions = callOptionsFor(input, given);
      const metric = ceMetric(input.metric);
      const forecastMetric = ceForecastMetric(input.metric);
      const filter = ceFilters(input.filters);
      const day = today();
      const warnings: string[] = [];
      if (input.group_by) {
        warnings.push(
          `group_by ${input.group_by} is not available live: GetCostForecast projects one total per request; use the embedded dataset for per-group forecasts`,
        );
      }
      let actual = 0;
      let cached = true;
      let currency: string | undefined;
      if (input.period.start < day) {
        const read = await readCosts(
          {
            period: { start: input.period.start, end: input.period.end < day ? input.period.end : day },
            granularity: 'MONTHLY',
            metric,
            groupBy: [],
            filter,
          },
          callOptions,
        );
        actual = read.cells.reduce((sum, cell) => sum + cell.amount, 0);
        cached &&= read.cached;
        currency = read.currency;
      }
      const forecastStart = input.period.start > day ? input.period.start : day;
      let mean = 0;
      const intervals = { 80: { low: 0, high: 0 }, 95: { low: 0, high: 0 } };
      if (forecastStart < input.period.end) {
        // Cost Explorer returns one prediction interval per request, so 80 % and 95 % are two requests.
        for (const level of [80, 95] as const) {
          const request: GetCostForecastCommandInput = {
            TimePeriod: { Start: forecastStart, End: input.period.end },
            Metric: forecastMetric,
            Granularity: 'MONTHLY',
            PredictionIntervalLevel: level,
            ...(filter ? { Filter: filter } : {}),
          };
          const result = await caller.call({
            service: 'ce',
            operation: 'GetCostForecast',
            input: request,
            options: callOptions,
            schema: getCostForecastResponse,
            send: (clients, target, signal) =>
              clients
                .costExplorer(target)
                .send(new GetCostForecastCommand(request), signal ? { abortSignal: signal } : {}),
          });
          cached &&= result.cached;
          currency ??= result.output.Total?.Unit;
          mean = Number(result.output.Total?.Amount ?? 0);
          for (const period of result.output.ForecastResultsByTime) {
            intervals[level].low += Number(period.PredictionIntervalLowerBound ?? period.MeanValue ?? 0);
            intervals[level].high += Number(period.PredictionIntervalUpperBound ?? period.MeanValue ?? 0);
          }
        }
      } else {
        warnings.push('the period has ended: the total is actual spend, with no forecast');
      }
      const interval = (level: 80 | 95) => ({
        low: money(actual + intervals[level].low),
        high: money(actual + intervals[level].high),
      });
      return {
        actual_to_date: money(actual),
        forecast_remaining: money(mean),
        total: money(actual + mean),
        interval_80: interval(80),
        interval_95: interval(95),
        method: `AWS Cost Explorer: actual spend to ${day} from GetCostAndUsage, the rest from GetCostForecast (monthly; 80 % and 95 % prediction intervals from one request each, summed over the months)`,
        warnings,
        provenance: provenance({
          currency: currency ?? 'USD',
          metric,
          period: input.period,
          filters: input.filters,
          cached,
        }),
      };
    },

    async getDimensionValues(input, given) {
      const callOptions = callOptionsFor(input, given);
      const period = input.period ?? defaultPeriod();
      let values: { value: string; label?: string }[];
      let cached = true;
      if (input.dimension.startsWith('tag:')) {
        const read = await readTags(input.dimension.slice(4), input.search, period, callOptions);
        values = read.values.map((value) => ({ value }));
        cached = read.cached;
      } else {
        const dimension = ceDimension(input.dimension);
        values = [];
        let token: string | undefined;
        do {
          const request: GetDimensionValuesCommandInput = {
            TimePeriod: { Start: period.start, End: period.end },
            Dimension: dimension,
            Context: 'COST_AND_USAGE',
            ...(input.search ? { SearchString: input.search } : {}),
            ...(token ? { NextPageToken: token } : {}),
          };
          const result = await caller.call({
            service: 'ce',
            operation: 'GetDimensionValues',
            input: request,
            options: callOptions,
            schema: getDimensionValuesResponse,
            send: (clients, target, signal) =>
              clients
                .costExplorer(target)
                .send(new GetDimensionValuesCommand(request), signal ? { abortSignal: signal } : {}),
          });
          cached &&= result.cached;
          for (const entry of result.output.DimensionValues) {
            const label = entry.Attributes?.description;
            values.push({ value: entry.Value, ...(label ? { label } : {}) });
          }
          if (values.length > maxRows) throw tooMany('values');
          token = result.output.NextPageToken || undefined;
        } while (token);
      }
      const { page, ...paging } = paginate(values, input, {
        tool: 'get_dimension_values',
        dimension: input.dimension,
        search: input.search,
        period,
        region: input.region,
        role_arn: input.role_arn,
      });
      return {
        dimension: input.dimension,
        values: page,
        provenance: provenance({ period, cached }),
        ...paging,
      };
    },

    async getTagValues(input, given) {
      const callOptions = callOptionsFor(input, given);
      const period = input.period ?? defaultPeriod();
      const read = await readTags(input.tag_key, input.search, period, callOptions);
      const { page, ...paging } = paginate(read.values, input, {
        tool: 'get_tag_values',
        tag_key: input.tag_key,
        search: input.search,
        period,
        region: input.region,
        role_arn: input.role_arn,
      });
      return {
        ...(input.tag_key ? { tag_key: input.tag_key } : {}),
        values: page,
        provenance: provenance({ period, cached: read.cached }),
        ...paging,
      };
    },

    async getAnomalies(input, given) {
      const callOptions = callOptionsFor(input, given);
      const matches = anomalyFilter(input.filters);
      const anomalies: CeAnomaly[] = [];
      let cached = true;
      let token: string | undefined;
      do {
        const request: GetAnomaliesCommandInput = {
          // AnomalyDateInterval's EndDate is the last day, inclusive; ours is exclusive.
          DateInterval: { StartDate: input.period.start, EndDate: addDays(input.period.end, -1) },
          ...(input.min_impact > 0
            ? { TotalImpact: { NumericOperator: 'GREATER_THAN_OR_EQUAL', StartValue: input.min_impact } }
            : {}),
          ...(token ? { NextPageToken: token } : {}),
        };
        const result = await caller.call({
          service: 'ce',
          operation: 'GetAnomalies',
          input: request,
          options: callOptions,
          schema: getAnomaliesResponse,
          send: (clients, target, signal) =>
            clients
              .costExplorer(target)
              .send(new GetAnomaliesCommand(request), signal ? { abortSignal: signal } : {}),
        });
        cached &&= result.cached;
        anomalies.push(...result.output.Anomalies);
        if (anomalies.length > maxRows) throw tooMany('anomalies');
        token = result.output.NextPageToken || undefined;
      } while (token);
      const rows = anomalies
        .filter(matches)
        .map((anomaly) => toAnomaly(anomaly, input.period))
        .sort((a, b) => b.impact - a.impact || a.start.localeCompare(b.start));
      const { page, ...paging } = paginate(rows, input, {
        tool: 'get_anomalies',
        period: input.period,
        min_impact: input.min_impact,
        filters: input.filters,
        region: input.region,
        role_arn: input.role_arn,
      });
      return {
        anomalies: page,
        provenance: provenance({
          source: `${SOURCE}: Cost Anomaly Detection monitors`,
          period: input.period,
          filters: input.filters,
          cached,
        }),
        ...paging,
      };
    },

    async getSavingsPlansCoverage(input, given) {
      const callOptions = callOptionsFor(input, given);
      const byService = new Map<string, { covered: number; onDemand: number }>();
      let cached = true;
      let token: string | undefined;
      do {
        const request: GetSavingsPlansCoverageCommandInput = {
          TimePeriod: { Start: input.period.start, End: input.period.end },
          Granularity: 'MONTHLY',
          GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
          ...(token ? { NextToken: token } : {}),
        };
        const result = await caller.call({
          service: 'ce',
          operation: 'GetSavingsPlansCoverage',
          input: request,
          options: callOptions,
          schema: getSavingsPlansCoverageResponse,
          send: (clients, target, signal) =>
            clients
              .costExplorer(target)
              .send(new GetSavingsPlansCoverageCommand(request), signal ? { abortSignal: signal } : {}),
        });
        cached &&= result.cached;
        for (const entry of result.output.SavingsPlansCoverages) {
          const family = serviceAttribute(entry.Attributes);
          const sums = byService.get(family) ?? { covered: 0, onDemand: 0 };
          sums.covered += Number(entry.Coverage.SpendCoveredBySavingsPlans ?? 0);
          sums.onDemand += Number(entry.Coverage.OnDemandCost ?? 0);
          byService.set(family, sums);
        }
        token = result.output.NextToken || undefined;
      } while (token);
      const percent = (covered: number, onDemand: number) =>
        covered + onDemand === 0 ? null : money((covered / (covered + onDemand)) * 100);
      const families = [...byService.entries()]
        .map(([family, sums]) => ({
          family,
          coverage_percent: percent(sums.covered, sums.onDemand),
          covered_spend: money(sums.covered),
          on_demand_spend: money(sums.onDemand),
        }))
        .sort((a, b) => b.covered_spend + b.on_demand_spend - (a.covered_spend + a.on_demand_spend));
      const covered = [...byService.values()].reduce((sum, sums) => sum + sums.covered, 0);
      const onDemand = [...byService.values()].reduce((sum, sums) => sum + sums.onDemand, 0);
      return {
        coverage_percent: percent(covered, onDemand),
        covered_spend: money(covered),
        on_demand_spend: money(onDemand),
        by_family: families,
        provenance: provenance({
          source: `${SOURCE}: GetSavingsPlansCoverage grouped by service`,
          period: input.period,
          cached,
        }),
      };
    },

    async getSavingsPlansUtilization(input, given) {
      const callOptions = callOptionsFor(input, given);
      const request: GetSavingsPlansUtilizationCommandInput = {
        TimePeriod: { Start: input.period.start, End: input.period.end },
        Granularity: 'MONTHLY',
      };
      const result = await caller.call({
        service: 'ce',
        operation: 'GetSavingsPlansUtilization',
        input: request,
        options: callOptions,
        schema: getSavingsPlansUtilizationResponse,
        send: (clients, target, signal) =>
          clients
            .costExplorer(target)
            .send(new GetSavingsPlansUtilizationCommand(request), signal ? { abortSignal: signal } : {}),
      });
      const { Utilization: utilization, Savings: savings } = result.output.Total;
      const total = Number(utilization.TotalCommitment ?? 0);
      const used = Number(utilization.UsedCommitment ?? 0);
      const unused =
        utilization.UnusedCommitment !== undefined ? Number(utilization.UnusedCommitment) : total - used;
      return {
        utilization_percent:
          utilization.UtilizationPercentage !== undefined
            ? money(Number(utilization.UtilizationPercentage))
            : total === 0
              ? null
              : money((used / total) * 100),
        total_commitment: money(total),
        used_commitment: money(used),
        unused_commitment: money(unused),
        net_savings: savings?.NetSavings !== undefined ? money(Number(savings.NetSavings)) : null,
        provenance: provenance({ period: input.period, cached: result.cached }),
      };
    },
  };

  function defaultPeriod(): DayRange {
    const end = today();
    return { start: addDays(end, -DEFAULT_LOOKBACK_DAYS), end };
  }

  /** GetTags through every page: the tag keys, or the values of one key. */
  async function readTags(
    tagKey: string | undefined,
    search: string | undefined,
    period: DayRange,
    callOptions: CallOptions | undefined,
  ) {
    const values: string[] = [];
    let cached = true;
    let token: string | undefined;
    do {
      const request: GetTagsCommandInput = {
        TimePeriod: { Start: period.start, End: period.end },
        ...(tagKey ? { TagKey: tagKey } : {}),
        ...(search ? { SearchString: search } : {}),
        ...(token ? { NextPageToken: token } : {}),
      };
      const result = await caller.call({
        service: 'ce',
        operation: 'GetTags',
        input: request,
        options: callOptions,
        schema: getTagsResponse,
        send: (clients, target, signal) =>
          clients
            .costExplorer(target)
            .send(new GetTagsCommand(request), signal ? { abortSignal: signal } : {}),
      });
      cached &&= result.cached;
      values.push(...result.output.Tags);
      if (values.length > maxRows) throw tooMany('tag values');
      token = result.output.NextPageToken || undefined;
    } while (token);
    return { values, cached };
  }
}

interface DriverCell {
  keys: (string | null)[];
  current: number;
  previous: number;
}

/** One level of drivers: the largest changes first, the rest folded into one "other" node. */
function buildDrivers(
  cells: DriverCell[],
  levels: string[],
  depth: number,
  top: number,
  labels: Map<string, string>,
): DriverOutput[] {
  const dimension = levels[depth];
  if (dimension === undefined) return [];
  const groups = new Map<
    string,
    { key: string | null; cells: DriverCell[]; current: number; previous: number }
  >();
  for (const cell of cells) {
    const key = cell.keys[depth] ?? null;
    const id = JSON.stringify(key);
    const group = groups.get(id) ?? { key, cells: [], current: 0, previous: 0 };
    group.cells.push(cell);
    group.current += cell.current;
    group.previous += cell.previous;
    groups.set(id, group);
  }
  const sorted = [...groups.values()].sort(
    (a, b) => Math.abs(b.current - b.previous) - Math.abs(a.current - a.previous),
  );
  const nodes: DriverOutput[] = sorted.slice(0, top).map((group) => {
    const label = dimension === 'sub_account' && group.key !== null ? labels.get(group.key) : undefined;
    return {
      dimension,
      key: group.key,
      ...(label ? { label } : {}),
      previous: money(group.previous),
      current: money(group.current),
      delta: money(group.current - group.previous),
      is_other: false,
      children: buildDrivers(group.cells, levels, depth + 1, top, labels),
    };
  });
  const rest = sorted.slice(top);
  if (rest.length > 0) {
    const previous = rest.reduce((sum, group) => sum + group.previous, 0);
    const current = rest.reduce((sum, group) => sum + group.current, 0);
    nodes.push({
      dimension,
      key: null,
      label: `(other: ${rest.length})`,
      previous: money(previous),
      current: money(current),
      delta: money(current - previous),
      is_other: true,
      children: [],
    });
  }
  return nodes;
}

const ROOT_CAUSE_FIELDS = {
  service: 'Service',
  sub_account: 'LinkedAccount',
  region: 'Region',
  usage_type: 'UsageType',
} as const;

/**
 * GetAnomalies takes no cost filter, so filters are applied to each anomaly's root causes (and
 * the monitored value): an anomaly matches `in` when one of them has a listed value.
 */
function anomalyFilter(filters: FilterInput[]): (anomaly: CeAnomaly) => boolean {
  const tests = filters.map((filter) => {
    const field = ROOT_CAUSE_FIELDS[filter.dimension as keyof typeof ROOT_CAUSE_FIELDS];
    if (!field || (filter.op !== 'in' && filter.op !== 'not_in')) {
      throw new FinopsError(
        'finops_invalid_input',
        `live anomalies can be filtered with in / not_in on ${Object.keys(ROOT_CAUSE_FIELDS).join(', ')} only (Cost Anomaly Detection reports no tags); remove the ${filter.dimension} filter`,
      );
    }
    const values = new Set(filter.values ?? []);
    return (anomaly: CeAnomaly) => {
      const seen = anomaly.RootCauses.map((cause) => cause[field]).filter((value) => value !== undefined);
      if (field === 'Service' && anomaly.DimensionValue) seen.push(anomaly.DimensionValue);
      const hit = seen.some((value) => values.has(value));
      return filter.op === 'in' ? hit : !hit;
    };
  });
  return (anomaly) => tests.every((test) => test(anomaly));
}

function toAnomaly(anomaly: CeAnomaly, period: DayRange): GetAnomaliesOutput['anomalies'][number] {
  const impact = anomaly.Impact.TotalImpact ?? anomaly.Impact.MaxImpact;
  const actual = anomaly.Impact.TotalActualSpend ?? impact;
  const expected = anomaly.Impact.TotalExpectedSpend ?? actual - impact;
  const start = anomaly.AnomalyStartDate ? anomaly.AnomalyStartDate.slice(0, 10) : period.start;
  const last = anomaly.AnomalyEndDate ? anomaly.AnomalyEndDate.slice(0, 10) : addDays(period.end, -1);
  const percentage =
    anomaly.Impact.TotalImpactPercentage ?? (expected > 0 ? (impact / expected) * 100 : null);
  return {
    start,
    end: addDays(last, 1),
    // AWS-managed monitors watch one service each; DimensionValue is that service.
    dimension: 'service',
    key: anomaly.DimensionValue ?? anomaly.RootCauses[0]?.Service ?? anomaly.MonitorArn,
    actual: money(actual),
    expected: money(expected),
    impact: money(impact),
    severity:
      percentage === null ? 'unknown' : percentage >= 100 ? 'high' : percentage >= 25 ? 'medium' : 'low',
    root_causes: anomaly.RootCauses.map((cause) => {
      const [dimension, key] = cause.UsageType
        ? ['usage_type', cause.UsageType]
        : cause.Service
          ? ['service', cause.Service]
          : cause.LinkedAccount
            ? ['sub_account', cause.LinkedAccount]
            : ['region', cause.Region ?? null];
      return { dimension, key: key ?? null, impact: money(cause.Impact?.Contribution ?? 0) };
    }),
  };
}

/** The service an entry of GetSavingsPlansCoverage grouped by SERVICE belongs to. */
function serviceAttribute(attributes: Record<string, string>): string {
  const entry = Object.entries(attributes).find(([key]) => key.toLowerCase() === 'service');
  return entry?.[1] ?? Object.values(attributes)[0] ?? '(all services)';
}
