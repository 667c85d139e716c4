import { addDays, type TimeRange, toDay } from '../../../src/domain/index.ts';
import type { CostEngine } from '../../../src/engine/index.ts';
import type { Inventory } from '../../../src/inventory/index.ts';
import { createPriceBook, type PriceBook } from '../../../src/pricing/index.ts';
import {
  DEFAULT_RULE_POLICY,
  type RuleContext,
  rulePolicySchema,
} from '../../../src/recommendations/index.ts';

/** The compliance report's default spend window, as the tag-missing rule uses. */
export const SPEND_WINDOW_DAYS = 30;

/**
 * Tag compliance reads no prices; a book with no tables keeps the full price snapshot from loading
 * on every tagging call.
 */
const NO_PRICES: PriceBook = createPriceBook({
  regions: () => [],
  ec2InstanceTypes: () => [],
  ec2Prices: () => [],
  rdsClasses: () => [],
  rdsPrices: () => [],
  rdsStorage: () => [],
  ebs: () => [],
  s3: () => [],
});

/** The RuleContext tagComplianceReport reads: the policy's (or the call's) required tags and a spend window. */
export async function taggingRuleContext(options: {
  engine: CostEngine;
  inventory: Inventory;
  requiredTags: readonly string[];
  period?: TimeRange | undefined;
  now: Date;
}): Promise<RuleContext> {
  const catalog = await options.engine.catalog();
  const end = catalog.dataRange?.end ?? toDay(options.now);
  const spendWindow = options.period ?? { start: addDays(end, -SPEND_WINDOW_DAYS), end };
  return {
    inventory: options.inventory,
    engine: options.engine,
    prices: NO_PRICES,
    policy: rulePolicySchema.parse({ ...DEFAULT_RULE_POLICY, requiredTags: [...options.requiredTags] }),
    now: options.now,
    metricsWindow: spendWindow,
    spendWindow,
    accountNames: new Map(
      catalog.accounts.flatMap((account) => (account.name ? [[account.id, account.name] as const] : [])),
    ),
  };
}
