import { FinopsError } from '../errors.ts';
import type { Database } from '../store/database.ts';
import { INVENTORY_SCHEMA_SQL } from '../store/inventory-schema.ts';
import { ALL_ACCOUNTS, BILLING_ACCOUNT_NAME, PAYER_ACCOUNT } from './accounts.ts';
import type { PlantedAnomaly } from './anomalies.ts';
import {
  anomalyEnd,
  anomalyMatches,
  anomalyMultiplier,
  defaultAnomalies,
  validateAnomalies,
} from './anomalies.ts';
import type { BuildContext } from './build-context.ts';
import { createCsvStaging, loadCsv, sqlString } from './bulk-load.ts';
import { createDemoCalendar } from './calendar.ts';
import type { AnomalyOutcome } from './cost-rows.ts';
import { buildCostRows, SERIES_COLUMNS, TAG_COLUMNS } from './cost-rows.ts';
import type { DemoManifest, DemoStory } from './demo-manifest.ts';
import { DEMO_META_KEY } from './demo-manifest.ts';
import { buildInventoryRows } from './inventory-rows.ts';
import { describeOrganisation } from './organisation.ts';
import { DEMO_REGIONS } from './prices.ts';
import { createPrng, deriveSeed } from './prng.ts';
import { MAX_SCALE, replicateOrganisation } from './replicate.ts';

export interface DemoOptions {
  /** PRNG seed; the same seed and `now` give byte-identical data. Default 42. */
  seed?: number;
  /** Anchor: data runs through the day before `now` (UTC). */
  now: Date;
  /** Copies of the organisation (distinct account and resource ids per copy), for benchmarks. Default 1. */
  scale?: number;
  /** Changes planted on top of the baseline; default: the standard NAT Gateway spike story. */
  anomalies?: PlantedAnomaly[];
  onProgress?: (message: string) => void;
}

/** Prefix of the x_DeliveryId of every demo row: how demo data is told apart from ingested data. */
export const DEMO_DELIVERY_PREFIX = 'demo:';

/**
 * Generates the deterministic demo organisation into `db`: FOCUS line items, deliveries, the
 * inventory tables and the manifest (meta key 'demo'). A previous demo in `db` is replaced; a
 * database holding other billing data is refused, so nothing real is mixed with invented data.
 */
export async function generateDemoOrganisation(db: Database, options: DemoOptions): Promise<DemoManifest> {
  const seed = options.seed ?? 42;
  const scale = options.scale ?? 1;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new FinopsError(
      'finops_invalid_input',
      `the demo seed must be a whole number from 0 to 4294967295, got ${seed}`,
    );
  }
  if (!Number.isInteger(scale) || scale < 1 || scale > MAX_SCALE) {
    throw new FinopsError(
      'finops_invalid_input',
      `the demo scale must be a whole number from 1 to ${MAX_SCALE}, got ${scale}`,
    );
  }
  const progress = options.onProgress ?? (() => {});
  // Cheap check first, so a refused database costs no generation work.
  await refuseForeignData(db);
  const calendar = createDemoCalendar(options.now);
  const anomalies = validateAnomalies(options.anomalies ?? defaultAnomalies(calendar.end));
  const usesDefaultAnomalies = options.anomalies === undefined;

  progress(`Describing the demo organisation (seed ${seed}, ${calendar.start} to ${calendar.end})`);
  const context: BuildContext = {
    seed,
    rng: createPrng(deriveSeed(seed, 'structure')),
    calendar,
    todayIndex: calendar.days.length,
    meters: [],
    resources: [],
    utilisation: [],
    buckets: [],
    stories: [],
    anomalyFactor: (columns, day) =>
      anomalies.reduce(
        (factor, anomaly) =>
          anomalyMatches(anomaly, columns) ? factor * anomalyMultiplier(anomaly, day) : factor,
        1,
      ),
  };
  describeOrganisation(context);
  const costRows = buildCostRows({ seed, calendar, meters: context.meters, anomalies });
  const stories = [
    ...context.stories,
    ...anomalyStories(costRows.anomalies, usesDefaultAnomalies, calendar.end),
  ];
  const inventory = buildInventoryRows(context);
  progress(
    `Loading ${costRows.lineCount.toLocaleString('en-US')} line items and ${(inventory.utilisation.length - 1).toLocaleString('en-US')} utilisation points`,
  );

  const staging = createCsvStaging();
  try {
    const files = {
      series: staging.write('series', costRows.series),
      lines: staging.write('lines', costRows.lines),
      resources: staging.write('resources', inventory.resources),
      utilisation: staging.write('utilisation', inventory.utilisation),
      buckets: staging.write('buckets', inventory.buckets),
    };
    return await db.transaction(async (tx) => {
      await refuseForeignData(tx);
      await tx.run(INVENTORY_SCHEMA_SQL);
      await clearPreviousDemo(tx);
      await loadLineItems(tx, files.series, files.lines);
      await loadInventory(tx, files);
      if (scale > 1) {
        progress(`Replicating the organisation ×${scale}`);
        await replicateOrganisation(tx, scale);
      }
      await writeDeliveries(tx, options.now);
      const [count] = await tx.all<{ rows: number }>(
        `SELECT count(*) AS rows FROM line_items WHERE starts_with(x_DeliveryId, ${sqlString(DEMO_DELIVERY_PREFIX)})`,
      );
      const manifest: DemoManifest = {
        seed,
        anchor: calendar.end,
        scale,
        accounts: ALL_ACCOUNTS.map((account) => ({ id: account.id, name: account.name })),
        regions: [...DEMO_REGIONS],
        stories,
        lineItems: count?.rows ?? 0,
      };
      await tx.setMeta(DEMO_META_KEY, JSON.stringify(manifest));
      progress(`Demo organisation ready: ${manifest.lineItems.toLocaleString('en-US')} line items`);
      return manifest;
    });
  } finally {
    staging.dispose();
  }
}

