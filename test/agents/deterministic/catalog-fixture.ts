import type { TimeRange } from '../../../src/domain/index.ts';
import type { Catalog } from '../../../src/questions/parse/index.ts';

/**
 * A small organisation written by hand for routing tests. Service names are those of AWS Cost
 * Explorer / CUR ("EC2 - Other" holds EBS, snapshots and NAT); account names do not clash with
 * tag values, so "prod" is only env=prod.
 */
export const CATALOG: Catalog = {
  services: [
    { name: 'Amazon Elastic Compute Cloud - Compute', code: 'AmazonEC2', category: 'Compute' },
    { name: 'EC2 - Other', code: 'AmazonEC2', category: 'Compute' },
    { name: 'Amazon Simple Storage Service', code: 'AmazonS3', category: 'Storage' },
    { name: 'Amazon Relational Database Service', code: 'AmazonRDS', category: 'Databases' },
    { name: 'AWS Lambda', code: 'AWSLambda', category: 'Compute' },
  ],
  accounts: [
    { id: '111122223333', name: 'acme-main' },
    { id: '444455556666', name: 'acme-data' },
    { id: '777788889999', name: 'acme-sandbox' },
  ],
  regions: ['us-east-1', 'us-west-2', 'eu-west-1'],
  tagKeys: ['team', 'env'],
  tagValues: { team: ['payments', 'search', 'platform'], env: ['prod', 'staging', 'dev'] },
  usageTypes: [
    'USE1-BoxUsage:m5.large',
    'USE1-EBS:VolumeUsage.gp2',
    'USE1-NatGateway-Hours',
    'TimedStorage-ByteHrs',
  ],
};

/** Tuesday 24 November 2026: the day every relative period in these tests resolves against. */
export const TODAY = '2026-11-24';

/** Periods around TODAY, written out by hand (half-open: `end` is the day after the last one). */
export const PERIODS = {
  monthToDate: { start: '2026-11-01', end: '2026-11-25' },
  lastMonth: { start: '2026-10-01', end: '2026-11-01' },
  septemberLastMonth: { start: '2026-09-01', end: '2026-10-01' },
  octoberSameDays: { start: '2026-10-01', end: '2026-10-25' },
  lastWeek: { start: '2026-11-16', end: '2026-11-23' },
  weekBeforeLast: { start: '2026-11-09', end: '2026-11-16' },
  quarterToDate: { start: '2026-10-01', end: '2026-11-25' },
  wholeQuarter: { start: '2026-10-01', end: '2027-01-01' },
  nextQuarter: { start: '2027-01-01', end: '2027-04-01' },
  wholeMonth: { start: '2026-11-01', end: '2026-12-01' },
  last14Days: { start: '2026-11-10', end: '2026-11-24' },
  last30Days: { start: '2026-10-25', end: '2026-11-24' },
  yesterday: { start: '2026-11-23', end: '2026-11-24' },
} satisfies Record<string, TimeRange>;

export const EC2 = ['Amazon Elastic Compute Cloud - Compute', 'EC2 - Other'];
export const S3 = 'Amazon Simple Storage Service';
export const RDS = 'Amazon Relational Database Service';
