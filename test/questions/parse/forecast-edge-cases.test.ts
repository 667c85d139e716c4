import { describe, expect, it } from 'vitest';
import { parseAmount } from '../../../src/questions/parse/budget.ts';
import { CAN_ANSWER, normalizeQuestion, parseQuestion } from '../../../src/questions/parse/index.ts';
import { CATALOG } from './catalog-fixture.ts';

const ask = (question: string, today = '2026-11-24') => parseQuestion(question, { today, catalog: CATALOG });

describe('parseAmount', () => {
  it('should read amounts the way people type budgets', () => {
    expect(parseAmount('50k')).toBe(50_000);
    expect(parseAmount('$50K')).toBe(50_000);
    expect(parseAmount('$1.2M')).toBe(1_200_000);
    expect(parseAmount('45,000')).toBe(45_000);
    expect(parseAmount('$120,000')).toBe(120_000);
    expect(parseAmount('1,250,000.50')).toBe(1_250_000.5);
    expect(parseAmount('1.5 million')).toBe(1_500_000);
    expect(parseAmount('250 thousand')).toBe(250_000);
    expect(parseAmount('10 grand')).toBe(10_000);
    expect(parseAmount('$99.99')).toBe(99.99);
    expect(parseAmount('2bn')).toBe(2_000_000_000);
    expect(parseAmount('75000 usd')).toBe(75_000);
  });

  it('should refuse text that is not one amount', () => {
    expect(parseAmount('fifty')).toBeUndefined();
    expect(parseAmount('50k 60k')).toBeUndefined();
    expect(parseAmount('k50')).toBeUndefined();
  });
});

