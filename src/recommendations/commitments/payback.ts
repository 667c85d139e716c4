import { HOURS_PER_MONTH } from '../model.ts';

/** Savings Plan payment options as AWS names them in usage types (`ComputeSP:1yrNoUpfront`). */
export const PAYMENT_OPTIONS = ['NoUpfront', 'PartialUpfront', 'AllUpfront'] as const;
export type PaymentOption = (typeof PAYMENT_OPTIONS)[number];

export interface PlanTerms {
  termYears: 1 | 3;
  paymentOption: PaymentOption;
}

/** Term and payment option from a Savings Plan fee's usage type, e.g. `ComputeSP:3yrPartialUpfront`. */
export function planTermsFromUsageType(usageType: string | null | undefined): PlanTerms | undefined {
  const match = /([13])yr(NoUpfront|PartialUpfront|AllUpfront)/.exec(usageType ?? '');
  if (!match) return undefined;
  return { termYears: match[1] === '3' ? 3 : 1, paymentOption: match[2] as PaymentOption };
}

/**
 * The upfront payment of a plan: all of the term's commitment for All Upfront; half of it for
 * Partial Upfront (AWS asks for at least half; the rest is billed monthly); nothing for No Upfront.
 */
export function upfrontPayment(terms: PlanTerms, hourlyCommitment: number): number {
  const termCommitment = hourlyCommitment * 8760 * terms.termYears;
  if (terms.paymentOption === 'AllUpfront') return termCommitment;
  if (terms.paymentOption === 'PartialUpfront') return termCommitment / 2;
  return 0;
}

/** The monthly fee billed during the term (730 hours): all of it, half of it, or none. */
export function recurringMonthlyFee(terms: PlanTerms, hourlyCommitment: number): number {
  const monthly = hourlyCommitment * HOURS_PER_MONTH;
  if (terms.paymentOption === 'NoUpfront') return monthly;
  if (terms.paymentOption === 'PartialUpfront') return monthly / 2;
  return 0;
}

/**
 * Months until the upfront payment is paid back: 0 for No Upfront (the savings start with the
 * first monthly bill), otherwise upfront / monthly cash savings, where the cash saved each month
 * is the on-demand bill no longer paid minus the plan's recurring fee. (Dividing by the amortised
 * saving instead would count the prepaid usage as a cost and give paybacks longer than the term.)
 * Undefined when the plan saves no cash each month.
 */
export function paybackMonths(upfront: number, monthlyCashSavings: number): number | undefined {
  if (upfront === 0) return 0;
  if (!(monthlyCashSavings > 0)) return undefined;
  return upfront / monthlyCashSavings;
}
