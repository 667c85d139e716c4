import type { Runtime } from '../../src/composition-root.ts';
import type { Config } from '../../src/config.ts';
import { FinopsError } from '../../src/errors.ts';
import type { StateStore } from '../../src/state/index.ts';
import type { McpBackends } from '../servers/index.ts';
import { createEmbeddedCloudWatchBackend } from './embedded-cloudwatch.ts';
import { createEmbeddedCostExplorerBackend } from './embedded-cost-explorer.ts';
import { createEmbeddedTaggingBackend } from './embedded-tagging.ts';

/**
 * The backends behind the three MCP servers, chosen by FINOPS_BACKEND: the embedded dataset
 * (default) or live AWS APIs. The live adapter is imported only on that path so local runs never
 * load the AWS SDK; it caches responses in `stateStore`, which embedded mode does not need, and it
 * needs no runtime (no local dataset is opened).
 */
export async function createBackends(
  config: Config,
  runtime: Pick<Runtime, 'db' | 'engine' | 'inventory'> | undefined,
  stateStore?: StateStore,
): Promise<McpBackends & { close(): void }> {
  if (config.backend === 'aws') {
    if (!stateStore) {
      throw new FinopsError(
        'finops_config_error',
        'the live AWS backend caches responses in the StateStore: pass one to createBackends',
      );
    }
    const { createAwsBackends } = await import('../../adapters/aws/index.ts');
    // A live clock: cache expiry and assumed-role refresh follow real time even with --now.
    return createAwsBackends({
      config: config.aws,
      store: stateStore,
      now: () => new Date(),
      requiredTags: config.requiredTags,
    });
  }
  if (!runtime) {
    throw new FinopsError(
      'finops_config_error',
      'the embedded backend reads the local dataset: pass the runtime (db, engine, inventory) to createBackends',
    );
  }
  const { db, engine, inventory } = runtime;
  const now = () => config.now;
  return {
    costExplorer: createEmbeddedCostExplorerBackend({ db, engine, inventory, now }),
    cloudwatch: createEmbeddedCloudWatchBackend({ db, inventory, now }),
    tagging: createEmbeddedTaggingBackend({ db, engine, inventory, requiredTags: config.requiredTags, now }),
    // The dataset belongs to the caller, which closes it.
    close: () => {},
  };
}
