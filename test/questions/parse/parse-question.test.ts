import { describe, expect, it } from 'vitest';
import { parsedQuestionSchema, parseQuestion } from '../../../src/questions/parse/index.ts';
import { CATALOG } from './catalog-fixture.ts';
import { PHRASINGS, TODAY } from './phrasings.ts';

describe('parseQuestion', () => {
  it('should have a table of at least 150 phrasings', () => {
    expect(PHRASINGS.length).toBeGreaterThanOrEqual(150);
  });

  describe.each(PHRASINGS)('"$q"', (row) => {
    it(`should parse as ${row.intent}`, () => {
      const parsed = parseQuestion(row.q, { today: TODAY, catalog: CATALOG });
      expect(parsedQuestionSchema.safeParse(parsed).success).toBe(true);
      expect({ intent: parsed.intent, reason: parsed.clarification?.reason }).toMatchObject({
        intent: row.intent,
      });
      if (row.intent === 'clarify') {
        expect(parsed.clarification?.canAnswer.length).toBeGreaterThan(0);
        if (row.reason) expect(parsed.clarification?.reason).toMatch(row.reason);
        expect(parsed.filters).toEqual([]);
        return;
      }
      if (row.intent === 'help') return;
      expect({
        range: parsed.range,
        compareTo: parsed.compareTo,
        groupBy: parsed.groupBy,
        limit: parsed.limit,
        granularity: parsed.granularity,
        filters: parsed.filters,
        metric: parsed.metric,
        chargeCategories: parsed.chargeCategories,
        target: parsed.target,
        budget: parsed.budget,
        day: parsed.day,
      }).toEqual({
        range: row.range,
        compareTo: row.compareTo,
        groupBy: row.groupBy,
        limit: row.limit,
        granularity: row.granularity,
        filters: row.filters ?? [],
        metric: row.metric,
        chargeCategories: row.charges,
        target: row.target,
        budget: row.budget,
        day: row.day,
      });
    });
  });
});
