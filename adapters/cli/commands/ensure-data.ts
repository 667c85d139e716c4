import {
  createRuntime,
  describeLoadedData,
  isDemoCurrent,
  type Runtime,
  removeDemoData,
} from '../../../src/composition-root.ts';
import { generateDemoOrganisation } from '../../../src/demo/index.ts';
import { toDay } from '../../../src/domain/index.ts';
import { indexTagSets } from '../../../src/store/tag-sets.ts';
import type { CommandContext } from '../main.ts';

/**
 * Opens the runtime and makes sure there is something to ask about: on first run, or when the
 * demo organisation was generated for another day, the demo is (re)generated so "last week"
 * always means last week. Real exports are never touched.
 */
export async function openRuntimeWithData(context: CommandContext): Promise<Runtime> {
  const runtime = await createRuntime(context.config);
  const loaded = await describeLoadedData(runtime.db);
  if (
    loaded.kind === 'empty' ||
    (loaded.kind === 'demo' && !isDemoCurrent(loaded.demoAnchor, context.config.now))
  ) {
    context.err(
      loaded.kind === 'empty'
        ? `No billing data in ${context.config.dataDir} yet: generating the demo organisation for ${toDay(context.config.now)} (run \`finops ingest <files>\` to use your own)…`
        : `Refreshing the demo organisation for ${toDay(context.config.now)}…`,
    );
    await regenerateDemo(runtime, context, 1, 42);
  }
  return runtime;
}

export async function regenerateDemo(runtime: Runtime, context: CommandContext, scale: number, seed: number) {
  const started = performance.now();
  const manifest = await runtime.db.transaction(async (db) => {
    await removeDemoData(db);
    const generated = await generateDemoOrganisation(db, {
      seed,
      scale,
      now: context.config.now,
      onProgress: (message) => context.err(`  ${message}`),
    });
    await indexTagSets(db);
    return generated;
  });
  context.err(
    `Demo organisation ready: ${manifest.accounts.length} accounts, ${manifest.lineItems.toLocaleString('en-US')} line items (${((performance.now() - started) / 1000).toFixed(1)} s).`,
  );
  return manifest;
}
