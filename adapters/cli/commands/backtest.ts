import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runBacktest } from '../../../src/forecast/index.ts';
import type { CommandContext } from '../main.ts';

/** The public data folder a development checkout has beside it; users may pass --shared. */
const SHARED_DATA = join(import.meta.dirname, '../../../../shared/data/public');

/**
 * `finops backtest`: rolling-origin backtest of month-end projections (made on day 7, 14, 21) on
 * demo organisations and, when the public exports are beside the project, on a real CUR 2.0 export.
 */
export async function commandBacktest(context: CommandContext): Promise<number> {
  const seeds = (context.flags.seed ?? '1,2,3').split(',').map(Number);
  const withReal = existsSync(SHARED_DATA);
  if (!withReal) context.err(`(${SHARED_DATA} not found: backtesting on the demo organisation only)`);
  const rows = await runBacktest({
    datasets: withReal ? ['demo', 'infralyzer'] : ['demo'],
    seeds,
    sharedDir: SHARED_DATA,
    onProgress: (message) => context.err(`  ${message}`),
  });
  if (context.flags.json) {
    context.out(JSON.stringify(rows, null, 2));
    return 0;
  }
  context.out(formatBacktest(rows));
  return 0;
}

export function formatBacktest(rows: Awaited<ReturnType<typeof runBacktest>>): string {
  const header = ['dataset', 'origin', 'method', 'months', 'MAPE', '80% coverage', '95% coverage'];
  const body = rows.map((row) => [
    row.dataset,
    row.origin,
    row.method,
    String(row.months),
    `${(row.mape * 100).toFixed(2)}%`,
    `${(row.coverage80 * 100).toFixed(0)}%`,
    `${(row.coverage95 * 100).toFixed(0)}%`,
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...body.map((row) => row[column]?.length ?? 0)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)].join('\n');
}