function anomalyStories(outcomes: AnomalyOutcome[], isDefault: boolean, dataEnd: string): DemoStory[] {
  return outcomes.map((outcome, index) => {
    const { anomaly } = outcome;
    const what = `${anomaly.usageType ?? 'all usage'} of ${anomaly.service} in ${anomaly.accountName}`;
    return {
      id:
        isDefault && index === 0
          ? 'nat-gateway-bytes-spike'
          : `planted-${anomaly.shape.replace('_', '-')}-${index + 1}`,
      description:
        isDefault && index === 0
          ? `NAT Gateway data processing (NatGateway-Bytes) in acme-prod jumped ×${anomaly.magnitude} for ${anomaly.days} days from ${anomaly.start}: a job pulled data through the NAT instead of a VPC endpoint.`
          : `Planted ${anomaly.shape.replace('_', ' ')}: ${what} ×${anomaly.magnitude} from ${anomaly.start}${anomaly.shape === 'level_shift' ? '' : ` over ${anomaly.days} days`}.`,
      resourceIds: [...outcome.resourceIds].sort(),
      accountId:
        outcome.accountId ?? ALL_ACCOUNTS.find((account) => account.name === anomaly.accountName)?.id ?? '',
      service: anomaly.service,
      period: { start: anomaly.start, end: anomalyEnd(anomaly, dataEnd) },
      expectedDeltaUsd: Math.round(outcome.deltaUsd * 100) / 100,
    };
  });
}

async function refuseForeignData(db: Database): Promise<void> {
  const [foreign] = await db.all<{ rows: number }>(
    `SELECT count(*) AS rows FROM line_items WHERE x_DeliveryId IS NULL OR NOT starts_with(x_DeliveryId, ${sqlString(DEMO_DELIVERY_PREFIX)})`,
  );
  if ((foreign?.rows ?? 0) > 0) {
    throw new FinopsError(
      'finops_invalid_input',
      `this database already holds ${foreign?.rows} line items of ingested billing data; the demo organisation is only generated into a database without real data, so nothing invented is mixed into real costs. Use another --data-dir for the demo.`,
    );
  }
}

async function clearPreviousDemo(db: Database): Promise<void> {
  await db.run(`DELETE FROM line_items WHERE starts_with(x_DeliveryId, ${sqlString(DEMO_DELIVERY_PREFIX)})`);
  await db.run(`DELETE FROM deliveries WHERE format = 'demo'`);
  await db.run('DELETE FROM resources');
  await db.run('DELETE FROM utilization_hourly');
  await db.run('DELETE FROM s3_bucket_stats');
}

const TAGS_SQL = `map_from_entries(list_filter([${TAG_COLUMNS.map(([column, key]) => `{'k': '${key}', 'v': ${column}}`).join(', ')}], entry -> entry.v IS NOT NULL))`;

