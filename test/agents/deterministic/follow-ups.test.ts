import { describe, expect, it } from 'vitest';
import type { ConversationContext } from '../../../agents/orchestrator/conversation-context.ts';
import { routeQuestion } from '../../../agents/orchestrator/deterministic/index.ts';
import type { CostFilter } from '../../../src/domain/index.ts';
import { CATALOG, EC2, PERIODS, S3, TODAY } from './catalog-fixture.ts';

/** The thread after one answered turn, as the orchestrator would store it. */
function after(question: string): ConversationContext {
  const route = routeQuestion(question, { today: TODAY, catalog: CATALOG });
  return {
    question,
    intent: route.intent,
    plan: route.plan,
    calls: route.calls,
    contextId: 'thread-1',
    turn: 1,
    updatedAt: `${TODAY}T10:00:00.000Z`,
  };
}

function follow(previous: string, question: string) {
  return routeQuestion(question, { today: TODAY, catalog: CATALOG, previous: after(previous) });
}

const ec2 = { dimension: 'service', op: 'in', values: EC2 } satisfies CostFilter;
const s3 = { dimension: 'service', op: 'in', values: [S3] } satisfies CostFilter;
const prod = { dimension: 'tag:env', op: 'in', values: ['prod'] } satisfies CostFilter;
const staging = { dimension: 'tag:env', op: 'in', values: ['staging'] } satisfies CostFilter;
const account = { dimension: 'sub_account', op: 'in', values: ['111122223333'] } satisfies CostFilter;

interface Expected {
  agent: string;
  skill: string;
  input: Record<string, unknown>;
}

