import { generateDemoOrganisation } from '../../../src/demo/index.ts';
import { createDuckDbCostEngine } from '../../../src/engine/index.ts';
import { createDuckDbInventory } from '../../../src/inventory/index.ts';
import { DEFAULT_RULE_POLICY, type RulePolicy } from '../../../src/recommendations/policy.ts';
import type { RuleContext } from '../../../src/recommendations/rule.ts';
import { type Database, openDatabase } from '../../../src/store/database.ts';

export const NOW = new Date('2026-11-24T09:00:00Z');
/** The 30 days before NOW's day, half-open. */
export const WINDOW = { start: '2026-10-25', end: '2026-11-24' };

/** A rule context over `db`, as the recommendation runner builds it. */
export async function ruleContext(
  db: Database,
  policy: RulePolicy = DEFAULT_RULE_POLICY,
): Promise<RuleContext> {
  const engine = createDuckDbCostEngine({ db });
  const catalog = await engine.catalog();
  return {
    inventory: createDuckDbInventory({ db }),
    engine,
    // The tagging and Savings Plan rules read no prices (the snapshot has no Savings Plan rates);
    // the price book is not needed to test them.
    prices: {} as RuleContext['prices'],
    policy,
    now: NOW,
    metricsWindow: WINDOW,
    spendWindow: WINDOW,
    accountNames: new Map(catalog.accounts.map((account) => [account.id, account.name ?? account.id])),
  };
}

/** An in-memory database with the demo organisation generated for NOW, and a rule context over it. */
export async function demoRuleContext(): Promise<{ db: Database; context: RuleContext }> {
  const db = await openDatabase({ dataDir: ':memory:' });
  await generateDemoOrganisation(db, { now: NOW });
  return { db, context: await ruleContext(db) };
}

/** The `value` column of a one-row query, 0 when it is NULL: for checking reports against SQL. */
export async function sqlScalar(db: Database, sql: string): Promise<number> {
  const [row] = await db.all<{ value: number | null }>(sql);
  return row?.value ?? 0;
}
