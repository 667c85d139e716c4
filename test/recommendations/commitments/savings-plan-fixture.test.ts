import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  NO_RATE_WARNING,
  type SavingsPlanReport,
  savingsPlanPurchaseRule,
  savingsPlanReport,
} from '../../../src/recommendations/commitments/index.ts';
import type { RuleResult } from '../../../src/recommendations/rule.ts';
import { type Database, openDatabase } from '../../../src/store/database.ts';
import { insertLineItems, type TestLineItem } from '../../support/line-item-rows.ts';
import { ruleContext, WINDOW } from '../support/rule-context.ts';

const EC2 = 'Amazon Elastic Compute Cloud';
const PAYER = '999988887777'; // the billing account insertLineItems writes
const ACCOUNT = '111111111111';
const PLAN = `arn:aws:savingsplans::${PAYER}:savingsplan/0b7c2d4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f`;
/** Days of on-demand spend below the usual $20 on the EC2 instance. */
const LOW_DAYS: Record<string, number> = { '2026-10-31': 5, '2026-11-07': 8, '2026-11-14': 12 };

function days(start: string, end: string): string[] {
  const result: string[] = [];
  for (
    let day = start;
    day < end;
    day = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
  )
    result.push(day);
  return result;
}

/**
 * A plan of $0.30/hour bought before October, covering one instance whose usage lists at $10 a
 * day and costs $7 through the plan (30 % off), every day from 1 October; one on-demand instance
 * at $20 a day in the window except three low days; Lambda duration $2 a day; and usage no plan
 * covers (Spot, EBS, Lambda requests).
 */
function rows(options: { plan: boolean; feeUsageType?: string }): TestLineItem[] {
  const items: TestLineItem[] = [];
  const usage = (day: string, usageType: string, billed: number, extra: Partial<TestLineItem> = {}) =>
    items.push({ day, service: EC2, account: ACCOUNT, usageType, billed, ...extra });
  if (options.plan) {
    for (const day of days('2026-10-01', WINDOW.end))
      usage(day, 'BoxUsage:m5.xlarge', 0, { resource: 'i-covered', effective: 7, list: 10 });
    const fee = (day: string, hours: number, unused: number) =>
      items.push({
        day,
        service: 'Savings Plans for AWS Compute usage',
        account: PAYER,
        chargeCategory: 'Purchase',
        usageType: options.feeUsageType ?? 'ComputeSP:1yrNoUpfront',
        resource: PLAN,
        billed: hours * 0.3,
        effective: unused,
      });
    // October: 31 days × 24 h × $0.30 = $223.20, of which 31 × $7 = $217 used; November to the 23rd: 23 days.
    fee('2026-10-01', 31 * 24, 223.2 - 217);
    fee('2026-11-01', 23 * 24, 165.6 - 161);
  }
  // The day before the window must not count.
  usage('2026-10-24', 'BoxUsage:c5.large', 1, { resource: 'i-on-demand' });
  for (const day of days(WINDOW.start, WINDOW.end)) {
    usage(day, 'BoxUsage:c5.large', LOW_DAYS[day] ?? 20, { resource: 'i-on-demand' });
    items.push({ day, service: 'AWS Lambda', account: ACCOUNT, usageType: 'Lambda-GB-Second', billed: 2 });
    items.push({ day, service: 'AWS Lambda', account: ACCOUNT, usageType: 'Request', billed: 1 });
    usage(day, 'SpotUsage:c5.large', 4, { resource: 'i-spot' });
    usage(day, 'EBS:VolumeUsage.gp3', 3, { resource: 'vol-1' });
  }
  return items;
}

async function build(options: { plan: boolean; feeUsageType?: string }) {
  const db = await openDatabase({ dataDir: ':memory:' });
  await insertLineItems(db, rows(options));
  const context = await ruleContext(db);
  const report = await savingsPlanReport(context);
  const result = await savingsPlanPurchaseRule.run(context);
  return { db, report, result };
}

