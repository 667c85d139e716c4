import { z } from 'zod';

/**
 * Dimensions a cost can be grouped or filtered by. Each maps to a FOCUS column of the
 * `line_items` table (see src/store/schema.ts); `tag:<key>` reads the Tags map.
 */
export const BASE_DIMENSIONS = [
  'service',
  'service_category',
  'sub_account',
  'billing_account',
  'region',
  'charge_category',
  'usage_type',
  'sku',
  'resource',
  'provider',
] as const;

export type BaseDimension = (typeof BASE_DIMENSIONS)[number];
export type TagDimension = `tag:${string}`;
export type Dimension = BaseDimension | TagDimension;

const TAG_KEY = /^tag:[A-Za-z0-9_.:/=+@\- ]{1,128}$/;

export const dimensionSchema = z.union([
  z.enum(BASE_DIMENSIONS),
  z
    .string()
    .regex(TAG_KEY, 'a tag dimension is written tag:<key>, e.g. tag:team')
    .transform((value) => value as TagDimension),
]);

export function isTagDimension(dimension: Dimension): dimension is TagDimension {
  return dimension.startsWith('tag:');
}

export function tagKeyOf(dimension: TagDimension): string {
  return dimension.slice('tag:'.length);
}

/** Human labels used in answers ("by account", "for service EC2"). */
export const DIMENSION_LABELS: Record<BaseDimension, string> = {
  service: 'service',
  service_category: 'service category',
  sub_account: 'account',
  billing_account: 'billing account',
  region: 'region',
  charge_category: 'charge category',
  usage_type: 'usage type',
  sku: 'SKU',
  resource: 'resource',
  provider: 'provider',
};

export function dimensionLabel(dimension: Dimension): string {
  return isTagDimension(dimension) ? `tag ${tagKeyOf(dimension)}` : DIMENSION_LABELS[dimension];
}
