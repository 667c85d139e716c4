/**
 * `npm run bench`: ingest throughput and question latency at demo scales, each beside baselines
 * measured in the same run. Prints tables; asserts nothing (speed goals are read, not tested).
 *
 *   npm run bench                       # scales 1 and 100, charts
 *   npm run bench -- --scales 1         # quick run
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatBacktest } from '../../adapters/cli/commands/backtest.ts';
import { benchCharts } from '../../charts/index.ts';
import { evaluateDetection } from '../../src/anomalies/index.ts';
import { generateDemoOrganisation } from '../../src/demo/index.ts';
import { type CostEngine, createDuckDbCostEngine } from '../../src/engine/index.ts';
import { runBacktest } from '../../src/forecast/index.ts';
import { ingestFiles } from '../../src/ingest/index.ts';
import { createCopilot } from '../../src/questions/index.ts';
import { openDatabase } from '../../src/store/database.ts';
import { benchA2A } from './a2a-bench.ts';
import { benchAgents } from './agents-bench.ts';
import { benchDigest } from './digest-bench.ts';
import { benchMcp } from './mcp-bench.ts';
import { naiveCsvSum } from './naive-csv-sum.ts';
import { benchRecommendations } from './recommendations-bench.ts';
import { benchSlack } from './slack-bench.ts';
import { formatTable, percentile, sample, timeIt } from './stats.ts';
import { benchTeams } from './teams-bench.ts';

const NOW = new Date('2026-11-24T12:00:00Z');

/** The fixed question list, each with the one SQL query a person would write for its main aggregate. */
type EngineCall = (engine: CostEngine) => Promise<unknown>;
const THIS_MONTH = { start: '2026-11-01', end: '2026-11-25' };
const LAST_MONTH = { start: '2026-10-01', end: '2026-11-01' };

/**
 * The fixed question list. Each has the one SQL query a person would write for its main aggregate,
 * and the same aggregate asked through the engine API: engine ÷ SQL is our overhead; ask ÷ SQL
 * adds parsing, the catalog, the extra context queries of an answer, and composing it.
 */