describe('savingsPlanReport and savingsPlanPurchaseRule on a hand-built organisation with a plan', () => {
  let db: Database;
  let report: SavingsPlanReport;
  let result: RuleResult;

  beforeAll(async () => {
    ({ db, report, result } = await build({ plan: true }));
  });

  afterAll(async () => {
    await db.close();
  });

  it('should measure coverage in on-demand dollars over eligible usage only', () => {
    // Window: covered 30 × $10 = $300 at on-demand rates; on demand EC2 27 × 20 + 5 + 8 + 12 = $565, Lambda 30 × 2 = $60.
    expect(report.coverage.coveredOnDemandEquivalentUsd).toBeCloseTo(300, 8);
    expect(report.coverage.coveredEffectiveUsd).toBeCloseTo(210, 8);
    expect(report.coverage.onDemandUsd).toBeCloseTo(625, 8);
    expect(report.coverage.coverage).toBeCloseTo(300 / 925, 10);
    const ec2 = report.coverage.byFamily.find((family) => family.family === 'ec2-instance');
    expect(ec2?.coverage).toBeCloseTo(300 / 865, 10);
    expect(ec2?.observedDiscount).toBeCloseTo(0.3, 10);
    expect(ec2?.usageTypes).toEqual(['BoxUsage:c5.large', 'BoxUsage:m5.xlarge']);
    const lambda = report.coverage.byFamily.find((family) => family.family === 'lambda');
    expect(lambda).toMatchObject({ coverage: 0, observedDiscount: null, usageTypes: ['Lambda-GB-Second'] });
  });

  it('should measure utilisation from the fee rows and the covered usage since the 1st of the month', () => {
    expect(report.utilisation.range).toEqual({ start: '2026-10-01', end: WINDOW.end });
    // Used: 54 days × $7 = $378; unused: $6.20 + $4.60; purchased $388.80 = 54 × 24 h × $0.30.
    expect(report.utilisation.usedUsd).toBeCloseTo(378, 8);
    expect(report.utilisation.unusedUsd).toBeCloseTo(10.8, 8);
    expect(report.utilisation.purchasedUsd).toBeCloseTo(388.8, 8);
    expect(report.utilisation.utilisation).toBeCloseTo(378 / 388.8, 10);
    expect(report.utilisation.hourlyCommitmentUsd).toBeCloseTo(0.3, 10);
    expect(report.utilisation.plans).toEqual([
      {
        planId: PLAN,
        accountId: PAYER,
        usageType: 'ComputeSP:1yrNoUpfront',
        terms: { termYears: 1, paymentOption: 'NoUpfront' },
        billedUsd: expect.closeTo(388.8, 8),
        unusedUsd: expect.closeTo(10.8, 8),
      },
    ]);
  });

  it('should give the daily on-demand series of the window with each family apart', () => {
    expect(report.dailyOnDemand).toHaveLength(30);
    expect(report.dailyOnDemand[0]).toEqual({
      day: WINDOW.start,
      byFamily: { 'ec2-instance': 20, fargate: 0, lambda: 2 },
      totalUsd: 22,
    });
    expect(report.dailyOnDemand.find((day) => day.day === '2026-11-07')?.byFamily['ec2-instance']).toBe(8);
  });

  it('should size the commitment on the p10 day of the families whose discount it observed', () => {
    const [item] = result.recommendations;
    // EC2 on demand sorted: 5, 8, 12, 20 …: the p10 of 30 days is the third lowest, $12 a day = $0.50/hour.
    expect(item?.proposed).toMatchObject({
      planType: 'Compute Savings Plan',
      term: '1 year',
      paymentOption: 'No Upfront',
      onDemandEquivalentHourlyUsd: 0.5,
      hourlyCommitmentUsd: 0.35,
      upfrontUsd: 0,
      paybackMonths: 0,
    });
    expect(item?.currentMonthlyCost).toBe(365);
    // $0.50 × 730 h × 30 %.
    expect(item?.estimatedMonthlySavings).toBe(109.5);
    expect(item?.evidence[0]).toMatchObject({
      value: 12,
      datapoints: 30,
      threshold: 'spend at or above it on 28 of 30 days',
    });
    expect(item?.accountId).toBe(PAYER);
    expect(item?.group).toBe(`commitments:${PAYER}`);
    expect(item?.resourceId).toBe(`savings-plan:compute:${PAYER}`);
    expect(item?.rationale).toContain("computed after today's coverage");
    expect(item?.rationale).toContain('Rightsizing or idle recommendations reduce the floor');
    expect(item?.rationale).toContain('savings start with the first monthly bill');
    expect(item?.warnings.join(' ')).toContain(
      'Lambda duration and provisioned concurrency: $60.00 on demand',
    );
    expect(item?.warnings).not.toContain(NO_RATE_WARNING);
  });

  it('should report coverage and utilisation in the run notes', () => {
    expect(result.notes).toContain(
      'Savings Plan coverage 32.4 % over 2026-10-25 – 2026-11-24: $300.00 of $925.00 eligible usage at on-demand rates.',
    );
    expect(result.notes).toContain(
      'Savings Plan utilisation 97.2 % over 2026-10-01 – 2026-11-24: $378.00 used of $388.80 committed.',
    );
  });
});

