import { type PlanSkillOptions, planSkill } from './plan-skills.ts';
import type { Specialist } from './specialist.ts';

/** Forecasts with their intervals, and anomalies with their root cause. */
export function createForecastingSpecialist(options: PlanSkillOptions): Specialist {
  return {
    name: 'forecasting',
    description:
      'Projects spend to the end of a period with a prediction interval (against a budget when one is named), and finds days whose spend broke from the usual pattern, with what caused them.',
    skills: [
      planSkill(
        {
          id: 'forecast',
          name: 'Forecast',
          description: 'Projected spend for a period (month, quarter, year), with its interval and method.',
          tags: ['forecast', 'budget'],
          examples: ['forecast for the quarter', 'will we stay under 50k this month?'],
        },
        options,
      ),
      planSkill(
        {
          id: 'anomalies',
          name: 'Anomalies',
          description: 'Unusual days in a period, by service, account or usage type, with their root cause.',
          tags: ['anomalies', 'spikes'],
          examples: ['any anomalies last week?', 'cost spikes in prod this month'],
        },
        options,
      ),
    ],
  };
}
