import { z } from 'zod';

/**
 * What every MCP tool shares: day ranges, paging, per-call AWS options and provenance. Inputs are
 * structured objects (never JSON in a string), with defaults, so a model can call a tool with the
 * least it knows.
 */

export const daySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'write days as YYYY-MM-DD, e.g. 2026-11-01')
  .describe('A day, YYYY-MM-DD (UTC).');

export const rangeSchema = z
  .object({
    start: daySchema.describe('First day, inclusive (YYYY-MM-DD).'),
    end: daySchema.describe(
      'Day after the last day, exclusive (YYYY-MM-DD): November 2026 is 2026-11-01 to 2026-12-01.',
    ),
  })
  .refine((range) => range.start < range.end, { message: 'end must be after start (end is exclusive)' });
export type DayRange = z.infer<typeof rangeSchema>;

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export const pageInputSchema = {
  limit: z
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(DEFAULT_PAGE_SIZE)
    .describe(`Rows per page (default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}).`),
  page_token: z
    .string()
    .max(4096)
    .optional()
    .describe('The next_page_token of the previous call, to read the next page.'),
};

export const pageOutputSchema = {
  next_page_token: z
    .string()
    .optional()
    .describe('Present when more rows follow: pass it back as page_token.'),
  truncated: z.boolean().describe('True when rows were left out of this page (see next_page_token).'),
};

/**
 * Live AWS only: which region and which account (through an assumed role) this one call reads.
 * Credentials are never fixed at start-up: a call may name a role in another account.
 */
export const awsCallSchema = {
  region: z
    .string()
    .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'an AWS region code such as us-east-1')
    .optional()
    .describe('Live AWS: the API region (Cost Explorer is global and answers in us-east-1).'),
  role_arn: z
    .string()
    .regex(
      /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/,
      'an IAM role ARN, arn:aws:iam::<account>:role/<name>',
    )
    .optional()
    .describe(
      'Live AWS: assume this role for this call (cross-account read). Ignored by the embedded dataset.',
    ),
};

export interface CallOptions {
  region?: string | undefined;
  roleArn?: string | undefined;
  /** Cancelled when the MCP client cancels the request. */
  signal?: AbortSignal | undefined;
}

export const provenanceSchema = z.object({
  source: z
    .string()
    .describe('Where the figures come from: the demo organisation, an ingested export, or the live AWS API.'),
  kind: z.enum(['demo', 'export', 'aws-api']),
  data_through: z.string().optional().describe('Last day the data covers (YYYY-MM-DD).'),
  currency: z.string(),
  metric: z.string().optional(),
  period: z.object({ start: z.string(), end: z.string() }).optional(),
  filters: z.array(z.unknown()).optional(),
  /** Live backend: the response came from the StateStore cache (no AWS request, no charge). */
  cached: z.boolean().optional(),
});
export type Provenance = z.infer<typeof provenanceSchema>;
