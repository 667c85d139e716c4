import type { DemoAccount } from './accounts.ts';
import { LINKED_ACCOUNTS, PAYER_ACCOUNT } from './accounts.ts';
import type { PlantedAnomaly } from './anomalies.ts';
import { anomalyMatches, anomalyMultiplier } from './anomalies.ts';
import { SERVICES } from './build-context.ts';
import type { DemoCalendar } from './calendar.ts';
import { csvRow, money, quantity } from './csv.ts';
import type { Meter, SeriesColumns } from './model.ts';
import { createPrng, deriveSeed } from './prng.ts';

/** Target share of the Savings Plan commitment that covered usage consumes. */
const SAVINGS_PLAN_UTILISATION = 0.95;
/** Sales tax on billed usage and purchases, charged monthly per account and service. */
export const TAX_RATE = 0.05;
/** Migration credit on acme-prod EC2, per full month. */
export const MONTHLY_CREDIT_USD = 400;

export const SERIES_COLUMNS = [
  'SubAccountId',
  'SubAccountName',
  'ChargeCategory',
  'ChargeClass',
  'ChargeFrequency',
  'ChargeDescription',
  'ServiceName',
  'ServiceCategory',
  'RegionId',
  'RegionName',
  'AvailabilityZone',
  'ResourceId',
  'ResourceName',
  'ResourceType',
  'SkuId',
  'SkuPriceId',
  'PricingCategory',
  'PricingUnit',
  'ListUnitPrice',
  'ContractedUnitPrice',
  'ConsumedUnit',
  'CommitmentDiscountId',
  'CommitmentDiscountType',
  'CommitmentDiscountCategory',
  'CommitmentDiscountStatus',
  'x_ServiceCode',
  'x_UsageType',
  'x_Operation',
] as const satisfies readonly (keyof SeriesColumns)[];

export const TAG_COLUMNS = [
  ['tag_team', 'team'],
  ['tag_env', 'env'],
  ['tag_cost_center', 'cost-center'],
  ['tag_owner', 'owner'],
] as const;

export interface AnomalyOutcome {
  anomaly: PlantedAnomaly;
  resourceIds: Set<string>;
  accountId: string | undefined;
  /** EffectiveCost added (or removed) by the anomaly. */
  deltaUsd: number;
}

export interface CostRows {
  /** CSV rows (with header) of the descriptive columns, one per series. */
  series: string[];
  /** CSV rows (with header): series_id, charge_start, charge_end, quantity and the four costs. */
  lines: string[];
  lineCount: number;
  anomalies: AnomalyOutcome[];
}

export interface CostRowsInput {
  seed: number;
  calendar: DemoCalendar;
  meters: Meter[];
  anomalies: PlantedAnomaly[];
}

const SAVINGS_PLAN_ARN = `arn:aws:savingsplans::${PAYER_ACCOUNT.id}:savingsplan/3f2b6c1e-8d4a-4b7e-9c15-7a0d2e9f4b61`;

/**
 * Turns the meters into FOCUS rows: daily usage (on demand or Savings Plan covered), then the
 * monthly Savings Plan fee, credits and tax, which depend on the month's usage.
 */
