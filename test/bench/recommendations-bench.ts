import { createDuckDbCostEngine } from '../../src/engine/index.ts';
import { createDuckDbInventory } from '../../src/inventory/index.ts';
import { loadPriceBook } from '../../src/pricing/index.ts';
import { generateRecommendations } from '../../src/recommendations/index.ts';
import { openDatabase } from '../../src/store/database.ts';
import { INVENTORY_SCHEMA_SQL } from '../../src/store/inventory-schema.ts';
import { percentile, sample } from './stats.ts';

export interface RecommendationBenchRow {
  instances: number;
  metricRows: number;
  rulesP50Ms: number;
  rulesP95Ms: number;
  sqlP50Ms: number;
  overhead: number;
  rowsPerSecond: number;
  recommendations: number;
}

const WINDOW_START = '2026-10-25';
const DAYS = 30;
const TYPES = [
  'm5.xlarge',
  'r5.2xlarge',
  'c5.xlarge',
  'm6i.large',
  't3.large',
  'm7g.xlarge',
  'm4.xlarge',
  'c6i.2xlarge',
];

/**
 * A synthetic fleet built in SQL: `instances` running instances with hourly CPU and network for
 * 30 days (and memory on every third), in profiles from idle to busy, so every EC2 rule has work.
 */
async function buildFleet(db: Awaited<ReturnType<typeof openDatabase>>, instances: number): Promise<number> {
  await db.run(INVENTORY_SCHEMA_SQL);
  const types = `[${TYPES.map((type) => `'${type}'`).join(', ')}]`;
  await db.run(`
    INSERT INTO resources
    SELECT 'i-' || lpad(CAST(i AS VARCHAR), 17, '0'), 'bench-' || i, 'Amazon Elastic Compute Cloud', 'ec2_instance',
      CAST(100000000000 + i % 40 AS VARCHAR), 'us-east-1', ${types}[i % ${TYPES.length} + 1], 'running',
      CAST(json_object('instance_type', ${types}[i % ${TYPES.length} + 1]) AS JSON),
      MAP {'team': 'bench', 'owner': 'owner' || (i % 97) || '@example.com'}, TIMESTAMP '2025-01-01'
    FROM range(${instances}) AS t(i)`);
  // CPU profile by instance: idle (1-3 %), oversized (15-30 %), busy (55-85 %); a daily swing and noise.
  await db.run(`
    INSERT INTO utilization_hourly
    WITH grid AS (
      SELECT i, h, 'i-' || lpad(CAST(i AS VARCHAR), 17, '0') AS id, TIMESTAMP '${WINDOW_START}' + to_hours(h) AS ts,
        CASE WHEN i % 10 = 0 THEN 2 WHEN i % 10 < 5 THEN 20 ELSE 60 END AS base,
        (hash(i * 7919 + h) % 1000) / 1000.0 AS noise
      FROM range(${instances}) AS a(i), range(${DAYS * 24}) AS b(h)
    )
    SELECT id, ts, 'cpu_percent', greatest(0.1, base * (1 + 0.3 * sin(h / 24.0 * 2 * pi())) + 4 * noise) FROM grid
    UNION ALL
    SELECT id, ts, 'network_out_bytes', CASE WHEN i % 10 = 0 THEN 200000 ELSE 2e7 END * (0.8 + 0.4 * noise) FROM grid
    UNION ALL
    SELECT id, ts, 'network_in_bytes', CASE WHEN i % 10 = 0 THEN 100000 ELSE 7e6 END * (0.8 + 0.4 * noise) FROM grid
    UNION ALL
    SELECT id, ts, 'memory_percent', 30 + 20 * noise FROM grid WHERE i % 3 = 0`);
  const [row] = await db.all<{ rows: number }>('SELECT count(*) AS rows FROM utilization_hourly');
  return row?.rows ?? 0;
}

/** The same per-resource, per-metric percentiles as one hand-written query: the floor the rules are compared with. */
const HAND_WRITTEN_SQL = `
  SELECT resource_id, metric, count(*), quantile_cont(value, 0.5), quantile_cont(value, 0.95),
    quantile_cont(value, 0.99), max(value), avg(value), min(ts), max(ts)
  FROM utilization_hourly
  WHERE ts >= TIMESTAMP '${WINDOW_START}' AND ts < TIMESTAMP '${WINDOW_START}' + INTERVAL ${DAYS} DAY
  GROUP BY resource_id, metric`;

export async function benchRecommendations(options: {
  instances: number[];
  iterations: number;
}): Promise<RecommendationBenchRow[]> {
  const rows: RecommendationBenchRow[] = [];
  const prices = loadPriceBook();
  for (const instances of options.instances) {
    const db = await openDatabase({ dataDir: ':memory:' });
    try {
      const metricRows = await buildFleet(db, instances);
      const inventory = createDuckDbInventory({ db });
      const engine = createDuckDbCostEngine({ db });
      const now = new Date('2026-11-24T12:00:00Z');
      let count = 0;
      const run = async () => {
        const result = await generateRecommendations({ inventory, engine, prices, now });
        count = result.recommendations.length;
      };
      await run();
      await db.all(HAND_WRITTEN_SQL);
      const rules = await sample(run, options.iterations);
      const sql = await sample(() => db.all(HAND_WRITTEN_SQL), options.iterations);
      const rulesP50 = percentile(rules, 50);
      const sqlP50 = percentile(sql, 50);
      rows.push({
        instances,
        metricRows,
        rulesP50Ms: rulesP50,
        rulesP95Ms: percentile(rules, 95),
        sqlP50Ms: sqlP50,
        overhead: rulesP50 / sqlP50,
        rowsPerSecond: metricRows / (rulesP50 / 1000),
        recommendations: count,
      });
    } finally {
      db.close();
    }
  }
  return rows;
}
