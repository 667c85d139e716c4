import { FinopsError } from '../../../src/errors.ts';

/**
 * Inventory resource types in the Resource Groups Tagging API's `service[:resourceType]` form, so
 * a filter written for the live API (`ec2:instance`, `rds:db`, `s3`) works on the dataset too.
 */
export const TAGGING_TYPE_BY_INVENTORY_TYPE: Readonly<Record<string, string>> = {
  ec2_instance: 'ec2:instance',
  ebs_volume: 'ec2:volume',
  ebs_snapshot: 'ec2:snapshot',
  s3_bucket: 's3',
  rds_instance: 'rds:db',
  nat_gateway: 'ec2:natgateway',
  lambda_function: 'lambda:function',
  dynamodb_table: 'dynamodb:table',
  cloudfront_distribution: 'cloudfront:distribution',
};

const TAGGING_TYPES = Object.values(TAGGING_TYPE_BY_INVENTORY_TYPE);

export function taggingTypeOf(inventoryType: string): string {
  return TAGGING_TYPE_BY_INVENTORY_TYPE[inventoryType] ?? inventoryType;
}

/**
 * A predicate for the Tagging API's ResourceTypeFilters: `ec2` matches every ec2 type,
 * `ec2:instance` only instances. A filter matching nothing the dataset holds is refused with the
 * list of what it does hold, so a model does not read "no resources" as "nothing is there".
 */
export function resourceTypeMatcher(filters: readonly string[]): (taggingType: string) => boolean {
  if (filters.length === 0) return () => true;
  const services = new Set(TAGGING_TYPES.map((type) => type.split(':')[0]));
  for (const filter of filters) {
    const known = filter.includes(':') ? TAGGING_TYPES.includes(filter) : services.has(filter);
    if (!known)
      throw new FinopsError(
        'finops_invalid_input',
        `resource_types: "${filter}" matches nothing the embedded dataset holds; use a service (${[...services].join(', ')}) or one of ${TAGGING_TYPES.join(', ')}`,
      );
  }
  return (taggingType) =>
    filters.some((filter) =>
      filter.includes(':') ? taggingType === filter : taggingType.split(':')[0] === filter,
    );
}
