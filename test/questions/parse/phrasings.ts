import type { ChargeCategory, CostFilter, Dimension, Metric, TimeRange } from '../../../src/domain/index.ts';
import type { Intent } from '../../../src/questions/parse/index.ts';

/**
 * Hand-written expectations for the phrasing table, all relative to TODAY = 2026-11-24, a Tuesday.
 * Every date below was worked out by hand from the calendar, not produced by the parser.
 */
export const TODAY = '2026-11-24';

const r = (start: string, end: string): TimeRange => ({ start, end });

// Month to date runs to today + 1 so that today's partial data counts.
const MTD = r('2026-11-01', '2026-11-25');
// The same days of October, for like-for-like comparisons with MTD.
const MTD_BASELINE = r('2026-10-01', '2026-10-25');
const TODAY_RANGE = r('2026-11-24', '2026-11-25');
const YESTERDAY = r('2026-11-23', '2026-11-24');
const THIS_WEEK = r('2026-11-23', '2026-11-25'); // Monday 23rd to today
const LAST_WEEK = r('2026-11-16', '2026-11-23'); // Monday 16th to Sunday 22nd
const WEEK_BEFORE = r('2026-11-09', '2026-11-16');
const OCTOBER = r('2026-10-01', '2026-11-01');
const SEPTEMBER = r('2026-09-01', '2026-10-01');
const THIS_QUARTER = r('2026-10-01', '2026-11-25');
const Q3 = r('2026-07-01', '2026-10-01');
const Q2 = r('2026-04-01', '2026-07-01');
const YTD = r('2026-01-01', '2026-11-25');
const LAST_YEAR = r('2025-01-01', '2026-01-01');

// Forecast targets are whole periods; the known part runs to today inclusive.
const NOVEMBER = r('2026-11-01', '2026-12-01');
const Q4 = r('2026-10-01', '2027-01-01');
const DECEMBER = r('2026-12-01', '2027-01-01');
const YEAR_2026 = r('2026-01-01', '2027-01-01');
const Q1_2027 = r('2027-01-01', '2027-04-01');
// A target that has not started is forecast from the 56 days before today: 24 days of November,
// 31 of October and 1 of September.
const BASIS = r('2026-09-29', '2026-11-24');
// Anomalies with no period: the 14 full days before today.
const LAST_14_DAYS = r('2026-11-10', '2026-11-24');
const NOV_12 = r('2026-11-12', '2026-11-13');
const WEEK_BEFORE_NOV_12 = r('2026-11-05', '2026-11-12');
const NAT = ['USE1-NatGateway-Hours', 'USE1-NatGateway-Bytes'];

const EC2 = 'Amazon Elastic Compute Cloud';
const S3 = 'Amazon Simple Storage Service';
const RDS = 'Amazon Relational Database Service';
const PROD = '111122223333';
const STAGING = '444455556666';
const SANDBOX = '777788889999';
const SHARED = '210987654321';

const service = (...values: string[]): CostFilter => ({ dimension: 'service', op: 'in', values });
const account = (...values: string[]): CostFilter => ({ dimension: 'sub_account', op: 'in', values });
const region = (...values: string[]): CostFilter => ({ dimension: 'region', op: 'in', values });
const tag = (key: string, ...values: string[]): CostFilter => ({ dimension: `tag:${key}`, op: 'in', values });
const not = (filter: CostFilter): CostFilter =>
  filter.op === 'in' ? { dimension: filter.dimension, op: 'not_in', values: filter.values } : filter;
const untagged = (key: string): CostFilter => ({ dimension: `tag:${key}`, op: 'missing' });

const NO_TAX: ChargeCategory[] = ['Usage', 'Purchase', 'Credit', 'Adjustment'];
const NO_CREDITS: ChargeCategory[] = ['Usage', 'Purchase', 'Tax', 'Adjustment'];

export interface Phrasing {
  q: string;
  intent: Intent;
  range?: TimeRange;
  compareTo?: TimeRange;
  groupBy?: Dimension;
  limit?: number;
  granularity?: 'day' | 'month';
  filters?: CostFilter[];
  metric?: Metric;
  charges?: ChargeCategory[];
  /** Forecasts: the whole period projected. */
  target?: TimeRange;
  /** A budget in USD. */
  budget?: number;
  /** explain_day: the day in question. */
  day?: string;
  /** For clarify: what the reason must mention. */
  reason?: RegExp;
}