const QUESTIONS: { question: string; sql: string; engine: EngineCall }[] = [
  {
    question: 'how much did we spend last month',
    sql: `SELECT sum(EffectiveCost) FROM line_items WHERE x_ChargeDate >= DATE '2026-10-01' AND x_ChargeDate < DATE '2026-11-01'`,
    engine: (engine) => engine.query({ range: LAST_MONTH }),
  },
  {
    question: 'top 5 accounts this month',
    sql: `SELECT SubAccountId, sum(EffectiveCost) AS cost FROM line_items WHERE x_ChargeDate >= DATE '2026-11-01' AND x_ChargeDate < DATE '2026-11-25' GROUP BY 1 ORDER BY cost DESC LIMIT 5`,
    engine: (engine) => engine.query({ range: THIS_MONTH, groupBy: ['sub_account'], limit: 5 }),
  },
  {
    question: 'spend by service last month',
    sql: `SELECT ServiceName, sum(EffectiveCost) AS cost FROM line_items WHERE x_ChargeDate >= DATE '2026-10-01' AND x_ChargeDate < DATE '2026-11-01' GROUP BY 1 ORDER BY cost DESC`,
    engine: (engine) => engine.query({ range: LAST_MONTH, groupBy: ['service'] }),
  },
  {
    question: 'daily cost over the last 30 days',
    sql: `SELECT x_ChargeDate, sum(EffectiveCost) FROM line_items WHERE x_ChargeDate >= DATE '2026-10-25' AND x_ChargeDate < DATE '2026-11-24' GROUP BY 1 ORDER BY 1`,
    engine: (engine) =>
      engine.query({ range: { start: '2026-10-25', end: '2026-11-24' }, granularity: 'day' }),
  },
  {
    question: 'this month vs last month',
    sql: `SELECT ServiceName, sum(EffectiveCost) FILTER (WHERE x_ChargeDate >= DATE '2026-11-01') AS cur, sum(EffectiveCost) FILTER (WHERE x_ChargeDate < DATE '2026-11-01') AS prev
          FROM line_items WHERE (x_ChargeDate >= DATE '2026-11-01' AND x_ChargeDate < DATE '2026-11-25') OR (x_ChargeDate >= DATE '2026-10-01' AND x_ChargeDate < DATE '2026-10-25') GROUP BY 1`,
    engine: (engine) =>
      engine.compare({
        current: THIS_MONTH,
        previous: { start: '2026-10-01', end: '2026-10-25' },
        groupBy: 'service',
      }),
  },
  {
    question: 'why did EC2 spend jump last week?',
    sql: `SELECT ServiceName, SubAccountId, x_UsageType, ResourceId,
            sum(EffectiveCost) FILTER (WHERE x_ChargeDate >= DATE '2026-11-16') AS cur, sum(EffectiveCost) FILTER (WHERE x_ChargeDate < DATE '2026-11-16') AS prev
          FROM line_items WHERE ServiceName = 'Amazon Elastic Compute Cloud' AND x_ChargeDate >= DATE '2026-11-09' AND x_ChargeDate < DATE '2026-11-23' GROUP BY ALL`,
    engine: (engine) =>
      engine.explainChange({
        current: { start: '2026-11-16', end: '2026-11-23' },
        previous: { start: '2026-11-09', end: '2026-11-16' },
        filters: [{ dimension: 'service', op: 'in', values: ['Amazon Elastic Compute Cloud'] }],
      }),
  },
  {
    question: 'monthly spend by team this year',
    sql: `SELECT date_trunc('month', x_ChargeDate), Tags['team'], sum(EffectiveCost) FROM line_items WHERE x_ChargeDate >= DATE '2026-01-01' AND x_ChargeDate < DATE '2026-11-25' GROUP BY ALL`,
    engine: (engine) =>
      engine.query({
        range: { start: '2026-01-01', end: '2026-11-25' },
        granularity: 'month',
        groupBy: ['tag:team'],
      }),
  },
  {
    question: 'untagged spend by account this month',
    sql: `SELECT SubAccountId, sum(EffectiveCost) FROM line_items WHERE NULLIF(Tags['team'], '') IS NULL AND x_ChargeDate >= DATE '2026-11-01' AND x_ChargeDate < DATE '2026-11-25' GROUP BY 1`,
    engine: (engine) =>
      engine.query({
        range: THIS_MONTH,
        groupBy: ['sub_account'],
        filters: [{ dimension: 'tag:team', op: 'missing' }],
      }),
  },
];

const { values } = parseArgs({
  options: {
    scales: { type: 'string', default: '1,100' },
    iterations: { type: 'string', default: '15' },
    charts: { type: 'boolean', default: true },
    'no-charts': { type: 'boolean', default: false },
    'no-forecast': { type: 'boolean', default: false },
    'no-anomalies': { type: 'boolean', default: false },
    'anomaly-seeds': { type: 'string', default: '10' },
    'no-recommendations': { type: 'boolean', default: false },
    'recommendation-instances': { type: 'string', default: '1000,10000' },
    'no-mcp': { type: 'boolean', default: false },
    'no-a2a': { type: 'boolean', default: false },
    'no-agents': { type: 'boolean', default: false },
    'no-slack': { type: 'boolean', default: false },
    'no-teams': { type: 'boolean', default: false },
    'no-digest': { type: 'boolean', default: false },
    'agent-iterations': { type: 'string', default: '20' },
  },
});
const scales = (values.scales ?? '1').split(',').map(Number);
const iterations = Number(values.iterations);

let peakRss = 0;
const rssTimer = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

const ingestRows: (string | number)[][] = [];
const questionRows: (string | number)[][] = [];
const summaryRows: (string | number)[][] = [];

