import { detectAnomalies } from '../../src/anomalies/index.ts';
import type { CostRow, Dimension, TimeRange } from '../../src/domain/index.ts';
import { daysBetween, startOfMonth, toDay } from '../../src/domain/index.ts';
import type { ChangeDriver, CostEngine, DataCatalog } from '../../src/engine/index.ts';
import { FinopsError } from '../../src/errors.ts';
import { forecastCost } from '../../src/forecast/index.ts';
import type { Inventory } from '../../src/inventory/index.ts';
import { loadPriceBook } from '../../src/pricing/index.ts';
import { savingsPlanReport } from '../../src/recommendations/commitments/index.ts';
import { DEFAULT_RULE_POLICY } from '../../src/recommendations/index.ts';
import type { RuleContext } from '../../src/recommendations/rule.ts';
import type { Database } from '../../src/store/database.ts';
import type {
  CostExplorerBackend,
  DriverOutput,
  GetCostAndUsageOutput,
  GetDimensionValuesOutput,
} from '../contracts/cost-explorer.ts';
import type { DescribesDataset } from './embedded/cost-explorer-dataset.ts';
import { checkCalendarDays, checkDimension, toCostFilters } from './embedded/cost-explorer-names.ts';
import { engineMetric, provenanceOf } from './embedded/cost-explorer-provenance.ts';
import { paginate } from './page-token.ts';

export interface EmbeddedCostExplorerOptions {
  db: Database;
  engine: CostEngine;
  inventory: Inventory;
  /** The clock: "today" for forecasts and anomaly detection. */
  now: () => Date;
}

/** Forecasts per group keep this many groups; the rest are one "(other)" group. */
const FORECAST_GROUPS = 10;

/**
 * The cost-explorer tools over the embedded FOCUS dataset: every figure is the cost engine's (or
 * the forecast, anomaly and commitment code built on it), with the dataset as provenance. The
 * per-call AWS options (region, role) mean nothing here and are ignored.
 */
