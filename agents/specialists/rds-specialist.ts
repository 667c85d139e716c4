import type { SpecialistDependencies } from './dependencies.ts';
import { typesStartingWith } from './recommendation-types.ts';
import { serviceSavingsSkill } from './savings-findings.ts';
import type { Specialist } from './specialist.ts';

/** RDS databases: what they cost, and which are idle or oversized (with their connection evidence). */
export function createRdsSpecialist(deps: SpecialistDependencies): Specialist {
  return {
    name: 'rds',
    description:
      'Finds savings in Amazon RDS: idle databases (no connections), oversized instances and gp2 storage, with RDS spend over a period and the connection and CPU evidence behind each finding.',
    skills: [
      serviceSavingsSkill(deps, {
        specialist: 'rds',
        label: 'RDS',
        services: /Relational Database Service|^Amazon RDS\b|^RDS\b/i,
        types: typesStartingWith('rds-'),
        description:
          'RDS spend over a period and the open RDS recommendations (idle databases, rightsizing, storage type), largest saving first, each with its connection or CPU evidence.',
        examples: ['any idle databases?', 'how can we cut RDS costs?', 'RDS savings in prod'],
        followUps: [
          'RDS spend by account this month',
          'RDS spend over the last 6 months',
          'How can we cut EC2 costs?',
        ],
      }),
    ],
  };
}
