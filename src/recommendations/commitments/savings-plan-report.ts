import type { CostFilter, CostTable, DataSource, Metric, TimeRange } from '../../domain/index.ts';
import { addDays, daysBetween, startOfMonth } from '../../domain/index.ts';
import type { RuleContext } from '../rule.ts';
import {
  FAMILY_LABELS,
  SAVINGS_PLAN_FAMILIES,
  type SavingsPlanFamily,
  savingsPlanFamily,
} from './eligible-usage.ts';
import { type PlanTerms, planTermsFromUsageType } from './payback.ts';

export interface FamilyCoverage {
  family: SavingsPlanFamily;
  label: string;
  usageTypes: string[];
  /** Eligible usage billed at on-demand rates (BilledCost of usage rows). */
  onDemandUsd: number;
  /** Covered usage at on-demand rates (ListCost − BilledCost: covered rows bill 0 net). */
  coveredOnDemandEquivalentUsd: number;
  /** What the covered usage cost through the plan (EffectiveCost − BilledCost). */
  coveredEffectiveUsd: number;
  /** covered / (covered + on demand), in on-demand dollars, 0–1; null without eligible usage. */
  coverage: number | null;
  /** 1 − covered effective / covered on-demand equivalent; null when nothing was covered. */
  observedDiscount: number | null;
}

export interface PlanFee {
  /** The Savings Plan ARN (the fee rows' ResourceId). */
  planId: string;
  /** The account that owns the plan, from its ARN. */
  accountId: string | undefined;
  usageType: string;
  terms: PlanTerms | undefined;
  /** Fees billed in the utilisation range (recurring and upfront fee rows). */
  billedUsd: number;
  /** Commitment not used by covered usage (EffectiveCost of the fee rows). */
  unusedUsd: number;
}

export interface DailyOnDemand {
  day: string;
  byFamily: Record<SavingsPlanFamily, number>;
  totalUsd: number;
}

export interface SavingsPlanReport {
  /** Coverage and the daily series: the rule context's spend window. */
  window: TimeRange;
  eligibility: string;
  coverage: {
    onDemandUsd: number;
    coveredOnDemandEquivalentUsd: number;
    coveredEffectiveUsd: number;
    coverage: number | null;
    byFamily: FamilyCoverage[];
  };
  utilisation: {
    /**
     * From the first day of the window's first month: commitment fees are often one row per
     * month, dated the 1st, so the window alone would miss part of the commitment it covers.
     */
    range: TimeRange;
    plans: PlanFee[];
    /** Used (covered effective cost) + unused (fee rows' EffectiveCost). */
    purchasedUsd: number;
    usedUsd: number;
    unusedUsd: number;
    /** used / purchased, 0–1; null when no Savings Plan fee is in the range. */
    utilisation: number | null;
    /** purchased / hours of the range; null without plans. */
    hourlyCommitmentUsd: number | null;
  };
  /** Eligible on-demand spend per day of the window, days without any as 0. */
  dailyOnDemand: DailyOnDemand[];
  /** Billing accounts (payers) with eligible usage, most on-demand spend first. */
  billingAccounts: { id: string; name?: string | undefined; onDemandUsd: number }[];
  source: DataSource;
  notes: string[];
}

const SAVINGS_PLAN_ARN = /^arn:aws[a-z-]*:savingsplans::(\d{12}):savingsplan\//;
const RESERVATION_ARN = /:reserved-instances\/|:ri-|reservation/;

function emptyFamilies(): Record<SavingsPlanFamily, number> {
  return { 'ec2-instance': 0, fargate: 0, lambda: 0 };
}

/**
 * Savings Plan coverage and utilisation from the billing data, through the cost engine. Covered
 * and on-demand usage are told apart by their costs, as CUR and FOCUS write them: covered usage
 * bills 0 net (CUR's SavingsPlanCoveredUsage is cancelled by its SavingsPlanNegation; FOCUS bills
 * it through the commitment's Purchase rows), carries its on-demand price in ListCost and its
 * share of the commitment in EffectiveCost; on-demand usage has BilledCost = EffectiveCost = ListCost.
 */