export function buildCostRows(input: CostRowsInput): CostRows {
  const { calendar } = input;
  const series: string[] = [
    csvRow(['series_id', ...SERIES_COLUMNS, ...TAG_COLUMNS.map(([column]) => column)]),
  ];
  const lines: string[] = ['series_id,charge_start,charge_end,quantity,billed,effective,list,contracted'];
  const nextDates = calendar.days.map((_day, index) => calendar.days[index + 1]?.date ?? calendar.end);
  let nextSeriesId = 0;
  const addSeries = (columns: SeriesColumns): number => {
    const id = nextSeriesId++;
    series.push(
      csvRow([
        id,
        ...SERIES_COLUMNS.map((column) => columns[column]),
        ...TAG_COLUMNS.map(([, key]) => columns.tags[key]),
      ]),
    );
    return id;
  };
  const pushLine = (
    seriesId: number,
    start: string,
    end: string,
    qty: number,
    costs: [number, number, number, number],
  ) => {
    lines.push(
      `${seriesId},${start},${end},${quantity(qty)},${money(costs[0])},${money(costs[1])},${money(costs[2])},${money(costs[3])}`,
    );
  };
  const months = calendar.months.length;
  // Billed usage per account × service × month, for tax.
  const billed = new Map<string, number>();
  const addBilled = (columns: SeriesColumns, monthIndex: number, value: number) => {
    const key = `${columns.SubAccountId}|${columns.x_ServiceCode}|${monthIndex}`;
    billed.set(key, (billed.get(key) ?? 0) + value);
  };
  const coveredEffective = new Float64Array(months);
  let commitmentPerHour = 0;
  const outcomes: AnomalyOutcome[] = input.anomalies.map((anomaly) => ({
    anomaly,
    resourceIds: new Set<string>(),
    accountId: undefined,
    deltaUsd: 0,
  }));

  for (const meter of input.meters) {
    const rng = createPrng(deriveSeed(input.seed, meter.stream));
    const planted = outcomes.filter((outcome) => anomalyMatches(outcome.anomaly, meter.columns));
    const rate = meter.savingsPlanRate;
    const seriesId = addSeries(rate === undefined ? meter.columns : coveredColumns(meter.columns, rate));
    let spillSeriesId: number | undefined;
    if (rate !== undefined) commitmentPerHour += rate / SAVINGS_PLAN_UTILISATION;
    for (const day of calendar.days) {
      const base = meter.quantity(day, rng);
      if (base <= 0) continue;
      let factor = 1;
      for (const outcome of planted) {
        const multiplier = anomalyMultiplier(outcome.anomaly, day);
        if (multiplier === 1) continue;
        factor *= multiplier;
        outcome.deltaUsd +=
          base * (multiplier - 1) * (rate !== undefined && multiplier < 1 ? rate : meter.unitPrice);
        if (meter.columns.ResourceId) outcome.resourceIds.add(meter.columns.ResourceId);
        outcome.accountId = meter.columns.SubAccountId;
      }
      const qty = base * factor;
      const end = nextDates[day.index] ?? calendar.end;
      if (rate === undefined) {
        const cost = qty * meter.unitPrice;
        pushLine(seriesId, day.date, end, qty, [cost, cost, cost, cost]);
        addBilled(meter.columns, day.monthIndex, cost);
        continue;
      }
      // Covered usage: billed through the Savings Plan fee. More usage than the plan was bought
      // for (a planted spike) spills over to on-demand rates, as on a real bill.
      const covered = Math.min(qty, base);
      const effective = covered * rate;
      coveredEffective[day.monthIndex] = (coveredEffective[day.monthIndex] ?? 0) + effective;
      pushLine(seriesId, day.date, end, covered, [
        0,
        effective,
        covered * meter.unitPrice,
        covered * meter.unitPrice,
      ]);
      if (qty > base) {
        spillSeriesId ??= addSeries(meter.columns);
        const spill = (qty - base) * meter.unitPrice;
        pushLine(spillSeriesId, day.date, end, qty - base, [spill, spill, spill, spill]);
        addBilled(meter.columns, day.monthIndex, spill);
      }
    }
  }

  if (commitmentPerHour > 0) {
    commitmentPerHour = Math.round(commitmentPerHour * 1000) / 1000;
    const feeSeries = addSeries(savingsPlanFeeColumns(commitmentPerHour));
    calendar.months.forEach((month, index) => {
      const hours = daysIn(month.start, month.dataEnd) * 24;
      const fee = hours * commitmentPerHour;
      const unused = Math.max(0, fee - (coveredEffective[index] ?? 0));
      pushLine(feeSeries, month.start, month.dataEnd, hours, [fee, unused, fee, fee]);
      addBilled(savingsPlanFeeColumns(commitmentPerHour), index, fee);
    });
  }

  const creditSeries = addSeries(creditColumns(LINKED_ACCOUNTS.prod));
  calendar.months.forEach((month) => {
    const share = daysIn(month.start, month.dataEnd) / daysIn(month.start, month.end);
    const credit = -MONTHLY_CREDIT_USD * share;
    pushLine(creditSeries, month.start, month.dataEnd, 0, [credit, credit, 0, 0]);
  });

  const taxSeries = new Map<string, number>();
  for (const [key, amount] of [...billed.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [accountId, serviceCode, monthText] = key.split('|');
    const month = calendar.months[Number(monthText)];
    if (!month || amount <= 0) continue;
    const seriesKey = `${accountId}|${serviceCode}`;
    let seriesId = taxSeries.get(seriesKey);
    if (seriesId === undefined) {
      seriesId = addSeries(taxColumns(accountId ?? '', serviceCode ?? ''));
      taxSeries.set(seriesKey, seriesId);
    }
    const tax = amount * TAX_RATE;
    pushLine(seriesId, month.start, month.dataEnd, 0, [tax, tax, tax, tax]);
  }

  return { series, lines, lineCount: lines.length - 1, anomalies: outcomes };
}

function daysIn(start: string, end: string): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000);
}

