import { z } from 'zod';
import type { Recommendation } from '../model.ts';
import type { Actor, DecisionAction, DecisionScope } from './decision-types.ts';

export const scopePolicySchema = z.object({
  /** May approve, dismiss, snooze and reopen anything: user ids (Slack U…, Entra object ids, emails) and groups. */
  approvers: z
    .object({
      users: z.array(z.string().min(1)).default([]),
      groups: z.array(z.string().min(1)).default([]),
    })
    .prefault({}),
  /** The person named in the resource's owner tag may decide on their own resources. */
  owners: z
    .object({
      enabled: z.boolean().default(true),
      tagKey: z.string().min(1).default('owner'),
      /** Above this estimated monthly saving only approvers may approve. */
      maxApprovalSavingsUsd: z.number().nonnegative().default(500),
    })
    .prefault({}),
});
export type ScopePolicy = z.output<typeof scopePolicySchema>;

export const authorisationPolicySchema = z.object({
  default: scopePolicySchema.prefault({}),
  /** More specific policies: a workspace (Slack team id, Teams tenant) and optionally one channel. */
  scopes: z
    .array(
      z.object({
        workspace: z.string().min(1).optional(),
        channel: z.string().min(1).optional(),
        policy: scopePolicySchema,
      }),
    )
    .default([]),
});
export type AuthorisationPolicy = z.output<typeof authorisationPolicySchema>;
export type AuthorisationPolicyInput = z.input<typeof authorisationPolicySchema>;

/** Safe default: nobody is an approver; owners may approve their own resources' savings up to $500 a month. */
export const DEFAULT_AUTHORISATION_POLICY: AuthorisationPolicy = authorisationPolicySchema.parse({});

export type AuthorisationResult = { allowed: true; as: string } | { allowed: false; message: string };

/** The policy for a click: workspace + channel beats workspace alone, which beats the default. */
export function policyFor(policy: AuthorisationPolicy, scope: DecisionScope | undefined): ScopePolicy {
  const matches = policy.scopes.filter(
    (entry) =>
      (entry.workspace === undefined || entry.workspace === scope?.workspace) &&
      (entry.channel === undefined || entry.channel === scope?.channel),
  );
  const specificity = (entry: (typeof matches)[number]) =>
    (entry.workspace !== undefined ? 1 : 0) + (entry.channel !== undefined ? 2 : 0);
  const best = matches.sort((a, b) => specificity(b) - specificity(a))[0];
  return best ? best.policy : policy.default;
}

function same(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

export function authorise(
  policy: AuthorisationPolicy,
  input: {
    actor: Actor;
    recommendation: Recommendation;
    action: DecisionAction;
    scope?: DecisionScope | undefined;
  },
): AuthorisationResult {
  const rules = policyFor(policy, input.scope);
  const { actor, recommendation, action } = input;
  const identities = [actor.id, ...(actor.email ? [actor.email] : [])];
  if (rules.approvers.users.some((user) => identities.some((identity) => same(user, identity)))) {
    return { allowed: true, as: 'approver' };
  }
  const group = rules.approvers.groups.find((name) =>
    (actor.groups ?? []).some((member) => same(member, name)),
  );
  if (group) return { allowed: true, as: `group:${group}` };
  const owner = recommendation.tags[rules.owners.tagKey];
  const isOwner =
    rules.owners.enabled && owner !== undefined && identities.some((identity) => same(owner, identity));
  if (!isOwner) {
    const approverHint =
      rules.approvers.users.length + rules.approvers.groups.length === 0
        ? 'No approvers are configured here (set FINOPS_APPROVERS or a policy file)'
        : 'Ask an approver';
    return {
      allowed: false,
      message: `${actor.displayName ?? actor.id} is not an approver here and not the owner of ${recommendation.resourceName ?? recommendation.resourceId}${owner ? ` (owner tag: ${owner})` : ' (it has no owner tag)'}. ${approverHint}.`,
    };
  }
  const savings = recommendation.estimatedMonthlySavings ?? 0;
  if (action.type === 'approve' && savings > rules.owners.maxApprovalSavingsUsd) {
    return {
      allowed: false,
      message: `Only approvers may approve savings above $${rules.owners.maxApprovalSavingsUsd} a month; this one is $${savings.toFixed(2)}. You own the resource, so you may dismiss or snooze it.`,
    };
  }
  return { allowed: true, as: 'owner-tag' };
}
