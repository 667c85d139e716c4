import { z } from 'zod';
import { recommendationSchema, recommendationStatusSchema } from '../model.ts';

/** Who clicked: a chat platform's verified user (Slack user id, Entra object id) or the CLI's `--as`. */
export const actorSchema = z.object({
  id: z.string().min(1).max(200),
  displayName: z.string().max(200).optional(),
  /** Used to match the resource's `owner` tag, which usually holds an email address. */
  email: z.string().max(320).optional(),
  /** User groups the platform reports (Slack user groups, Entra groups). */
  groups: z.array(z.string()).optional(),
  platform: z.enum(['slack', 'teams', 'cli', 'system']).optional(),
});
export type Actor = z.infer<typeof actorSchema>;

/** Where the click happened, for per-workspace and per-channel policies. */
export const decisionScopeSchema = z.object({
  workspace: z.string().optional(),
  channel: z.string().optional(),
});
export type DecisionScope = z.infer<typeof decisionScopeSchema>;

export const decisionActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('approve') }),
  z.object({ type: z.literal('dismiss') }),
  /** `until` is a day (YYYY-MM-DD) or an ISO timestamp; the item reopens then. */
  z.object({ type: z.literal('snooze'), until: z.string() }),
  z.object({ type: z.literal('reopen') }),
]);
export type DecisionAction = z.infer<typeof decisionActionSchema>;

export const decisionSchema = z.object({
  action: z.enum(['approve', 'dismiss', 'snooze']),
  actor: actorSchema,
  at: z.string(),
  reason: z.string().optional(),
  snoozeUntil: z.string().optional(),
  /** The saving when decided: a snoozed item reopens early if its saving grows by more than half. */
  savingsAtDecision: z.number().nullable(),
});
export type Decision = z.infer<typeof decisionSchema>;

/** A recommendation as the store keeps it: the latest evidence plus its lifecycle. */
export const storedRecommendationSchema = z.object({
  recommendation: recommendationSchema,
  status: recommendationStatusSchema,
  decision: decisionSchema.optional(),
  /** Why and when an item last came back to open (snooze ended, saving grew, reopened by a person). */
  reopened: z.object({ at: z.string(), reason: z.string(), by: z.string() }).optional(),
  firstSeenAt: z.string(),
  /** The run that last produced it; items an older run produced no longer apply. */
  lastSeenAt: z.string(),
});
export type StoredRecommendation = z.infer<typeof storedRecommendationSchema>;

export const AUDIT_OUTCOMES = ['applied', 'refused'] as const;

export const auditRecordSchema = z.object({
  recommendationId: z.string(),
  /** For attempts on something that is not a recommendation id: what was sent (cut to 200 characters). */
  attemptedId: z.string().optional(),
  at: z.string(),
  actor: actorSchema,
  action: z.enum(['approve', 'dismiss', 'snooze', 'reopen']),
  outcome: z.enum(AUDIT_OUTCOMES),
  /** For refusals: not_found, not_authorised, already_decided, invalid_transition, stale, invalid_input. */
  code: z.string().optional(),
  message: z.string(),
  reason: z.string().optional(),
  snoozeUntil: z.string().optional(),
  fromStatus: recommendationStatusSchema.optional(),
  toStatus: recommendationStatusSchema.optional(),
  scope: decisionScopeSchema.optional(),
  /** How the actor was allowed: `approver`, `group:<name>`, `owner-tag`. */
  authorisedAs: z.string().optional(),
});
export type AuditRecord = z.infer<typeof auditRecordSchema>;
