import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../../src/questions/parse/index.ts';
import { catalogSchema, normalizeQuestion, parseQuestion } from '../../../src/questions/parse/index.ts';
import { CATALOG, CATALOG_WITHOUT_DATA_TRANSFER } from './catalog-fixture.ts';

const ask = (question: string, today = '2026-11-24', catalog: Catalog = CATALOG) =>
  parseQuestion(question, { today, catalog });

describe('parseQuestion time edge cases', () => {
  it('should compare month to date on the 31st with the whole of a shorter previous month', () => {
    const parsed = ask('this month vs last month', '2026-03-31');
    expect(parsed.range).toEqual({ start: '2026-03-01', end: '2026-04-01' });
    // February 2026 has 28 days, all of which are "the same days" as 1–31 March.
    expect(parsed.compareTo).toEqual({ start: '2026-02-01', end: '2026-03-01' });
  });

  it('should not let a like-for-like baseline run into the current month', () => {
    const parsed = ask('why is spend up this month', '2026-03-30');
    expect(parsed.intent).toBe('explain');
    expect(parsed.compareTo).toEqual({ start: '2026-02-01', end: '2026-03-01' });
  });

  it('should keep the same day count when the previous month is longer', () => {
    const parsed = ask('month to date vs last month', '2026-05-31');
    expect(parsed.range).toEqual({ start: '2026-05-01', end: '2026-06-01' });
    expect(parsed.compareTo).toEqual({ start: '2026-04-01', end: '2026-05-01' });
  });

  it('should read "last month" on the 1st as the whole previous month', () => {
    expect(ask('spend last month', '2026-12-01').range).toEqual({ start: '2026-11-01', end: '2026-12-01' });
    expect(ask('spend this month', '2026-12-01').range).toEqual({ start: '2026-12-01', end: '2026-12-02' });
    const compared = ask('this month vs last month', '2026-12-01');
    expect(compared.compareTo).toEqual({ start: '2026-11-01', end: '2026-11-02' });
  });

  it('should read "last month" in January as December of the previous year', () => {
    expect(ask('spend last month', '2027-01-15').range).toEqual({ start: '2026-12-01', end: '2027-01-01' });
  });

  it('should handle February in a leap year', () => {
    expect(ask('spend in February', '2028-03-15').range).toEqual({ start: '2028-02-01', end: '2028-03-01' });
    expect(ask('spend on feb 29', '2028-03-15').range).toEqual({ start: '2028-02-29', end: '2028-03-01' });
    expect(ask('spend on 2028-02-29', '2028-03-15').range).toEqual({
      start: '2028-02-29',
      end: '2028-03-01',
    });
    // 1 March 2028 minus 30 days crosses the 29th: 29 Feb, 28 Feb, … back to 31 January.
    expect(ask('cost last 30 days', '2028-03-01').range).toEqual({ start: '2028-01-31', end: '2028-03-01' });
    const compared = ask('this month vs last month', '2028-02-29');
    expect(compared.range).toEqual({ start: '2028-02-01', end: '2028-03-01' });
    expect(compared.compareTo).toEqual({ start: '2028-01-01', end: '2028-01-30' });
  });

  it('should find the most recent 29 February when the year is not given', () => {
    expect(ask('spend on feb 29', '2029-03-01').range).toEqual({ start: '2028-02-29', end: '2028-03-01' });
  });

  it('should refuse a 29 February that does not exist', () => {
    const parsed = ask('spend on 2027-02-29');
    expect(parsed.intent).toBe('clarify');
    expect(parsed.clarification?.reason).toMatch(/2027-02-29 is not a calendar date/);
  });

  it('should start weeks on Monday across a year boundary', () => {
    // 2027-01-05 is a Tuesday; the Monday before it is 2027-01-04.
    expect(ask('spend last week', '2027-01-05').range).toEqual({ start: '2026-12-28', end: '2027-01-04' });
    expect(ask('spend this week', '2027-01-05').range).toEqual({ start: '2027-01-04', end: '2027-01-06' });
    const wow = ask('week over week', '2027-01-05');
    expect(wow.range).toEqual({ start: '2026-12-28', end: '2027-01-04' });
    expect(wow.compareTo).toEqual({ start: '2026-12-21', end: '2026-12-28' });
    // 2027-01-01 is a Friday: this week began on Monday 2026-12-28.
    expect(ask('spend this week', '2027-01-01').range).toEqual({ start: '2026-12-28', end: '2027-01-02' });
  });

  it('should read this week on a Monday as just today', () => {
    expect(ask('spend this week', '2026-11-23').range).toEqual({ start: '2026-11-23', end: '2026-11-24' });
  });

  it('should take a month name that is still ahead this year as last year', () => {
    const parsed = ask('spend in December');
    expect(parsed.range).toEqual({ start: '2025-12-01', end: '2026-01-01' });
    expect(parsed.assumptions.join(' ')).toMatch(/December 2025/);
  });

  it('should cut the current month to today and say so', () => {
    const parsed = ask('spend in November');
    expect(parsed.range).toEqual({ start: '2026-11-01', end: '2026-11-25' });
    expect(parsed.assumptions.join(' ')).toMatch(/not over yet/);
  });

  it('should take the current quarter up to today', () => {
    expect(ask('spend in Q4').range).toEqual({ start: '2026-10-01', end: '2026-11-25' });
  });

  it('should refuse a wholly future period', () => {
    for (const question of ['spend in Q1 2027', 'cost in december 2026', 'spend on 2026-11-25']) {
      const parsed = ask(question);
      expect(parsed.intent, question).toBe('clarify');
      expect(parsed.clarification?.reason, question).toMatch(/future/);
    }
  });

  it('should place "between November and February" across the year end', () => {
    expect(ask('spend between November and February', '2027-03-10').range).toEqual({
      start: '2026-11-01',
      end: '2027-03-01',
    });
  });

  it('should state the default period and the like-for-like baseline', () => {
    expect(ask('spend by service').assumptions).toContain(
      'no period given: this month to date, 2026-11-01 to 2026-11-24',
    );
    expect(ask('spend last week').assumptions).toContain(
      "'last week' = Monday 2026-11-16 to Sunday 2026-11-22",
    );
    expect(ask('why did EC2 go up this month').assumptions.join(' ')).toMatch(
      /like for like.*2026-10-01 to 2026-10-24/,
    );
  });
});

