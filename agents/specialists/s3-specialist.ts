import type { SpecialistDependencies } from './dependencies.ts';
import { typesStartingWith } from './recommendation-types.ts';
import { serviceSavingsSkill } from './savings-findings.ts';
import type { Specialist } from './specialist.ts';

/** S3 buckets: what they cost, and which to move to a cheaper storage class or give a lifecycle rule. */
export function createS3Specialist(deps: SpecialistDependencies): Specialist {
  return {
    name: 's3',
    description:
      'Finds savings in Amazon S3: rarely read buckets to move to a cheaper storage class and buckets without a lifecycle rule, with S3 spend over a period.',
    skills: [
      serviceSavingsSkill(deps, {
        specialist: 's3',
        label: 'S3',
        // FOCUS and the demo say "Amazon Simple Storage Service"; Cost Explorer may add Glacier services.
        services: /Simple Storage Service|^Amazon S3\b|^S3\b|Glacier/i,
        types: typesStartingWith('s3-'),
        description:
          'S3 spend over a period and the open S3 recommendations (storage-class moves, lifecycle rules), largest saving first.',
        examples: [
          'how can we cut S3 costs?',
          'which buckets should move to Glacier?',
          'S3 savings in acme-data',
        ],
        followUps: [
          'S3 spend by bucket this month',
          'S3 spend by account this month',
          'How can we cut EC2 costs?',
        ],
      }),
    ],
  };
}
