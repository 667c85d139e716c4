import { describe, expect, it } from 'vitest';
import { parseQuestion } from '../../../src/questions/parse/index.ts';
import { isOneEditApart } from '../../../src/questions/parse/typos.ts';
import { CATALOG } from './catalog-fixture.ts';

const ask = (question: string) => parseQuestion(question, { today: '2026-11-24', catalog: CATALOG });

describe('isOneEditApart', () => {
  it('should accept one insertion, deletion, substitution or neighbour swap', () => {
    expect(isOneEditApart('acount', 'account')).toBe(true);
    expect(isOneEditApart('accountt', 'account')).toBe(true);
    expect(isOneEditApart('yesturday', 'yesterday')).toBe(true);
    expect(isOneEditApart('lsat', 'last')).toBe(true);
  });

  it('should reject identical words and words two edits apart', () => {
    expect(isOneEditApart('account', 'account')).toBe(false);
    expect(isOneEditApart('acont', 'account')).toBe(false);
    expect(isOneEditApart('servcies', 'service')).toBe(false);
  });
});

describe('parseQuestion typo handling', () => {
  it('should read a word one typo away from a single known word as that word, and say so', () => {
    const parsed = ask('ec2 cost lsat month');
    expect(parsed.intent).toBe('total');
    expect(parsed.range).toEqual({ start: '2026-10-01', end: '2026-11-01' });
    expect(parsed.assumptions[0]).toBe("read 'lsat' as 'last'");
  });

  it('should correct a mistyped dimension after "by"', () => {
    const parsed = ask('spend by servcie last month');
    expect(parsed.intent).toBe('breakdown');
    expect(parsed.groupBy).toBe('service');
    expect(parsed.assumptions).toContain("read 'servcie' as 'service'");
  });

  it('should ask when a typo is one edit from two known words', () => {
    // "acounts" is one edit from both "accounts" and "amounts".
    const parsed = ask('top 5 acounts this month');
    expect(parsed.intent).toBe('clarify');
    expect(parsed.clarification?.reason).toMatch(/'acounts'/);
  });

  it('should correct the words of forecast, budget and anomaly questions', () => {
    const forecast = ask('forcast this month');
    expect(forecast.intent).toBe('forecast');
    expect(forecast.assumptions[0]).toBe("read 'forcast' as 'forecast'");
    expect(ask('any anomolies last week').intent).toBe('anomalies');
    expect(ask('will we go over our 50k budgte').budget).toBe(50_000);
  });

  it('should not correct short unknown names, which are too often other names', () => {
    expect(ask('EKZ cost').intent).toBe('clarify');
  });
});
