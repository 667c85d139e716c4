import { type PlanSkillOptions, planSkill } from './plan-skills.ts';
import type { Specialist } from './specialist.ts';

/** Totals, breakdowns, trends, comparisons and explanations of spend, from the billing data. */
export function createCostAnalysisSpecialist(options: PlanSkillOptions): Specialist {
  return {
    name: 'cost-analysis',
    description:
      'Answers questions about spend from the billing data: totals, breakdowns by service, account, region or tag, daily and monthly trends, period comparisons, what drove a change, and what happened on one day.',
    skills: [
      planSkill(
        {
          id: 'total',
          name: 'Total spend',
          description: 'Total cost over a period, optionally filtered, against a budget if one is named.',
          tags: ['cost', 'total'],
          examples: ['how much did we spend last month?', 'EC2 spend this month in prod'],
        },
        options,
      ),
      planSkill(
        {
          id: 'breakdown',
          name: 'Breakdown',
          description: 'Spend over a period grouped by a dimension or tag, largest first.',
          tags: ['cost', 'breakdown', 'top'],
          examples: ['top 5 accounts this month', 'untagged spend by team', 'spend by region last week'],
        },
        options,
      ),
      planSkill(
        {
          id: 'trend',
          name: 'Trend',
          description: 'Daily or monthly spend over a period.',
          tags: ['cost', 'trend'],
          examples: ['daily EC2 spend over the last 30 days', 'monthly spend this year'],
        },
        options,
      ),
      planSkill(
        {
          id: 'compare',
          name: 'Compare periods',
          description: 'Spend in one period against another, with the difference.',
          tags: ['cost', 'compare'],
          examples: ['this month vs last month', 'S3 spend week over week'],
        },
        options,
      ),
      planSkill(
        {
          id: 'explain',
          name: 'Explain a change',
          description:
            'What drove the change between two periods: the movers by service, account and usage type.',
          tags: ['cost', 'explain', 'why'],
          examples: ['why did EC2 spend jump last week?', 'what drove the increase this month?'],
        },
        options,
      ),
      planSkill(
        {
          id: 'explain_day',
          name: 'Explain a day',
          description: 'What was unusual about one day compared with the week before it.',
          tags: ['cost', 'explain', 'day'],
          examples: ['what happened on 2026-11-03?', 'why was yesterday so expensive?'],
        },
        options,
      ),
    ],
  };
}
