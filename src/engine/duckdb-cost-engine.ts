import { ZodError } from 'zod';
import type {
  CostFilter,
  CostQuery,
  CostQueryInput,
  CostRow,
  CostTable,
  DataSource,
  Dimension,
  TimeRange,
} from '../domain/index.ts';
import { addDays, costQuerySchema, DEFAULT_METRIC, OTHER_GROUP } from '../domain/index.ts';
import { FinopsError } from '../errors.ts';
import type { Database } from '../store/database.ts';
import { indexTagSets } from '../store/tag-sets.ts';
import type {
  ChangeDriver,
  ChangeExplanation,
  CompareInput,
  ComparisonRow,
  CostEngine,
  DataCatalog,
  ExplainChangeInput,
  PeriodComparison,
} from './cost-engine.ts';
import { absExact, type Exact, exactToNumber, parseExact, sumExact } from './exact-decimal.ts';
import { labelExpression, metricExpression, SqlBuilder, sqlLiteral, whereClause } from './sql.ts';

export interface DuckDbCostEngineOptions {
  db: Database;
}

export const DEFAULT_EXPLAIN_LEVELS: Dimension[] = ['service', 'sub_account', 'usage_type', 'resource'];

/** The cost engine over the embedded FOCUS table. Every figure is a SQL aggregate over DECIMALs. */
export function createDuckDbCostEngine(options: DuckDbCostEngineOptions): CostEngine {
  const { db } = options;
  let cachedSource: { version: string; source: DataSource } | undefined;
  let cachedCatalog: { version: string; catalog: DataCatalog } | undefined;
  let indexedVersion: string | undefined;
  let currencies: { version: string; mixed: boolean } | undefined;

  /**
   * The columns that let a query notice it is summing two currencies. Most data sets have one
   * currency; then the check is known to pass and the string aggregates are skipped.
   */
  async function currencyColumns(version: string): Promise<string> {
    if (currencies?.version !== version) {
      const rows = await db.all(
        'SELECT DISTINCT BillingCurrency FROM line_items WHERE BillingCurrency IS NOT NULL LIMIT 2',
      );
      currencies = { version, mixed: rows.length > 1 };
    }
    return currencies.mixed
      ? 'min(line_items.BillingCurrency) AS cmin, max(line_items.BillingCurrency) AS cmax'
      : 'CAST(NULL AS VARCHAR) AS cmin, CAST(NULL AS VARCHAR) AS cmax';
  }

  let indexing: { version: string; done: Promise<void> } | undefined;

  /**
   * Tag questions join tag_sets; make sure it covers every row of the current data. Concurrent
   * first calls share one indexing run instead of racing to insert the same tag sets.
   */
  async function ensureTagIndex(version: string): Promise<void> {
    if (indexedVersion === version) return;
    if (indexing?.version !== version) {
      const done = indexTagSets(db).then(() => {
        indexedVersion = version;
      });
      indexing = { version, done };
      done.catch(() => {
        if (indexing?.done === done) indexing = undefined;
      });
    }
    await indexing.done;
  }

  /**
   * Calls that start while a version read is running share it (catalog() and source() asked
   * together read it once). Nothing is kept past the read itself: a call that starts after a read
   * has returned always reads again, so an ingest is seen by the next call that starts after it.
   */
  let versionInFlight: Promise<string> | undefined;
  function dataVersion(): Promise<string> {
    versionInFlight ??= db
      .all<{ version: string }>(
        `SELECT count(*)::VARCHAR || ':' || coalesce(max(ingested_at)::VARCHAR, '') || ':' || coalesce(sum(row_count), 0)::VARCHAR
           || ':' || (SELECT count(*) FROM line_items)::VARCHAR AS version FROM deliveries`,
      )
      .then(([row]) => row?.version ?? '')
      .finally(() => {
        versionInFlight = undefined;
      });
    return versionInFlight;
  }

  async function source(): Promise<DataSource> {
    return sourceFor(await dataVersion());
  }

  /** Each public call reads the data version once and hands it to the caches below. */
  async function sourceFor(version: string): Promise<DataSource> {
    if (cachedSource?.version === version) return cachedSource.source;
    const formats = await db.all<{ format: string; deliveries: number; files: number }>(
      `SELECT format, count(*) AS deliveries, count(DISTINCT f) AS files
       FROM (SELECT format, unnest(files) AS f FROM deliveries) GROUP BY format ORDER BY format`,
    );
    const [range] = await db.all<{ through: string | null; currency: string | null }>(
      `SELECT max(x_ChargeDate) AS through, mode(BillingCurrency) AS currency FROM line_items`,
    );
    const demo = await db.getMeta('demo');
    let name: string;
    let kind: DataSource['kind'] = 'export';
    if (demo && formats.some((format) => format.format === 'demo')) {
      const manifest = JSON.parse(demo) as { seed?: number; anchor?: string; scale?: number };
      kind = 'demo';
      name = `demo organisation (seed ${manifest.seed ?? '?'}${manifest.scale && manifest.scale > 1 ? `, scale ${manifest.scale}` : ''})`;
    } else if (formats.length > 0) {
      const formatNames: Record<string, string> = {
        focus: 'FOCUS',
        cur2: 'CUR 2.0',
        'cur-legacy': 'legacy CUR',
      };
      name = `billing exports: ${formats
        .map(
          (format) =>
            `${formatNames[format.format] ?? format.format} (${format.files} file${format.files === 1 ? '' : 's'})`,
        )
        .join(', ')}`;
    } else {
      name = 'no data loaded';
    }
    const result: DataSource = {
      kind,
      name,
      currency: range?.currency ?? 'USD',
      ...(range?.through ? { dataThrough: range.through } : {}),
    };
    cachedSource = { version, source: result };
    return result;
  }

  async function query(input: CostQueryInput): Promise<CostTable> {
    const parsed = parseQuery(input);
    const version = await dataVersion();
    await ensureTagIndex(version);
    const params = new SqlBuilder();
    const where = whereClause(parsed, params);
    const dims = parsed.groupBy;
    const period =
      parsed.granularity === 'day'
        ? 'line_items.x_ChargeDate'
        : parsed.granularity === 'month'
          ? `CAST(date_trunc('month', line_items.x_ChargeDate) AS DATE)`
          : 'CAST(NULL AS DATE)';
    const dimColumns = dims.map((dimension, index) => `${params.dimension(dimension)} AS d${index}`);
    const labelColumns = dims.map((dimension, index) => {
      const label = labelExpression(dimension);
      return label ? `max(${label}) AS l${index}` : `CAST(NULL AS VARCHAR) AS l${index}`;
    });
    const keys = dims.map((_, index) => `d${index}`);
    const grouped = `
      SELECT ${[`${period} AS period`, ...dimColumns, `sum(${metricExpression(parsed.metric)}) AS value`, await currencyColumns(version), ...labelColumns].join(', ')}
      FROM ${params.from()}
      WHERE ${where}
      GROUP BY ${['period', ...keys].join(', ')}`;
    let sql: string;
    if (parsed.limit && dims.length > 0) {
      const join = keys.map((key) => `g.${key} IS NOT DISTINCT FROM r.${key}`).join(' AND ');
      const folded = keys.map(
        (key) =>
          `CASE WHEN r.rank <= ${parsed.limit} THEN g.${key} ELSE ${sqlLiteral(OTHER_GROUP)} END AS ${key}`,
      );
      const foldedLabels = dims.map(
        (_, index) => `CASE WHEN min(r.rank) <= ${parsed.limit} THEN max(g.l${index}) END AS l${index}`,
      );
      sql = `
        WITH grouped AS (${grouped}),
        ranked AS (
          SELECT ${keys.join(', ')}, row_number() OVER (ORDER BY sum(value) DESC, ${keys.map((key) => `${key} NULLS LAST`).join(', ')}) AS rank
          FROM grouped GROUP BY ${keys.join(', ')}
        )
        SELECT g.period AS period, ${folded.join(', ')}, sum(g.value)::VARCHAR AS value, min(g.cmin) AS cmin, max(g.cmax) AS cmax, ${foldedLabels.join(', ')}, min(r.rank) AS rank
        FROM grouped g JOIN ranked r ON ${join}
        GROUP BY ALL
        ORDER BY period NULLS FIRST, rank`;
    } else {
      sql = `
        WITH grouped AS (${grouped})
        SELECT period, ${[...keys, 'value::VARCHAR AS value', 'cmin', 'cmax', ...dims.map((_, index) => `l${index}`)].join(', ')}
        FROM grouped
        ORDER BY period NULLS FIRST, grouped.value DESC${keys.map((key) => `, ${key} NULLS LAST`).join('')}`;
    }
    const rows = await runQuery(sql, params);
    const exactValues: Exact[] = [];
    const costRows: CostRow[] = rows.map((row) => {
      const exact = parseExact(row.value as string | null);
      exactValues.push(exact);
      const key: Record<string, string | null> = {};
      const labels: Record<string, string> = {};
      dims.forEach((dimension, index) => {
        key[dimension] = (row[`d${index}`] as string | null) ?? null;
        const label = row[`l${index}`];
        if (typeof label === 'string' && label !== '' && label !== key[dimension]) labels[dimension] = label;
      });
      return {
        ...(parsed.granularity === 'total' ? {} : { period: row.period as string }),
        key,
        ...(Object.keys(labels).length > 0 ? { labels } : {}),
        value: exactToNumber(exact),
      };
    });
    assertOneCurrency(rows);
    const dataSource = await sourceFor(version);
    return {
      query: parsed,
      dimensions: dims,
      rows: costRows,
      total: exactToNumber(sumExact(exactValues)),
      currency: dataSource.currency,
      source: dataSource,
    };
  }

  /**
   * The FROM / WHERE of a two-period aggregate: rows of either period that pass the filters,
   * with `inCurrent` / `inPrevious` conditions for FILTER clauses.
   */
  function twoPeriodScan(
    input: {
      current: TimeRange;
      previous: TimeRange;
      filters: CostFilter[];
      chargeCategories?: CostQuery['chargeCategories'];
    },
    params: SqlBuilder,
  ) {
    const day = 'line_items.x_ChargeDate';
    const inCurrent = `${day} >= CAST(${params.add(input.current.start)} AS DATE) AND ${day} < CAST(${params.add(input.current.end)} AS DATE)`;
    const inPrevious = `${day} >= CAST(${params.add(input.previous.start)} AS DATE) AND ${day} < CAST(${params.add(input.previous.end)} AS DATE)`;
    const where = whereClause({ filters: input.filters, chargeCategories: input.chargeCategories }, params);
    return { inCurrent, inPrevious, where: `((${inCurrent}) OR (${inPrevious})) AND ${where}` };
  }

  /** Sums of the metric per group for two periods at once, as exact decimals. */
  async function periodSums(
    input: {
      current: TimeRange;
      previous: TimeRange;
      filters: CostFilter[];
      metric: CostQuery['metric'];
      chargeCategories?: CostQuery['chargeCategories'];
    },
    groupBy: Dimension | undefined,
    version: string,
  ): Promise<{ key: string | null; label?: string; previous: Exact; current: Exact }[]> {
    await ensureTagIndex(version);
    const params = new SqlBuilder();
    const scan = twoPeriodScan(input, params);
    const metric = metricExpression(input.metric);
    const key = groupBy ? params.dimension(groupBy) : 'CAST(NULL AS VARCHAR)';
    const label = groupBy ? labelExpression(groupBy) : undefined;
    const rows = await runQuery(
      `SELECT ${key} AS key, ${label ? `max(${label})` : 'CAST(NULL AS VARCHAR)'} AS label,
         coalesce(sum(${metric}) FILTER (WHERE ${scan.inCurrent}), 0)::VARCHAR AS current,
         coalesce(sum(${metric}) FILTER (WHERE ${scan.inPrevious}), 0)::VARCHAR AS previous,
         ${await currencyColumns(version)}
       FROM ${params.from()}
       WHERE ${scan.where}
       GROUP BY 1`,
      params,
    );
    assertOneCurrency(rows);
    return rows.map((row) => ({
      key: (row.key as string | null) ?? null,
      ...(typeof row.label === 'string' && row.label !== row.key ? { label: row.label } : {}),
      current: parseExact(row.current as string),
      previous: parseExact(row.previous as string),
    }));
  }

  async function compare(input: CompareInput): Promise<PeriodComparison> {
    const metric = input.metric ?? DEFAULT_METRIC;
    const filters = input.filters ?? [];
    const selection = {
      current: input.current,
      previous: input.previous,
      filters,
      metric,
      ...chargeCategoriesOf(input),
    };
    validateRanges(input.current, input.previous);
    const version = await dataVersion();
    const sums = await periodSums(selection, input.groupBy, version);
    const ranked = rankAndFold(sums, input.limit ?? 10);
    const currentTotal = sumExact(sums.map((row) => row.current));
    const previousTotal = sumExact(sums.map((row) => row.previous));
    const dataSource = await sourceFor(version);
    const rows: ComparisonRow[] = input.groupBy
      ? ranked.map((row) => ({
          key: row.key,
          ...(row.label ? { label: row.label } : {}),
          previous: exactToNumber(row.previous),
          current: exactToNumber(row.current),
          delta: exactToNumber(row.current - row.previous),
        }))
      : [];
    return {
      current: input.current,
      previous: input.previous,
      metric,
      filters,
      ...chargeCategoriesOf(input),
      ...(input.groupBy ? { groupBy: input.groupBy } : {}),
      currentTotal: exactToNumber(currentTotal),
      previousTotal: exactToNumber(previousTotal),
      delta: exactToNumber(currentTotal - previousTotal),
      rows,
      currency: dataSource.currency,
      source: dataSource,
    };
  }

  /**
   * One scan: aggregate the two periods at the finest level (service × account × usage type ×
   * resource), then roll up and rank each level inside SQL, returning only the kept drivers
   * (at most top + top² + … rows). Folding the rest into "(other)" is done on exact decimals.
   */
  async function explainChange(input: ExplainChangeInput): Promise<ChangeExplanation> {
    const metric = input.metric ?? DEFAULT_METRIC;
    const filters = input.filters ?? [];
    const levels = input.levels ?? DEFAULT_EXPLAIN_LEVELS;
    const top = input.topPerLevel ?? 5;
    validateRanges(input.current, input.previous);
    if (levels.length === 0)
      throw new FinopsError('finops_invalid_input', 'explainChange needs at least one level');
    const version = await dataVersion();
    await ensureTagIndex(version);
    const params = new SqlBuilder();
    const scan = twoPeriodScan(
      { current: input.current, previous: input.previous, filters, ...chargeCategoriesOf(input) },
      params,
    );
    const m = metricExpression(metric);
    const keys = levels.map((_, index) => `k${index}`);
    const leafColumns = levels.flatMap((dimension, index) => {
      const label = labelExpression(dimension);
      return [
        `${params.dimension(dimension)} AS k${index}`,
        `${label ? `max(${label})` : 'CAST(NULL AS VARCHAR)'} AS l${index}`,
      ];
    });
    const rollups = levels.map((_, level) => {
      const path = keys.slice(0, level + 1);
      const parent = keys.slice(0, level);
      const thisKey = keys[level];
      return `r${level} AS (
        SELECT ${path.join(', ')}, max(l${level}) AS label, sum(c) AS c, sum(p) AS p,
          row_number() OVER (${parent.length ? `PARTITION BY ${parent.join(', ')} ` : ''}ORDER BY abs(sum(c) - sum(p)) DESC, sum(c) DESC, ${thisKey} NULLS LAST) AS rank,
          count(*) OVER (${parent.length ? `PARTITION BY ${parent.join(', ')}` : ''}) AS siblings
        FROM leaf GROUP BY ${path.join(', ')}
      )`;
    });
    const selects = levels.map((_, level) => {
      const joins = Array.from({ length: level }, (_, ancestor) => {
        const on = keys
          .slice(0, ancestor + 1)
          .map((key) => `r${level}.${key} IS NOT DISTINCT FROM r${ancestor}.${key}`)
          .join(' AND ');
        return `JOIN r${ancestor} ON ${on} AND r${ancestor}.rank <= ${top}`;
      });
      const keyColumns = keys.map(
        (key, index) => `${index <= level ? `r${level}.${key}` : 'CAST(NULL AS VARCHAR)'} AS ${key}`,
      );
      return `SELECT ${level} AS level, ${keyColumns.join(', ')}, r${level}.label AS label, r${level}.c::VARCHAR AS current,
          r${level}.p::VARCHAR AS previous, r${level}.rank AS rank, r${level}.siblings AS siblings
        FROM r${level} ${joins.join(' ')} WHERE r${level}.rank <= ${top}`;
    });
    const rows = await runQuery(
      `WITH leaf AS (
         SELECT ${leafColumns.join(', ')},
           coalesce(sum(${m}) FILTER (WHERE ${scan.inCurrent}), 0) AS c,
           coalesce(sum(${m}) FILTER (WHERE ${scan.inPrevious}), 0) AS p,
           ${await currencyColumns(version)}
         FROM ${params.from()}
         WHERE ${scan.where}
         GROUP BY ${keys.join(', ')}
       ),
       ${rollups.join(',\n')}
       SELECT -1 AS level, ${keys.map((key) => `CAST(NULL AS VARCHAR) AS ${key}`).join(', ')}, CAST(NULL AS VARCHAR) AS label,
         coalesce(sum(c), 0)::VARCHAR AS current, coalesce(sum(p), 0)::VARCHAR AS previous, 0 AS rank, count(*) AS siblings,
         min(cmin) AS cmin, max(cmax) AS cmax
       FROM leaf
       ${selects.map((select) => `UNION ALL ${select.replace('AS siblings', 'AS siblings, NULL AS cmin, NULL AS cmax')}`).join('\n')}`,
      params,
    );
    assertOneCurrency(rows);
    const totalRow = rows.find((row) => row.level === -1);
    const currentTotal = parseExact(totalRow?.current as string | undefined);
    const previousTotal = parseExact(totalRow?.previous as string | undefined);

    // Build the tree: children of a node are next-level rows sharing its key path, in rank order.
    const byLevel = levels.map((_, level) =>
      rows.filter((row) => row.level === level).sort((a, b) => Number(a.rank) - Number(b.rank)),
    );
    const pathOf = (row: Record<string, unknown>, depth: number) =>
      JSON.stringify(keys.slice(0, depth + 1).map((key) => row[key] ?? null));
    function build(
      level: number,
      parentPath: string | undefined,
      parentCurrent: Exact,
      parentPrevious: Exact,
    ): ChangeDriver[] {
      const dimension = levels[level];
      if (!dimension) return [];
      const siblings = (byLevel[level] ?? []).filter(
        (row) => parentPath === undefined || pathOf(row, level - 1) === parentPath,
      );
      const drivers: ChangeDriver[] = siblings.map((row) => {
        const current = parseExact(row.current as string);
        const previous = parseExact(row.previous as string);
        const key = (row[`k${level}`] as string | null) ?? null;
        const label = row.label;
        return {
          dimension,
          key,
          ...(typeof label === 'string' && label !== key ? { label } : {}),
          previous: exactToNumber(previous),
          current: exactToNumber(current),
          delta: exactToNumber(current - previous),
          isOther: false,
          children: current === previous ? [] : build(level + 1, pathOf(row, level), current, previous),
        };
      });
      const total = Number(siblings[0]?.siblings ?? 0);
      if (total > siblings.length) {
        const keptCurrent = sumExact(siblings.map((row) => parseExact(row.current as string)));
        const keptPrevious = sumExact(siblings.map((row) => parseExact(row.previous as string)));
        const rest = total - siblings.length;
        drivers.push({
          dimension,
          key: OTHER_GROUP,
          label: `${rest} other${rest === 1 ? '' : 's'}`,
          previous: exactToNumber(parentPrevious - keptPrevious),
          current: exactToNumber(parentCurrent - keptCurrent),
          delta: exactToNumber(parentCurrent - keptCurrent - (parentPrevious - keptPrevious)),
          isOther: true,
          children: [],
        });
      }
      return drivers;
    }
    const drivers = build(0, undefined, currentTotal, previousTotal);
    const dataSource = await sourceFor(version);
    return {
      current: input.current,
      previous: input.previous,
      metric,
      filters,
      ...chargeCategoriesOf(input),
      currentTotal: exactToNumber(currentTotal),
      previousTotal: exactToNumber(previousTotal),
      delta: exactToNumber(currentTotal - previousTotal),
      levels,
      drivers,
      currency: dataSource.currency,
      source: dataSource,
    };
  }

  async function catalog(): Promise<DataCatalog> {
    const version = await dataVersion();
    if (cachedCatalog?.version === version) return cachedCatalog.catalog;
    const services = await db.all<{ name: string; code: string | null; category: string | null }>(
      `SELECT ServiceName AS name, max(x_ServiceCode) AS code, max(ServiceCategory) AS category
       FROM line_items WHERE ServiceName IS NOT NULL GROUP BY 1 ORDER BY 1`,
    );
    const accounts = await db.all<{ id: string; name: string | null }>(
      `SELECT SubAccountId AS id, max(SubAccountName) AS name FROM line_items WHERE SubAccountId IS NOT NULL GROUP BY 1 ORDER BY 1`,
    );
    const regions = await db.all<{ region: string }>(
      `SELECT DISTINCT RegionId AS region FROM line_items WHERE RegionId IS NOT NULL AND RegionId <> '' ORDER BY 1`,
    );
    const usageTypes = await db.all<{ usageType: string }>(
      `SELECT DISTINCT x_UsageType AS usageType FROM line_items WHERE x_UsageType IS NOT NULL ORDER BY 1`,
    );
    await ensureTagIndex(version);
    const tags = await db.all<{ key: string; values: string[] }>(
      `SELECT key, list(DISTINCT value ORDER BY value)[1:200] AS values FROM (
         SELECT unnest(map_keys(tags)) AS key, unnest(map_values(tags)) AS value FROM tag_sets
       ) WHERE value IS NOT NULL AND value <> '' GROUP BY key ORDER BY key`,
    );
    const [range] = await db.all<{ start: string | null; last: string | null }>(
      `SELECT min(x_ChargeDate) AS start, max(x_ChargeDate) AS last FROM line_items`,
    );
    const result: DataCatalog = {
      services: services.map((service) => ({
        name: service.name,
        ...(service.code ? { code: service.code } : {}),
        ...(service.category ? { category: service.category } : {}),
      })),
      accounts: accounts.map((account) => ({
        id: account.id,
        ...(account.name ? { name: account.name } : {}),
      })),
      regions: regions.map((row) => row.region),
      tagKeys: tags.map((row) => row.key),
      tagValues: Object.fromEntries(tags.map((row) => [row.key, row.values])),
      usageTypes: usageTypes.map((row) => row.usageType),
      ...(range?.start && range.last
        ? { dataRange: { start: range.start, end: addDays(range.last, 1) } }
        : {}),
    };
    cachedCatalog = { version, catalog: result };
    return result;
  }

  async function runQuery(sql: string, params: SqlBuilder): Promise<Record<string, unknown>[]> {
    try {
      return await db.all(sql, params.values);
    } catch (error) {
      throw new FinopsError('finops_query_error', `the cost query failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  return { query, compare, explainChange, catalog, source };
}

function parseQuery(input: CostQueryInput): CostQuery {
  try {
    return costQuerySchema.parse(input);
  } catch (error) {
    if (error instanceof ZodError) {
      const details = error.issues
        .map((issue) => `${issue.path.join('.') || 'query'}: ${issue.message}`)
        .join('; ');
      throw new FinopsError('finops_invalid_input', `invalid cost query: ${details}`, { cause: error });
    }
    throw error;
  }
}

function validateRanges(...ranges: TimeRange[]): void {
  for (const range of ranges) parseQuery({ range });
}

function chargeCategoriesOf(input: { chargeCategories?: CostQuery['chargeCategories'] }) {
  return input.chargeCategories ? { chargeCategories: input.chargeCategories } : {};
}

/** Rows carry min/max BillingCurrency; summing across currencies would be a wrong number. */
function assertOneCurrency(rows: Record<string, unknown>[]): void {
  const currencies = new Set<string>();
  for (const row of rows) {
    if (typeof row.cmin === 'string') currencies.add(row.cmin);
    if (typeof row.cmax === 'string') currencies.add(row.cmax);
  }
  if (currencies.size > 1) {
    throw new FinopsError(
      'finops_query_error',
      `the selected data is billed in several currencies (${[...currencies].sort().join(', ')}) and cannot be summed: filter by provider or billing account`,
    );
  }
}

interface FoldedRow {
  key: string | null;
  label?: string;
  previous: Exact;
  current: Exact;
  isOther: boolean;
}

/**
 * Keeps the `top` groups with the largest absolute change and folds the rest into one
 * "(other)" row, so the rows still sum exactly to the total.
 */
function rankAndFold(
  rows: { key: string | null; label?: string; previous: Exact; current: Exact }[],
  top: number,
): FoldedRow[] {
  const sorted = [...rows].sort((a, b) => {
    const byChange = absExact(b.current - b.previous) - absExact(a.current - a.previous);
    if (byChange !== 0n) return byChange > 0n ? 1 : -1;
    const bySize = b.current - a.current;
    if (bySize !== 0n) return bySize > 0n ? 1 : -1;
    return String(a.key).localeCompare(String(b.key));
  });
  const kept: FoldedRow[] = sorted.slice(0, top).map((row) => ({ ...row, isOther: false }));
  const rest = sorted.slice(top);
  if (rest.length > 0) {
    kept.push({
      key: OTHER_GROUP,
      label: `${rest.length} other${rest.length === 1 ? '' : 's'}`,
      previous: sumExact(rest.map((row) => row.previous)),
      current: sumExact(rest.map((row) => row.current)),
      isOther: true,
    });
  }
  return kept;
}