describe('parseQuestion entity edge cases', () => {
  it('should clarify an unknown service by naming it and listing the known services', () => {
    const parsed = ask('how much did we spend on Snowflake last month');
    expect(parsed.intent).toBe('clarify');
    expect(parsed.clarification?.reason).toMatch(/'snowflake'/);
    expect(parsed.clarification?.reason).toMatch(/EC2, S3, RDS/);
    expect(parsed.filters).toEqual([]);
  });

  it('should never drop an unknown word next to known ones', () => {
    const parsed = ask('EC2 spend for the blorp team last month');
    expect(parsed.intent).toBe('clarify');
    expect(parsed.clarification?.reason).toMatch(/'blorp'/);
  });

  it('should ask when a name is both an account and a tag value', () => {
    const parsed = ask('prod spend last month');
    expect(parsed.intent).toBe('clarify');
    expect(parsed.clarification?.reason).toMatch(/prod account \(111122223333\)/);
    expect(parsed.clarification?.reason).toMatch(/env=prod/);
  });

  it('should take a bare account name when nothing else has that name, and say so', () => {
    const catalog: Catalog = { ...CATALOG, tagValues: { ...CATALOG.tagValues, env: ['dev'] } };
    const parsed = ask('prod spend last month', '2026-11-24', catalog);
    expect(parsed.filters).toEqual([{ dimension: 'sub_account', op: 'in', values: ['111122223333'] }]);
    expect(parsed.assumptions).toContain("'prod' = the prod account (111122223333)");
  });

  it('should ask when a question names more than two periods', () => {
    const parsed = ask('compare March, April and May');
    expect(parsed.intent).toBe('clarify');
    expect(parsed.clarification?.reason).toMatch(/more than two periods/);
  });

  it('should use the qualifier when the ambiguous name is qualified', () => {
    expect(ask('prod account spend').filters).toEqual([
      { dimension: 'sub_account', op: 'in', values: ['111122223333'] },
    ]);
    expect(ask('env=prod spend').filters).toEqual([{ dimension: 'tag:env', op: 'in', values: ['prod'] }]);
    expect(ask('prod environment spend').filters).toEqual([
      { dimension: 'tag:env', op: 'in', values: ['prod'] },
    ]);
  });

  it('should read an ambiguous name listed with a settled one the same way, and say so', () => {
    const parsed = ask('spend except sandbox and prod');
    expect(parsed.filters).toEqual([
      { dimension: 'sub_account', op: 'not_in', values: ['777788889999', '111122223333'] },
    ]);
    expect(parsed.assumptions.join(' ')).toMatch(/'prod' is listed with 'sandbox'/);
  });

  it('should use data transfer usage types when the data has no AWS Data Transfer service', () => {
    const parsed = ask('data transfer cost last month', '2026-11-24', CATALOG_WITHOUT_DATA_TRANSFER);
    expect(parsed.filters).toEqual([
      {
        dimension: 'usage_type',
        op: 'in',
        values: ['USE1-DataTransfer-Out-Bytes', 'USW2-DataTransfer-Regional-Bytes'],
      },
    ]);
    expect(parsed.assumptions.join(' ')).toMatch(/usage types/);
  });

  it('should ask about NAT gateways when the data lists no usage types', () => {
    const parsed = ask('NAT gateway spend', '2026-11-24', { ...CATALOG, usageTypes: undefined });
    expect(parsed.intent).toBe('clarify');
    expect(parsed.clarification?.reason).toMatch(/NAT gateway/);
  });

  it('should ask about untagged spend when the data has no tags', () => {
    const parsed = ask('untagged spend', '2026-11-24', { ...CATALOG, tagKeys: [], tagValues: {} });
    expect(parsed.intent).toBe('clarify');
    expect(parsed.clarification?.reason).toMatch(/no tags/);
  });

  it('should refuse a top N beyond what a breakdown can show', () => {
    const parsed = ask('top 5000 resources');
    expect(parsed.intent).toBe('clarify');
    expect(parsed.clarification?.reason).toMatch(/1 to 1000/);
  });

  it('should refuse to exclude every charge category', () => {
    const parsed = ask('usage only excluding usage');
    expect(parsed.intent).toBe('clarify');
  });

  it('should resolve services by code and name from the catalog itself', () => {
    const catalog: Catalog = {
      ...CATALOG,
      services: [...CATALOG.services, { name: 'Amazon Kinesis', code: 'AmazonKinesis' }],
    };
    expect(ask('kinesis spend', '2026-11-24', catalog).filters).toEqual([
      { dimension: 'service', op: 'in', values: ['Amazon Kinesis'] },
    ]);
    expect(ask('AmazonKinesis spend', '2026-11-24', catalog).filters).toEqual([
      { dimension: 'service', op: 'in', values: ['Amazon Kinesis'] },
    ]);
  });

  it('should clarify a period outside the data and note a partly covered one', () => {
    const catalog: Catalog = { ...CATALOG, dataRange: { start: '2026-01-01', end: '2026-11-25' } };
    const outside = ask('spend in 2024', '2026-11-24', catalog);
    expect(outside.intent).toBe('clarify');
    expect(outside.clarification?.reason).toMatch(/no billing data/);
    const partly = ask('cost last 12 months', '2026-11-24', catalog);
    expect(partly.intent).toBe('total');
    expect(partly.assumptions.join(' ')).toMatch(/only part/);
  });

  it('should not change the catalog it is given', () => {
    const copy = structuredClone(CATALOG);
    ask('top 5 services by cost excluding tax for the payments team last month');
    expect(CATALOG).toEqual(copy);
  });

  it('should accept the test catalog as a valid catalog', () => {
    expect(catalogSchema.safeParse(CATALOG).success).toBe(true);
  });
});

