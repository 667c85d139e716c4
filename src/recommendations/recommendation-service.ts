import type { CostEngine } from '../engine/index.ts';
import type { Inventory } from '../inventory/index.ts';
import type { PriceBook } from '../pricing/index.ts';
import type { StateStore } from '../state/index.ts';
import {
  type AuditRecord,
  type AuthorisationPolicy,
  createDecisionService,
  type DecideInput,
  type DecisionResult,
  type ListFilter,
  listStored,
  readAudit,
  type StoredRecommendation,
  type SyncResult,
  saveRun,
} from './decisions/index.ts';
import { generateRecommendations, type RecommendationRun } from './generate-recommendations.ts';
import { DEFAULT_RULE_POLICY, type RulePolicy } from './policy.ts';
import type { Rule } from './rule.ts';

export interface RecommendationService {
  /** Runs every rule and stores the result; decisions already made are kept. */
  refresh(): Promise<{ run: RecommendationRun; sync: SyncResult }>;
  list(filter?: ListFilter): Promise<StoredRecommendation[]>;
  decide(input: DecideInput): Promise<DecisionResult>;
  audit(recommendationId: string): Promise<AuditRecord[]>;
}

export interface RecommendationServiceOptions {
  inventory: Inventory;
  engine: CostEngine;
  prices: PriceBook;
  store: StateStore;
  authorisation: AuthorisationPolicy;
  now: () => Date;
  policy?: RulePolicy;
  rules?: readonly Rule[];
}

export function createRecommendationService(options: RecommendationServiceOptions): RecommendationService {
  const decisions = createDecisionService({
    store: options.store,
    policy: options.authorisation,
    now: options.now,
  });
  return {
    async refresh() {
      const now = options.now();
      const run = await generateRecommendations({
        inventory: options.inventory,
        engine: options.engine,
        prices: options.prices,
        now,
        policy: options.policy ?? DEFAULT_RULE_POLICY,
        ...(options.rules ? { rules: options.rules } : {}),
      });
      const sync = await saveRun(options.store, run, now);
      return { run, sync };
    },
    list: (filter) => listStored(options.store, options.now(), filter),
    decide: (input) => decisions.decide(input),
    audit: (recommendationId) => readAudit(options.store, recommendationId),
  };
}
