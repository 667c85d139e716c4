import { createRuntime } from '../../../src/composition-root.ts';
import { FinopsError } from '../../../src/errors.ts';
import type { CommandContext } from '../main.ts';
import { regenerateDemo } from './ensure-data.ts';

export async function commandDemo(context: CommandContext): Promise<number> {
  const scale = parsePositiveInteger(context.flags.scale ?? '1', '--scale');
  const seed = parsePositiveInteger(context.flags.seed ?? '42', '--seed');
  const runtime = await createRuntime(context.config);
  try {
    const exports = await runtime.db.all<{ n: number }>(
      `SELECT count(*) AS n FROM deliveries WHERE format <> 'demo'`,
    );
    if ((exports[0]?.n ?? 0) > 0 && !context.flags.force) {
      throw new FinopsError(
        'finops_invalid_input',
        `${context.config.dataDir} holds ingested billing exports; the demo would be mixed with them. Use another --data-dir for the demo (or --force to add it anyway).`,
      );
    }
    const manifest = await regenerateDemo(runtime, context, scale, seed);
    if (context.flags.json) context.out(JSON.stringify(manifest, null, 2));
    else {
      context.out(`Planted stories the copilot should find:`);
      for (const story of manifest.stories) context.out(`• ${story.description}`);
    }
    return 0;
  } finally {
    runtime.close();
  }
}

function parsePositiveInteger(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new FinopsError(
      'finops_invalid_input',
      `${flag} must be a whole number of at least 1, got "${text}"`,
    );
  }
  return value;
}
