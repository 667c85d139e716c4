import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAVINGS_PLAN_DISCOUNT } from '../../../src/demo/prices.ts';
import {
  type SavingsPlanReport,
  savingsPlanPurchaseRule,
  savingsPlanReport,
} from '../../../src/recommendations/commitments/index.ts';
import { HOURS_PER_MONTH, recommendationSchema } from '../../../src/recommendations/model.ts';
import type { RuleContext } from '../../../src/recommendations/rule.ts';
import type { Database } from '../../../src/store/database.ts';
import { demoRuleContext, sqlScalar, WINDOW } from '../support/rule-context.ts';

const IN_WINDOW = `x_ChargeDate >= DATE '${WINDOW.start}' AND x_ChargeDate < DATE '${WINDOW.end}'`;
// Independent of the report's cost arithmetic: the demo marks covered usage in the FOCUS
// commitment columns, and eligible usage is matched here by its own pattern.
const COVERED = `ChargeCategory = 'Usage' AND CommitmentDiscountStatus = 'Used' AND CommitmentDiscountType = 'Compute Savings Plan'`;
const ON_DEMAND_ELIGIBLE = `ChargeCategory = 'Usage' AND PricingCategory = 'Standard'
  AND regexp_matches(x_UsageType, '(^|-)BoxUsage:|Lambda-GB-Second$')`;

describe('savingsPlanReport on the demo organisation', () => {
  let db: Database;
  let context: RuleContext;
  let report: SavingsPlanReport;

  beforeAll(async () => {
    ({ db, context } = await demoRuleContext());
    report = await savingsPlanReport(context);
  }, 60_000);

  afterAll(async () => {
    await db.close();
  });

  const scalar = (sql: string) => sqlScalar(db, sql);

  it('should measure coverage as the commitment columns mark it', async () => {
    const covered = await scalar(
      `SELECT sum(ListCost) AS value FROM line_items WHERE ${COVERED} AND ${IN_WINDOW}`,
    );
    const coveredEffective = await scalar(
      `SELECT sum(EffectiveCost) AS value FROM line_items WHERE ${COVERED} AND ${IN_WINDOW}`,
    );
    const onDemand = await scalar(
      `SELECT sum(BilledCost) AS value FROM line_items WHERE ${ON_DEMAND_ELIGIBLE} AND ${IN_WINDOW}`,
    );
    expect(covered).toBeGreaterThan(0);
    expect(report.coverage.coveredOnDemandEquivalentUsd).toBeCloseTo(covered, 4);
    expect(report.coverage.coveredEffectiveUsd).toBeCloseTo(coveredEffective, 4);
    expect(report.coverage.onDemandUsd).toBeCloseTo(onDemand, 4);
    expect(report.coverage.coverage).toBeCloseTo(covered / (covered + onDemand), 8);
  });

  it('should observe the discount the demo plan was built with', () => {
    const ec2 = report.coverage.byFamily.find((family) => family.family === 'ec2-instance');
    // Covered rates are rounded to the micro-dollar, so the observed discount is close, not exact.
    expect(ec2?.observedDiscount).toBeCloseTo(SAVINGS_PLAN_DISCOUNT, 4);
    expect(
      report.coverage.byFamily.find((family) => family.family === 'lambda')?.observedDiscount,
    ).toBeNull();
  });

  it('should measure utilisation against the plan fee rows', async () => {
    const range = `x_ChargeDate >= DATE '2026-10-01' AND x_ChargeDate < DATE '${WINDOW.end}'`;
    const fees = `ChargeCategory = 'Purchase' AND CommitmentDiscountId LIKE 'arn:aws:savingsplans:%' AND ${range}`;
    const billed = await scalar(`SELECT sum(BilledCost) AS value FROM line_items WHERE ${fees}`);
    const unused = await scalar(`SELECT sum(EffectiveCost) AS value FROM line_items WHERE ${fees}`);
    const hourly = await scalar(`SELECT max(ListUnitPrice) AS value FROM line_items WHERE ${fees}`);
    expect(report.utilisation.range).toEqual({ start: '2026-10-01', end: WINDOW.end });
    // A No Upfront plan bills its whole commitment as fees, so purchased = billed fees.
    expect(report.utilisation.purchasedUsd).toBeCloseTo(billed, 4);
    expect(report.utilisation.unusedUsd).toBeCloseTo(unused, 4);
    expect(report.utilisation.utilisation).toBeCloseTo((billed - unused) / billed, 8);
    expect(report.utilisation.hourlyCommitmentUsd).toBeCloseTo(hourly, 6);
    expect(report.utilisation.plans.map((plan) => plan.terms)).toEqual([
      { termYears: 1, paymentOption: 'NoUpfront' },
    ]);
  });

  it('should give the daily on-demand eligible spend of the window', async () => {
    const rows = await db.all<{ day: string; value: number }>(
      `SELECT x_ChargeDate AS day, sum(BilledCost) AS value FROM line_items
       WHERE ${ON_DEMAND_ELIGIBLE} AND ${IN_WINDOW} GROUP BY 1 ORDER BY 1`,
    );
    expect(report.dailyOnDemand.map((day) => day.day)).toEqual(rows.map((row) => row.day));
    rows.forEach((row, index) => {
      expect(report.dailyOnDemand[index]?.totalUsd).toBeCloseTo(row.value, 6);
    });
  });

  it('should recommend a commitment at the p10 day of on-demand EC2 spend, priced at the observed discount', async () => {
    const result = await savingsPlanPurchaseRule.run(context);
    expect(result.recommendations).toHaveLength(1);
    const [item] = result.recommendations;
    expect(() => recommendationSchema.parse(item)).not.toThrow();
    const daily = await db.all<{ value: number }>(
      `SELECT sum(BilledCost) AS value FROM line_items
       WHERE ${ON_DEMAND_ELIGIBLE} AND x_UsageType LIKE '%BoxUsage:%' AND ${IN_WINDOW} GROUP BY x_ChargeDate ORDER BY value`,
    );
    expect(daily).toHaveLength(30);
    const floor = daily[2]?.value ?? Number.NaN;
    const discount =
      1 -
      (await scalar(
        `SELECT sum(EffectiveCost) / sum(ListCost) AS value FROM line_items WHERE ${COVERED} AND ${IN_WINDOW}`,
      ));
    expect(item?.evidence[0]?.value).toBeCloseTo(floor, 2);
    expect(item?.proposed.hourlyCommitmentUsd).toBeCloseTo((floor / 24) * (1 - discount), 3);
    expect(item?.estimatedMonthlySavings).toBeCloseTo((floor / 24) * HOURS_PER_MONTH * discount, 2);
    expect(item?.currentMonthlyCost).toBeCloseTo((floor / 24) * HOURS_PER_MONTH, 2);
    expect(item?.proposed.paybackMonths).toBe(0);
    expect(item?.accountId).toBe('318204657921');
    expect(item?.accountName).toBe('acme-management');
    expect(item?.group).toBe('commitments:318204657921');
    expect(item?.resourceId).toBe('savings-plan:compute:318204657921');
    // Lambda runs on demand but no plan covers it, so its rate is unknown and it is left out.
    expect(item?.warnings.join(' ')).toMatch(
      /Lambda duration and provisioned concurrency: \$[\d.]+ on demand/,
    );
  });
});
