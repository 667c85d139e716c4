import { describe, expect, it } from 'vitest';
import { FinopsError } from '../../../src/errors.ts';
import {
  createSavingsPlanPurchaseRule,
  nearestRankPercentile,
  paybackMonths,
  planTermsFromUsageType,
  recurringMonthlyFee,
  savingsPlanFamily,
  upfrontPayment,
} from '../../../src/recommendations/commitments/index.ts';

describe('savingsPlanFamily', () => {
  it('should recognise instance, Fargate and Lambda compute usage in any region', () => {
    expect(savingsPlanFamily('BoxUsage:m5.xlarge')).toBe('ec2-instance');
    expect(savingsPlanFamily('USW2-BoxUsage:t3.medium')).toBe('ec2-instance');
    expect(savingsPlanFamily('EUC1-DedicatedUsage:c5.large')).toBe('ec2-instance');
    expect(savingsPlanFamily('USE1-Fargate-vCPU-Hours:perCPU')).toBe('fargate');
    expect(savingsPlanFamily('Fargate-GB-Hours')).toBe('fargate');
    expect(savingsPlanFamily('EU-Lambda-GB-Second')).toBe('lambda');
    expect(savingsPlanFamily('Lambda-GB-Second-ARM')).toBe('lambda');
    expect(savingsPlanFamily('APN1-Lambda-Provisioned-Concurrency')).toBe('lambda');
  });

  it('should leave out usage no Savings Plan covers', () => {
    for (const usageType of [
      'SpotUsage:c5.large',
      'EBS:VolumeUsage.gp3',
      'NatGateway-Hours',
      'Request',
      'EU-Request',
      'DataTransfer-Out-Bytes',
      'ComputeSP:1yrNoUpfront',
      'InstanceUsage:db.r5.large',
    ])
      expect(savingsPlanFamily(usageType)).toBeUndefined();
    expect(savingsPlanFamily(null)).toBeUndefined();
  });
});

describe('nearestRankPercentile', () => {
  it('should take the third lowest of thirty values as the p10', () => {
    const values = Array.from({ length: 30 }, (_, index) => 100 - index);
    expect(nearestRankPercentile(values, 0.1)).toBe(73);
    expect(nearestRankPercentile(values, 1)).toBe(100);
    expect(nearestRankPercentile([5], 0.1)).toBe(5);
    expect(nearestRankPercentile([], 0.1)).toBeUndefined();
  });

  it('should refuse a percentile outside (0, 1]', () => {
    expect(() => nearestRankPercentile([1, 2], 0)).toThrow(FinopsError);
    expect(() => nearestRankPercentile([1, 2], 10)).toThrow(/percentile must be in/);
  });
});

describe('createSavingsPlanPurchaseRule', () => {
  it('should refuse a floor percentile that is not a share', () => {
    expect(() => createSavingsPlanPurchaseRule({ floorPercentile: 10 })).toThrow(
      /floorPercentile must be between 0 and 1/,
    );
    expect(() => createSavingsPlanPurchaseRule({ floorPercentile: 0.25 })).not.toThrow();
  });
});

describe('payback', () => {
  it('should read term and payment option from a fee usage type', () => {
    expect(planTermsFromUsageType('ComputeSP:3yrPartialUpfront')).toEqual({
      termYears: 3,
      paymentOption: 'PartialUpfront',
    });
    expect(planTermsFromUsageType('ComputeSP:1yrNoUpfront')).toEqual({
      termYears: 1,
      paymentOption: 'NoUpfront',
    });
    expect(planTermsFromUsageType('Something')).toBeUndefined();
  });

  it('should pay nothing upfront and pay back at once for No Upfront', () => {
    const terms = { termYears: 1, paymentOption: 'NoUpfront' } as const;
    expect(upfrontPayment(terms, 2)).toBe(0);
    expect(recurringMonthlyFee(terms, 2)).toBe(1460);
    expect(paybackMonths(0, 100)).toBe(0);
  });

  it('should pay half upfront for Partial Upfront and pay back from the cash saved each month', () => {
    const terms = { termYears: 1, paymentOption: 'PartialUpfront' } as const;
    // $2/hour: the year is 8760 × 2 = $17,520, half of it upfront; half of 730 × 2 monthly.
    expect(upfrontPayment(terms, 2)).toBe(8760);
    expect(recurringMonthlyFee(terms, 2)).toBe(730);
    // On demand the usage cost $2,000 a month: $1,270 of cash saved each month.
    expect(paybackMonths(8760, 2000 - 730)).toBeCloseTo(8760 / 1270, 10);
  });

  it('should pay the whole term upfront for All Upfront', () => {
    const terms = { termYears: 3, paymentOption: 'AllUpfront' } as const;
    expect(upfrontPayment(terms, 1)).toBe(26280);
    expect(recurringMonthlyFee(terms, 1)).toBe(0);
    expect(paybackMonths(26280, 0)).toBeUndefined();
  });
});