export function createEmbeddedCostExplorerBackend(
  options: EmbeddedCostExplorerOptions,
): CostExplorerBackend & DescribesDataset {
  const { db, engine, inventory, now } = options;
  const today = () => toDay(now());

  /** Every value of a dimension with spend in `range`, largest spend first, with labels. */
  async function valuesWithSpend(dimension: Dimension, range: TimeRange) {
    const table = await engine.query({ range, groupBy: [dimension] });
    return table.rows.flatMap((row) => {
      const value = row.key[dimension];
      if (value === null || value === undefined) return [];
      const label = row.labels?.[dimension];
      return [{ value, ...(label ? { label } : {}) }];
    });
  }

  /** The whole data range, or a range that matches nothing when no data is loaded. */
  function dataRangeOf(catalog: DataCatalog): TimeRange {
    return catalog.dataRange ?? { start: today(), end: toDay(new Date(now().getTime() + 86_400_000)) };
  }

  async function ruleContext(window: TimeRange): Promise<RuleContext> {
    const catalog = await engine.catalog();
    return {
      inventory,
      engine,
      // Savings Plan reports read prices from the billing data; the book loads lazily and unused.
      prices: loadPriceBook(),
      policy: DEFAULT_RULE_POLICY,
      now: now(),
      metricsWindow: window,
      spendWindow: window,
      accountNames: new Map(
        catalog.accounts.flatMap((account) => (account.name ? [[account.id, account.name] as const] : [])),
      ),
    };
  }

  return {
    kind: 'embedded',

    async getCostAndUsage(input) {
      checkCalendarDays(input.period, 'period');
      const catalog = await engine.catalog();
      const groupBy = input.group_by.map((dimension, index) =>
        checkDimension(dimension, catalog, `group_by[${index}]`),
      );
      const filters = toCostFilters(input.filters, catalog);
      const table = await engine.query({
        range: input.period,
        granularity: input.granularity,
        groupBy,
        filters,
        metric: engineMetric(input.metric),
      });
      const rows: GetCostAndUsageOutput['rows'] = table.rows.map((row) => costRow(row, groupBy));
      const { limit, page_token, region: _region, role_arn: _role, ...query } = input;
      const page = paginate(rows, { limit, page_token }, query);
      return {
        rows: page.page,
        total: table.total,
        row_count: rows.length,
        provenance: provenanceOf(table.source, { metric: input.metric, period: input.period, filters }),
        truncated: page.truncated,
        ...(page.next_page_token ? { next_page_token: page.next_page_token } : {}),
      };
    },

    async comparePeriods(input) {
      checkCalendarDays(input.current, 'current');
      checkCalendarDays(input.previous, 'previous');
      const catalog = await engine.catalog();
      const groupBy = input.group_by ? checkDimension(input.group_by, catalog, 'group_by') : undefined;
      const filters = toCostFilters(input.filters, catalog);
      const comparison = await engine.compare({
        current: input.current,
        previous: input.previous,
        filters,
        metric: engineMetric(input.metric),
        ...(groupBy ? { groupBy } : {}),
        limit: input.limit,
      });
      return {
        current_total: comparison.currentTotal,
        previous_total: comparison.previousTotal,
        delta: comparison.delta,
        delta_percent:
          comparison.previousTotal === 0
            ? null
            : Math.round((comparison.delta / Math.abs(comparison.previousTotal)) * 10_000) / 100,
        rows: comparison.rows.map((row) => ({
          key: row.key,
          ...(row.label ? { label: row.label } : {}),
          previous: row.previous,
          current: row.current,
          delta: row.delta,
        })),
        provenance: provenanceOf(comparison.source, {
          metric: input.metric,
          period: input.current,
          filters,
        }),
      };
    },

    async explainChange(input) {
      checkCalendarDays(input.current, 'current');
      checkCalendarDays(input.previous, 'previous');
      const catalog = await engine.catalog();
      const levels = input.levels.map((dimension, index) =>
        checkDimension(dimension, catalog, `levels[${index}]`),
      );
      const filters = toCostFilters(input.filters, catalog);
      const explanation = await engine.explainChange({
        current: input.current,
        previous: input.previous,
        filters,
        metric: engineMetric(input.metric),
        levels,
        topPerLevel: input.top_per_level,
      });
      return {
        current_total: explanation.currentTotal,
        previous_total: explanation.previousTotal,
        delta: explanation.delta,
        drivers: explanation.drivers.map(driverOutput),
        provenance: provenanceOf(explanation.source, {
          metric: input.metric,
          period: input.current,
          filters,
        }),
      };
    },

    async getCostForecast(input) {
      checkCalendarDays(input.period, 'period');
      const catalog = await engine.catalog();
      const filters = toCostFilters(input.filters, catalog);
      const groupBy = input.group_by ? checkDimension(input.group_by, catalog, 'group_by') : undefined;
      if (groupBy !== undefined && groupBy !== 'service' && groupBy !== 'sub_account') {
        throw new FinopsError(
          'finops_invalid_input',
          `group_by: forecasts are projected per service or per sub_account, not per ${groupBy}; filter on ${groupBy} instead to forecast one value`,
        );
      }
      const forecast = await forecastCost(engine, {
        period: input.period,
        today: today(),
        filters,
        metric: engineMetric(input.metric),
        ...(groupBy ? { groupBy, topGroups: FORECAST_GROUPS } : {}),
      });
      const { projection } = forecast;
      return {
        actual_to_date: projection.actualToDate,
        forecast_remaining: projection.forecastRemaining,
        total: projection.projected,
        interval_80: { low: projection.lo80, high: projection.hi80 },
        interval_95: { low: projection.lo95, high: projection.hi95 },
        method: projection.method,
        ...(forecast.groups
          ? {
              groups: forecast.groups.map((group) => ({
                key: group.key,
                ...(group.label ? { label: group.label } : {}),
                total: group.projection.projected,
                interval_80: { low: group.projection.lo80, high: group.projection.hi80 },
              })),
            }
          : {}),
        warnings: projection.caveats,
        provenance: provenanceOf(forecast.source, { metric: input.metric, period: input.period, filters }),
      };
    },

    async getDimensionValues(input) {
      if (input.period) checkCalendarDays(input.period, 'period');
      const catalog = await engine.catalog();
      const dimension = checkDimension(input.dimension, catalog, 'dimension');
      let values: GetDimensionValuesOutput['values'];
      if (input.period) {
        values = await valuesWithSpend(dimension, input.period);
      } else {
        values =
          catalogValues(dimension, catalog) ?? (await valuesWithSpend(dimension, dataRangeOf(catalog)));
      }
      if (input.search) {
        const needle = input.search.toLowerCase();
        values = values.filter(
          (entry) =>
            entry.value.toLowerCase().includes(needle) ||
            entry.label?.toLowerCase().includes(needle) === true,
        );
      }
      const page = paginate(values, input, {
        dimension: input.dimension,
        search: input.search,
        period: input.period,
      });
      return {
        dimension,
        values: page.page,
        provenance: provenanceOf(await engine.source(), input.period ? { period: input.period } : {}),
        truncated: page.truncated,
        ...(page.next_page_token ? { next_page_token: page.next_page_token } : {}),
      };
    },

    async getTagValues(input) {
      if (input.period) checkCalendarDays(input.period, 'period');
      const catalog = await engine.catalog();
      let values: string[];
      if (input.tag_key === undefined) {
        values = input.period ? await tagKeysIn(db, input.period) : catalog.tagKeys;
      } else {
        const dimension = checkDimension(`tag:${input.tag_key}`, catalog, 'tag_key');
        const found = await valuesWithSpend(dimension, input.period ?? dataRangeOf(catalog));
        values = found.map((entry) => entry.value).sort();
      }
      if (input.search) {
        const needle = input.search.toLowerCase();
        values = values.filter((value) => value.toLowerCase().includes(needle));
      }
      const page = paginate(values, input, {
        tag_key: input.tag_key,
        search: input.search,
        period: input.period,
      });
      return {
        ...(input.tag_key === undefined ? {} : { tag_key: input.tag_key }),
        values: page.page,
        provenance: provenanceOf(await engine.source(), input.period ? { period: input.period } : {}),
        truncated: page.truncated,
        ...(page.next_page_token ? { next_page_token: page.next_page_token } : {}),
      };
    },

    async getAnomalies(input) {
      checkCalendarDays(input.period, 'period');
      const catalog = await engine.catalog();
      const filters = toCostFilters(input.filters, catalog);
      const anomalies = await detectAnomalies(engine, {
        window: input.period,
        today: today(),
        filters,
        // Zero means "the detector's own floor": reporting every cent of noise helps nobody.
        ...(input.min_impact > 0 ? { minImpactUsd: input.min_impact } : {}),
      });
      const rows = anomalies
        .filter((anomaly) => Math.abs(anomaly.impact) >= input.min_impact)
        .map((anomaly) => ({
          start: anomaly.start,
          end: anomaly.end,
          dimension: anomaly.dimension,
          key: anomaly.key,
          actual: anomaly.actual,
          expected: anomaly.expected,
          impact: anomaly.impact,
          severity: anomaly.severity,
          root_causes: anomaly.rootCause.map((cause) => ({
            dimension: cause.dimension,
            key: cause.key,
            impact: cause.delta,
          })),
        }));
      const { limit, page_token, region: _region, role_arn: _role, ...query } = input;
      const page = paginate(rows, { limit, page_token }, query);
      return {
        anomalies: page.page,
        provenance: provenanceOf(await engine.source(), {
          metric: 'EffectiveCost',
          period: input.period,
          filters,
        }),
        truncated: page.truncated,
        ...(page.next_page_token ? { next_page_token: page.next_page_token } : {}),
      };
    },

    async getSavingsPlansCoverage(input) {
      checkCalendarDays(input.period, 'period');
      const report = await savingsPlanReport(await ruleContext(input.period));
      const { coverage } = report;
      return {
        coverage_percent: percent(coverage.coverage),
        covered_spend: coverage.coveredOnDemandEquivalentUsd,
        on_demand_spend: coverage.onDemandUsd,
        by_family: coverage.byFamily.map((family) => ({
          family: family.label,
          coverage_percent: percent(family.coverage),
          covered_spend: family.coveredOnDemandEquivalentUsd,
          on_demand_spend: family.onDemandUsd,
        })),
        provenance: provenanceOf(report.source, { metric: 'ListCost', period: input.period }),
      };
    },

    async getSavingsPlansUtilization(input) {
      checkCalendarDays(input.period, 'period');
      // Plan fees are often one row a month dated the 1st, so utilisation is read from the first
      // day of the period's month; coverage is read over the same range so net savings compare like
      // with like.
      const range = { start: startOfMonth(input.period.start), end: input.period.end };
      const report = await savingsPlanReport(await ruleContext(range));
      const { utilisation, coverage } = report;
      const hasPlans = utilisation.plans.length > 0;
      return {
        utilization_percent: percent(utilisation.utilisation),
        total_commitment: utilisation.purchasedUsd,
        used_commitment: utilisation.usedUsd,
        unused_commitment: utilisation.unusedUsd,
        net_savings: hasPlans ? coverage.coveredOnDemandEquivalentUsd - utilisation.purchasedUsd : null,
        provenance: provenanceOf(report.source, { metric: 'EffectiveCost', period: utilisation.range }),
      };
    },

    async describeDataset() {
      const [catalog, source] = await Promise.all([engine.catalog(), engine.source()]);
      const range = catalog.dataRange;
      return {
        start: range?.start ?? null,
        end: range?.end ?? null,
        days: range ? daysBetween(range.start, range.end) : 0,
        accounts: catalog.accounts.length,
        services: catalog.services.length,
        provenance: provenanceOf(source, range ? { period: range } : {}),
      };
    },
  };
}