function coveredColumns(columns: SeriesColumns, rate: number): SeriesColumns {
  const type = (columns.x_UsageType ?? '').split(':')[1] ?? '';
  return {
    ...columns,
    ChargeDescription: `Savings Plans covered usage: ${type} Linux at $${rate} per hour`,
    PricingCategory: 'Committed',
    ContractedUnitPrice: columns.ListUnitPrice,
    CommitmentDiscountId: SAVINGS_PLAN_ARN,
    CommitmentDiscountType: 'Compute Savings Plan',
    CommitmentDiscountCategory: 'Spend',
    CommitmentDiscountStatus: 'Used',
  };
}

function savingsPlanFeeColumns(commitmentPerHour: number): SeriesColumns {
  return {
    SubAccountId: PAYER_ACCOUNT.id,
    SubAccountName: PAYER_ACCOUNT.name,
    ChargeCategory: 'Purchase',
    ChargeClass: null,
    ChargeFrequency: 'Recurring',
    ChargeDescription: `1 year No Upfront Compute Savings Plan with $${commitmentPerHour} hourly commitment`,
    ServiceName: SERVICES.savingsPlans.name,
    ServiceCategory: 'Compute',
    RegionId: null,
    RegionName: null,
    AvailabilityZone: null,
    ResourceId: SAVINGS_PLAN_ARN,
    ResourceName: null,
    ResourceType: 'Savings Plan',
    SkuId: 'ZCK3ZSHAYC6HMSWK',
    SkuPriceId: null,
    PricingCategory: 'Committed',
    PricingUnit: 'Hours',
    ListUnitPrice: commitmentPerHour,
    ContractedUnitPrice: commitmentPerHour,
    ConsumedUnit: null,
    CommitmentDiscountId: SAVINGS_PLAN_ARN,
    CommitmentDiscountType: 'Compute Savings Plan',
    CommitmentDiscountCategory: 'Spend',
    CommitmentDiscountStatus: null,
    x_ServiceCode: SERVICES.savingsPlans.code,
    x_UsageType: 'ComputeSP:1yrNoUpfront',
    x_Operation: null,
    tags: {},
  };
}

function adjustmentColumns(
  account: DemoAccount,
  category: 'Credit' | 'Tax',
  service: { name: string; code: string },
  serviceCategory: string,
  description: string,
): SeriesColumns {
  return {
    SubAccountId: account.id,
    SubAccountName: account.name,
    ChargeCategory: category,
    ChargeClass: null,
    ChargeFrequency: category === 'Tax' ? 'Recurring' : 'One-Time',
    ChargeDescription: description,
    ServiceName: service.name,
    ServiceCategory: serviceCategory,
    RegionId: null,
    RegionName: null,
    AvailabilityZone: null,
    ResourceId: null,
    ResourceName: null,
    ResourceType: null,
    SkuId: null,
    SkuPriceId: null,
    PricingCategory: null,
    PricingUnit: null,
    ListUnitPrice: null,
    ContractedUnitPrice: null,
    ConsumedUnit: null,
    CommitmentDiscountId: null,
    CommitmentDiscountType: null,
    CommitmentDiscountCategory: null,
    CommitmentDiscountStatus: null,
    x_ServiceCode: service.code,
    x_UsageType: null,
    x_Operation: null,
    tags: {},
  };
}

function creditColumns(account: DemoAccount): SeriesColumns {
  return adjustmentColumns(
    account,
    'Credit',
    SERVICES.ec2,
    'Compute',
    'AWS Credits: Migration Acceleration Program (MAP) credit',
  );
}

const SERVICE_CATEGORIES: Record<string, string> = {
  AmazonEC2: 'Compute',
  AmazonS3: 'Storage',
  AmazonRDS: 'Databases',
  AWSLambda: 'Compute',
  AmazonCloudFront: 'Networking',
  AmazonDynamoDB: 'Databases',
  AmazonCloudWatch: 'Management and Governance',
  AmazonVPC: 'Networking',
  AWSDataTransfer: 'Networking',
  ComputeSavingsPlans: 'Compute',
};

function taxColumns(accountId: string, serviceCode: string): SeriesColumns {
  const account =
    [PAYER_ACCOUNT, ...Object.values(LINKED_ACCOUNTS)].find((candidate) => candidate.id === accountId) ??
    PAYER_ACCOUNT;
  const service = Object.values(SERVICES).find((candidate) => candidate.code === serviceCode) ?? SERVICES.ec2;
  return adjustmentColumns(
    account,
    'Tax',
    service,
    SERVICE_CATEGORIES[serviceCode] ?? 'Other',
    `Tax for product code ${serviceCode} (${(TAX_RATE * 100).toFixed(1)} % sales tax)`,
  );
}
