import { describe, expect, it } from 'vitest';
import { routeQuestion } from '../../../agents/orchestrator/deterministic/index.ts';
import type { SkillCall } from '../../../agents/orchestrator/skill-call.ts';
import type { CostFilter } from '../../../src/domain/index.ts';
import { CATALOG, EC2, PERIODS, S3, TODAY } from './catalog-fixture.ts';

/** What a row expects of one call: who, which skill, and the parameters that matter. */
interface ExpectedCall {
  agent: string;
  skill: string;
  range?: { start: string; end: string };
  target?: { start: string; end: string };
  compareTo?: { start: string; end: string };
  groupBy?: string;
  filters?: CostFilter[];
  limit?: number;
  tagKeys?: string[];
}

const env = (value: string): CostFilter => ({ dimension: 'tag:env', op: 'in', values: [value] });
const services = (...values: string[]): CostFilter => ({ dimension: 'service', op: 'in', values });
const savings = (agent: string, range = PERIODS.monthToDate, filters: CostFilter[] = []): ExpectedCall => ({
  agent,
  skill: 'savings',
  range,
  filters,
});
const coverage = (range = PERIODS.monthToDate, filters: CostFilter[] = []): ExpectedCall => ({
  agent: 'commitments',
  skill: 'coverage',
  range,
  filters,
});
const allSavings = (range = PERIODS.monthToDate, filters: CostFilter[] = []): ExpectedCall[] => [
  savings('ec2', range, filters),
  savings('s3', range, filters),
  savings('rds', range, filters),
  coverage(range, filters),
];

