import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recommendationSchema } from '../../../src/recommendations/model.ts';
import type { RuleContext } from '../../../src/recommendations/rule.ts';
import {
  type TagComplianceReport,
  tagComplianceReport,
  tagMissingRule,
} from '../../../src/recommendations/tagging/index.ts';
import type { Database } from '../../../src/store/database.ts';
import { demoRuleContext, sqlScalar, WINDOW } from '../support/rule-context.ts';

const KEYS = ['team', 'env', 'cost-center', 'owner'];
const SCOPE = `ChargeCategory = 'Usage' AND x_ChargeDate >= DATE '${WINDOW.start}' AND x_ChargeDate < DATE '${WINDOW.end}'`;
const has = (key: string) => `coalesce(Tags['${key}'], '') <> ''`;
const ALL_PRESENT = KEYS.map(has).join(' AND ');

// Expected figures come from SQL over the Tags map of line_items, not from the cost engine the
// report uses (which joins the indexed tag_sets table).
describe('tagComplianceReport on the demo organisation', () => {
  let db: Database;
  let context: RuleContext;
  let report: TagComplianceReport;

  beforeAll(async () => {
    ({ db, context } = await demoRuleContext());
    report = await tagComplianceReport(context);
  }, 60_000);

  afterAll(async () => {
    await db.close();
  });

  const scalar = (sql: string) => sqlScalar(db, sql);

  it('should state total, compliant and wholly untagged usage spend as SQL sums them', async () => {
    const total = await scalar(`SELECT sum(EffectiveCost) AS value FROM line_items WHERE ${SCOPE}`);
    const compliant = await scalar(
      `SELECT sum(EffectiveCost) AS value FROM line_items WHERE ${SCOPE} AND ${ALL_PRESENT}`,
    );
    const untagged = await scalar(
      `SELECT sum(EffectiveCost) AS value FROM line_items WHERE ${SCOPE} AND NOT (${KEYS.map(has).join(' OR ')})`,
    );
    expect(report.spend.totalUsd).toBeCloseTo(total, 4);
    expect(report.spend.compliantUsd).toBeCloseTo(compliant, 4);
    expect(report.spend.nonCompliantUsd).toBeCloseTo(total - compliant, 4);
    expect(report.spend.untaggedUsd).toBeCloseTo(untagged, 4);
    expect(report.spend.compliance).toBeCloseTo(compliant / total, 8);
    // The demo tags most but not all of its spend, and some resources lack only `owner`.
    expect(report.spend.compliance).toBeGreaterThan(0.5);
    expect(report.spend.compliance).toBeLessThan(0.9);
  });

  it('should state the spend missing each required key', async () => {
    for (const key of KEYS) {
      const missing = await scalar(
        `SELECT sum(EffectiveCost) AS value FROM line_items WHERE ${SCOPE} AND NOT ${has(key)}`,
      );
      const coverage = report.spend.byKey.find((entry) => entry.key === key);
      expect(coverage?.missingUsd).toBeCloseTo(missing, 4);
    }
  });

  it('should list non-compliant spend by account and service, largest first', async () => {
    const rows = await db.all<{ account: string; service: string; total: number; non_compliant: number }>(
      `SELECT SubAccountId AS account, ServiceName AS service, sum(EffectiveCost) AS total,
         coalesce(sum(EffectiveCost) FILTER (WHERE NOT (${ALL_PRESENT})), 0) AS non_compliant
       FROM line_items WHERE ${SCOPE} GROUP BY ALL HAVING non_compliant > 0.005 ORDER BY non_compliant DESC`,
    );
    expect(report.byAccountService).toHaveLength(rows.length);
    for (const row of rows) {
      const gap = report.byAccountService.find(
        (entry) => entry.accountId === row.account && entry.service === row.service,
      );
      expect(gap?.nonCompliantUsd).toBeCloseTo(row.non_compliant, 4);
      expect(gap?.totalUsd).toBeCloseTo(row.total, 4);
    }
    const amounts = report.byAccountService.map((gap) => gap.nonCompliantUsd);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    expect(report.byAccountService[0]?.accountName).toBe('acme-prod');
  });

  it('should count compliant resources in the inventory', async () => {
    const total = await scalar('SELECT count(*) AS value FROM resources');
    const compliant = await scalar(
      `SELECT count(*) AS value FROM resources WHERE ${KEYS.map((key) => `coalesce(tags['${key}'], '') <> ''`).join(' AND ')}`,
    );
    expect(report.resources.total).toBe(total);
    expect(report.resources.compliant).toBe(compliant);
    expect(report.resources.compliance).toBeCloseTo(compliant / total, 10);
    const missingOwner = await scalar(
      `SELECT count(*) AS value FROM resources WHERE coalesce(tags['owner'], '') = ''`,
    );
    expect(report.resources.byKey.find((entry) => entry.key === 'owner')?.missing).toBe(missingOwner);
  });

  it('should rank the top untagged resources by their non-compliant spend', async () => {
    const rows = await db.all<{ resource: string; spend: number }>(
      `SELECT ResourceId AS resource, sum(EffectiveCost) AS spend FROM line_items
       WHERE ${SCOPE} AND ResourceId IS NOT NULL AND NOT (${ALL_PRESENT})
       GROUP BY ALL ORDER BY spend DESC, resource LIMIT 20`,
    );
    expect(report.topUntaggedResources.map((resource) => resource.resourceId)).toEqual(
      rows.map((row) => row.resource),
    );
    rows.forEach((row, index) => {
      expect(report.topUntaggedResources[index]?.nonCompliantUsd).toBeCloseTo(row.spend, 4);
    });
    const withoutResource = await scalar(
      `SELECT sum(EffectiveCost) AS value FROM line_items WHERE ${SCOPE} AND ResourceId IS NULL AND NOT (${ALL_PRESENT})`,
    );
    expect(report.spend.withoutResourceUsd).toBeCloseTo(withoutResource, 4);
  });

  it('should emit tag-missing items that save nothing, sit in their own group and carry a runnable CLI', async () => {
    const result = await tagMissingRule.run(context);
    expect(result.recommendations.length).toBeGreaterThan(0);
    expect(result.recommendations.length).toBeLessThanOrEqual(20);
    for (const item of result.recommendations) {
      expect(() => recommendationSchema.parse(item)).not.toThrow();
      expect(item.type).toBe('tag-missing');
      expect(item.estimatedMonthlySavings).toBe(0);
      expect(item.group).toBe(`tags:${item.accountId}:${item.resourceId}`);
      expect(item.effort).toBe('low');
      expect(item.risk).toBe('low');
      expect(item.steps.cli[0]).toMatch(
        /^aws resourcegroupstaggingapi tag-resources --region \S+ --resource-arn-list \S+ --tags /,
      );
      const [row] = await db.all<{ spend: number }>(
        `SELECT sum(EffectiveCost) AS spend FROM line_items
         WHERE ${SCOPE} AND ResourceId = $1 AND NOT (${ALL_PRESENT})`,
        [item.resourceId],
      );
      // The window is 30 days, so the monthly figure is the window's spend.
      expect(item.currentMonthlyCost).toBeCloseTo(row?.spend ?? Number.NaN, 2);
    }
  });

  it("should suggest checkout-cache's owner from the rest of team checkout, which agrees on one", async () => {
    const result = await tagMissingRule.run(context);
    const cache = result.recommendations.find((item) => item.resourceName === 'checkout-cache-01');
    const owners = await db.all<{ owner: string }>(
      `SELECT DISTINCT tags['owner'] AS owner FROM resources
       WHERE tags['team'] = 'checkout' AND coalesce(tags['owner'], '') <> ''`,
    );
    expect(owners).toHaveLength(1);
    expect(cache?.proposed['tag:owner']).toBe(owners[0]?.owner);
    expect(String(cache?.proposed['basis:owner'])).toMatch(/^same-team: /);
    expect(cache?.steps.cli[0]).toContain(`arn:aws:ec2:us-east-1:442069174385:instance/${cache?.resourceId}`);
  });

  it('should not guess a team for the sandbox, where no neighbour carries one', async () => {
    const result = await tagMissingRule.run(context);
    const sandbox = result.recommendations.filter((item) => item.accountName === 'acme-sandbox');
    expect(sandbox.length).toBeGreaterThan(0);
    for (const item of sandbox) {
      expect(item.proposed['tag:team']).toBeUndefined();
      expect(item.warnings.join(' ')).toMatch(/No value for team/);
      expect(item.steps.cli[0]).toContain("team='<team>'");
    }
  });
});
