import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/domain/index.ts';
import { parsedQuestionSchema, parseQuestion } from '../../../src/questions/parse/index.ts';
import { CATALOG } from './catalog-fixture.ts';

// Fragments combined into every three-part question: the parser must always return a valid
// plan (or a clarification), never throw, and never return an empty range.
const SUBJECTS = [
  '',
  'EC2',
  'prod account',
  'team=payments',
  'untagged',
  'snowflake',
  'data transfer',
  'excluding tax',
];
const SHAPES = [
  '',
  'top 5 services',
  'by region',
  'daily',
  'why did spend jump',
  'vs',
  'compare',
  'amortized',
  'forecast',
  'any anomalies',
  'will we go over 50k',
];
const PERIODS = [
  '',
  'last month',
  'this week',
  'Q3 vs Q2',
  'since march',
  'from 2026-03-01 to 2026-03-15',
  'the 31st',
  'feb 29',
  'next month',
];
const DAYS = ['2026-11-24', '2026-01-01', '2028-02-29', '2026-03-31'];

describe('parseQuestion robustness', () => {
  it('should return a schema-valid plan for every combination of fragments', () => {
    let checked = 0;
    for (const today of DAYS) {
      for (const subject of SUBJECTS) {
        for (const shape of SHAPES) {
          for (const period of PERIODS) {
            const question = `${shape} ${subject} ${period}`;
            const parsed = parseQuestion(question, { today, catalog: CATALOG });
            const valid = parsedQuestionSchema.safeParse(parsed);
            expect(valid.success, `${question} @ ${today}`).toBe(true);
            expect(parsed.range.start < parsed.range.end, question).toBe(true);
            if (parsed.intent === 'clarify') expect(parsed.clarification?.reason.length).toBeGreaterThan(0);
            if (parsed.intent === 'compare' || parsed.intent === 'explain')
              expect(parsed.compareTo).toBeDefined();
            // Known spend never reaches past today; a forecast target always does.
            expect(parsed.range.end <= addDays(today, 1), question).toBe(true);
            if (parsed.intent === 'forecast') expect(parsed.target?.end.localeCompare(today)).toBe(1);
            else expect(parsed.target).toBeUndefined();
            if (parsed.intent === 'explain_day') expect(parsed.day).toBe(parsed.range.start);
            else expect(parsed.day).toBeUndefined();
            checked += 1;
          }
        }
      }
    }
    expect(checked).toBe(DAYS.length * SUBJECTS.length * SHAPES.length * PERIODS.length);
  });

  it('should give the same plan for the same question and day', () => {
    const context = { today: '2026-11-24', catalog: CATALOG };
    expect(parseQuestion('top 5 accounts by EC2 spend last month', context)).toEqual(
      parseQuestion('top 5 accounts by EC2 spend last month', context),
    );
  });

  it('should never report a range that ends after tomorrow', () => {
    for (const question of [
      'spend this year',
      'spend in Q4',
      'spend in November',
      'spend from 2026-11-01 to 2027-01-31',
    ]) {
      const parsed = parseQuestion(question, { today: '2026-11-24', catalog: CATALOG });
      expect(parsed.range.end <= '2026-11-25', question).toBe(true);
    }
  });
});