describe('savingsPlanPurchaseRule without a Savings Plan in the data', () => {
  let db: Database;
  let report: SavingsPlanReport;
  let result: RuleResult;

  beforeAll(async () => {
    ({ db, report, result } = await build({ plan: false }));
  });

  afterAll(async () => {
    await db.close();
  });

  it('should leave utilisation undefined and observe no discount', () => {
    expect(report.utilisation.plans).toEqual([]);
    expect(report.utilisation.utilisation).toBeNull();
    expect(report.coverage.coverage).toBe(0);
    expect(report.coverage.byFamily.every((family) => family.observedDiscount === null)).toBe(true);
  });

  it('should still give the floor, in on-demand dollars, and not invent a saving', () => {
    const [item] = result.recommendations;
    // EC2 + Lambda per day: 22 …, low days 7, 10, 14: the p10 is $14 a day.
    expect(item?.estimatedMonthlySavings).toBeNull();
    expect(item?.warnings[0]).toBe(NO_RATE_WARNING);
    expect(item?.proposed.onDemandEquivalentHourlyUsd).toBe(Math.round((14 / 24) * 1000) / 1000);
    expect(item?.proposed.hourlyCommitmentUsd).toBeUndefined();
    expect(item?.currentMonthlyCost).toBe(Math.round((14 / 24) * 730 * 100) / 100);
    expect(item?.savingsBasis).toContain(NO_RATE_WARNING);
    // Without a plan to read it from, the billing account is the payer.
    expect(item?.accountId).toBe(PAYER);
  });
});

describe('savingsPlanPurchaseRule with an all-upfront plan', () => {
  it('should give the months to pay back the upfront payment from the cash saved each month', async () => {
    const { db, result } = await build({ plan: true, feeUsageType: 'ComputeSP:3yrAllUpfront' });
    const [item] = result.recommendations;
    // Upfront $0.35 × 8760 h × 3 years = $9,198; each month $0.50 × 730 = $365 of on-demand is no longer billed.
    expect(item?.proposed).toMatchObject({ term: '3 year', paymentOption: 'All Upfront', upfrontUsd: 9198 });
    expect(item?.proposed.paybackMonths).toBe(Math.round((9198 / 365) * 10) / 10);
    expect(item?.estimatedMonthlySavings).toBe(109.5);
    await db.close();
  });
});

describe('savingsPlanPurchaseRule without eligible usage', () => {
  it('should recommend nothing and say why', async () => {
    const db = await openDatabase({ dataDir: ':memory:' });
    await insertLineItems(db, [
      { day: '2026-11-01', service: EC2, account: ACCOUNT, usageType: 'EBS:VolumeUsage.gp3', billed: 3 },
    ]);
    const result = await savingsPlanPurchaseRule.run(await ruleContext(db));
    expect(result.recommendations).toEqual([]);
    expect(result.notes.join(' ')).toContain(
      'No usage type in the data is covered by a Compute Savings Plan',
    );
    await db.close();
  });
});
