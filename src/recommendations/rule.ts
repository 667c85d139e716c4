import type { TimeRange } from '../domain/index.ts';
import type { CostEngine } from '../engine/index.ts';
import type { Inventory } from '../inventory/index.ts';
import type { PriceBook } from '../pricing/index.ts';
import type { Recommendation } from './model.ts';
import type { RulePolicy } from './policy.ts';

/** Everything a rule may read. Rules never write; they return what they found. */
export interface RuleContext {
  inventory: Inventory;
  engine: CostEngine;
  prices: PriceBook;
  policy: RulePolicy;
  /** The run's clock: `generatedAt` and ages ("detached 95 days") are measured from it. */
  now: Date;
  /** The metrics window: the last 30 days of utilisation data (half-open). */
  metricsWindow: TimeRange;
  /** The last 30 full days of billing data (half-open), for spend-based rules. */
  spendWindow: TimeRange;
  /** Account id → name, for titles. */
  accountNames: ReadonlyMap<string, string>;
}

export interface RuleResult {
  recommendations: Recommendation[];
  /** Things the reader should know about the run: "no price for x in y", "no metrics for z". */
  notes: string[];
}

export interface Rule {
  /** Kebab-case, e.g. `ec2-idle`. */
  id: string;
  description: string;
  run(context: RuleContext): Promise<RuleResult>;
}