for (const scale of scales) {
  const work = mkdtempSync(join(tmpdir(), `finops-bench-${scale}-`));
  try {
    console.error(`scale ${scale}: generating the demo organisation…`);
    const demoDb = await openDatabase({ dataDir: join(work, 'demo') });
    const generated = await timeIt(() => generateDemoOrganisation(demoDb, { seed: 42, now: NOW, scale }));
    const lineItems = generated.result.lineItems;
    ingestRows.push([
      `demo generation (scale ${scale})`,
      lineItems,
      generated.ms / 1000,
      lineItems / (generated.ms / 1000),
      '',
    ]);

    // The demo written out as a FOCUS export, so ingest is measured on real files.
    const parquetPath = join(work, 'demo-focus.parquet');
    await demoDb.run(
      `COPY (SELECT * EXCLUDE (x_ChargeDate, x_DeliveryId) FROM line_items) TO '${parquetPath}' (FORMAT parquet)`,
    );
    const csvPath = join(work, 'demo-focus.csv');
    const csvRows = scale === 1 ? lineItems : Math.min(lineItems, 2_000_000);
    await demoDb.run(
      `COPY (SELECT * EXCLUDE (x_ChargeDate, x_DeliveryId) REPLACE (to_json(Tags)::VARCHAR AS Tags) FROM line_items LIMIT ${csvRows}) TO '${csvPath}' (FORMAT csv, HEADER)`,
    );
    demoDb.close();

    const parquetDb = await openDatabase({ dataDir: join(work, 'parquet') });
    const parquetIngest = await timeIt(() => ingestFiles(parquetDb, [parquetPath]));
    const rawParquet = await timeIt(() =>
      parquetDb.run(`CREATE TABLE raw_copy AS SELECT * FROM read_parquet('${parquetPath}')`),
    );
    await parquetDb.run('DROP TABLE raw_copy');
    ingestRows.push([
      `finops ingest, Parquet (scale ${scale})`,
      lineItems,
      parquetIngest.ms / 1000,
      lineItems / (parquetIngest.ms / 1000),
      `baseline DuckDB raw CREATE TABLE AS: ${Math.round(lineItems / (rawParquet.ms / 1000)).toLocaleString('en-US')} rows/s`,
    ]);

    const csvDb = await openDatabase({ dataDir: join(work, 'csv') });
    const csvIngest = await timeIt(() => ingestFiles(csvDb, [csvPath]));
    csvDb.close();
    const naive = await timeIt(() => naiveCsvSum(csvPath, 'BilledCost'));
    ingestRows.push([
      `finops ingest, CSV (scale ${scale}${csvRows < lineItems ? `, first ${csvRows.toLocaleString('en-US')} rows` : ''})`,
      csvRows,
      csvIngest.ms / 1000,
      csvRows / (csvIngest.ms / 1000),
      `baseline plain Node stream-parse-and-sum: ${Math.round(naive.result.rows / (naive.ms / 1000)).toLocaleString('en-US')} rows/s (${(naive.ms / 1000).toFixed(1)} s for one total)`,
    ]);

    // Questions, warm: the database file as a user would have it after ingest.
    peakRss = process.memoryUsage().rss;
    const engine = createDuckDbCostEngine({ db: parquetDb });
    const copilot = createCopilot({ engine, now: () => NOW });
    const all: number[] = [];
    for (const { question, sql, engine: engineCall } of QUESTIONS) {
      const answer = await copilot.ask(question);
      await parquetDb.all(sql);
      await engineCall(engine);
      const ours = await sample(() => copilot.ask(question), iterations);
      const viaEngine = await sample(() => engineCall(engine), iterations);
      const hand = await sample(() => parquetDb.all(sql), iterations);
      all.push(...ours);
      questionRows.push([
        scale,
        question,
        answer.intent,
        percentile(ours, 50),
        percentile(ours, 95),
        percentile(viaEngine, 50),
        percentile(hand, 50),
        percentile(viaEngine, 50) / percentile(hand, 50),
        percentile(ours, 50) / percentile(hand, 50),
      ]);
    }
    summaryRows.push([
      scale,
      lineItems,
      percentile(all, 50),
      percentile(all, 95),
      (peakRss / 2 ** 30).toFixed(2),
      (statSync(join(work, 'parquet', 'finops.duckdb')).size / 2 ** 20).toFixed(0),
    ]);
    parquetDb.close();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
clearInterval(rssTimer);

console.log('\n## Ingest throughput (rows/s), with baselines from the same run\n');
console.log(formatTable(['what', 'rows', 'seconds', 'rows/s', 'baseline'], ingestRows));
console.log(
  `\n## Question latency, warm (ms; ${iterations} runs each) vs one hand-written DuckDB query for the same aggregate\n`,
);
console.log(
  formatTable(
    [
      'scale',
      'question',
      'intent',
      'ask p50',
      'ask p95',
      'engine p50',
      'SQL p50',
      'engine ÷ SQL',
      'ask ÷ SQL',
    ],
    questionRows,
  ),
);
console.log('\n## Summary per scale\n');
console.log(
  formatTable(
    ['scale', 'line items', 'all questions p50 ms', 'p95 ms', 'peak RSS GiB', 'db MiB'],
    summaryRows,
  ),
);

if (values.charts && !values['no-charts']) {
  const charts = await benchCharts({ iterations: 30 });
  console.log('\n## Charts: render time (ms) and PNG size, beside vega SVG-only time\n');
  console.log(
    formatTable(
      ['chart', 'svg p50', 'svg p95', 'render p50', 'render p95', 'png KiB', 'size'],
      charts.map((row) => [
        row.chart,
        row.svgP50Ms,
        row.svgP95Ms,
        row.renderP50Ms,
        row.renderP95Ms,
        row.pngBytes / 1024,
        `${row.width}×${row.height}`,
      ]),
    ),
  );
}

if (!values['no-forecast']) {
  const shared = join(import.meta.dirname, '../../../shared/data/public');
  const withReal = existsSync(shared);
  const rows = await runBacktest({
    datasets: withReal ? ['demo', 'infralyzer'] : ['demo'],
    seeds: [1, 2, 3],
    sharedDir: shared,
  });
  console.log(
    `\n## Forecast backtest: month-end projections made on day 7, 14 and 21 (MAPE; share of months inside the 80 % / 95 % intervals)${withReal ? '' : ' — real CUR 2.0 export skipped: ../shared is absent'}\n`,
  );
  console.log(formatBacktest(rows));
}

if (!values['no-anomalies']) {
  const seedCount = Number(values['anomaly-seeds']);
  const scores = await evaluateDetection({
    seeds: Array.from({ length: seedCount }, (_, index) => index + 1),
  });
  const planted = scores.reduce((sum, row) => sum + row.planted, 0);
  const detected = scores.reduce((sum, row) => sum + row.detected, 0);
  const hits = scores.reduce((sum, row) => sum + row.truePositives, 0);
  console.log(
    `\n## Anomaly detection on planted anomalies (spike, level shift, ramp + the demo's EC2 launch), ${seedCount} demo seeds, default settings\n`,
  );
  console.log(
    formatTable(
      ['seed', 'planted', 'detected', 'true positives', 'precision', 'recall'],
      [
        ...scores.map((row) => [
          row.seed,
          row.planted,
          row.detected,
          row.truePositives,
          row.precision,
          row.recall,
        ]),
        [
          'all',
          planted,
          detected,
          hits,
          detected ? hits / detected : Number.NaN,
          planted ? hits / planted : Number.NaN,
        ],
      ],
    ),
  );
}

if (!values['no-recommendations']) {
  const instances = (values['recommendation-instances'] ?? '10000').split(',').map(Number);
  const rows = await benchRecommendations({ instances, iterations: 5 });
  console.log(
    '\n## Recommendations: every rule over a synthetic fleet with 30 days of hourly metrics, beside the same per-resource percentiles as one hand-written SQL query (target: < 5 s at 10,000 instances, overhead ≤ 2×)\n',
  );
  console.log(
    formatTable(
      [
        'instances',
        'metric rows',
        'rules p50 ms',
        'rules p95 ms',
        'hand SQL p50 ms',
        'overhead ×',
        'rows/s',
        'recommendations',
      ],
      rows.map((row) => [
        row.instances,
        row.metricRows,
        row.rulesP50Ms,
        row.rulesP95Ms,
        row.sqlP50Ms,
        row.overhead,
        row.rowsPerSecond,
        row.recommendations,
      ]),
    ),
  );
}

if (!values['no-mcp']) {
  const mcpRows = await benchMcp({ iterations: 30 });
  console.log(
    '\n## MCP tool-call latency (ms, p50) on the demo: direct backend call vs in-memory, stdio (spawned process) and HTTP (loopback)\n',
  );
  console.log(
    formatTable(
      [
        'tool',
        'direct',
        'in-memory',
        'stdio',
        'HTTP',
        'in-memory ÷ direct',
        'stdio ÷ direct',
        'HTTP ÷ direct',
      ],
      mcpRows.map((row) => [
        row.tool,
        row.directP50Ms,
        row.inMemoryP50Ms,
        row.stdioP50Ms,
        row.httpP50Ms,
        row.inMemoryRatio,
        row.stdioRatio,
        row.httpRatio,
      ]),
    ),
  );
}

if (!values['no-a2a']) {
  const a2aRows = await benchA2A({ iterations: 40 });
  console.log(
    '\n## A2A round trip (send → specialist answers at once → gather), in-process and over DynamoDB Local streams (target: DynamoDB p95 < 1 s locally)\n',
  );
  console.log(
    formatTable(
      ['bus', 'iterations', 'p50 ms', 'p95 ms', 'max ms'],
      a2aRows.map((row) => [row.bus, row.iterations, row.p50Ms, row.p95Ms, row.maxMs]),
    ),
  );
}

if (!values['no-agents']) {
  const { path, multi } = await benchAgents({ iterations: Number(values['agent-iterations']) });
  console.log(
    '\n## Agent path vs direct (ms) on the demo: copilot.ask (parse → engine → compose) vs orchestrator.ask (deterministic planner → in-process A2A → specialist → compose); runs alternate (target: overhead ≤ 1.20)\n',
  );
  console.log(
    formatTable(
      ['question', 'direct p50', 'agents p50', 'agents p95', 'agents ÷ direct'],
      path.map((row) => [row.question, row.directP50Ms, row.agentsP50Ms, row.agentsP95Ms, row.overhead]),
    ),
  );
  const ratios = path.map((row) => row.overhead).sort((a, b) => a - b);
  console.log(
    `\nMedian overhead over the ${ratios.length} questions: ${(ratios[Math.floor(ratios.length / 2)] ?? Number.NaN).toFixed(2)}×`,
  );
  console.log(
    '\n## Questions only the agents answer (ms): several specialists per turn, in-process and over DynamoDB Local streams\n',
  );
  console.log(
    formatTable(
      ['question', 'bus', 'specialist calls', 'p50', 'p95'],
      multi.map((row) => [row.question, row.bus, row.specialists, row.p50Ms, row.p95Ms]),
    ),
  );
}

if (!values['no-slack']) {
  const rows = await benchSlack({ iterations: 40 });
  console.log(
    "\n## Slack (HTTP receiver, real agents on the demo, loopback Web API): signed mention → Slack's 200, placeholder posted, answer complete (target: ack p99 < 200 ms; Slack's limit 3 s)\n",
  );
  console.log(
    formatTable(
      ['what', 'samples', 'p50 ms', 'p99 ms'],
      rows.map((row) => [row.what, row.samples, row.p50Ms, row.p99Ms]),
    ),
  );
}

if (!values['no-teams']) {
  const rows = await benchTeams({ iterations: 20 });
  console.log(
    '\n## Teams (startTeams on the demo, Playground-shaped activities, loopback Bot Connector): time to the first activity (typing) and to the full answer\n',
  );
  console.log(
    formatTable(
      ['what', 'samples', 'p50 ms', 'p95 ms'],
      rows.map((row) => [row.what, row.samples, row.p50Ms, row.p95Ms]),
    ),
  );
}

if (!values['no-digest']) {
  const rows = await benchDigest({ subscriptions: 500 });
  console.log(
    "\n## Weekly digest: build time per subscription, and 500 Slack subscriptions in 100 channels through the poster with Slack's one message a second per channel (pacing floor ≈ 5 s)\n",
  );
  console.log(
    formatTable(
      ['what', 'samples', 'p50 ms', 'p95 ms', 'total s'],
      rows.map((row) => [
        row.what,
        row.samples,
        row.p50Ms,
        row.p95Ms,
        row.totalMs === undefined ? '' : row.totalMs / 1000,
      ]),
    ),
  );
}