describe('parseQuestion budgets', () => {
  it('should keep the thousands separator of an amount through normalisation', () => {
    expect(normalizeQuestion('Budget: $120,000, EC2, S3?')).toBe('budget: $120,000 ec2 s3');
    expect(ask('will we exceed $1,250,000 this quarter').budget).toBe(1_250_000);
  });

  it('should not read numbers that are not next to budget words as budgets', () => {
    expect(ask('top 5 services last month').budget).toBeUndefined();
    const year = ask('spend over 2026');
    expect(year.intent).toBe('total');
    expect(year.budget).toBeUndefined();
    expect(ask('cost over the last 3 months').intent).toBe('total');
  });

  it('should ask for the amount when a budget is named without one', () => {
    for (const question of ['are we over budget', 'will we exceed it', 'are we on track']) {
      const parsed = ask(question);
      expect(parsed.intent, question).toBe('clarify');
      expect(parsed.clarification?.reason, question).toMatch(/don't know your budget.*50k/);
    }
  });

  it('should ask which budget when two are named', () => {
    const parsed = ask('budget 50k - will we go over 60k this month');
    expect(parsed.intent).toBe('clarify');
    expect(parsed.clarification?.reason).toMatch(/more than one budget \(\$50,000, \$60,000\)/);
  });

  it('should read a month without a year ahead when the question looks ahead, and back when it does not', () => {
    const ahead = ask('will we go over 50k in October');
    expect(ahead.intent).toBe('forecast');
    expect(ahead.target).toEqual({ start: '2027-10-01', end: '2027-11-01' });
    expect(ahead.assumptions).toContain("'october' = October 2027, the next one");
    const back = ask('did we go over our 50k budget in October');
    expect(back.intent).toBe('total');
    expect(back.range).toEqual({ start: '2026-10-01', end: '2026-11-01' });
    expect(back.budget).toBe(50_000);
  });
});

describe('parseQuestion forecast periods', () => {
  it('should forecast up to twelve whole months after this one and no further', () => {
    const twelve = ask('forecast the next 12 months');
    expect(twelve.intent).toBe('forecast');
    expect(twelve.target).toEqual({ start: '2026-12-01', end: '2027-12-01' });
    for (const question of ['forecast the next 13 months', 'forecast next year', 'forecast 2027']) {
      const parsed = ask(question);
      expect(parsed.intent, question).toBe('clarify');
      expect(parsed.clarification?.reason, question).toMatch(
        /at most 12 months ahead, to the end of November 2027/,
      );
    }
  });

  it('should report a period that is over as spent, and say so', () => {
    const parsed = ask('forecast for October 2026');
    expect(parsed.intent).toBe('total');
    expect(parsed.range).toEqual({ start: '2026-10-01', end: '2026-11-01' });
    expect(parsed.target).toBeUndefined();
    expect(parsed.assumptions.join(' ')).toMatch(/already over: reporting what was spent/);
  });

  it('should take the known part of a month from its first day on the 1st', () => {
    const parsed = ask('forecast this month', '2026-12-01');
    expect(parsed.target).toEqual({ start: '2026-12-01', end: '2027-01-01' });
    expect(parsed.range).toEqual({ start: '2026-12-01', end: '2026-12-02' });
  });

  it('should still forecast a month on its last day, when today is not yet complete', () => {
    const parsed = ask('forecast this month', '2026-11-30');
    expect(parsed.intent).toBe('forecast');
    expect(parsed.range).toEqual({ start: '2026-11-01', end: '2026-12-01' });
    expect(parsed.target).toEqual({ start: '2026-11-01', end: '2026-12-01' });
  });

  it('should forecast next month across the year end from the 8 weeks before today', () => {
    // 56 days before 20 December: 20 of December, 30 of November, 6 of October.
    const parsed = ask('forecast next month', '2026-12-20');
    expect(parsed.target).toEqual({ start: '2027-01-01', end: '2027-02-01' });
    expect(parsed.range).toEqual({ start: '2026-10-25', end: '2026-12-20' });
    expect(parsed.assumptions.join(' ')).toMatch(
      /all of it is forecast from the daily history before today \(the last 8 weeks, 2026-10-25 to 2026-12-19/,
    );
  });

  it('should compare a forecast with the same month last year', () => {
    const parsed = ask('forecast this month compared to the same month last year');
    expect(parsed.intent).toBe('forecast');
    expect(parsed.compareTo).toEqual({ start: '2025-11-01', end: '2025-12-01' });
  });

  it('should forecast this month when only the period to compare with is named', () => {
    const parsed = ask('will EC2 cost more than in October');
    expect(parsed.intent).toBe('forecast');
    expect(parsed.target).toEqual({ start: '2026-11-01', end: '2026-12-01' });
    expect(parsed.compareTo).toEqual({ start: '2026-10-01', end: '2026-11-01' });
    expect(parsed.assumptions.join(' ')).toMatch(/only the period to compare with was named/);
  });

  it('should forecast two services side by side, not compare periods', () => {
    const parsed = ask('forecast EC2 vs S3 this month');
    expect(parsed.intent).toBe('forecast');
    expect(parsed.groupBy).toBe('service');
    expect(parsed.compareTo).toBeUndefined();
    expect(parsed.assumptions.join(' ')).toMatch(/side by side over November 2026/);
  });

  it('should give a forecast trend a granularity from the length of the target', () => {
    expect(ask('forecast trend this quarter').granularity).toBe('month');
    expect(ask('forecast trend this month').granularity).toBe('day');
  });

  it('should not compare a forecast with a period that is still running', () => {
    const parsed = ask('will EC2 spend go up next month');
    expect(parsed.intent).toBe('clarify');
    expect(parsed.clarification?.reason).toMatch(/November 2026, which is not over yet/);
  });

  it('should read "will you" as a polite request, not a forecast', () => {
    expect(ask('will you show me spend last month').intent).toBe('total');
  });

  it('should still refuse a future period asked without a forecast word, and say how to ask', () => {
    const parsed = ask('cost in december 2026');
    expect(parsed.intent).toBe('clarify');
    expect(parsed.clarification?.reason).toMatch(/future.*'forecast december 2026'/);
  });
});

describe('parseQuestion anomalies', () => {
  it('should look in the last 14 full days when no period is given, and say so', () => {
    const parsed = ask('anything unusual?');
    expect(parsed.intent).toBe('anomalies');
    expect(parsed.range).toEqual({ start: '2026-11-10', end: '2026-11-24' });
    expect(parsed.assumptions).toContain(
      'no period given: looking for anomalies in the last 14 full days, 2026-11-10 to 2026-11-23',
    );
    // Across the year end: 22 December to 4 January.
    expect(ask('any anomalies', '2027-01-05').range).toEqual({ start: '2026-12-22', end: '2027-01-05' });
  });

  it('should keep "spike" as a change when it is a verb', () => {
    expect(ask('why did EC2 spike last week').intent).toBe('explain');
  });
});

describe('parseQuestion explain_day', () => {
  it('should take "the 31st" as the most recent 31st, looking past months without one', () => {
    expect(ask('what caused the spike on the 31st', '2026-12-05').day).toBe('2026-10-31');
    expect(ask('what caused the spike on the 31st', '2026-12-31').day).toBe('2026-12-31');
    // March 2026: no 30th in February, so the 30th of January.
    expect(ask('why was the 30th so expensive', '2026-03-15').day).toBe('2026-01-30');
    expect(ask('why was the 29th so expensive', '2026-03-01').day).toBe('2026-01-29');
  });

  it('should refuse a day no month has', () => {
    const parsed = ask('what happened on the 32nd');
    expect(parsed.intent).toBe('clarify');
    expect(parsed.clarification?.reason).toMatch(/'the 32nd' is not a day of the month/);
  });

  it('should compare the day with the 7 days before it across a month end, and say so', () => {
    const parsed = ask('what happened on Dec 2', '2026-12-10');
    expect(parsed.day).toBe('2026-12-02');
    expect(parsed.compareTo).toEqual({ start: '2026-11-25', end: '2026-12-02' });
    expect(parsed.assumptions.join(' ')).toMatch(/7 days before it, 2026-11-25 to 2026-12-01/);
  });
});

describe('CAN_ANSWER', () => {
  it('should list forecasts, budgets, anomalies and a day spike, and not recommendations', () => {
    const lines = CAN_ANSWER.join('\n');
    expect(lines).toMatch(/forecasts:/);
    expect(lines).toMatch(/budgets:/);
    expect(lines).toMatch(/anomalies:/);
    expect(lines).toMatch(/spike on the 12th/);
    expect(lines).not.toMatch(/recommend/);
  });
});
