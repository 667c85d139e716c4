import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommitmentsSpecialist } from '../../../agents/specialists/commitments-specialist.ts';
import { createTaggingSpecialist } from '../../../agents/specialists/tagging-specialist.ts';
import type { StoredRecommendation } from '../../../src/recommendations/index.ts';
import { type DemoSpecialistSetup, openDemoSpecialistDeps } from '../support/demo-specialist-deps.ts';
import {
  bestPerGroupTotal,
  expectEveryNumberIsAFact,
  factNamed,
  ofTypes,
  runSkill,
} from './support/findings-checks.ts';

const OCTOBER = { start: '2026-10-01', end: '2026-11-01' };
const POLICY = ['team', 'env', 'cost-center', 'owner'];
const STAGING = '553108246790';
const SAVINGS_PLANS = 'Savings Plans for AWS Compute usage';

/** SQL: the row carries `key` with a non-empty value. */
function carries(key: string): string {
  return `len(list_filter(map_entries(Tags), entry -> entry.key = '${key}' AND coalesce(entry.value, '') <> '')) > 0`;
}

describe('tagging and commitments specialists on the demo organisation', () => {
  let setup: DemoSpecialistSetup;
  let open: StoredRecommendation[];

  async function sql(expression: string, where: string, range = OCTOBER): Promise<number> {
    const [row] = await setup.db.all<{ value: number | null }>(
      `SELECT ${expression} AS value FROM line_items
       WHERE x_ChargeDate >= DATE '${range.start}' AND x_ChargeDate < DATE '${range.end}' AND (${where})`,
    );
    return Number(row?.value ?? 0);
  }
  const usage = (where: string) => sql('sum(EffectiveCost)', `ChargeCategory = 'Usage' AND (${where})`);

  beforeAll(async () => {
    setup = await openDemoSpecialistDeps();
    open = await setup.recommendations.list({ status: 'open' });
  }, 60_000);
  afterAll(async () => {
    await setup?.close();
  });

  describe('tagging compliance', () => {
    it('should report the share of usage spend carrying every required tag as SQL over line_items does', async () => {
      const findings = await runSkill(createTaggingSpecialist(setup.deps), 'compliance', { range: OCTOBER });
      const total = await usage('true');
      const compliant = await usage(POLICY.map(carries).join(' AND '));
      expect(factNamed(findings, 'Usage spend').value).toBeCloseTo(total, 2);
      expect(factNamed(findings, 'Spend carrying every required tag').value).toBeCloseTo(compliant, 2);
      expect(factNamed(findings, /^Share of spend carrying every tag/).value).toBeCloseTo(
        compliant / total,
        4,
      );
      for (const key of POLICY) {
        expect(factNamed(findings, `Share of spend tagged ${key}`).value).toBeCloseTo(
          (await usage(carries(key))) / total,
          4,
        );
      }
      expect(factNamed(findings, 'Usage spend').period).toEqual(OCTOBER);
      expect(factNamed(findings, 'Usage spend').source.kind).toBe('demo');
      expect(findings.intent).toBe('tag-compliance');
      expect(findings.charts[0]).toMatchObject({ kind: 'tag_compliance' });
      expectEveryNumberIsAFact(findings);
    });

    it('should list the largest untagged resources, largest first, and the tagging recommendations', async () => {
      const findings = await runSkill(createTaggingSpecialist(setup.deps), 'compliance', {
        range: OCTOBER,
        limit: 3,
      });
      const rows = findings.tables[0]?.rows ?? [];
      expect(rows).toHaveLength(3);
      const values = rows.map((row) => row.value);
      expect(values).toEqual([...values].sort((a, b) => b - a));
      // The largest resource missing a required tag, by SQL.
      const [largest] = await setup.db.all<{ id: string; spend: number }>(
        `SELECT ResourceId AS id, sum(EffectiveCost) AS spend FROM line_items
         WHERE ChargeCategory = 'Usage' AND ResourceId IS NOT NULL
           AND x_ChargeDate >= DATE '${OCTOBER.start}' AND x_ChargeDate < DATE '${OCTOBER.end}'
           AND NOT (${POLICY.map(carries).join(' AND ')})
         GROUP BY ResourceId ORDER BY spend DESC LIMIT 1`,
      );
      expect(rows[0]?.key.resource).toBe(largest?.id);
      expect(rows[0]?.value).toBeCloseTo(Number(largest?.spend), 2);
      const tagging = ofTypes(open, ['tag-missing']);
      expect(factNamed(findings, 'Resources with open tagging recommendations').value).toBe(
        new Set(tagging.map((item) => item.group)).size,
      );
      expect(findings.recommendations.every((item) => item.type === 'tag-missing')).toBe(true);
      expect(findings.recommendations[0]?.evidence).toMatch(
        /^missing [a-z-]+(, [a-z-]+)*; \$[\d,.]+ untagged spend over 30 days$/,
      );
    });

    it('should measure only the tag keys asked about', async () => {
      const findings = await runSkill(createTaggingSpecialist(setup.deps), 'compliance', {
        range: OCTOBER,
        tagKeys: ['team'],
      });
      expect(factNamed(findings, /^Share of spend carrying every tag/).value).toBeCloseTo(
        (await usage(carries('team'))) / (await usage('true')),
        4,
      );
      const missingTeam = ofTypes(open, ['tag-missing']).filter((item) =>
        String(item.current.missingTags).split(', ').includes('team'),
      );
      expect(factNamed(findings, 'Resources with open tagging recommendations').value).toBe(
        missingTeam.length,
      );
    });

    it('should narrow the untagged resources and recommendations to an account, and say the shares are organisation-wide', async () => {
      const findings = await runSkill(createTaggingSpecialist(setup.deps), 'compliance', {
        range: OCTOBER,
        filters: [{ dimension: 'sub_account', op: 'in', values: ['acme-staging'] }],
        limit: 10,
      });
      expect(findings.tables[0]?.rows.length).toBeGreaterThan(0);
      const ids = new Set(
        (
          await setup.db.all<{ id: string }>(
            `SELECT resource_id AS id FROM resources WHERE account_id = '${STAGING}'`,
          )
        ).map((row) => row.id),
      );
      for (const row of findings.tables[0]?.rows ?? []) expect(ids.has(String(row.key.resource))).toBe(true);
      expect(findings.recommendations.every((item) => item.account === STAGING)).toBe(true);
      const gap = await usage(`SubAccountId = '${STAGING}' AND NOT (${POLICY.map(carries).join(' AND ')})`);
      expect(factNamed(findings, /in the accounts asked about$/).value).toBeCloseTo(gap, 1);
      expect(findings.warnings.some((warning) => /cover the whole organisation/.test(warning))).toBe(true);
    });

    it('should refuse an empty tag key list with a message naming tagKeys', async () => {
      await expect(
        runSkill(createTaggingSpecialist(setup.deps), 'compliance', { range: OCTOBER, tagKeys: [''] }),
      ).rejects.toThrow(/skill "compliance" got a bad input: tagKeys\.0/);
    });
  });

  describe('commitments coverage', () => {
    it('should report coverage and utilisation as the cost-explorer tools compute them, and the purchase', async () => {
      const findings = await runSkill(createCommitmentsSpecialist(setup.deps), 'coverage', {
        range: OCTOBER,
      });
      const coverage = (
        await setup.deps.mcp.costExplorer.callTool({
          name: 'get_savings_plans_coverage',
          arguments: { period: OCTOBER },
        })
      ).structuredContent as { covered_spend: number; on_demand_spend: number };
      const covered = factNamed(findings, /^Eligible usage covered/).value;
      const onDemand = factNamed(findings, 'Eligible usage billed on demand').value;
      expect(covered).toBe(coverage.covered_spend);
      expect(onDemand).toBe(coverage.on_demand_spend);
      expect(factNamed(findings, /^Savings Plans-eligible usage/).value).toBeCloseTo(covered + onDemand, 6);
      expect(factNamed(findings, 'Savings Plans coverage of eligible usage').value).toBeCloseTo(
        covered / (covered + onDemand),
        4,
      );
      // The fee rows (tax on them aside): what was committed (billed) and what of it went unused (their effective cost).
      const committed = await sql(
        'sum(BilledCost)',
        `ServiceName = '${SAVINGS_PLANS}' AND ChargeCategory = 'Purchase'`,
      );
      const unused = await sql(
        'sum(EffectiveCost)',
        `ServiceName = '${SAVINGS_PLANS}' AND ChargeCategory = 'Purchase'`,
      );
      expect(committed).toBeGreaterThan(0);
      expect(factNamed(findings, 'Savings Plans commitment').value).toBeCloseTo(committed, 1);
      expect(factNamed(findings, 'Unused Savings Plans commitment').value).toBeCloseTo(unused, 1);
      expect(factNamed(findings, 'Savings Plans utilisation').value).toBeCloseTo(1 - unused / committed, 3);
      const purchases = ofTypes(open, ['savings-plan-purchase']);
      expect(purchases.length).toBeGreaterThan(0);
      expect(factNamed(findings, /^Estimated monthly savings/).value).toBe(bestPerGroupTotal(purchases));
      expect(findings.recommendations[0]?.type).toBe('savings-plan-purchase');
      expect(findings.intent).toBe('commitment-coverage');
      expectEveryNumberIsAFact(findings);
    });

    it('should say filters narrow only the purchase recommendations', async () => {
      const findings = await runSkill(createCommitmentsSpecialist(setup.deps), 'coverage', {
        range: OCTOBER,
        filters: [{ dimension: 'sub_account', op: 'in', values: ['acme-prod'] }],
      });
      // The purchase is made in the payer account, so a filter on a linked account leaves none.
      expect(findings.recommendations).toEqual([]);
      expect(findings.summary).toContain('No open Savings Plans purchase recommendations.');
      expect(
        findings.warnings.some((warning) => /narrow only the purchase recommendations/.test(warning)),
      ).toBe(true);
    });
  });
});