const FOLLOW_UPS: [previous: string, followUp: string, calls: Expected[]][] = [
  [
    'EC2 spend last week',
    'and last month?',
    [{ agent: 'cost-analysis', skill: 'total', input: { range: PERIODS.lastMonth, filters: [ec2] } }],
  ],
  [
    'EC2 spend last week',
    'break that down by account',
    [
      {
        agent: 'cost-analysis',
        skill: 'breakdown',
        input: { intent: 'breakdown', range: PERIODS.lastWeek, groupBy: 'sub_account', filters: [ec2] },
      },
    ],
  ],
  [
    'EC2 spend last week',
    'by region',
    [
      {
        agent: 'cost-analysis',
        skill: 'breakdown',
        input: { range: PERIODS.lastWeek, groupBy: 'region', filters: [ec2] },
      },
    ],
  ],
  [
    'EC2 spend last week',
    'only prod',
    [{ agent: 'cost-analysis', skill: 'total', input: { range: PERIODS.lastWeek, filters: [ec2, prod] } }],
  ],
  [
    'EC2 spend last week',
    'just account 111122223333',
    [{ agent: 'cost-analysis', skill: 'total', input: { filters: [ec2, account] } }],
  ],
  [
    'EC2 spend last week',
    'without tax',
    [
      {
        agent: 'cost-analysis',
        skill: 'total',
        input: { range: PERIODS.lastWeek, chargeCategories: ['Usage', 'Purchase', 'Credit', 'Adjustment'] },
      },
    ],
  ],
  [
    'EC2 spend last week',
    'what about S3?',
    [{ agent: 'cost-analysis', skill: 'total', input: { range: PERIODS.lastWeek, filters: [s3] } }],
  ],
  [
    'cost by account last month',
    'top 10',
    [
      {
        agent: 'cost-analysis',
        skill: 'breakdown',
        input: { range: PERIODS.lastMonth, groupBy: 'sub_account', limit: 10 },
      },
    ],
  ],
  [
    'EC2 spend last week',
    'why?',
    [
      {
        agent: 'cost-analysis',
        skill: 'explain',
        input: { range: PERIODS.lastWeek, compareTo: PERIODS.weekBeforeLast, filters: [ec2] },
      },
    ],
  ],
  [
    'cost last month for env=prod',
    'what drove that?',
    [
      {
        agent: 'cost-analysis',
        skill: 'explain',
        input: { range: PERIODS.lastMonth, compareTo: PERIODS.septemberLastMonth, filters: [prod] },
      },
    ],
  ],
  [
    'EC2 spend this month',
    'why?',
    [
      {
        agent: 'cost-analysis',
        skill: 'explain',
        input: { range: PERIODS.monthToDate, compareTo: PERIODS.octoberSameDays },
      },
    ],
  ],
  [
    'this month vs last month',
    'why?',
    [
      {
        agent: 'cost-analysis',
        skill: 'explain',
        input: { range: PERIODS.monthToDate, compareTo: PERIODS.octoberSameDays },
      },
    ],
  ],
  [
    'EC2 spend last week',
    'and the forecast?',
    [{ agent: 'forecasting', skill: 'forecast', input: { target: PERIODS.wholeMonth, filters: [ec2] } }],
  ],
  [
    'cost by team this month',
    'and last month?',
    [
      {
        agent: 'cost-analysis',
        skill: 'breakdown',
        input: { range: PERIODS.lastMonth, groupBy: 'tag:team' },
      },
    ],
  ],
  [
    'this month vs last month',
    'and for S3?',
    [
      {
        agent: 'cost-analysis',
        skill: 'compare',
        input: { range: PERIODS.monthToDate, compareTo: PERIODS.octoberSameDays, filters: [s3] },
      },
    ],
  ],
  [
    'forecast this month for env=prod',
    'and next quarter?',
    [{ agent: 'forecasting', skill: 'forecast', input: { target: PERIODS.nextQuarter, filters: [prod] } }],
  ],
  [
    'EC2 spend last week',
    'and the savings?',
    [{ agent: 'ec2', skill: 'savings', input: { range: PERIODS.lastWeek, filters: [] } }],
  ],
  // Savings turns: the service swaps the specialist; the period, filters and limit carry over.
  [
    'where can we save money?',
    'what about S3?',
    [{ agent: 's3', skill: 'savings', input: { range: PERIODS.monthToDate, filters: [] } }],
  ],
  [
    'how can we cut EC2 costs?',
    'and last month?',
    [{ agent: 'ec2', skill: 'savings', input: { range: PERIODS.lastMonth, filters: [] } }],
  ],
  [
    'how can we cut EC2 costs?',
    'only prod',
    [{ agent: 'ec2', skill: 'savings', input: { filters: [prod] } }],
  ],
  ['how can we cut EC2 costs?', 'top 10', [{ agent: 'ec2', skill: 'savings', input: { limit: 10 } }]],
  [
    'how can we cut EC2 costs?',
    'break that down by account',
    [{ agent: 'cost-analysis', skill: 'breakdown', input: { groupBy: 'sub_account', filters: [ec2] } }],
  ],
  [
    'savings plan coverage',
    'and last month?',
    [{ agent: 'commitments', skill: 'coverage', input: { range: PERIODS.lastMonth } }],
  ],
  ['tag compliance', 'only prod', [{ agent: 'tagging', skill: 'compliance', input: { filters: [prod] } }]],
  // Two asks: each call keeps its own kind; one that cannot take the change is dropped.
  [
    'forecast and anomalies for prod',
    'only staging',
    [
      { agent: 'forecasting', skill: 'forecast', input: { target: PERIODS.wholeMonth, filters: [staging] } },
      { agent: 'forecasting', skill: 'anomalies', input: { range: PERIODS.last14Days, filters: [staging] } },
    ],
  ],
  [
    'forecast and anomalies for prod',
    'and next quarter?',
    [{ agent: 'forecasting', skill: 'forecast', input: { target: PERIODS.nextQuarter, filters: [prod] } }],
  ],
  // Complete questions are routed fresh: nothing from the previous turn leaks in.
  [
    'EC2 spend last week',
    'how much did we spend on S3 last month?',
    [{ agent: 'cost-analysis', skill: 'total', input: { range: PERIODS.lastMonth, filters: [s3] } }],
  ],
  [
    'EC2 spend last week',
    'cost by service this month',
    [
      {
        agent: 'cost-analysis',
        skill: 'breakdown',
        input: { range: PERIODS.monthToDate, groupBy: 'service', filters: [] },
      },
    ],
  ],
  [
    'EC2 spend last week',
    'show me S3 spend',
    [{ agent: 'cost-analysis', skill: 'total', input: { range: PERIODS.monthToDate, filters: [s3] } }],
  ],
  [
    'EC2 spend last week',
    'S3 spend',
    [{ agent: 'cost-analysis', skill: 'total', input: { range: PERIODS.monthToDate, filters: [s3] } }],
  ],
  [
    'EC2 spend last week',
    'forecast this quarter for env=prod',
    [{ agent: 'forecasting', skill: 'forecast', input: { target: PERIODS.wholeQuarter, filters: [prod] } }],
  ],
  [
    'EC2 spend last week',
    'where can we save money?',
    [
      { agent: 'ec2', skill: 'savings', input: { range: PERIODS.monthToDate, filters: [] } },
      { agent: 's3', skill: 'savings', input: { range: PERIODS.monthToDate, filters: [] } },
      { agent: 'rds', skill: 'savings', input: { range: PERIODS.monthToDate, filters: [] } },
      { agent: 'commitments', skill: 'coverage', input: { range: PERIODS.monthToDate, filters: [] } },
    ],
  ],
  [
    'where can we save money?',
    'EC2 spend last week',
    [{ agent: 'cost-analysis', skill: 'total', input: { range: PERIODS.lastWeek, filters: [ec2] } }],
  ],
];

