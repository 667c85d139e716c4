import { FinopsError } from '../../errors.ts';
import { buildRecommendation } from '../build-recommendation.ts';
import { type Evidence, HOURS_PER_MONTH, type Recommendation, roundUsd } from '../model.ts';
import type { Rule, RuleContext, RuleResult } from '../rule.ts';
import { FAMILY_LABELS, type SavingsPlanFamily } from './eligible-usage.ts';
import { type PlanTerms, paybackMonths, recurringMonthlyFee, upfrontPayment } from './payback.ts';
import { type SavingsPlanReport, savingsPlanReport } from './savings-plan-report.ts';
import { nearestRankPercentile } from './steady-floor.ts';

export interface SavingsPlanPurchaseRuleOptions {
  /**
   * The percentile of daily on-demand spend taken as the steady floor (default 0.1). Committing
   * at the q-th percentile pays off at the margin while q stays below the plan's discount (the
   * commitment is paid whether used or not); 0.1 stays well below the usual 20–30 % discount, so
   * the plan is used in full on about nine days in ten, leaving room for rightsizing to come.
   */
  floorPercentile?: number;
}

/** The message the brief and the reviewers look for when no rate can be observed. */
export const NO_RATE_WARNING = 'no Savings Plan rate in the data or the price snapshot';

const DEFAULT_TERMS: PlanTerms = { termYears: 1, paymentOption: 'NoUpfront' };

/**
 * `savings-plan-purchase`: a Compute Savings Plan sized to the steady floor of the on-demand
 * eligible compute spend left after today's coverage, priced at the discount the organisation's
 * existing plan achieves in the data.
 */
export function createSavingsPlanPurchaseRule(options: SavingsPlanPurchaseRuleOptions = {}): Rule {
  const percentile = options.floorPercentile ?? 0.1;
  if (!(percentile > 0 && percentile < 1))
    throw new FinopsError(
      'finops_invalid_input',
      `floorPercentile must be between 0 and 1 (exclusive), got ${percentile}: 0.1 sizes the plan on the 10th-percentile day`,
    );
  return {
    id: 'savings-plan-purchase',
    description:
      'A Compute Savings Plan hourly commitment from the steady floor (a low percentile) of daily on-demand eligible compute spend, at the discount the existing plan achieves.',
    async run(context: RuleContext): Promise<RuleResult> {
      const report = await savingsPlanReport(context);
      const notes = [...report.notes, ...coverageNotes(report)];
      const recommendation = purchaseRecommendation(context, report, percentile);
      if (typeof recommendation === 'string')
        return { recommendations: [], notes: [...notes, recommendation] };
      return { recommendations: [recommendation], notes };
    },
  };
}

export const savingsPlanPurchaseRule: Rule = createSavingsPlanPurchaseRule();

function coverageNotes(report: SavingsPlanReport): string[] {
  const notes: string[] = [];
  const { coverage, utilisation } = report;
  if (coverage.coverage !== null)
    notes.push(
      `Savings Plan coverage ${percent(coverage.coverage)} over ${report.window.start} – ${report.window.end}: $${coverage.coveredOnDemandEquivalentUsd.toFixed(2)} of $${(coverage.coveredOnDemandEquivalentUsd + coverage.onDemandUsd).toFixed(2)} eligible usage at on-demand rates.`,
    );
  if (utilisation.utilisation !== null)
    notes.push(
      `Savings Plan utilisation ${percent(utilisation.utilisation)} over ${utilisation.range.start} – ${utilisation.range.end}: $${utilisation.usedUsd.toFixed(2)} used of $${utilisation.purchasedUsd.toFixed(2)} committed.`,
    );
  return notes;
}

