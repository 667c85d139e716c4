import { describe, expect, it } from 'vitest';
import { verifyNumbers } from '../../../agents/orchestrator/guardrails/verify-numbers.ts';
import type { Fact } from '../../../src/domain/index.ts';

const SOURCE = { name: 'test data', kind: 'demo' as const, currency: 'USD' };

function fact(id: string, value: number, unit: string): Fact {
  return {
    id,
    label: id,
    value,
    unit,
    period: { start: '2026-11-01', end: '2026-11-25' },
    filters: [],
    source: SOURCE,
  } as Fact;
}

const FACTS: Fact[] = [
  fact('ec2', 4213.57, 'USD'),
  fact('s3', 1_234_567.89, 'USD'),
  fact('drop', -120, 'USD'),
  fact('share', 0.1234, 'ratio'),
  fact('small-share', 0.057, 'ratio'),
  fact('idle', 37, 'count'),
  fact('tiny', 0.004567, 'USD'),
];

function check(text: string, question = 'where did we spend money?') {
  return verifyNumbers(text, { facts: FACTS, question });
}

describe('verifyNumbers', () => {
  it('should accept money written as formatMoney writes it', () => {
    expect(check('EC2 cost $4,213.57 and S3 $1,234,567.89.')).toEqual({ ok: true, unmatched: [] });
  });

  it('should accept money rounded to the digits shown, and k / M abbreviations', () => {
    expect(check('EC2 came to about $4,214, or $4.2k; S3 was $1.2M (1,234,568 USD).').ok).toBe(true);
  });

  it('should flag money no fact backs, even when it is close to one', () => {
    expect(check('EC2 cost $4,200 and S3 $9,999.')).toEqual({ ok: false, unmatched: ['$4,200', '$9,999'] });
    expect(check('S3 was $1.3M.').unmatched).toEqual(['$1.3M']);
  });

  it('should read signs as words: "down $120" matches a fact of -120', () => {
    expect(check('Spend fell by $120 (-$120).').ok).toBe(true);
  });

  it('should keep sub-dollar amounts to the digits written', () => {
    expect(check('A request costs $0.004567.').ok).toBe(true);
    expect(check('A request costs $0.0046.').ok).toBe(true);
    expect(check('A request costs $0.005.').ok).toBe(true);
    expect(check('A request costs $0.006.').unmatched).toEqual(['$0.006']);
  });

  it('should match percentages against ratio facts with formatPercent rounding', () => {
    expect(check('EC2 is 12% of spend, up 5.7%.').ok).toBe(true);
    expect(check('EC2 is 12.3% of spend.').ok).toBe(true);
    expect(check('EC2 is 15% of spend.').unmatched).toEqual(['15%']);
    expect(check('EC2 is 12.5% of spend.').unmatched).toEqual(['12.5%']);
  });

  it('should not let a percentage pass on a money fact or the other way round', () => {
    expect(check('It grew 37%.').unmatched).toEqual(['37%']);
    expect(check('We found $37 of waste.').unmatched).toEqual(['$37']);
  });

  it('should match counts against facts and flag invented ones', () => {
    expect(check('There are 37 idle instances.').ok).toBe(true);
    expect(check('There are 41 idle instances.').unmatched).toEqual(['41']);
  });

  it('should allow numbers the question states, in any notation', () => {
    const question = 'are we over our 50k budget for the top 3 services?';
    expect(check('Against your $50,000 budget, EC2 cost $4,213.57; here are 3 services.', question).ok).toBe(
      true,
    );
  });

  it('should allow calendar parts: dates, years, days next to months, durations, quarters', () => {
    const text =
      'From 2026-11-01 to Nov 24 (1–24 November 2026, Q4, 09:30 UTC) over the last 7 days, the 3rd of May and 12 Oct, EC2 cost $4,213.57.';
    expect(check(text)).toEqual({ ok: true, unmatched: [] });
  });

  it('should not read numbers inside names', () => {
    const text = 'EC2, S3, gp2 volumes, an m5.2xlarge and a t3.micro in us-east-1 for account 111111111111.';
    expect(check(text)).toEqual({ ok: true, unmatched: [] });
  });

  it('should allow list markers, ordinals and "top N" when N items are listed', () => {
    const text = 'The top 2 services:\n1. EC2: $4,213.57\n2. S3: $1,234,567.89\nEC2 ranks 1st.';
    expect(check(text).ok).toBe(true);
  });

  it('should flag "top N" when N is not the number of items listed', () => {
    const text = 'The top 4 services:\n1. EC2: $4,213.57\n2. S3: $1,234,567.89';
    expect(check(text).unmatched).toEqual(['4']);
  });

  it('should flag a range whose ends are not facts', () => {
    expect(check('Savings of 10-20 per month.').unmatched).toEqual(['10', '20']);
  });
});
