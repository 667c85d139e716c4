import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemoOrganisation } from '../demo/index.ts';
import { addDays } from '../domain/time-range.ts';
import type { CostEngine } from '../engine/index.ts';
import { createDuckDbCostEngine } from '../engine/index.ts';
import { FinopsError } from '../errors.ts';
import { ingestFiles } from '../ingest/index.ts';
import { openDatabase } from '../store/database.ts';
import type { BacktestMethod, BacktestRow } from './backtest-series.ts';
import { backtestSeries } from './backtest-series.ts';
import type { DailyValue } from './daily-series.ts';

export type BacktestDataset = 'demo' | 'infralyzer';

export interface RunBacktestOptions {
  datasets: BacktestDataset[];
  /** Demo seeds, one dataset each; default 1, 2, 3. */
  seeds?: number[];
  /** The shared public data folder (holds infralyzer-aws-exports/); default ../shared/data/public beside the project. */
  sharedDir?: string;
  /** Anchor of the demo organisation; default 2026-11-24 (13 full months before it). */
  demoNow?: Date;
  onProgress?: (message: string) => void;
}

/** Ours, both baselines, and ours without month-day effects (what that handling buys). */
export const BACKTEST_METHODS: readonly BacktestMethod[] = [
  { name: 'holt-winters', options: { method: 'auto' } },
  { name: 'seasonal-naive', options: { method: 'seasonal-naive' } },
  { name: 'linear-trend', options: { method: 'linear-trend' } },
  { name: 'holt-winters, no month-day effects', options: { method: 'auto', calendarEffects: false } },
];

export const INFRALYZER_CUR2 = join('infralyzer-aws-exports', 'cur2_cid');
const DEFAULT_SHARED_DIR = join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'public');
const DEFAULT_DEMO_NOW = new Date('2026-11-24T12:00:00Z');

/** Daily EffectiveCost over everything the engine holds, zero on days without charges. */
async function dailyTotals(engine: CostEngine): Promise<DailyValue[]> {
  const table = await engine.query({ range: { start: '2000-01-01', end: '2100-01-01' }, granularity: 'day' });
  const values = new Map<string, number>();
  for (const row of table.rows)
    if (row.period) values.set(row.period, (values.get(row.period) ?? 0) + row.value);
  const dates = [...values.keys()].sort();
  const first = dates[0];
  const last = dates[dates.length - 1];
  if (first === undefined || last === undefined) return [];
  const days: DailyValue[] = [];
  for (let date = first; date <= last; date = addDays(date, 1))
    days.push({ date, value: values.get(date) ?? 0 });
  return days;
}

/**
 * Rolling-origin backtest of month-end projections (made on day 7, 14 and 21) on demo
 * organisations and the real 13-month CUR 2.0 export, our method beside the seasonal-naive and
 * linear-trend baselines. The real export is skipped, with a progress message, when absent.
 */
export async function runBacktest(options: RunBacktestOptions): Promise<BacktestRow[]> {
  const progress = options.onProgress ?? (() => {});
  const rows: BacktestRow[] = [];
  for (const dataset of options.datasets) {
    if (dataset === 'demo') {
      for (const seed of options.seeds ?? [1, 2, 3]) {
        const started = Date.now();
        const db = await openDatabase({ dataDir: ':memory:' });
        try {
          await generateDemoOrganisation(db, { seed, now: options.demoNow ?? DEFAULT_DEMO_NOW, scale: 1 });
          const daily = await dailyTotals(createDuckDbCostEngine({ db }));
          rows.push(...backtestSeries(`demo seed ${seed}`, daily, BACKTEST_METHODS).rows);
          progress(`demo seed ${seed}: ${daily.length} days, ${Date.now() - started} ms`);
        } finally {
          db.close();
        }
      }
    } else if (dataset === 'infralyzer') {
      const folder = join(options.sharedDir ?? DEFAULT_SHARED_DIR, INFRALYZER_CUR2);
      if (!existsSync(folder)) {
        progress(
          `skipping the real CUR 2.0 export: ${folder} is not there (it sits beside the project in CI)`,
        );
        continue;
      }
      const started = Date.now();
      const db = await openDatabase({ dataDir: ':memory:' });
      try {
        await ingestFiles(db, [folder]);
        const daily = await dailyTotals(createDuckDbCostEngine({ db }));
        rows.push(...backtestSeries('infralyzer CUR 2.0', daily, BACKTEST_METHODS).rows);
        progress(`infralyzer CUR 2.0: ${daily.length} days, ${Date.now() - started} ms`);
      } finally {
        db.close();
      }
    } else {
      throw new FinopsError(
        'finops_invalid_input',
        `unknown backtest dataset "${String(dataset)}": use demo or infralyzer`,
      );
    }
  }
  return rows;
}