const ROUTES: [question: string, intent: string, calls: ExpectedCall[]][] = [
  // The parser's intents: cost-analysis, with the plan as input.
  [
    'how much did we spend last month?',
    'total',
    [{ agent: 'cost-analysis', skill: 'total', range: PERIODS.lastMonth, filters: [] }],
  ],
  [
    'EC2 spend last week',
    'total',
    [{ agent: 'cost-analysis', skill: 'total', range: PERIODS.lastWeek, filters: [services(...EC2)] }],
  ],
  [
    'what did we spend yesterday',
    'total',
    [{ agent: 'cost-analysis', skill: 'total', range: PERIODS.yesterday }],
  ],
  ['cost last 30 days', 'total', [{ agent: 'cost-analysis', skill: 'total', range: PERIODS.last30Days }]],
  [
    'how much did we spend on EC2 and S3 last month',
    'total',
    [{ agent: 'cost-analysis', skill: 'total', range: PERIODS.lastMonth, filters: [services(...EC2, S3)] }],
  ],
  [
    's3 cost in us-east-1 last month',
    'total',
    [
      {
        agent: 'cost-analysis',
        skill: 'total',
        range: PERIODS.lastMonth,
        filters: [services(S3), { dimension: 'region', op: 'in', values: ['us-east-1'] }],
      },
    ],
  ],
  [
    'cost by region last month',
    'breakdown',
    [{ agent: 'cost-analysis', skill: 'breakdown', range: PERIODS.lastMonth, groupBy: 'region' }],
  ],
  [
    'cost by team this month',
    'breakdown',
    [{ agent: 'cost-analysis', skill: 'breakdown', range: PERIODS.monthToDate, groupBy: 'tag:team' }],
  ],
  [
    'top 5 accounts this month',
    'breakdown',
    [
      {
        agent: 'cost-analysis',
        skill: 'breakdown',
        range: PERIODS.monthToDate,
        groupBy: 'sub_account',
        limit: 5,
      },
    ],
  ],
  [
    'daily cost last 30 days',
    'trend',
    [{ agent: 'cost-analysis', skill: 'trend', range: PERIODS.last30Days }],
  ],
  [
    'this month vs last month',
    'compare',
    [
      {
        agent: 'cost-analysis',
        skill: 'compare',
        range: PERIODS.monthToDate,
        compareTo: PERIODS.octoberSameDays,
      },
    ],
  ],
  [
    'why did EC2 spend jump last week?',
    'explain',
    [
      {
        agent: 'cost-analysis',
        skill: 'explain',
        range: PERIODS.lastWeek,
        compareTo: PERIODS.weekBeforeLast,
        filters: [services(...EC2)],
      },
    ],
  ],
  [
    'what caused the spike on the 12th?',
    'explain_day',
    [
      {
        agent: 'cost-analysis',
        skill: 'explain_day',
        range: { start: '2026-11-12', end: '2026-11-13' },
        compareTo: { start: '2026-11-05', end: '2026-11-12' },
      },
    ],
  ],
  // "untagged spend" is a cost question: it stays with cost-analysis, as the parser reads it.
  [
    'untagged spend by team',
    'breakdown',
    [
      {
        agent: 'cost-analysis',
        skill: 'breakdown',
        groupBy: 'sub_account',
        filters: [{ dimension: 'tag:team', op: 'missing' }],
      },
    ],
  ],
  [
    'spend without a team tag',
    'total',
    [{ agent: 'cost-analysis', skill: 'total', filters: [{ dimension: 'tag:team', op: 'missing' }] }],
  ],
  // Forecasts and anomalies: the forecasting specialist.
  [
    'forecast this quarter for env=prod',
    'forecast',
    [
      {
        agent: 'forecasting',
        skill: 'forecast',
        target: PERIODS.wholeQuarter,
        range: PERIODS.quarterToDate,
        filters: [env('prod')],
      },
    ],
  ],
  [
    'forecast EC2 for next quarter',
    'forecast',
    [{ agent: 'forecasting', skill: 'forecast', target: PERIODS.nextQuarter, filters: [services(...EC2)] }],
  ],
  [
    'any anomalies last week?',
    'anomalies',
    [{ agent: 'forecasting', skill: 'anomalies', range: PERIODS.lastWeek }],
  ],
  [
    'anomalies by service last week',
    'anomalies',
    [{ agent: 'forecasting', skill: 'anomalies', range: PERIODS.lastWeek, groupBy: 'service' }],
  ],
  [
    'anything unusual?',
    'anomalies',
    [{ agent: 'forecasting', skill: 'anomalies', range: PERIODS.last14Days }],
  ],
  // Savings: one specialist per service named; none named → all three and commitments.
  ['how can we cut EC2 and S3 costs?', 'savings', [savings('ec2'), savings('s3')]],
  ['where can we save money?', 'savings', allSavings()],
  ['show recommendations', 'savings', allSavings()],
  ['idle instances', 'savings', allSavings()],
  ['rightsizing opportunities for prod', 'savings', allSavings(PERIODS.monthToDate, [env('prod')])],
  ['any waste in RDS?', 'savings', [savings('rds')]],
  ['EBS savings', 'savings', [savings('ec2')]],
  ['reduce our rds spend last month', 'savings', [savings('rds', PERIODS.lastMonth)]],
  ['top 10 savings in ec2', 'savings', [{ ...savings('ec2'), limit: 10 }]],
  [
    'idle EC2 instances in account 111122223333',
    'savings',
    [savings('ec2', PERIODS.monthToDate, [{ dimension: 'sub_account', op: 'in', values: ['111122223333'] }])],
  ],
  [
    'optimise S3 storage in us-west-2',
    'savings',
    [savings('s3', PERIODS.monthToDate, [{ dimension: 'region', op: 'in', values: ['us-west-2'] }])],
  ],
  // Tagging.
  [
    'tag compliance',
    'tagging',
    [{ agent: 'tagging', skill: 'compliance', range: PERIODS.monthToDate, filters: [] }],
  ],
  ['which resources are missing tags?', 'tagging', [{ agent: 'tagging', skill: 'compliance', filters: [] }]],
  [
    'untagged resources in prod',
    'tagging',
    [{ agent: 'tagging', skill: 'compliance', filters: [env('prod')] }],
  ],
  [
    'which resources are missing a team tag?',
    'tagging',
    [{ agent: 'tagging', skill: 'compliance', tagKeys: ['team'] }],
  ],
  [
    'tag coverage last month',
    'tagging',
    [{ agent: 'tagging', skill: 'compliance', range: PERIODS.lastMonth }],
  ],
  // Commitments.
  ['savings plan coverage', 'commitments', [coverage()]],
  ['RI utilisation', 'commitments', [coverage()]],
  ['should we buy savings plans?', 'commitments', [coverage()]],
  ['commitment coverage last month', 'commitments', [coverage(PERIODS.lastMonth)]],
  [
    'savings plan utilization last quarter',
    'commitments',
    [coverage({ start: '2026-07-01', end: '2026-10-01' })],
  ],
  // Several asks at once: split on the conjunction, shared period and filters apply to both.
  [
    'forecast and anomalies for prod',
    'forecast+anomalies',
    [
      { agent: 'forecasting', skill: 'forecast', target: PERIODS.wholeMonth, filters: [env('prod')] },
      { agent: 'forecasting', skill: 'anomalies', range: PERIODS.last14Days, filters: [env('prod')] },
    ],
  ],
  [
    'EC2 spend last week and its savings',
    'total+savings',
    [
      { agent: 'cost-analysis', skill: 'total', range: PERIODS.lastWeek, filters: [services(...EC2)] },
      savings('ec2', PERIODS.lastWeek),
    ],
  ],
  [
    'how much did we spend on lambda and what is the forecast',
    'total+forecast',
    [
      {
        agent: 'cost-analysis',
        skill: 'total',
        range: PERIODS.monthToDate,
        filters: [services('AWS Lambda')],
      },
      {
        agent: 'forecasting',
        skill: 'forecast',
        target: PERIODS.wholeMonth,
        filters: [services('AWS Lambda')],
      },
    ],
  ],
  [
    'tag compliance and savings plan coverage',
    'tagging+commitments',
    [{ agent: 'tagging', skill: 'compliance' }, coverage()],
  ],
  // A period ahead means nothing for savings: they are read from what has been billed so far.
  [
    'forecast next month and savings',
    'forecast+savings',
    [
      { agent: 'forecasting', skill: 'forecast', target: { start: '2026-12-01', end: '2027-01-01' } },
      ...allSavings(),
    ],
  ],
];