describe('normalizeQuestion', () => {
  it('should drop chat mentions, emoji codes, possessives and sentence punctuation', () => {
    expect(normalizeQuestion('<@U012AB> Top 5 accounts, this month?? :pray:')).toBe(
      'top 5 accounts this month',
    );
    expect(normalizeQuestion('@finops what’s our bill?')).toBe('what our bill');
  });

  it('should keep the characters that carry meaning inside terms', () => {
    expect(normalizeQuestion('team:payments, us-east-1, N. Virginia, Mar ’26.')).toBe(
      "team:payments us-east-1 n. virginia mar '26",
    );
  });
});

describe('parseQuestion context checks', () => {
  it('should throw a FinopsError naming the expected format when today is not a day', () => {
    for (const today of ['24/11/2026', '2026-02-30', '']) {
      expect(() => parseQuestion('spend', { today, catalog: CATALOG })).toThrow(
        expect.objectContaining({
          name: 'FinopsError',
          code: 'finops_invalid_input',
          message: expect.stringMatching(/YYYY-MM-DD/),
        }),
      );
    }
  });

  it('should throw a FinopsError saying which part of a malformed catalog is wrong', () => {
    const catalog = { ...CATALOG, regions: 'us-east-1' } as unknown as Catalog;
    expect(() => parseQuestion('spend', { today: '2026-11-24', catalog })).toThrow(/regions/);
  });
});

