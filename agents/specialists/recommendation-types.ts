import { RECOMMENDATION_TYPES, type RecommendationType } from '../../src/recommendations/index.ts';

/**
 * The recommendation types a service specialist owns, by prefix (`ec2-`, `ebs-`, `s3-`, `rds-`):
 * a rule added later under the same prefix reaches its specialist without another list to edit.
 */
export function typesStartingWith(...prefixes: string[]): RecommendationType[] {
  return RECOMMENDATION_TYPES.filter((type) => prefixes.some((prefix) => type.startsWith(prefix)));
}
