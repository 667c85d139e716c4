import { createRuntime } from '../../../src/composition-root.ts';
import { formatMoney } from '../../../src/questions/index.ts';
import type { CommandContext } from '../main.ts';

export async function commandStatus(context: CommandContext): Promise<number> {
  const runtime = await createRuntime(context.config);
  try {
    const deliveries = await runtime.db.all<{
      format: string;
      provider: string;
      billing_account_id: string;
      period: string;
      row_count: number;
      billed_total: number;
      files: string[];
    }>(
      `SELECT format, provider, billing_account_id, strftime(billing_period, '%Y-%m') AS period, row_count, billed_total, files
       FROM deliveries ORDER BY billing_period, provider, billing_account_id`,
    );
    const source = await runtime.engine.source();
    if (context.flags.json) {
      context.out(JSON.stringify({ dataDir: context.config.dataDir, source, deliveries }, null, 2));
      return 0;
    }
    context.out(`Data directory: ${context.config.dataDir}`);
    context.out(`Source: ${source.name}${source.dataThrough ? `, data through ${source.dataThrough}` : ''}`);
    for (const delivery of deliveries) {
      context.out(
        `  ${delivery.period} ${delivery.format.padEnd(10)} ${delivery.provider.padEnd(8)} ${delivery.billing_account_id.padEnd(14)} ${delivery.row_count.toLocaleString('en-US').padStart(10)} rows ${formatMoney(delivery.billed_total).padStart(14)}`,
      );
    }
    return 0;
  } finally {
    runtime.close();
  }
}
