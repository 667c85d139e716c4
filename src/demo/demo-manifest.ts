import { z } from 'zod';
import { FinopsError } from '../errors.ts';
import type { Database } from '../store/database.ts';

/** One thing planted in the demo data that the copilot is expected to find (or, for controls, not flag). */
export const demoStorySchema = z.object({
  id: z.string(),
  description: z.string(),
  resourceIds: z.array(z.string()),
  accountId: z.string(),
  service: z.string(),
  /** Half-open, like TimeRange: `end` is the first day after the story. */
  period: z.object({ start: z.string(), end: z.string() }).optional(),
  /** For changes: the EffectiveCost the story adds (over its period, or last week vs the week before). */
  expectedDeltaUsd: z.number().optional(),
});
export type DemoStory = z.infer<typeof demoStorySchema>;

export const demoManifestSchema = z.object({
  seed: z.number(),
  anchor: z.string(),
  scale: z.number(),
  accounts: z.array(z.object({ id: z.string(), name: z.string() })),
  regions: z.array(z.string()),
  stories: z.array(demoStorySchema),
  lineItems: z.number(),
});
export type DemoManifest = z.infer<typeof demoManifestSchema>;

export const DEMO_META_KEY = 'demo';

/** The manifest of the demo organisation in `db`, or undefined when the demo was never generated there. */
export async function readDemoManifest(db: Database): Promise<DemoManifest | undefined> {
  const raw = await db.getMeta(DEMO_META_KEY);
  if (raw === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new FinopsError(
      'finops_config_error',
      `the stored demo manifest (meta key '${DEMO_META_KEY}') is not JSON; regenerate the demo organisation or use a fresh --data-dir`,
      { cause: error },
    );
  }
  const parsed = demoManifestSchema.safeParse(json);
  if (!parsed.success) {
    throw new FinopsError(
      'finops_config_error',
      `the stored demo manifest (meta key '${DEMO_META_KEY}') has an unexpected shape (${parsed.error.issues[0]?.message ?? 'invalid'}); regenerate the demo organisation or use a fresh --data-dir`,
      { cause: parsed.error },
    );
  }
  return parsed.data;
}