async function loadLineItems(db: Database, seriesPath: string, linesPath: string): Promise<void> {
  const seriesTypes: Record<string, string> = { series_id: 'INTEGER' };
  for (const column of SERIES_COLUMNS)
    seriesTypes[column] = column.endsWith('UnitPrice') ? 'DOUBLE' : 'VARCHAR';
  for (const [column] of TAG_COLUMNS) seriesTypes[column] = 'VARCHAR';
  await loadCsv(db, 'demo_series', seriesPath, seriesTypes);
  const money = 'DECIMAL(18,10)';
  await loadCsv(db, 'demo_lines', linesPath, {
    series_id: 'INTEGER',
    charge_start: 'DATE',
    charge_end: 'DATE',
    quantity: 'DOUBLE',
    billed: money,
    effective: money,
    list: money,
    contracted: money,
  });
  const passThrough = SERIES_COLUMNS.map((column) => `s."${column}"`).join(', ');
  // Tag maps are built once per series (a few thousand), not once per line item.
  await db.run(
    `CREATE OR REPLACE TEMP TABLE demo_series_tags AS SELECT *, ${TAGS_SQL} AS Tags FROM demo_series`,
  );
  // The tag-set id the engine joins on (src/store/tag-sets.ts), computed once per series too.
  await db.run(
    `ALTER TABLE demo_series_tags ADD COLUMN x_TagSetId UBIGINT; UPDATE demo_series_tags SET x_TagSetId = CASE WHEN cardinality(Tags) > 0 THEN hash(Tags) END`,
  );
  await db.run(`
    INSERT INTO line_items BY NAME
    SELECT
      'AWS' AS ProviderName,
      ${sqlString(PAYER_ACCOUNT.id)} AS BillingAccountId,
      ${sqlString(BILLING_ACCOUNT_NAME)} AS BillingAccountName,
      'USD' AS BillingCurrency,
      CAST(date_trunc('month', l.charge_start) AS TIMESTAMP) AS BillingPeriodStart,
      CAST(date_trunc('month', l.charge_start) + INTERVAL 1 MONTH AS TIMESTAMP) AS BillingPeriodEnd,
      CAST(l.charge_start AS TIMESTAMP) AS ChargePeriodStart,
      CAST(l.charge_end AS TIMESTAMP) AS ChargePeriodEnd,
      l.billed AS BilledCost,
      l.effective AS EffectiveCost,
      l.list AS ListCost,
      l.contracted AS ContractedCost,
      ${passThrough},
      CASE WHEN s.PricingUnit IS NULL THEN NULL ELSE l.quantity END AS PricingQuantity,
      CASE WHEN s.ConsumedUnit IS NULL THEN NULL ELSE l.quantity END AS ConsumedQuantity,
      s.Tags,
      s.x_TagSetId,
      l.charge_start AS x_ChargeDate,
      ${sqlString(`${DEMO_DELIVERY_PREFIX}${PAYER_ACCOUNT.id}:`)} || strftime(l.charge_start, '%Y-%m') AS x_DeliveryId
    FROM demo_lines l JOIN demo_series_tags s USING (series_id)`);
  await db.run('DROP TABLE demo_lines; DROP TABLE demo_series; DROP TABLE demo_series_tags');
}

async function loadInventory(
  db: Database,
  files: { resources: string; utilisation: string; buckets: string },
): Promise<void> {
  const text = 'VARCHAR';
  await loadCsv(db, 'demo_resources', files.resources, {
    resource_id: text,
    resource_name: text,
    service: text,
    resource_type: text,
    account_id: text,
    region: text,
    size: text,
    state: text,
    attributes: text,
    tag_team: text,
    tag_env: text,
    tag_cost_center: text,
    tag_owner: text,
    created_at: text,
  });
  await db.run(`
    INSERT INTO resources BY NAME
    SELECT resource_id, resource_name, service, resource_type, account_id, region, size, state,
      CAST(attributes AS JSON) AS attributes, ${TAGS_SQL} AS tags,
      CAST(replace(replace(created_at, 'T', ' '), 'Z', '') AS TIMESTAMP) AS created_at
    FROM demo_resources ORDER BY resource_id`);
  await loadCsv(db, 'demo_utilisation', files.utilisation, {
    resource_id: text,
    ts: 'TIMESTAMP',
    metric: text,
    value: 'DOUBLE',
  });
  await db.run('INSERT INTO utilization_hourly SELECT resource_id, ts, metric, value FROM demo_utilisation');
  await loadCsv(db, 'demo_buckets', files.buckets, {
    bucket: text,
    account_id: text,
    region: text,
    storage_class: text,
    size_bytes: 'BIGINT',
    object_count: 'BIGINT',
    get_requests_30d: 'BIGINT',
    put_requests_30d: 'BIGINT',
    lifecycle_rules: 'INTEGER',
    last_accessed: text,
  });
  await db.run(`
    INSERT INTO s3_bucket_stats BY NAME
    SELECT * REPLACE (CAST(replace(replace(last_accessed, 'T', ' '), 'Z', '') AS TIMESTAMP) AS last_accessed)
    FROM demo_buckets`);
  await db.run('DROP TABLE demo_resources; DROP TABLE demo_utilisation; DROP TABLE demo_buckets');
}

async function writeDeliveries(db: Database, now: Date): Promise<void> {
  await db.run(
    `
    INSERT INTO deliveries
    SELECT x_DeliveryId, 'demo', 'AWS', BillingAccountId, CAST(min(BillingPeriodStart) AS DATE),
      ['demo-organisation']::VARCHAR[], count(*), sum(BilledCost),
      max(ChargePeriodEnd) FILTER (WHERE ChargeCategory = 'Usage'), CAST($1 AS TIMESTAMP)
    FROM line_items
    WHERE starts_with(x_DeliveryId, ${sqlString(DEMO_DELIVERY_PREFIX)})
    GROUP BY x_DeliveryId, BillingAccountId`,
    [now.toISOString().replace('T', ' ').replace('Z', '')],
  );
}