function expectCall(actual: SkillCall | undefined, expected: ExpectedCall): void {
  expect(actual?.agent).toBe(expected.agent);
  expect(actual?.skill).toBe(expected.skill);
  const { agent: _agent, skill: _skill, ...parameters } = expected;
  expect(actual?.input).toMatchObject(parameters);
  if (expected.filters) expect(actual?.input.filters).toEqual(expected.filters);
  if (expected.limit === undefined) expect(actual?.input.limit).toBeUndefined();
}

describe('routeQuestion', () => {
  it('should have a routing table of at least 40 questions', () => {
    expect(ROUTES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(ROUTES)('should route %j as %s', (question, intent, calls) => {
    const route = routeQuestion(question, { today: TODAY, catalog: CATALOG });
    expect(route.intent).toBe(intent);
    expect(route.calls).toHaveLength(calls.length);
    calls.forEach((expected, index) => {
      expectCall(route.calls[index], expected);
    });
  });

  it('should give cost-analysis and forecasting the parsed plan with the skill equal to its intent', () => {
    const route = routeQuestion('cost by region last month', { today: TODAY, catalog: CATALOG });
    expect(route.plan?.intent).toBe('breakdown');
    expect(route.calls[0]?.input).toEqual(JSON.parse(JSON.stringify(route.plan)));
  });

  it("should keep a savings turn's spend as its plan, with the services it looked at", () => {
    const route = routeQuestion('how can we cut EC2 and S3 costs?', { today: TODAY, catalog: CATALOG });
    expect(route.plan).toMatchObject({
      intent: 'total',
      range: PERIODS.monthToDate,
      filters: [services(...EC2, S3)],
    });
  });

  it('should not split where the conjunction joins two services or two periods', () => {
    const services = routeQuestion('how can we cut EC2 and S3 costs?', { today: TODAY, catalog: CATALOG });
    expect(services.intent).toBe('savings');
    const periods = routeQuestion('cost between september and october', { today: TODAY, catalog: CATALOG });
    expect(periods.calls).toHaveLength(1);
    expect(periods.calls[0]?.input.range).toEqual({ start: '2026-09-01', end: '2026-11-01' });
  });

  it('should pass help through and call nobody', () => {
    const route = routeQuestion('help', { today: TODAY, catalog: CATALOG });
    expect(route).toMatchObject({ intent: 'help', help: true, calls: [] });
  });

  it('should clarify what it cannot read and list the new asks among what it can answer', () => {
    const route = routeQuestion("how's the weather", { today: TODAY, catalog: CATALOG });
    expect(route.intent).toBe('clarify');
    expect(route.calls).toEqual([]);
    expect(route.clarification?.reason).toMatch(/weather/);
    expect(route.clarification?.canAnswer.join('\n')).toMatch(/totals:/);
    expect(route.clarification?.canAnswer.join('\n')).toMatch(/savings: "how can we cut EC2 and S3 costs\?"/);
  });

  it('should ask instead of guessing when a savings ask names a service no specialist covers', () => {
    const route = routeQuestion('how can we cut lambda costs?', { today: TODAY, catalog: CATALOG });
    expect(route.intent).toBe('clarify');
    expect(route.clarification?.reason).toMatch(/EC2 \(with EBS\), S3 and RDS/);
  });

  it("should pass the parser's clarification through for a savings ask with an ambiguous scope", () => {
    const catalog = { ...CATALOG, accounts: [...CATALOG.accounts, { id: '123456789012', name: 'prod' }] };
    const route = routeQuestion('rightsizing opportunities for prod', { today: TODAY, catalog });
    expect(route.intent).toBe('clarify');
    expect(route.clarification?.reason).toMatch(/'prod' could mean/);
  });

  it('should cap a savings limit at the 50 the specialists accept', () => {
    const route = routeQuestion('top 200 savings in s3', { today: TODAY, catalog: CATALOG });
    expect(route.calls[0]?.input.limit).toBe(50);
  });

  it('should name RDS for databases and S3 for buckets', () => {
    const route = routeQuestion('any idle databases or unused buckets?', { today: TODAY, catalog: CATALOG });
    expect(route.calls.map((call) => call.agent)).toEqual(['s3', 'rds']);
  });
});