describe('parseQuestion with prefixed account names', () => {
  // Account names as organisations often write them: a shared prefix and a distinctive part.
  const PREFIXED: Catalog = {
    ...CATALOG,
    accounts: [
      { id: '318204657921', name: 'acme-management' },
      { id: '442069174385', name: 'acme-prod' },
      { id: '553108246790', name: 'acme-staging' },
      { id: '885601743290', name: 'acme-shared-services' },
    ],
  };
  const askPrefixed = (question: string) =>
    parseQuestion(question, { today: '2026-11-24', catalog: PREFIXED });

  it('should find an account by the part of its name no other account shares, and say so', () => {
    const parsed = askPrefixed('the production account last month');
    expect(parsed.filters).toEqual([{ dimension: 'sub_account', op: 'in', values: ['442069174385'] }]);
    expect(parsed.assumptions).toContain("'production' = the acme-prod account (442069174385)");
    expect(askPrefixed('shared services account cost').filters).toEqual([
      { dimension: 'sub_account', op: 'in', values: ['885601743290'] },
    ]);
  });

  it('should not read the shared prefix as any one account', () => {
    const parsed = askPrefixed('acme account spend');
    expect(parsed.intent).toBe('clarify');
    expect(parsed.clarification?.reason).toMatch(/'acme'/);
  });

  it('should report only the ambiguity when an excluded name is ambiguous', () => {
    const parsed = askPrefixed('spend except staging');
    expect(parsed.intent).toBe('clarify');
    expect(parsed.clarification?.reason).toMatch(/'staging' could mean the acme-staging account/);
    expect(parsed.clarification?.reason).not.toMatch(/'except'/);
  });
});

describe('parseQuestion with FOCUS sample style names', () => {
  // Shapes seen in the FOCUS 1.0 sample export (FinOps Foundation, CC BY 4.0): EKS under its launch
  // name, ECR with its abbreviation in brackets, one service under two categories, a "global"
  // region and anonymised 11-digit account ids. Written by hand; no data is copied.
  const FOCUS_STYLE: Catalog = {
    services: [
      { name: 'Amazon Elastic Compute Cloud', category: 'Compute' },
      { name: 'Amazon Elastic Compute Cloud', category: 'Storage' },
      { name: 'Amazon Elastic Container Service for Kubernetes', category: 'Other' },
      { name: 'Amazon EC2 Container Registry (ECR)', category: 'Other' },
    ],
    accounts: [{ id: '66362635077', name: 'Zenith Apollo' }],
    regions: ['us-east-1', 'Global'],
    tagKeys: ['application', 'environment'],
    tagValues: { application: ['BrightLensMatrix'], environment: ['dev', 'prod'] },
  };
  const askFocus = (question: string) =>
    parseQuestion(question, { today: '2024-09-30', catalog: FOCUS_STYLE });

  it('should list a service once even when the data files it under two categories', () => {
    expect(askFocus('EC2 spend').filters).toEqual([
      { dimension: 'service', op: 'in', values: ['Amazon Elastic Compute Cloud'] },
    ]);
  });

  it('should find EKS and ECR under the names CUR gives them', () => {
    expect(askFocus('kubernetes spend').filters).toEqual([
      { dimension: 'service', op: 'in', values: ['Amazon Elastic Container Service for Kubernetes'] },
    ]);
    expect(askFocus('ECR cost').filters).toEqual([
      { dimension: 'service', op: 'in', values: ['Amazon EC2 Container Registry (ECR)'] },
    ]);
  });

  it('should match a region the data names without a code, keeping its spelling', () => {
    expect(askFocus('spend in the global region').filters).toEqual([
      { dimension: 'region', op: 'in', values: ['Global'] },
    ]);
  });

  it('should accept a shortened account id that the data has, and refuse one it has not', () => {
    expect(askFocus('account 66362635077 spend').filters).toEqual([
      { dimension: 'sub_account', op: 'in', values: ['66362635077'] },
    ]);
    expect(askFocus('account 66362635078 spend').intent).toBe('clarify');
  });

  it('should read environment as the env tag and untagged as the application tag', () => {
    expect(askFocus('spend by env').groupBy).toBe('tag:environment');
    expect(askFocus('untagged spend').filters).toEqual([{ dimension: 'tag:application', op: 'missing' }]);
  });
});