describe('routeQuestion with a previous turn', () => {
  it.each(FOLLOW_UPS)('should route %j then %j', (previous, question, calls) => {
    const route = follow(previous, question);
    expect(route.calls.map((call) => `${call.agent}/${call.skill}`)).toEqual(
      calls.map((call) => `${call.agent}/${call.skill}`),
    );
    calls.forEach((expected, index) => {
      expect(route.calls[index]?.input).toMatchObject(expected.input);
    });
  });

  it('should remember the merged plan so a third turn builds on the second', () => {
    const second = follow('EC2 spend last week', 'break that down by account');
    const third = routeQuestion('and last month?', {
      today: TODAY,
      catalog: CATALOG,
      previous: {
        question: 'break that down by account',
        intent: second.intent,
        plan: second.plan,
        calls: second.calls,
        contextId: 'thread-1',
        turn: 2,
        updatedAt: `${TODAY}T10:01:00.000Z`,
      },
    });
    expect(third.calls[0]?.input).toMatchObject({
      intent: 'breakdown',
      range: PERIODS.lastMonth,
      groupBy: 'sub_account',
      filters: [ec2],
    });
  });

  it('should say in the plan that it is a follow-up', () => {
    const route = follow('EC2 spend last week', 'and last month?');
    expect(route.plan?.assumptions.join(' ')).toMatch(/follow-up to "EC2 spend last week"/);
  });

  it('should ask when the follow-up itself is ambiguous', () => {
    const catalog = { ...CATALOG, accounts: [...CATALOG.accounts, { id: '123456789012', name: 'prod' }] };
    const previous = after('EC2 spend last week');
    const route = routeQuestion('only prod', { today: TODAY, catalog, previous });
    expect(route.intent).toBe('clarify');
    expect(route.clarification?.reason).toMatch(/'prod' could mean/);
  });

  it('should treat small talk after a turn as a fresh question, not a change to it', () => {
    const route = follow('EC2 spend last week', 'ok thanks');
    expect(route.calls).toEqual([]);
    expect(route.intent).toBe('clarify');
  });

  it('should ask, not guess, when a follow-up comes with no previous turn', () => {
    const route = routeQuestion('and last month?', { today: TODAY, catalog: CATALOG });
    expect(route.intent).toBe('clarify');
    expect(route.calls).toEqual([]);
  });
});