export async function savingsPlanReport(context: RuleContext): Promise<SavingsPlanReport> {
  const window = context.spendWindow;
  const catalog = await context.engine.catalog();
  const eligibleTypes = catalog.usageTypes
    .filter((usageType) => savingsPlanFamily(usageType) !== undefined)
    .sort();
  const utilisationRange: TimeRange = { start: startOfMonth(window.start), end: window.end };
  const notes: string[] = [];

  const eligible: CostFilter[] =
    eligibleTypes.length > 0 ? [{ dimension: 'usage_type', op: 'in', values: eligibleTypes }] : [];
  const usage = (
    metric: Metric,
    range: TimeRange,
    groupBy: ('usage_type' | 'billing_account')[] = ['usage_type'],
  ) => context.engine.query({ range, groupBy, filters: eligible, metric, chargeCategories: ['Usage'] });
  const purchases = (metric: Metric) =>
    context.engine.query({
      range: utilisationRange,
      groupBy: ['resource', 'usage_type'],
      metric,
      chargeCategories: ['Purchase'],
    });

  const [feesBilled, feesEffective] = await Promise.all([
    purchases('BilledCost'),
    purchases('EffectiveCost'),
  ]);
  const noEligibleUsage = eligibleTypes.length === 0;
  const [billed, effective, list, daily, byPayer, rangeBilled, rangeEffective] = noEligibleUsage
    ? []
    : await Promise.all([
        usage('BilledCost', window),
        usage('EffectiveCost', window),
        usage('ListCost', window),
        context.engine.query({
          range: window,
          granularity: 'day',
          groupBy: ['usage_type'],
          filters: eligible,
          metric: 'BilledCost',
          chargeCategories: ['Usage'],
        }),
        usage('BilledCost', window, ['billing_account']),
        usage('BilledCost', utilisationRange),
        usage('EffectiveCost', utilisationRange),
      ]);

  const byFamily = SAVINGS_PLAN_FAMILIES.map((family): FamilyCoverage => {
    const inFamily = (table: CostTable | undefined) =>
      sumWhere(table, (row) => savingsPlanFamily(row.key.usage_type) === family);
    const onDemandUsd = inFamily(billed);
    const coveredOnDemandEquivalentUsd = inFamily(list) - onDemandUsd;
    const coveredEffectiveUsd = inFamily(effective) - onDemandUsd;
    const eligibleUsd = onDemandUsd + coveredOnDemandEquivalentUsd;
    return {
      family,
      label: FAMILY_LABELS[family],
      usageTypes: eligibleTypes.filter((usageType) => savingsPlanFamily(usageType) === family),
      onDemandUsd,
      coveredOnDemandEquivalentUsd,
      coveredEffectiveUsd,
      coverage: eligibleUsd > 0 ? coveredOnDemandEquivalentUsd / eligibleUsd : null,
      observedDiscount:
        coveredOnDemandEquivalentUsd > 0.005 ? 1 - coveredEffectiveUsd / coveredOnDemandEquivalentUsd : null,
    };
  });
  const onDemandUsd = sum(byFamily.map((family) => family.onDemandUsd));
  const coveredOnDemandEquivalentUsd = sum(byFamily.map((family) => family.coveredOnDemandEquivalentUsd));
  const coveredEffectiveUsd = sum(byFamily.map((family) => family.coveredEffectiveUsd));
  const eligibleUsd = onDemandUsd + coveredOnDemandEquivalentUsd;

  const unusedByPlan = new Map(
    feesEffective.rows.map((row) => [`${row.key.resource}\u0000${row.key.usage_type}`, row.value]),
  );
  const plans: PlanFee[] = feesBilled.rows
    .filter((row) => SAVINGS_PLAN_ARN.test(row.key.resource ?? ''))
    .map((row) => {
      const planId = row.key.resource ?? '';
      const usageType = row.key.usage_type ?? '';
      return {
        planId,
        accountId: SAVINGS_PLAN_ARN.exec(planId)?.[1],
        usageType,
        terms: planTermsFromUsageType(usageType),
        billedUsd: row.value,
        unusedUsd: unusedByPlan.get(`${planId}\u0000${usageType}`) ?? 0,
      };
    })
    .sort((a, b) => a.planId.localeCompare(b.planId) || a.usageType.localeCompare(b.usageType));
  if (feesBilled.rows.some((row) => RESERVATION_ARN.test(row.key.resource ?? '')))
    notes.push(
      'The data has Reserved Instance fees: usage they cover also bills below list, so it is counted as covered here, and the observed discount mixes both kinds of commitment.',
    );

  const usedUsd = plans.length > 0 ? sumOf(rangeEffective) - sumOf(rangeBilled) : 0;
  const unusedUsd = sum(plans.map((plan) => plan.unusedUsd));
  const purchasedUsd = usedUsd + unusedUsd;
  const rangeHours = daysBetween(utilisationRange.start, utilisationRange.end) * 24;

  const dailyOnDemand: DailyOnDemand[] = [];
  const dayIndex = new Map<string, DailyOnDemand>();
  for (let day = window.start; day < window.end; day = addDays(day, 1)) {
    const entry = { day, byFamily: emptyFamilies(), totalUsd: 0 };
    dailyOnDemand.push(entry);
    dayIndex.set(day, entry);
  }
  for (const row of daily?.rows ?? []) {
    const family = savingsPlanFamily(row.key.usage_type);
    const entry = row.period ? dayIndex.get(row.period) : undefined;
    if (!family || !entry) continue;
    entry.byFamily[family] += row.value;
    entry.totalUsd += row.value;
  }

  const accountName = new Map(catalog.accounts.map((account) => [account.id, account.name]));
  const billingAccounts = (byPayer?.rows ?? [])
    .filter((row) => row.key.billing_account)
    .map((row) => {
      const id = row.key.billing_account ?? '';
      return { id, name: context.accountNames.get(id) ?? accountName.get(id), onDemandUsd: row.value };
    });

  if (noEligibleUsage)
    notes.push(
      'No usage type in the data is covered by a Compute Savings Plan (EC2 instances, Fargate, Lambda).',
    );
  if (plans.length === 0)
    notes.push(
      `No Savings Plan fee in ${utilisationRange.start} – ${utilisationRange.end}: utilisation is not defined and no discount rate can be observed.`,
    );

  return {
    window,
    eligibility: `Compute Savings Plan eligible usage types: ${SAVINGS_PLAN_FAMILIES.map((family) => FAMILY_LABELS[family]).join('; ')}. Spot, EBS, data transfer and Lambda requests are not eligible.`,
    coverage: {
      onDemandUsd,
      coveredOnDemandEquivalentUsd,
      coveredEffectiveUsd,
      coverage: eligibleUsd > 0 ? coveredOnDemandEquivalentUsd / eligibleUsd : null,
      byFamily,
    },
    utilisation: {
      range: utilisationRange,
      plans,
      purchasedUsd,
      usedUsd,
      unusedUsd,
      utilisation: plans.length > 0 && purchasedUsd > 0 ? usedUsd / purchasedUsd : null,
      hourlyCommitmentUsd: plans.length > 0 && rangeHours > 0 ? purchasedUsd / rangeHours : null,
    },
    dailyOnDemand,
    billingAccounts,
    source: feesBilled.source,
    notes,
  };
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function sumOf(table: CostTable | undefined): number {
  return table?.total ?? 0;
}

function sumWhere(table: CostTable | undefined, keep: (row: CostTable['rows'][number]) => boolean): number {
  return sum((table?.rows ?? []).filter(keep).map((row) => row.value));
}
