export type { SavingsPlanFamily } from './eligible-usage.ts';
export { FAMILY_LABELS, SAVINGS_PLAN_FAMILIES, savingsPlanFamily } from './eligible-usage.ts';
export type { PaymentOption, PlanTerms } from './payback.ts';
export {
  PAYMENT_OPTIONS,
  paybackMonths,
  planTermsFromUsageType,
  recurringMonthlyFee,
  upfrontPayment,
} from './payback.ts';
export type { DailyOnDemand, FamilyCoverage, PlanFee, SavingsPlanReport } from './savings-plan-report.ts';
export { savingsPlanReport } from './savings-plan-report.ts';
export type { SavingsPlanPurchaseRuleOptions } from './savings-plan-rule.ts';
export {
  createSavingsPlanPurchaseRule,
  NO_RATE_WARNING,
  savingsPlanPurchaseRule,
} from './savings-plan-rule.ts';
export { nearestRankPercentile } from './steady-floor.ts';
