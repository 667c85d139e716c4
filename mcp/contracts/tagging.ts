import { z } from 'zod';
import {
  awsCallSchema,
  type CallOptions,
  pageInputSchema,
  pageOutputSchema,
  provenanceSchema,
  rangeSchema,
} from './common.ts';

/** The tagging MCP server's tools (Resource Groups Tagging API shapes, plus compliance and spend). */

export const tagFilterInput = z.object({
  key: z.string().min(1).max(128),
  values: z
    .array(z.string().max(256))
    .max(20)
    .optional()
    .describe('Any of these values; omit for "has the key".'),
});

export const getResourcesInput = z.object({
  tag_filters: z.array(tagFilterInput).max(50).default([]).describe('All must match.'),
  resource_types: z
    .array(
      z
        .string()
        .regex(/^[a-z0-9-]+(:[A-Za-z0-9-]+)?$/, 'service[:resourceType], e.g. ec2:instance, s3, rds:db'),
    )
    .max(100)
    .default([])
    .describe('e.g. ["ec2:instance", "rds:db", "s3"]. Default: every type.'),
  ...pageInputSchema,
  ...awsCallSchema,
});
export type GetResourcesInput = z.infer<typeof getResourcesInput>;

export const resourceOutput = z.object({
  resource_arn: z.string(),
  resource_id: z.string(),
  resource_type: z.string(),
  account_id: z.string().optional(),
  region: z.string().optional(),
  name: z.string().optional(),
  tags: z.record(z.string(), z.string()),
});

export const getResourcesOutput = z.object({
  resources: z.array(resourceOutput),
  provenance: provenanceSchema,
  ...pageOutputSchema,
});
export type GetResourcesOutput = z.infer<typeof getResourcesOutput>;

export const getTagComplianceInput = z.object({
  required_tags: z
    .array(z.string().min(1).max(128))
    .min(1)
    .max(20)
    .optional()
    .describe('Default: the configured policy (team, env, cost-center, owner).'),
  period: rangeSchema.optional().describe('Spend window; default the last 30 days of data.'),
  ...awsCallSchema,
});
export type GetTagComplianceInput = z.infer<typeof getTagComplianceInput>;

export const getTagComplianceOutput = z.object({
  required_tags: z.array(z.string()),
  spend: z.object({
    total: z.number(),
    compliant: z.number(),
    compliance_percent: z.number().nullable(),
    by_key: z.array(z.object({ key: z.string(), tagged_spend: z.number(), percent: z.number().nullable() })),
  }),
  resources: z.object({
    total: z.number().int(),
    compliant: z.number().int(),
    compliance_percent: z.number().nullable(),
  }),
  untagged_by_account_service: z.array(
    z.object({
      account_id: z.string(),
      account_name: z.string().optional(),
      service: z.string(),
      spend: z.number(),
    }),
  ),
  provenance: provenanceSchema,
});
export type GetTagComplianceOutput = z.infer<typeof getTagComplianceOutput>;

export const getUntaggedResourcesInput = z.object({
  required_tags: z.array(z.string().min(1).max(128)).min(1).max(20).optional(),
  period: rangeSchema.optional(),
  ...pageInputSchema,
  ...awsCallSchema,
});
export type GetUntaggedResourcesInput = z.infer<typeof getUntaggedResourcesInput>;

export const getUntaggedResourcesOutput = z.object({
  resources: z.array(
    z.object({
      resource_id: z.string(),
      name: z.string().optional(),
      account_id: z.string().optional(),
      service: z.string().optional(),
      spend: z.number(),
      missing_tags: z.array(z.string()),
      suggested_tags: z.record(z.string(), z.string()).optional(),
    }),
  ),
  provenance: provenanceSchema,
  ...pageOutputSchema,
});
export type GetUntaggedResourcesOutput = z.infer<typeof getUntaggedResourcesOutput>;

export const getTagKeysInput = z.object({ ...pageInputSchema, ...awsCallSchema });
export type GetTagKeysInput = z.infer<typeof getTagKeysInput>;
export const getTagKeysOutput = z.object({
  keys: z.array(z.string()),
  provenance: provenanceSchema,
  ...pageOutputSchema,
});
export type GetTagKeysOutput = z.infer<typeof getTagKeysOutput>;

export const getTagValuesForKeyInput = z.object({
  key: z.string().min(1).max(128),
  ...pageInputSchema,
  ...awsCallSchema,
});
export type GetTagValuesForKeyInput = z.infer<typeof getTagValuesForKeyInput>;
export const getTagValuesForKeyOutput = z.object({
  key: z.string(),
  values: z.array(z.string()),
  provenance: provenanceSchema,
  ...pageOutputSchema,
});
export type GetTagValuesForKeyOutput = z.infer<typeof getTagValuesForKeyOutput>;

export interface TaggingBackend {
  readonly kind: 'embedded' | 'aws';
  getResources(input: GetResourcesInput, options?: CallOptions): Promise<GetResourcesOutput>;
  getTagCompliance(input: GetTagComplianceInput, options?: CallOptions): Promise<GetTagComplianceOutput>;
  getUntaggedResources(
    input: GetUntaggedResourcesInput,
    options?: CallOptions,
  ): Promise<GetUntaggedResourcesOutput>;
  getTagKeys(input: GetTagKeysInput, options?: CallOptions): Promise<GetTagKeysOutput>;
  getTagValues(input: GetTagValuesForKeyInput, options?: CallOptions): Promise<GetTagValuesForKeyOutput>;
}
