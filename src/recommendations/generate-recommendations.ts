import { addDays, type TimeRange, toDay } from '../domain/index.ts';
import type { CostEngine } from '../engine/index.ts';
import type { Inventory } from '../inventory/index.ts';
import type { PriceBook } from '../pricing/index.ts';
import { savingsPlanPurchaseRule } from './commitments/index.ts';
import {
  groupRecommendations,
  type RecommendationGroup,
  totalMonthlySavings,
} from './group-recommendations.ts';
import type { Recommendation } from './model.ts';
import { DEFAULT_RULE_POLICY, type RulePolicy } from './policy.ts';
import type { Rule, RuleContext } from './rule.ts';
import {
  ebsGp2ToGp3Rule,
  ebsOldSnapshotRule,
  ebsUnattachedRule,
  ec2GravitonRule,
  ec2IdleRule,
  ec2PreviousGenerationRule,
  ec2RightsizeRule,
  rdsGp2ToGp3Rule,
  rdsIdleRule,
  rdsRightsizeRule,
  s3LifecycleMissingRule,
  s3StorageClassRule,
} from './rules/index.ts';
import { tagMissingRule } from './tagging/index.ts';

export const RESOURCE_RULES: readonly Rule[] = [
  ec2IdleRule,
  ec2RightsizeRule,
  ec2GravitonRule,
  ec2PreviousGenerationRule,
  ebsGp2ToGp3Rule,
  ebsUnattachedRule,
  ebsOldSnapshotRule,
  s3StorageClassRule,
  s3LifecycleMissingRule,
  rdsIdleRule,
  rdsRightsizeRule,
  rdsGp2ToGp3Rule,
];

/** Every rule: the resource rules, tagging compliance and the Savings Plan purchase. */
export const DEFAULT_RULES: readonly Rule[] = [...RESOURCE_RULES, tagMissingRule, savingsPlanPurchaseRule];

export interface GenerateRecommendationsOptions {
  inventory: Inventory;
  engine: CostEngine;
  prices: PriceBook;
  now: Date;
  policy?: RulePolicy;
  rules?: readonly Rule[];
}

export interface RecommendationRun {
  generatedAt: string;
  metricsWindow: TimeRange;
  spendWindow: TimeRange;
  /** Every recommendation, largest saving first. */
  recommendations: Recommendation[];
  groups: RecommendationGroup[];
  /** Best alternative per group, summed: what doing everything would save. */
  totalMonthlySavings: number;
  notes: string[];
  /** Rules that failed, with the error message; the others still ran. */
  failures: { rule: string; message: string }[];
}

const WINDOW_DAYS = 30;

/** The 30 days ending with the last day that has data (or yesterday when there is none). */
function trailingWindow(lastDay: string | undefined, now: Date): TimeRange {
  const end = lastDay ? addDays(lastDay, 1) : toDay(now);
  return { start: addDays(end, -WINDOW_DAYS), end };
}

/** Runs every rule over the inventory and the billing data; one rule failing never loses the others' findings. */
export async function generateRecommendations(
  options: GenerateRecommendationsOptions,
): Promise<RecommendationRun> {
  const { inventory, engine, prices, now } = options;
  const [catalog, lastMetricDay] = await Promise.all([engine.catalog(), inventory.lastMetricDay()]);
  const lastBillingDay = catalog.dataRange ? addDays(catalog.dataRange.end, -1) : undefined;
  const context: RuleContext = {
    inventory,
    engine,
    prices,
    policy: options.policy ?? DEFAULT_RULE_POLICY,
    now,
    metricsWindow: trailingWindow(lastMetricDay, now),
    spendWindow: trailingWindow(lastBillingDay, now),
    accountNames: new Map(
      catalog.accounts.flatMap((account) => (account.name ? [[account.id, account.name] as const] : [])),
    ),
  };
  const rules = options.rules ?? DEFAULT_RULES;
  const outcomes = await Promise.allSettled(rules.map((rule) => rule.run(context)));
  const recommendations: Recommendation[] = [];
  const notes: string[] = [];
  const failures: RecommendationRun['failures'] = [];
  outcomes.forEach((outcome, index) => {
    const rule = rules[index] as Rule;
    if (outcome.status === 'fulfilled') {
      recommendations.push(...outcome.value.recommendations);
      notes.push(...outcome.value.notes);
    } else {
      const message = outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason);
      failures.push({ rule: rule.id, message });
    }
  });
  const groups = groupRecommendations(recommendations);
  return {
    generatedAt: now.toISOString(),
    metricsWindow: context.metricsWindow,
    spendWindow: context.spendWindow,
    recommendations: groups.flatMap((group) => [group.best, ...group.alternatives]),
    groups,
    totalMonthlySavings: totalMonthlySavings(groups),
    notes: [...new Set(notes)],
    failures,
  };
}
