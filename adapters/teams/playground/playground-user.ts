import type { AuthorisationPolicy } from '../../../src/recommendations/index.ts';

/**
 * Who the Agents Playground signs in as unless a `.m365agentsplayground.yml` says otherwise: the
 * `currentUser` of its built-in mock tenant, sent as `from.aadObjectId` (and `from.id`) on every activity.
 */
export const PLAYGROUND_DEFAULT_USER = {
  id: 'user-id-0',
  aadObjectId: '00000000-0000-0000-0000-0000000000020',
  name: 'Alex Wilber',
} as const;

/** True when the policy names no approver anywhere: then nobody could approve an expensive saving. */
export function hasNoApprovers(policy: AuthorisationPolicy): boolean {
  const scopes = [policy.default, ...policy.scopes.map((scope) => scope.policy)];
  return scopes.every((scope) => scope.approvers.users.length === 0 && scope.approvers.groups.length === 0);
}

/**
 * The policy with the Playground's user as an approver, so Approve and Dismiss work in the local chat
 * out of the box. Only for the local anonymous Playground, where the one person chatting is the person
 * who ran `npm start`; a configured policy is never widened.
 */
export function withPlaygroundApprover(policy: AuthorisationPolicy): AuthorisationPolicy {
  if (!hasNoApprovers(policy)) return policy;
  return {
    ...policy,
    default: {
      ...policy.default,
      approvers: { ...policy.default.approvers, users: [PLAYGROUND_DEFAULT_USER.aadObjectId] },
    },
  };
}
