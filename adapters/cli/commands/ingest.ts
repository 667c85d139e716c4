import { createRuntime, removeDemoData } from '../../../src/composition-root.ts';
import { FinopsError } from '../../../src/errors.ts';
import { type IngestProgress, ingestFiles } from '../../../src/ingest/index.ts';
import { formatMoney } from '../../../src/questions/index.ts';
import { indexTagSets } from '../../../src/store/tag-sets.ts';
import type { CommandContext } from '../main.ts';

export async function commandIngest(context: CommandContext): Promise<number> {
  if (context.positionals.length === 0) {
    throw new FinopsError(
      'finops_invalid_input',
      'ingest needs at least one file, folder or glob, e.g. finops ingest ./exports/**/*.parquet',
    );
  }
  const runtime = await createRuntime(context.config);
  try {
    // One transaction: the demo organisation goes only if the real data loads.
    const report = await runtime.db.transaction(async (db) => {
      let rowsReported = 0;
      const result = await ingestFiles(db, context.positionals, {
        onProgress: (event) => {
          if (context.flags.json) return;
          // Row counts arrive per delivery written; only a count that moved is news.
          if (event.type === 'rows-loaded') {
            if (event.totalRows === rowsReported) return;
            rowsReported = event.totalRows;
          }
          context.err(`  ${describeProgress(event)}`);
        },
      });
      await removeDemoData(db);
      await indexTagSets(db);
      return result;
    });
    if (context.flags.json) {
      context.out(JSON.stringify(report, null, 2));
      return 0;
    }
    context.out(
      `Loaded ${report.files.length} file${report.files.length === 1 ? '' : 's'} (${Math.round(report.rowsPerSecond).toLocaleString('en-US')} rows/s):`,
    );
    for (const file of report.files)
      context.out(
        `  ${file.format.padEnd(10)} ${file.rows.toLocaleString('en-US').padStart(10)} rows  ${file.path}`,
      );
    context.out('\nBilling periods now loaded from this ingest:');
    context.out(
      `  ${'period'.padEnd(8)} ${'provider'.padEnd(10)} ${'billing account'.padEnd(16)} ${'rows'.padStart(10)} ${'billed cost'.padStart(16)} ${'effective cost'.padStart(16)}`,
    );
    for (const period of report.periods) {
      context.out(
        `  ${period.billingPeriod.padEnd(8)} ${period.provider.padEnd(10)} ${period.billingAccountId.padEnd(16)} ${period.rows.toLocaleString('en-US').padStart(10)} ${formatMoney(period.billedCost).padStart(16)} ${formatMoney(period.effectiveCost).padStart(16)}${period.replaced ? `  (replaced an older delivery)` : ''}`,
      );
    }
    for (const skipped of report.skipped) context.out(`  skipped ${skipped.path}: ${skipped.reason}`);
    for (const warning of report.warnings) context.out(`  ! ${warning}`);
    return 0;
  } finally {
    runtime.close();
  }
}

function describeProgress(event: IngestProgress): string {
  switch (event.type) {
    case 'file-started':
      return `[${event.index + 1}/${event.total}] reading ${event.path}`;
    case 'file-done':
      return `[${event.index + 1}/${event.total}] ${event.format}: ${event.rows.toLocaleString('en-US')} rows from ${event.path}`;
    case 'rows-loaded':
      return `${event.totalRows.toLocaleString('en-US')} rows written`;
  }
}