function costRow(row: CostRow, groupBy: Dimension[]): GetCostAndUsageOutput['rows'][number] {
  const labels = groupBy.flatMap((dimension) => {
    const label = row.labels?.[dimension];
    return label ? [label] : [];
  });
  return {
    ...(row.period ? { period_start: row.period } : {}),
    group: row.key,
    ...(labels.length > 0 ? { label: labels.join(' / ') } : {}),
    amount: row.value,
  };
}

function driverOutput(driver: ChangeDriver): DriverOutput {
  return {
    dimension: driver.dimension,
    key: driver.key,
    ...(driver.label ? { label: driver.label } : {}),
    previous: driver.previous,
    current: driver.current,
    delta: driver.delta,
    is_other: driver.isOther,
    children: driver.children.map(driverOutput),
  };
}

function percent(ratio: number | null): number | null {
  return ratio === null ? null : Math.round(ratio * 10_000) / 100;
}

/** The values the catalog lists for a dimension (alphabetical), or undefined when it has none. */
function catalogValues(
  dimension: Dimension,
  catalog: DataCatalog,
): GetDimensionValuesOutput['values'] | undefined {
  switch (dimension) {
    case 'service':
      return catalog.services.map((service) => ({
        value: service.name,
        ...(service.code ? { label: service.code } : {}),
      }));
    case 'sub_account':
      return catalog.accounts.map((account) => ({
        value: account.id,
        ...(account.name ? { label: account.name } : {}),
      }));
    case 'region':
      return catalog.regions.map((value) => ({ value }));
    case 'usage_type':
      return catalog.usageTypes.map((value) => ({ value }));
    default:
      return undefined;
  }
}

/** Tag keys on rows charged in `range` (the catalog lists the keys of all data). */
async function tagKeysIn(db: Database, range: TimeRange): Promise<string[]> {
  const rows = await db.all<{ key: string }>(
    `SELECT DISTINCT key FROM (
       SELECT unnest(map_keys(tag_sets.tags)) AS key, unnest(map_values(tag_sets.tags)) AS value
       FROM (SELECT DISTINCT x_TagSetId FROM line_items
             WHERE x_ChargeDate >= CAST($1 AS DATE) AND x_ChargeDate < CAST($2 AS DATE)) AS used
       JOIN tag_sets ON tag_sets.id = used.x_TagSetId
     ) WHERE value IS NOT NULL AND value <> '' ORDER BY key`,
    [range.start, range.end],
  );
  return rows.map((row) => row.key);
}
