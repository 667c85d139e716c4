import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEc2Specialist } from '../../../agents/specialists/ec2-specialist.ts';
import { createRdsSpecialist } from '../../../agents/specialists/rds-specialist.ts';
import { createS3Specialist } from '../../../agents/specialists/s3-specialist.ts';
import { FinopsError } from '../../../src/errors.ts';
import type { StoredRecommendation } from '../../../src/recommendations/index.ts';
import { type DemoSpecialistSetup, openDemoSpecialistDeps } from '../support/demo-specialist-deps.ts';
import {
  bestPerGroupTotal,
  expectEveryNumberIsAFact,
  factNamed,
  ofTypes,
  runSkill,
} from './support/findings-checks.ts';

const NOVEMBER = { start: '2026-11-01', end: '2026-12-01' };
const OCTOBER = { start: '2026-10-01', end: '2026-11-01' };
const EC2 = 'Amazon Elastic Compute Cloud';
const STAGING = '553108246790';

describe('EC2, S3 and RDS specialists on the demo organisation', () => {
  let setup: DemoSpecialistSetup;
  let open: StoredRecommendation[];

  /** Spend by SQL over line_items: the independent check of what the cost-explorer tool returns. */
  async function sqlSpend(
    service: string,
    range: { start: string; end: string },
    where = 'true',
  ): Promise<number> {
    const [row] = await setup.db.all<{ value: number | null }>(
      `SELECT sum(EffectiveCost) AS value FROM line_items
       WHERE ServiceName = '${service}' AND x_ChargeDate >= DATE '${range.start}' AND x_ChargeDate < DATE '${range.end}'
         AND (${where})`,
    );
    return Number(row?.value ?? 0);
  }

  beforeAll(async () => {
    setup = await openDemoSpecialistDeps();
    open = await setup.recommendations.list({ status: 'open' });
  }, 60_000);
  afterAll(async () => {
    await setup?.close();
  });

  describe('ec2 savings', () => {
    it('should report EC2 spend equal to a SQL sum over line_items for the range', async () => {
      const findings = await runSkill(createEc2Specialist(setup.deps), 'savings', { range: OCTOBER });
      const spend = factNamed(findings, 'EC2 spend');
      expect(spend.value).toBeCloseTo(await sqlSpend(EC2, OCTOBER), 6);
      expect(spend.metric).toBe('EffectiveCost');
      expect(spend.period).toEqual(OCTOBER);
      expect(spend.source).toMatchObject({
        kind: 'demo',
        name: 'demo organisation (seed 42)',
        dataThrough: '2026-11-23',
      });
      expect(spend.filters).toEqual([{ dimension: 'service', op: 'in', values: [EC2] }]);
      expect(findings.intent).toBe('ec2-savings');
    });

    it('should total the savings counting only the best option of each resource', async () => {
      const findings = await runSkill(createEc2Specialist(setup.deps), 'savings', { range: NOVEMBER });
      const ec2 = ofTypes(open, ['ec2-', 'ebs-']);
      const total = factNamed(findings, /^Estimated monthly savings/);
      expect(total.value).toBe(bestPerGroupTotal(ec2));
      // Alternatives exist on the demo, so adding every item would overstate the saving.
      const naive = ec2.reduce((sum, item) => sum + (item.estimatedMonthlySavings ?? 0), 0);
      expect(naive).toBeGreaterThan(total.value + 1);
      expect(factNamed(findings, 'open EC2 recommendations').value).toBe(ec2.length);
      expect(factNamed(findings, 'Resources with open EC2 recommendations').value).toBe(
        new Set(ec2.map((item) => item.group)).size,
      );
      expectEveryNumberIsAFact(findings);
      expect(findings.warnings).toContain('Data runs through 2026-11-23: November 2026 is not complete yet.');
    });

    it('should list the top recommendations largest first, one per resource, with effort, risk and evidence', async () => {
      const findings = await runSkill(createEc2Specialist(setup.deps), 'savings', {
        range: NOVEMBER,
        limit: 4,
      });
      expect(findings.recommendations).toHaveLength(4);
      const savings = findings.recommendations.map((item) => item.estimatedMonthlySavings);
      expect(savings).toEqual([...savings].sort((a, b) => b - a));
      expect(new Set(findings.recommendations.map((item) => item.resourceId)).size).toBe(4);
      // The largest best-of-group saving in the list, found independently.
      const ec2 = ofTypes(open, ['ec2-', 'ebs-']);
      expect(savings[0]).toBe(Math.max(...ec2.map((item) => item.estimatedMonthlySavings ?? 0)));
      for (const item of findings.recommendations) {
        expect(item.effort).toMatch(/low|medium|high/);
        expect(item.risk).toMatch(/low|medium|high/);
        expect(item.evidence).toBeTruthy();
      }
    });

    it('should find the planted idle instances with their CPU evidence', async () => {
      const idle = setup.manifest.stories.find((story) => story.id === 'idle-ec2-instances');
      expect(idle?.resourceIds.length).toBeGreaterThan(0);
      const findings = await runSkill(createEc2Specialist(setup.deps), 'savings', {
        range: NOVEMBER,
        filters: [{ dimension: 'resource', op: 'in', values: idle?.resourceIds ?? [] }],
        limit: 50,
      });
      const cards = findings.recommendations.filter((item) => item.type === 'ec2-idle');
      expect(cards.map((item) => item.resourceId).sort()).toEqual([...(idle?.resourceIds ?? [])].sort());
      for (const card of cards)
        expect(card.evidence).toMatch(/^CPU p95 \d+(\.\d+)? % over 30 days \(threshold < 5 %\)$/);
      expect(findings.summary).toContain('Idle instances to stop: 3');
    });

    it('should count low-CPU instances through the cloudwatch tool as SQL over the hourly datapoints does', async () => {
      const findings = await runSkill(createEc2Specialist(setup.deps), 'savings', { range: NOVEMBER });
      const rows = await setup.db.all<{ p95: number }>(
        `SELECT quantile_cont(u.value, 0.95) AS p95 FROM utilization_hourly u
         JOIN resources r ON r.resource_id = u.resource_id AND r.resource_type = 'ec2_instance'
         WHERE u.metric = 'cpu_percent' AND u.ts >= TIMESTAMP '2026-10-25' AND u.ts < TIMESTAMP '2026-11-24'
         GROUP BY u.resource_id`,
      );
      expect(factNamed(findings, 'EC2 instances with CPU data').value).toBe(rows.length);
      expect(factNamed(findings, 'EC2 instances with CPU p95 under 5 %').value).toBe(
        rows.filter((row) => row.p95 < 5).length,
      );
      expect(factNamed(findings, 'EC2 instances with CPU p95 under 40 %').value).toBe(
        rows.filter((row) => row.p95 < 40).length,
      );
      expect(factNamed(findings, 'EC2 instances with CPU data').source.name).toMatch(/utilisation/);
    });

    it('should narrow spend, recommendations and utilisation to an account filter given by name', async () => {
      const findings = await runSkill(createEc2Specialist(setup.deps), 'savings', {
        range: OCTOBER,
        filters: [{ dimension: 'sub_account', op: 'in', values: ['acme-staging'] }],
        limit: 50,
      });
      expect(factNamed(findings, 'EC2 spend').value).toBeCloseTo(
        await sqlSpend(EC2, OCTOBER, `SubAccountId = '${STAGING}'`),
        6,
      );
      const staging = ofTypes(open, ['ec2-', 'ebs-']).filter((item) => item.accountId === STAGING);
      expect(staging.length).toBeGreaterThan(0);
      expect(factNamed(findings, /^Estimated monthly savings/).value).toBe(bestPerGroupTotal(staging));
      expect(findings.recommendations.every((item) => item.account === STAGING)).toBe(true);
      const [row] = await setup.db.all<{ n: number }>(
        `SELECT count(DISTINCT u.resource_id)::INTEGER AS n FROM utilization_hourly u
         JOIN resources r ON r.resource_id = u.resource_id AND r.resource_type = 'ec2_instance' AND r.account_id = '${STAGING}'
         WHERE u.metric = 'cpu_percent' AND u.ts >= TIMESTAMP '2026-10-25' AND u.ts < TIMESTAMP '2026-11-24'`,
      );
      expect(factNamed(findings, 'EC2 instances with CPU data').value).toBe(row?.n);
    });

    it('should narrow recommendations to a tag filter and a region filter', async () => {
      const findings = await runSkill(createEc2Specialist(setup.deps), 'savings', {
        range: OCTOBER,
        filters: [
          { dimension: 'tag:team', op: 'in', values: ['search'] },
          { dimension: 'region', op: 'in', values: ['us-east-1'] },
        ],
        limit: 50,
      });
      const expected = ofTypes(open, ['ec2-', 'ebs-']).filter(
        (item) => item.tags.team === 'search' && item.region === 'us-east-1',
      );
      expect(expected.length).toBeGreaterThan(0);
      expect(factNamed(findings, 'open EC2 recommendations').value).toBe(expected.length);
      expect(factNamed(findings, /^Estimated monthly savings/).value).toBe(bestPerGroupTotal(expected));
      expect(factNamed(findings, 'EC2 spend').value).toBeCloseTo(
        await sqlSpend(EC2, OCTOBER, `Tags['team'] = 'search' AND RegionId = 'us-east-1'`),
        6,
      );
      expect(findings.warnings.some((warning) => /tag filters do not narrow/.test(warning))).toBe(true);
    });

    it('should refuse a bad input with a message naming the field', async () => {
      const skill = createEc2Specialist(setup.deps).skills[0];
      const context = {
        contextId: 't',
        step: 1,
        signal: new AbortController().signal,
        deadlineMs: undefined,
      };
      await expect(skill?.run({ filters: [] }, context)).rejects.toThrow(
        /skill "savings" got a bad input: range/,
      );
      await expect(skill?.run({ range: OCTOBER, limit: 'five' }, context)).rejects.toThrow(/limit/);
      await expect(
        skill?.run(
          { range: OCTOBER, filters: [{ dimension: 'colour', op: 'in', values: ['red'] }] },
          context,
        ),
      ).rejects.toBeInstanceOf(FinopsError);
      await expect(
        skill?.run({ range: { start: '2026-11-01', end: '2026-10-01' } }, context),
      ).rejects.toThrow(/end after it starts/);
    });

    it('should fail with the tool and its reason when a filter names an account the data does not have', async () => {
      const run = runSkill(createEc2Specialist(setup.deps), 'savings', {
        range: OCTOBER,
        filters: [{ dimension: 'sub_account', op: 'in', values: ['acme-nowhere'] }],
      });
      await expect(run).rejects.toThrow(
        /MCP tool get_cost_and_usage \(cost-explorer server\) failed: .*acme-nowhere/,
      );
    });
  });

  describe('s3 savings', () => {
    it('should report S3 spend and the cold bucket, with unpriced lifecycle items counted apart', async () => {
      const findings = await runSkill(createS3Specialist(setup.deps), 'savings', {
        range: OCTOBER,
        limit: 10,
      });
      const service = 'Amazon Simple Storage Service';
      expect(factNamed(findings, 'S3 spend').value).toBeCloseTo(await sqlSpend(service, OCTOBER), 6);
      const s3 = ofTypes(open, ['s3-']);
      expect(factNamed(findings, /^Estimated monthly savings/).value).toBe(bestPerGroupTotal(s3));
      const cold = setup.manifest.stories.find((story) => story.id === 'cold-s3-standard');
      const card = findings.recommendations.find((item) => item.resourceId === cold?.resourceIds[0]);
      expect(card?.type).toBe('s3-storage-class');
      expect(findings.recommendations[0]?.resourceId).toBe(cold?.resourceIds[0]);
      const unpriced = new Set(
        s3.filter((item) => item.estimatedMonthlySavings === null).map((item) => item.group),
      );
      // A group is unpriced when its best option is: a priced alternative wins.
      const pricedGroups = new Set(
        s3.filter((item) => item.estimatedMonthlySavings !== null).map((item) => item.group),
      );
      const onlyUnpriced = [...unpriced].filter((group) => !pricedGroups.has(group)).length;
      expect(factNamed(findings, /not priced$/).value).toBe(onlyUnpriced);
      expectEveryNumberIsAFact(findings);
      expect(findings.charts[0]).toMatchObject({ kind: 'savings' });
    });
  });

  describe('rds savings', () => {
    it('should report the idle database with its connection evidence', async () => {
      const findings = await runSkill(createRdsSpecialist(setup.deps), 'savings', { range: OCTOBER });
      const service = 'Amazon Relational Database Service';
      expect(factNamed(findings, 'RDS spend').value).toBeCloseTo(await sqlSpend(service, OCTOBER), 6);
      const idle = setup.manifest.stories.find((story) => story.id === 'idle-rds-instance');
      const card = findings.recommendations.find((item) => item.type === 'rds-idle');
      expect(
        idle?.resourceIds.some((id) => card?.resourceId === id || card?.resourceId?.endsWith(`:db:${id}`)),
      ).toBe(true);
      expect(card?.evidence).toMatch(/days without connections \d+ days \(threshold ≥ 7 days\)/);
      expect(factNamed(findings, /^Estimated monthly savings/).value).toBe(
        bestPerGroupTotal(ofTypes(open, ['rds-'])),
      );
      expectEveryNumberIsAFact(findings);
    });

    it('should say there is nothing open, with the spend, when a filter leaves no recommendation', async () => {
      const findings = await runSkill(createRdsSpecialist(setup.deps), 'savings', {
        range: OCTOBER,
        filters: [{ dimension: 'sub_account', op: 'in', values: ['acme-data'] }],
      });
      const spend = await sqlSpend(
        'Amazon Relational Database Service',
        OCTOBER,
        `SubAccountId = '661473025816'`,
      );
      expect(findings.recommendations).toEqual([]);
      expect(factNamed(findings, 'RDS spend').value).toBeCloseTo(spend, 6);
      expect(findings.summary).toMatch(
        /^No open RDS recommendations; RDS spend for October 2026 is \*\$[\d,.]+\*\.$/,
      );
      expectEveryNumberIsAFact(findings);
    });
  });
});