export const PHRASINGS: Phrasing[] = [
  // Totals
  { q: 'how much did we spend last month', intent: 'total', range: OCTOBER },
  { q: "what's our AWS bill this month", intent: 'total', range: MTD },
  { q: 'total cost yesterday', intent: 'total', range: YESTERDAY },
  { q: 'How much did we spend today?', intent: 'total', range: TODAY_RANGE },
  { q: 'HOW MUCH DID WE SPEND IN OCTOBER', intent: 'total', range: OCTOBER },
  { q: '<@U012ABC> how much did we spend last month?', intent: 'total', range: OCTOBER },
  { q: 'hey, what did EC2 cost us yesterday??', intent: 'total', range: YESTERDAY, filters: [service(EC2)] },
  { q: 'how much have we spent so far?', intent: 'total', range: MTD },
  { q: 'spend this week', intent: 'total', range: THIS_WEEK },
  { q: 'cost last week', intent: 'total', range: LAST_WEEK },
  { q: 'month to date spend', intent: 'total', range: MTD },
  { q: 'MTD', intent: 'total', range: MTD },
  { q: 'ytd spend pls', intent: 'total', range: YTD },
  { q: 'year to date cost', intent: 'total', range: YTD },
  { q: 'spend this year', intent: 'total', range: YTD },
  { q: 'last year spend', intent: 'total', range: LAST_YEAR },
  { q: 'spend in 2025', intent: 'total', range: LAST_YEAR },
  { q: 'cost last 7 days', intent: 'total', range: r('2026-11-17', '2026-11-24') },
  { q: 'last 90 days cost', intent: 'total', range: r('2026-08-26', '2026-11-24') },
  { q: 'spend in the past two weeks', intent: 'total', range: r('2026-11-10', '2026-11-24') },
  { q: 'past week spend', intent: 'total', range: r('2026-11-17', '2026-11-24') },
  { q: 'spend past 3 months', intent: 'total', range: r('2026-08-01', '2026-11-01') },
  { q: 'spend in March', intent: 'total', range: r('2026-03-01', '2026-04-01') },
  { q: 'spend in March 2026', intent: 'total', range: r('2026-03-01', '2026-04-01') },
  { q: 'march 2025 cost', intent: 'total', range: r('2025-03-01', '2025-04-01') },
  { q: "Mar '26 spend", intent: 'total', range: r('2026-03-01', '2026-04-01') },
  { q: 'spend in december', intent: 'total', range: r('2025-12-01', '2026-01-01') },
  { q: 'spend in November', intent: 'total', range: MTD },
  { q: 'spend in Q3', intent: 'total', range: Q3 },
  { q: 'Q1 2026 cost', intent: 'total', range: r('2026-01-01', '2026-04-01') },
  { q: 'spend in q4 2025', intent: 'total', range: r('2025-10-01', '2026-01-01') },
  { q: 'this quarter spend', intent: 'total', range: THIS_QUARTER },
  { q: 'last quarter cost', intent: 'total', range: Q3 },
  { q: 'spend in h1', intent: 'total', range: r('2026-01-01', '2026-07-01') },
  { q: 'spend since March', intent: 'total', range: r('2026-03-01', '2026-11-25') },
  { q: 'spend since 2026-03-15', intent: 'total', range: r('2026-03-15', '2026-11-25') },
  { q: 'spend from 2026-03-01 to 2026-03-15', intent: 'total', range: r('2026-03-01', '2026-03-16') },
  { q: 'cost between March and May', intent: 'total', range: r('2026-03-01', '2026-06-01') },
  { q: 'spend from march to may 2026', intent: 'total', range: r('2026-03-01', '2026-06-01') },
  { q: 'spend between 2026-10-01 and 2026-10-15', intent: 'total', range: r('2026-10-01', '2026-10-16') },
  { q: 'spend from 2026-11-01 to 2026-12-31', intent: 'total', range: MTD },
  { q: 'spend on 2026-11-03', intent: 'total', range: r('2026-11-03', '2026-11-04') },
  { q: 'cost on the 12th', intent: 'total', range: r('2026-11-12', '2026-11-13') },
  { q: 'what did we spend on the 30th', intent: 'total', range: r('2026-10-30', '2026-10-31') },
  // November has no 31st: the most recent 31st is in October.
  { q: 'spend on the 31st', intent: 'total', range: r('2026-10-31', '2026-11-01') },
  { q: 'spend on march 5th', intent: 'total', range: r('2026-03-05', '2026-03-06') },
  { q: 'spend on monday', intent: 'total', range: YESTERDAY },
  { q: 'last friday spend', intent: 'total', range: r('2026-11-20', '2026-11-21') },
  { q: 'spend the day before yesterday', intent: 'total', range: r('2026-11-22', '2026-11-23') },
  { q: 'spend this week so far', intent: 'total', range: THIS_WEEK },
  { q: 'spend so far this month', intent: 'total', range: MTD },
  { q: 'total spend across all accounts last month', intent: 'total', range: OCTOBER },

  // Services
  { q: 'EC2 spend last month', intent: 'total', range: OCTOBER, filters: [service(EC2)] },
  { q: 'how much did we spend on compute', intent: 'total', range: MTD, filters: [service(EC2)] },
  { q: 'instances cost this month', intent: 'total', range: MTD, filters: [service(EC2)] },
  { q: 'Elastic Compute Cloud spend', intent: 'total', range: MTD, filters: [service(EC2)] },
  { q: 'AmazonEC2 cost yesterday', intent: 'total', range: YESTERDAY, filters: [service(EC2)] },
  { q: 'S3 cost', intent: 'total', range: MTD, filters: [service(S3)] },
  { q: 'storage spend last month', intent: 'total', range: OCTOBER, filters: [service(S3)] },
  { q: 'bucket costs', intent: 'total', range: MTD, filters: [service(S3)] },
  { q: 'RDS spend', intent: 'total', range: MTD, filters: [service(RDS)] },
  { q: 'database spend', intent: 'total', range: MTD, filters: [service(RDS)] },
  { q: 'what do our databases cost', intent: 'total', range: MTD, filters: [service(RDS)] },
  { q: 'Lambda cost yesterday', intent: 'total', range: YESTERDAY, filters: [service('AWS Lambda')] },
  { q: 'CloudFront spend', intent: 'total', range: MTD, filters: [service('Amazon CloudFront')] },
  { q: 'CDN cost last month', intent: 'total', range: OCTOBER, filters: [service('Amazon CloudFront')] },
  { q: 'DynamoDB spend', intent: 'total', range: MTD, filters: [service('Amazon DynamoDB')] },
  { q: 'dynamo costs this week', intent: 'total', range: THIS_WEEK, filters: [service('Amazon DynamoDB')] },
  { q: 'CloudWatch costs', intent: 'total', range: MTD, filters: [service('AmazonCloudWatch')] },
  { q: 'monitoring spend', intent: 'total', range: MTD, filters: [service('AmazonCloudWatch')] },
  { q: 'VPC cost', intent: 'total', range: MTD, filters: [service('Amazon Virtual Private Cloud')] },
  {
    q: 'kubernetes spend last month',
    intent: 'total',
    range: OCTOBER,
    filters: [service('Amazon Elastic Kubernetes Service')],
  },
  {
    q: 'data transfer cost last month',
    intent: 'total',
    range: OCTOBER,
    filters: [service('AWS Data Transfer')],
  },
  {
    q: 'NAT gateway spend',
    intent: 'total',
    range: MTD,
    filters: [
      { dimension: 'usage_type', op: 'in', values: ['USE1-NatGateway-Hours', 'USE1-NatGateway-Bytes'] },
    ],
  },
  { q: 'EC2 and S3 spend last month', intent: 'total', range: OCTOBER, filters: [service(EC2, S3)] },
  {
    q: 'compute category spend',
    intent: 'total',
    range: MTD,
    filters: [{ dimension: 'service_category', op: 'in', values: ['Compute'] }],
  },
  {
    q: 'storage category spend',
    intent: 'total',
    range: MTD,
    filters: [{ dimension: 'service_category', op: 'in', values: ['Storage'] }],
  },
  {
    q: 'spend for the databases category',
    intent: 'total',
    range: MTD,
    filters: [{ dimension: 'service_category', op: 'in', values: ['Databases'] }],
  },
  {
    q: 'networking spend',
    intent: 'total',
    range: MTD,
    filters: [{ dimension: 'service_category', op: 'in', values: ['Networking'] }],
  },

  // Accounts, regions, tags
  { q: 'prod account spend', intent: 'total', range: MTD, filters: [account(PROD)] },
  { q: 'the production account last month', intent: 'total', range: OCTOBER, filters: [account(PROD)] },
  { q: 'account 111122223333 spend', intent: 'total', range: MTD, filters: [account(PROD)] },
  { q: 'staging account cost', intent: 'total', range: MTD, filters: [account(STAGING)] },
  { q: 'cost for shared-services account', intent: 'total', range: MTD, filters: [account(SHARED)] },
  {
    q: 'prod and staging accounts last month',
    intent: 'total',
    range: OCTOBER,
    filters: [account(PROD, STAGING)],
  },
  { q: 'sandbox spend yesterday', intent: 'total', range: YESTERDAY, filters: [account(SANDBOX)] },
  {
    q: 'EC2 cost in prod account last month',
    intent: 'total',
    range: OCTOBER,
    filters: [service(EC2), account(PROD)],
  },
  { q: 'spend in us-east-1', intent: 'total', range: MTD, filters: [region('us-east-1')] },
  { q: 'cost in Ireland', intent: 'total', range: MTD, filters: [region('eu-west-1')] },
  { q: 'spend in N. Virginia last month', intent: 'total', range: OCTOBER, filters: [region('us-east-1')] },
  { q: 'Oregon spend', intent: 'total', range: MTD, filters: [region('us-west-2')] },
  {
    q: 'how much do we spend in the US?',
    intent: 'total',
    range: MTD,
    filters: [region('us-east-1', 'us-west-2')],
  },
  { q: 'spend in us regions', intent: 'total', range: MTD, filters: [region('us-east-1', 'us-west-2')] },
  { q: 'what did EC2 cost us last month', intent: 'total', range: OCTOBER, filters: [service(EC2)] },
  {
    q: 'europe spend by service',
    intent: 'breakdown',
    range: MTD,
    groupBy: 'service',
    filters: [region('eu-west-1', 'eu-central-1')],
  },
  { q: 'apac spend', intent: 'clarify', reason: /Asia Pacific/ },
  { q: 'frankfurt costs this week', intent: 'total', range: THIS_WEEK, filters: [region('eu-central-1')] },
  { q: 'team=payments spend', intent: 'total', range: MTD, filters: [tag('team', 'payments')] },
  { q: 'team:payments cost last month', intent: 'total', range: OCTOBER, filters: [tag('team', 'payments')] },
  { q: 'spend for the payments team', intent: 'total', range: MTD, filters: [tag('team', 'payments')] },
  { q: 'payments spend', intent: 'total', range: MTD, filters: [tag('team', 'payments')] },
  { q: 'tagged env=prod cost', intent: 'total', range: MTD, filters: [tag('env', 'prod')] },
  { q: 'cost-center 1234 spend', intent: 'total', range: MTD, filters: [tag('cost-center', '1234')] },
  {
    q: 'cost center 5678 spend last month',
    intent: 'total',
    range: OCTOBER,
    filters: [tag('cost-center', '5678')],
  },
  { q: 'dev environment spend last week', intent: 'total', range: LAST_WEEK, filters: [tag('env', 'dev')] },
  {
    q: 'spend for team search excluding tax',
    intent: 'total',
    range: MTD,
    filters: [tag('team', 'search')],
    charges: NO_TAX,
  },
  {
    q: 'S3 spend in us-west-2 for the payments team',
    intent: 'total',
    range: MTD,
    filters: [service(S3), region('us-west-2'), tag('team', 'payments')],
  },
  { q: 'untagged spend', intent: 'total', range: MTD, filters: [untagged('team')] },
  {
    q: 'untagged resources',
    intent: 'breakdown',
    range: MTD,
    groupBy: 'resource',
    filters: [untagged('team')],
  },
  {
    q: 'how much untagged spend do we have in prod account',
    intent: 'total',
    range: MTD,
    filters: [account(PROD), untagged('team')],
  },
  {
    q: 'untagged EC2 spend last month',
    intent: 'total',
    range: OCTOBER,
    filters: [service(EC2), untagged('team')],
  },
  { q: 'spend without a team tag', intent: 'total', range: MTD, filters: [untagged('team')] },
  {
    q: 'untagged spend by team',
    intent: 'breakdown',
    range: MTD,
    groupBy: 'sub_account',
    filters: [untagged('team')],
  },
  {
    q: 'spend with no cost-center tag by account',
    intent: 'breakdown',
    range: MTD,
    groupBy: 'sub_account',
    filters: [untagged('cost-center')],
  },

  // Exclusions, charge categories, metrics
  { q: 'spend excluding tax', intent: 'total', range: MTD, charges: NO_TAX },
  { q: 'cost without credits', intent: 'total', range: MTD, charges: NO_CREDITS },
  { q: 'pre-tax spend last month', intent: 'total', range: OCTOBER, charges: NO_TAX },
  { q: 'spend before credits this month', intent: 'total', range: MTD, charges: NO_CREDITS },
  {
    q: 'spend excluding tax and credits',
    intent: 'total',
    range: MTD,
    charges: ['Usage', 'Purchase', 'Adjustment'],
  },
  { q: 'usage only spend last month', intent: 'total', range: OCTOBER, charges: ['Usage'] },
  { q: 'how much tax did we pay last month', intent: 'total', range: OCTOBER, charges: ['Tax'] },
  { q: 'credits last quarter', intent: 'total', range: Q3, charges: ['Credit'] },
  { q: 'spend except sandbox', intent: 'total', range: MTD, filters: [not(account(SANDBOX))] },
  {
    q: 'EC2 spend excluding us-east-1',
    intent: 'total',
    range: MTD,
    filters: [service(EC2), not(region('us-east-1'))],
  },
  { q: 'spend excluding EC2 and S3', intent: 'total', range: MTD, filters: [not(service(EC2, S3))] },
  {
    q: 'cost by account excluding sandbox and staging',
    intent: 'breakdown',
    range: MTD,
    groupBy: 'sub_account',
    filters: [not(account(SANDBOX, STAGING))],
  },
  { q: 'amortized cost last month', intent: 'total', range: OCTOBER, metric: 'EffectiveCost' },
  { q: 'amortised spend this month', intent: 'total', range: MTD, metric: 'EffectiveCost' },
  { q: 'unblended spend this month', intent: 'total', range: MTD, metric: 'BilledCost' },
  { q: 'billed cost last month', intent: 'total', range: OCTOBER, metric: 'BilledCost' },
  { q: 'what was on the invoice last month', intent: 'total', range: OCTOBER, metric: 'BilledCost' },
  { q: 'list cost for EC2', intent: 'total', range: MTD, filters: [service(EC2)], metric: 'ListCost' },
  { q: 'on-demand cost last month', intent: 'total', range: OCTOBER, metric: 'ListCost' },
  { q: 'spend before discounts', intent: 'total', range: MTD, metric: 'ListCost' },
  { q: 'contracted cost', intent: 'total', range: MTD, metric: 'ContractedCost' },
  { q: 'net cost', intent: 'total', range: MTD, metric: 'EffectiveCost' },
  { q: 'effective cost this month', intent: 'total', range: MTD, metric: 'EffectiveCost' },

  // Breakdowns and top N
  { q: 'spend by service', intent: 'breakdown', range: MTD, groupBy: 'service' },
  { q: 'cost by account last month', intent: 'breakdown', range: OCTOBER, groupBy: 'sub_account' },
  { q: 'breakdown by team', intent: 'breakdown', range: MTD, groupBy: 'tag:team' },
  { q: 'cost by region', intent: 'breakdown', range: MTD, groupBy: 'region' },
  { q: 'spend by usage type this month', intent: 'breakdown', range: MTD, groupBy: 'usage_type' },
  { q: 'spend by cost-center tag', intent: 'breakdown', range: MTD, groupBy: 'tag:cost-center' },
  { q: 'cost by owner', intent: 'breakdown', range: MTD, groupBy: 'tag:owner' },
  { q: 'spend by env', intent: 'breakdown', range: MTD, groupBy: 'tag:env' },
  { q: 'spend per environment this month', intent: 'breakdown', range: MTD, groupBy: 'tag:env' },
  { q: 'spend by charge category', intent: 'breakdown', range: MTD, groupBy: 'charge_category' },
  { q: 'cost by service category this year', intent: 'breakdown', range: YTD, groupBy: 'service_category' },
  { q: 'spend split by region', intent: 'breakdown', range: MTD, groupBy: 'region' },
  { q: 'spend for each account', intent: 'breakdown', range: MTD, groupBy: 'sub_account' },
  { q: 'how much per team', intent: 'breakdown', range: MTD, groupBy: 'tag:team' },
  { q: 'cost breakdown for October', intent: 'breakdown', range: OCTOBER, groupBy: 'service' },
  { q: "break down last month's bill", intent: 'breakdown', range: OCTOBER, groupBy: 'service' },
  {
    q: 'EC2 by region last month',
    intent: 'breakdown',
    range: OCTOBER,
    groupBy: 'region',
    filters: [service(EC2)],
  },
  {
    q: 'prod account spend by service',
    intent: 'breakdown',
    range: MTD,
    groupBy: 'service',
    filters: [account(PROD)],
  },
  { q: 'what accounts do we have spend in', intent: 'breakdown', range: MTD, groupBy: 'sub_account' },
  { q: 'top 5 accounts this month', intent: 'breakdown', range: MTD, groupBy: 'sub_account', limit: 5 },
  {
    q: '@finops top 5 accounts this month pls',
    intent: 'breakdown',
    range: MTD,
    groupBy: 'sub_account',
    limit: 5,
  },
  { q: 'top 10 resources by cost', intent: 'breakdown', range: MTD, groupBy: 'resource', limit: 10 },
  { q: 'Top 3 Services Last Month', intent: 'breakdown', range: OCTOBER, groupBy: 'service', limit: 3 },
  { q: 'top five regions last quarter', intent: 'breakdown', range: Q3, groupBy: 'region', limit: 5 },
  {
    q: 'top 3 teams by spend last month',
    intent: 'breakdown',
    range: OCTOBER,
    groupBy: 'tag:team',
    limit: 3,
  },
  {
    q: 'top 10 usage types last month',
    intent: 'breakdown',
    range: OCTOBER,
    groupBy: 'usage_type',
    limit: 10,
  },
  { q: 'biggest services', intent: 'breakdown', range: MTD, groupBy: 'service' },
  { q: 'most expensive accounts', intent: 'breakdown', range: MTD, groupBy: 'sub_account' },
  { q: "what's our most expensive service", intent: 'breakdown', range: MTD, groupBy: 'service', limit: 1 },
  {
    q: 'which team spent the most last month',
    intent: 'breakdown',
    range: OCTOBER,
    groupBy: 'tag:team',
    limit: 1,
  },
  { q: 'which region costs the most', intent: 'breakdown', range: MTD, groupBy: 'region', limit: 1 },
  {
    q: 'ec2 vs s3 last month',
    intent: 'breakdown',
    range: OCTOBER,
    groupBy: 'service',
    filters: [service(EC2, S3)],
  },
  {
    q: 'the production account vs staging account last month',
    intent: 'breakdown',
    range: OCTOBER,
    groupBy: 'sub_account',
    filters: [account(PROD, STAGING)],
  },

  // Trends
  { q: 'daily cost last 30 days', intent: 'trend', range: r('2026-10-25', '2026-11-24'), granularity: 'day' },
  { q: 'monthly spend this year', intent: 'trend', range: YTD, granularity: 'month' },
  {
    q: 'EC2 trend over the last 6 months',
    intent: 'trend',
    range: r('2026-05-01', '2026-11-01'),
    granularity: 'month',
    filters: [service(EC2)],
  },
  {
    q: 'daily spend by service last 2 weeks',
    intent: 'trend',
    range: r('2026-11-10', '2026-11-24'),
    groupBy: 'service',
    granularity: 'day',
  },
  {
    q: 'daily EC2 costs this month',
    intent: 'trend',
    range: MTD,
    granularity: 'day',
    filters: [service(EC2)],
  },
  { q: 'cost per day last week', intent: 'trend', range: LAST_WEEK, granularity: 'day' },
  {
    q: 'monthly cost trend for the last 12 months',
    intent: 'trend',
    range: r('2025-11-01', '2026-11-01'),
    granularity: 'month',
  },
  {
    q: 'show me the trend of S3 spend',
    intent: 'trend',
    range: MTD,
    granularity: 'day',
    filters: [service(S3)],
  },
  {
    q: 'spend trend by account this quarter',
    intent: 'trend',
    range: THIS_QUARTER,
    groupBy: 'sub_account',
    granularity: 'day',
  },
  { q: 'spend over time', intent: 'trend', range: MTD, granularity: 'day' },
  { q: 'monthly spend', intent: 'trend', range: r('2026-05-01', '2026-11-25'), granularity: 'month' },
  {
    q: 'RDS cost history since January',
    intent: 'trend',
    range: YTD,
    granularity: 'month',
    filters: [service(RDS)],
  },

  // Comparisons
  { q: 'this month vs last month', intent: 'compare', range: MTD, compareTo: MTD_BASELINE },
  {
    q: 'compare last week with the week before',
    intent: 'compare',
    range: LAST_WEEK,
    compareTo: WEEK_BEFORE,
  },
  { q: 'week over week', intent: 'compare', range: LAST_WEEK, compareTo: WEEK_BEFORE },
  { q: 'month over month', intent: 'compare', range: OCTOBER, compareTo: SEPTEMBER },
  { q: 'how did spend change month over month', intent: 'compare', range: OCTOBER, compareTo: SEPTEMBER },
  {
    q: 'March vs February',
    intent: 'compare',
    range: r('2026-03-01', '2026-04-01'),
    compareTo: r('2026-02-01', '2026-03-01'),
  },
  { q: '2026-10 vs 2026-09', intent: 'compare', range: OCTOBER, compareTo: SEPTEMBER },
  { q: 'Q3 vs Q2', intent: 'compare', range: Q3, compareTo: Q2 },
  {
    q: 'compare this week to last week',
    intent: 'compare',
    range: THIS_WEEK,
    compareTo: r('2026-11-16', '2026-11-18'),
  },
  { q: 'compare October and September', intent: 'compare', range: OCTOBER, compareTo: SEPTEMBER },
  {
    q: 'October vs September cost by service',
    intent: 'compare',
    range: OCTOBER,
    compareTo: SEPTEMBER,
    groupBy: 'service',
  },
  {
    q: 'this month vs the same period last year',
    intent: 'compare',
    range: MTD,
    compareTo: r('2025-11-01', '2025-11-25'),
  },
  { q: 'spend yoy', intent: 'compare', range: LAST_YEAR, compareTo: r('2024-01-01', '2025-01-01') },
  {
    q: 'how much more did we spend this month than last month',
    intent: 'compare',
    range: MTD,
    compareTo: MTD_BASELINE,
  },
  { q: 'did our bill go up last week', intent: 'compare', range: LAST_WEEK, compareTo: WEEK_BEFORE },
  { q: 'compare last month to the month before', intent: 'compare', range: OCTOBER, compareTo: SEPTEMBER },
  {
    q: 'how does this month compare to the previous month',
    intent: 'compare',
    range: MTD,
    compareTo: MTD_BASELINE,
  },
  {
    q: 'S3 this quarter vs last quarter',
    intent: 'compare',
    range: THIS_QUARTER,
    compareTo: r('2026-07-01', '2026-08-25'),
    filters: [service(S3)],
  },
  {
    q: 'January vs December',
    intent: 'compare',
    range: r('2026-01-01', '2026-02-01'),
    compareTo: r('2025-12-01', '2026-01-01'),
  },
  { q: 'ytd vs last year', intent: 'compare', range: YTD, compareTo: r('2025-01-01', '2025-11-25') },
  // Only the baseline named: the running period of the same unit is compared with it.
  { q: 'EC2 vs last month', intent: 'compare', range: MTD, compareTo: MTD_BASELINE, filters: [service(EC2)] },
  {
    q: 'how is spend compared to last week',
    intent: 'compare',
    range: THIS_WEEK,
    compareTo: r('2026-11-16', '2026-11-18'),
  },
  {
    q: 'S3 compared with yesterday',
    intent: 'compare',
    range: TODAY_RANGE,
    compareTo: YESTERDAY,
    filters: [service(S3)],
  },
  { q: 'spend vs last year', intent: 'compare', range: YTD, compareTo: r('2025-01-01', '2025-11-25') },
  {
    q: 'EC2 in Ireland vs Oregon',
    intent: 'breakdown',
    range: MTD,
    groupBy: 'region',
    filters: [service(EC2), region('eu-west-1', 'us-west-2')],
  },
  {
    q: 'top 5 accounts by ec2 spend',
    intent: 'breakdown',
    range: MTD,
    groupBy: 'sub_account',
    limit: 5,
    filters: [service(EC2)],
  },
  {
    q: 'cost per account per month',
    intent: 'trend',
    range: r('2026-05-01', '2026-11-25'),
    groupBy: 'sub_account',
    granularity: 'month',
  },

  // Explanations
  {
    q: 'why did EC2 spend jump last week?',
    intent: 'explain',
    range: LAST_WEEK,
    compareTo: WEEK_BEFORE,
    filters: [service(EC2)],
  },
  { q: 'what drove the increase in October?', intent: 'explain', range: OCTOBER, compareTo: SEPTEMBER },
  { q: 'why is our bill higher this month', intent: 'explain', range: MTD, compareTo: MTD_BASELINE },
  {
    q: 'explain the change in S3 cost',
    intent: 'explain',
    range: MTD,
    compareTo: MTD_BASELINE,
    filters: [service(S3)],
  },
  // One day explained against the 7 days before it (explain_day).
  {
    q: 'why did costs spike yesterday',
    intent: 'explain_day',
    range: YESTERDAY,
    compareTo: r('2026-11-16', '2026-11-23'),
    day: '2026-11-23',
  },
  {
    q: 'what caused the jump in RDS costs in October',
    intent: 'explain',
    range: OCTOBER,
    compareTo: SEPTEMBER,
    filters: [service(RDS)],
  },
  {
    q: 'why was September so expensive',
    intent: 'explain',
    range: SEPTEMBER,
    compareTo: r('2026-08-01', '2026-09-01'),
  },
  { q: 'explain last month', intent: 'explain', range: OCTOBER, compareTo: SEPTEMBER },
  {
    q: 'what changed this week',
    intent: 'explain',
    range: THIS_WEEK,
    compareTo: r('2026-11-16', '2026-11-18'),
  },
  {
    q: 'explain S3 cost change this month vs last month',
    intent: 'explain',
    range: MTD,
    compareTo: MTD_BASELINE,
    filters: [service(S3)],
  },
  {
    q: 'why did the payments team spend more last week',
    intent: 'explain',
    range: LAST_WEEK,
    compareTo: WEEK_BEFORE,
    filters: [tag('team', 'payments')],
  },

  // Forecasts
  { q: 'forecast this month', intent: 'forecast', range: MTD, target: NOVEMBER },
  { q: 'forecast for the quarter', intent: 'forecast', range: THIS_QUARTER, target: Q4 },
  { q: 'what will we spend this quarter', intent: 'forecast', range: THIS_QUARTER, target: Q4 },
  { q: 'projected spend by the end of the month', intent: 'forecast', range: MTD, target: NOVEMBER },
  {
    q: 'forecast EC2 for next month',
    intent: 'forecast',
    range: BASIS,
    target: DECEMBER,
    filters: [service(EC2)],
  },
  {
    q: 'forecast the next 3 months',
    intent: 'forecast',
    range: BASIS,
    target: r('2026-12-01', '2027-03-01'),
  },
  {
    q: 'forecast by service this month',
    intent: 'forecast',
    range: MTD,
    target: NOVEMBER,
    groupBy: 'service',
  },
  {
    q: 'month-end projection for the payments team',
    intent: 'forecast',
    range: MTD,
    target: NOVEMBER,
    filters: [tag('team', 'payments')],
  },
  { q: 'how much will we spend in December', intent: 'forecast', range: BASIS, target: DECEMBER },
  { q: 'forecast', intent: 'forecast', range: MTD, target: NOVEMBER },
  { q: 'what is our EOM forecast?', intent: 'forecast', range: MTD, target: NOVEMBER },
  { q: 'where will we land by end of quarter', intent: 'forecast', range: THIS_QUARTER, target: Q4 },
  { q: 'run rate this month', intent: 'forecast', range: MTD, target: NOVEMBER },
  { q: 'estimated spend this month', intent: 'forecast', range: MTD, target: NOVEMBER },
  { q: 'forecast spend for this year', intent: 'forecast', range: YTD, target: YEAR_2026 },
  {
    q: 'predicted S3 cost for the rest of the month',
    intent: 'forecast',
    range: MTD,
    target: NOVEMBER,
    filters: [service(S3)],
  },
  { q: 'forecast next quarter', intent: 'forecast', range: BASIS, target: Q1_2027 },
  // Monday 30 November to Sunday 6 December.
  {
    q: 'what will we spend next week',
    intent: 'forecast',
    range: BASIS,
    target: r('2026-11-30', '2026-12-07'),
  },
  // The 30 days after today: 25 November to 24 December.
  { q: 'forecast the next 30 days', intent: 'forecast', range: BASIS, target: r('2026-11-25', '2026-12-25') },
  { q: 'expected spend tomorrow', intent: 'forecast', range: BASIS, target: r('2026-11-25', '2026-11-26') },
  { q: 'forecast for March', intent: 'forecast', range: BASIS, target: r('2027-03-01', '2027-04-01') },
  { q: 'forecast Q4', intent: 'forecast', range: THIS_QUARTER, target: Q4 },
  {
    q: 'top 5 accounts by forecast spend this month',
    intent: 'forecast',
    range: MTD,
    target: NOVEMBER,
    groupBy: 'sub_account',
    limit: 5,
  },
  {
    q: 'forecast daily amortized cost this month',
    intent: 'forecast',
    range: MTD,
    target: NOVEMBER,
    granularity: 'day',
    metric: 'EffectiveCost',
  },
  {
    q: 'monthly forecast for the next 3 months',
    intent: 'forecast',
    range: BASIS,
    target: r('2026-12-01', '2027-03-01'),
    granularity: 'month',
  },
  {
    q: 'projected spend this month vs last month',
    intent: 'forecast',
    range: MTD,
    target: NOVEMBER,
    compareTo: OCTOBER,
  },
  {
    q: 'will spend this month be higher than last month',
    intent: 'forecast',
    range: MTD,
    target: NOVEMBER,
    compareTo: OCTOBER,
  },
  // "next month" can only be a forecast, even without the word.
  { q: 'spend next month', intent: 'forecast', range: BASIS, target: DECEMBER },
  // A period that is over is reported as spent.
  { q: 'forecast last month', intent: 'total', range: OCTOBER },

  // Budgets
  { q: 'will we go over our 50k budget', intent: 'forecast', range: MTD, target: NOVEMBER, budget: 50_000 },
  {
    q: 'are we on track for a $120,000 budget this month',
    intent: 'forecast',
    range: MTD,
    target: NOVEMBER,
    budget: 120_000,
  },
  {
    q: 'budget 45k for EC2 this month — will we exceed it?',
    intent: 'forecast',
    range: MTD,
    target: NOVEMBER,
    budget: 45_000,
    filters: [service(EC2)],
  },
  {
    q: 'will we stay under 1.2M this quarter',
    intent: 'forecast',
    range: THIS_QUARTER,
    target: Q4,
    budget: 1_200_000,
  },
  { q: 'will we exceed 45,000 this month', intent: 'forecast', range: MTD, target: NOVEMBER, budget: 45_000 },
  {
    q: 'is the payments team going to exceed its 8k budget this month',
    intent: 'forecast',
    range: MTD,
    target: NOVEMBER,
    budget: 8_000,
    filters: [tag('team', 'payments')],
  },
  {
    q: 'will we stay within a 1.5 million budget this year',
    intent: 'forecast',
    range: YTD,
    target: YEAR_2026,
    budget: 1_500_000,
  },
  {
    q: 'budget of 200k for Q4 - will we hit it',
    intent: 'forecast',
    range: THIS_QUARTER,
    target: Q4,
    budget: 200_000,
  },
  {
    q: 'will we go over $2.5m next quarter',
    intent: 'forecast',
    range: BASIS,
    target: Q1_2027,
    budget: 2_500_000,
  },
  // A budget for a period that is over: the actual spend against it.
  { q: 'did we go over our 50k budget in October', intent: 'total', range: OCTOBER, budget: 50_000 },

  // Anomalies
  { q: 'any anomalies last week?', intent: 'anomalies', range: LAST_WEEK },
  { q: 'anything weird in the last 7 days', intent: 'anomalies', range: r('2026-11-17', '2026-11-24') },
  { q: 'unusual spend this month', intent: 'anomalies', range: MTD },
  { q: 'cost spikes in EC2 last month', intent: 'anomalies', range: OCTOBER, filters: [service(EC2)] },
  {
    q: 'anomalies by account last 2 weeks',
    intent: 'anomalies',
    range: LAST_14_DAYS,
    groupBy: 'sub_account',
  },
  { q: 'anything weird last week', intent: 'anomalies', range: LAST_WEEK },
  { q: 'any anomalies in EC2?', intent: 'anomalies', range: LAST_14_DAYS, filters: [service(EC2)] },
  { q: 'anomalies', intent: 'anomalies', range: LAST_14_DAYS },
  { q: 'show me outliers in S3 this month', intent: 'anomalies', range: MTD, filters: [service(S3)] },
  { q: 'unusual EC2 costs yesterday', intent: 'anomalies', range: YESTERDAY, filters: [service(EC2)] },
  { q: 'top 5 anomalies last month', intent: 'anomalies', range: OCTOBER, limit: 5 },
  { q: 'what was the biggest spike this month', intent: 'anomalies', range: MTD, limit: 1 },
  { q: 'anomalies by service in October', intent: 'anomalies', range: OCTOBER, groupBy: 'service' },
  // The 30 full days before today: 25 October to 23 November.
  {
    q: 'anomalies per usage type over the last 30 days',
    intent: 'anomalies',
    range: r('2026-10-25', '2026-11-24'),
    groupBy: 'usage_type',
  },
  {
    q: 'unexpected charges for the prod account this week',
    intent: 'anomalies',
    range: THIS_WEEK,
    filters: [account(PROD)],
  },
  {
    q: 'were there any cost spikes in us-east-1',
    intent: 'anomalies',
    range: LAST_14_DAYS,
    filters: [region('us-east-1')],
  },

  // A day's spike: the day against the 7 days before it.
  {
    q: 'what caused the spike on the 12th?',
    intent: 'explain_day',
    range: NOV_12,
    compareTo: WEEK_BEFORE_NOV_12,
    day: '2026-11-12',
  },
  {
    q: 'why was the 12th so expensive',
    intent: 'explain_day',
    range: NOV_12,
    compareTo: WEEK_BEFORE_NOV_12,
    day: '2026-11-12',
  },
  {
    q: 'what happened on 2026-11-03',
    intent: 'explain_day',
    range: r('2026-11-03', '2026-11-04'),
    compareTo: r('2026-10-27', '2026-11-03'),
    day: '2026-11-03',
  },
  {
    q: 'why did NAT cost spike on Nov 12',
    intent: 'explain_day',
    range: NOV_12,
    compareTo: WEEK_BEFORE_NOV_12,
    day: '2026-11-12',
    filters: [{ dimension: 'usage_type', op: 'in', values: NAT }],
  },
  // November has no 31st: the most recent one is 31 October.
  {
    q: 'why was spend so high on the 31st',
    intent: 'explain_day',
    range: r('2026-10-31', '2026-11-01'),
    compareTo: r('2026-10-24', '2026-10-31'),
    day: '2026-10-31',
  },
  // Today is Tuesday 24 November: Monday is the 23rd.
  {
    q: 'why was Monday so expensive',
    intent: 'explain_day',
    range: YESTERDAY,
    compareTo: LAST_WEEK,
    day: '2026-11-23',
  },
  {
    q: "explain yesterday's EC2 spike",
    intent: 'explain_day',
    range: YESTERDAY,
    compareTo: LAST_WEEK,
    day: '2026-11-23',
    filters: [service(EC2)],
  },
  // Two days named: an ordinary comparison of the two.
  {
    q: 'why was the 12th more expensive than the 11th',
    intent: 'explain',
    range: NOV_12,
    compareTo: r('2026-11-11', '2026-11-12'),
  },

  // Help
  { q: 'help', intent: 'help' },
  { q: 'what can you do', intent: 'help' },
  { q: 'What can I ask?', intent: 'help' },
  { q: 'hi', intent: 'help' },

  // Clarify: out of scope, unknown, ambiguous, garbage
  { q: 'blended cost last month', intent: 'clarify', reason: /blended/ },
  // A budget question without the amount: the data holds no budgets, so it is asked for.
  { q: 'will we go over budget', intent: 'clarify', reason: /don't know your budget/ },
  { q: 'how can we save', intent: 'clarify', reason: /recommendations/ },
  { q: 'forecast the next 13 months', intent: 'clarify', reason: /at most 12 months ahead/ },
  { q: 'forecast 2027', intent: 'clarify', reason: /at most 12 months ahead/ },
  { q: 'are we on track this month', intent: 'clarify', reason: /don't know your budget/ },
  { q: 'will we go over a $0 budget', intent: 'clarify', reason: /above zero/ },
  { q: 'budget 50k by service this month', intent: 'clarify', reason: /one total/ },
  { q: 'anomalies by region last week', intent: 'clarify', reason: /service, account or usage type/ },
  { q: 'anomalies this month vs last month', intent: 'clarify', reason: /one period/ },
  { q: 'any anomalies next week', intent: 'clarify', reason: /forecast and for anomalies/ },
  { q: 'why will EC2 go up next month', intent: 'clarify', reason: /forecast spend or explain/ },
  { q: 'what happened on 2026-11-30', intent: 'clarify', reason: /future/ },
  { q: 'forecast last month vs the month before', intent: 'clarify', reason: /already over/ },
  { q: 'recommend some rightsizing', intent: 'clarify', reason: /recommendations/ },
  { q: 'asdf', intent: 'clarify', reason: /asdf/ },
  { q: '', intent: 'clarify', reason: /empty/ },
  { q: '   ?!  ', intent: 'clarify' },
  { q: "what's the weather", intent: 'clarify', reason: /weather/ },
  { q: 'how much did we spend on Snowflake', intent: 'clarify', reason: /snowflake.*EC2/ },
  { q: 'EKZ cost', intent: 'clarify', reason: /ekz/ },
  { q: 'how much did we spend on Redshift', intent: 'clarify', reason: /Redshift does not appear/ },
  { q: 'spend in Paris', intent: 'clarify', reason: /eu-west-3/ },
  { q: 'account 999999999999 cost', intent: 'clarify', reason: /999999999999/ },
  { q: 'team=marketing spend', intent: 'clarify', reason: /marketing.*payments/ },
  { q: 'project=apollo spend', intent: 'clarify', reason: /no tag 'project'/ },
  { q: 'spend by project', intent: 'clarify', reason: /group by 'project'/ },
  { q: 'non-prod spend', intent: 'clarify', reason: /non-prod/ },
  { q: 'who spent the most last month', intent: 'clarify', reason: /most/ },
  { q: 'spend in the last 24 hours', intent: 'clarify', reason: /hours/ },
  { q: 'cost in december 2026', intent: 'clarify', reason: /future/ },
  { q: 'spend on 2026-02-30', intent: 'clarify', reason: /not a calendar date/ },
  { q: 'staging spend', intent: 'clarify', reason: /staging account.*env/ },
  { q: 'prod costs last week', intent: 'clarify', reason: /could mean/ },
  { q: 'spend by service and region', intent: 'clarify', reason: /one thing at a time/ },
  { q: 'amortized unblended cost', intent: 'clarify', reason: /more than one metric/ },
  { q: 'cheapest services', intent: 'clarify', reason: /cheapest/ },
  { q: 'what is today', intent: 'clarify' },
];