/** The recommendation, or the reason there is none. */
function purchaseRecommendation(
  context: RuleContext,
  report: SavingsPlanReport,
  percentile: number,
): Recommendation | string {
  const rated = report.coverage.byFamily.filter(
    (family) => family.observedDiscount !== null && family.observedDiscount > 0,
  );
  const hasRate = rated.length > 0;
  // With a rate, only families whose discount the data shows are sized; without one, all of them.
  const families = new Set<SavingsPlanFamily>(
    hasRate
      ? rated.map((family) => family.family)
      : report.coverage.byFamily.filter((family) => family.onDemandUsd > 0).map((family) => family.family),
  );
  if (families.size === 0)
    return 'No on-demand Savings Plan eligible spend in the window: nothing to commit.';
  const dailyUsd = report.dailyOnDemand.map((day) => sumFamilies(day.byFamily, families));
  const floorDaily = nearestRankPercentile(dailyUsd, percentile) ?? 0;
  if (floorDaily < 0.01)
    return `The p${Math.round(percentile * 100)} of daily on-demand eligible spend is $0: on some days nothing runs on demand, so any commitment would go unused.`;

  const familyOnDemand = report.coverage.byFamily.filter((family) => families.has(family.family));
  const onDemandInFamilies = sumOf(familyOnDemand.map((family) => family.onDemandUsd));
  // Blend the families' observed discounts by their on-demand spend: that is the mix the floor is made of.
  const discount = hasRate
    ? sumOf(familyOnDemand.map((family) => family.onDemandUsd * (family.observedDiscount ?? 0))) /
      onDemandInFamilies
    : undefined;
  const floorHourly = floorDaily / 24;
  const commitmentHourly = discount === undefined ? undefined : floorHourly * (1 - discount);
  const monthlyOnDemand = floorHourly * HOURS_PER_MONTH;
  const monthlySavings = discount === undefined ? null : monthlyOnDemand * discount;

  const existing = report.utilisation.plans.find((plan) => plan.terms !== undefined);
  const terms = existing?.terms ?? DEFAULT_TERMS;
  const upfront = commitmentHourly === undefined ? undefined : upfrontPayment(terms, commitmentHourly);
  const monthlyCashSavings =
    commitmentHourly === undefined
      ? undefined
      : monthlyOnDemand - recurringMonthlyFee(terms, commitmentHourly);
  const payback =
    upfront === undefined || monthlyCashSavings === undefined
      ? undefined
      : paybackMonths(upfront, monthlyCashSavings);
  const payer =
    existing?.accountId ??
    report.billingAccounts[0]?.id ??
    context.accountNames.keys().next().value ??
    'unknown';
  const window = report.window;
  const sorted = [...dailyUsd].sort((a, b) => a - b);
  const median = nearestRankPercentile(dailyUsd, 0.5) ?? 0;
  const termLabel = `${terms.termYears}-year ${paymentLabel(terms)}`;

  const evidence: Evidence[] = [
    {
      name: `daily on-demand eligible spend, p${Math.round(percentile * 100)} (steady floor)`,
      value: roundUsd(floorDaily),
      unit: 'USD',
      window,
      datapoints: dailyUsd.length,
      threshold: `spend at or above it on ${dailyUsd.filter((value) => value >= floorDaily).length} of ${dailyUsd.length} days`,
    },
    { name: 'daily on-demand eligible spend, minimum', value: roundUsd(sorted[0] ?? 0), unit: 'USD', window },
    { name: 'daily on-demand eligible spend, median', value: roundUsd(median), unit: 'USD', window },
  ];
  if (report.coverage.coverage !== null)
    evidence.push({
      name: 'Savings Plan coverage today',
      value: round1(report.coverage.coverage * 100),
      unit: '%',
      window,
    });
  if (report.utilisation.utilisation !== null)
    evidence.push({
      name: 'Savings Plan utilisation today',
      value: round1(report.utilisation.utilisation * 100),
      unit: '%',
      window: report.utilisation.range,
    });
  if (discount !== undefined)
    evidence.push({
      name: 'discount the existing plan achieves',
      value: round1(discount * 100),
      unit: '%',
      window,
    });

  const warnings: string[] = [
    'Rightsizing, idle and Graviton recommendations on instances that run on demand lower this floor: approving them after buying the plan can leave commitment unused. Act on those first, or buy this plan in steps.',
    'The floor is taken from daily totals: usage that dips within a day (autoscaling at night) can leave part of an hourly commitment unused on those hours.',
  ];
  if (!hasRate) warnings.unshift(NO_RATE_WARNING);
  for (const family of report.coverage.byFamily)
    if (hasRate && !families.has(family.family) && family.onDemandUsd > 0.005)
      warnings.push(
        `${family.label}: $${family.onDemandUsd.toFixed(2)} on demand in the window is not sized, because no Savings Plan covers it today and its discount cannot be observed.`,
      );
  if (report.billingAccounts.length > 1)
    warnings.push(
      `The data has ${report.billingAccounts.length} billing accounts; a Savings Plan applies within one organisation, and this commitment is sized on all of them together.`,
    );

  const familyNames = [...families].map((family) => FAMILY_LABELS[family]).join(', ');
  const commitmentText =
    commitmentHourly === undefined
      ? `$${floorHourly.toFixed(3)}/hour of on-demand usage (the hourly commitment in Savings Plan dollars needs a rate)`
      : `$${commitmentHourly.toFixed(3)}/hour`;
  const proposed: Record<string, string | number> = {
    planType: 'Compute Savings Plan',
    term: `${terms.termYears} year`,
    paymentOption: paymentLabel(terms),
    onDemandEquivalentHourlyUsd: round3(floorHourly),
    ...(commitmentHourly === undefined ? {} : { hourlyCommitmentUsd: round3(commitmentHourly) }),
    ...(upfront === undefined ? {} : { upfrontUsd: roundUsd(upfront) }),
    ...(payback === undefined ? {} : { paybackMonths: round1(payback) }),
  };
  const current: Record<string, string | number> = {
    onDemandEligibleUsd30d: roundUsd(report.coverage.onDemandUsd),
    ...(report.coverage.coverage === null ? {} : { coveragePercent: round1(report.coverage.coverage * 100) }),
    ...(report.utilisation.utilisation === null
      ? {}
      : { utilisationPercent: round1(report.utilisation.utilisation * 100) }),
    ...(report.utilisation.hourlyCommitmentUsd === null
      ? {}
      : { existingHourlyCommitmentUsd: round3(report.utilisation.hourlyCommitmentUsd) }),
  };
  const paybackText =
    payback === undefined
      ? 'The payback period needs the discount rate.'
      : terms.paymentOption === 'NoUpfront'
        ? 'No upfront payment: the savings start with the first monthly bill (payback 0 months).'
        : `Upfront $${(upfront ?? 0).toFixed(2)}; months to break even = upfront / monthly cash savings (on-demand bill avoided $${monthlyOnDemand.toFixed(2)} − recurring fee $${(monthlyOnDemand - (monthlyCashSavings ?? 0)).toFixed(2)}) = ${payback.toFixed(1)}.`;

  return buildRecommendation(context, {
    type: 'savings-plan-purchase',
    group: `commitments:${payer}`,
    service: 'Savings Plans for AWS Compute usage',
    accountId: payer,
    region: 'global',
    resourceId: `savings-plan:compute:${payer}`,
    title: `Buy a ${termLabel} Compute Savings Plan: ${commitmentText}`,
    rationale: `The floor is computed after today's coverage: it is the on-demand spend on ${familyNames} that no existing plan covers. On ${dailyUsd.filter((value) => value >= floorDaily).length} of ${dailyUsd.length} days from ${window.start} to ${window.end} it was at least $${floorDaily.toFixed(2)} a day (the p${Math.round(percentile * 100)} of daily spend, not the mean, so the commitment is used nearly every hour). ${
      discount === undefined
        ? 'The data holds no Savings Plan whose discount could be observed and the price snapshot has no Savings Plan rates, so the commitment is given in on-demand dollars and the saving is not estimated.'
        : `The organisation's existing plan bills covered usage ${percent(discount)} below on-demand (1 − EffectiveCost / ListCost on covered usage), so $${floorHourly.toFixed(3)}/hour of on-demand usage costs $${(commitmentHourly ?? 0).toFixed(3)}/hour through a plan.`
    } Rightsizing or idle recommendations reduce the floor: approving them lowers the on-demand spend this plan is sized on. ${paybackText}`,
    evidence,
    current,
    proposed,
    currentMonthlyCost: roundUsd(monthlyOnDemand),
    estimatedMonthlySavings: monthlySavings === null ? null : roundUsd(monthlySavings),
    savingsBasis:
      discount === undefined
        ? `Not estimated: ${NO_RATE_WARNING}. The floor's on-demand cost is $${floorHourly.toFixed(3)}/hour × ${HOURS_PER_MONTH} hours = $${monthlyOnDemand.toFixed(2)} a month.`
        : `Covered on-demand spend × discount: $${floorHourly.toFixed(3)}/hour × ${HOURS_PER_MONTH} hours × ${percent(discount)} = $${(monthlySavings ?? 0).toFixed(2)} a month. Nothing else is counted: the usage keeps running, only its rate changes.`,
    pricesUsed: [],
    effort: 'low',
    risk: 'medium',
    steps: {
      console: [
        'Open Billing and Cost Management → Savings Plans → Purchase Savings Plans in the management (payer) account.',
        `Choose Compute Savings Plans, ${terms.termYears} year, ${paymentLabel(terms)}; hourly commitment ${commitmentHourly === undefined ? '(set it once a rate is known)' : `$${commitmentHourly.toFixed(3)}`}.`,
        'Compare with Recommendations in the same page (AWS sizes on hourly data), then add to cart and submit.',
      ],
      cli: [
        `aws savingsplans describe-savings-plans-offerings --plan-types Compute --payment-options "${paymentLabel(terms)}" --durations ${terms.termYears * 31536000} --currencies USD`,
        `aws savingsplans create-savings-plan --savings-plan-offering-id <offering-id> --commitment ${commitmentHourly === undefined ? '<hourly-commitment>' : commitmentHourly.toFixed(3)}`,
      ],
    },
    warnings,
  });
}

function sumFamilies(byFamily: Record<SavingsPlanFamily, number>, families: Set<SavingsPlanFamily>): number {
  let total = 0;
  for (const family of families) total += byFamily[family];
  return total;
}

function sumOf(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function paymentLabel(terms: PlanTerms): string {
  return { NoUpfront: 'No Upfront', PartialUpfront: 'Partial Upfront', AllUpfront: 'All Upfront' }[
    terms.paymentOption
  ];
}

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)} %`;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
