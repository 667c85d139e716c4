import type { WebClient } from '@slack/web-api';
import { describeError, slackErrorCode } from './slack-api-errors.ts';
import type { SlackLog } from './slack-app-dependencies.ts';

/** Group membership changes rarely; five minutes keeps clicks fast and usergroups.users.list (Tier 2) quiet. */
export const USER_GROUP_CACHE_MS = 5 * 60 * 1000;

/** Slack user group ids look like `S0614TZR7`; other names in the policy (Entra groups) are not Slack's. */
const SLACK_USER_GROUP_ID = /^S[A-Z0-9]{2,}$/;

export function isSlackUserGroupId(name: string): boolean {
  return SLACK_USER_GROUP_ID.test(name.trim());
}

export type UserGroupsResult =
  | { ok: true; groups: string[] }
  /** Slack did not answer for some group: `error` is its code (`missing_scope`, …) or `unavailable`. */
  | { ok: false; groups: string[]; error: string };

export interface UserGroupLookup {
  /** Which of the approver groups the user is in, as the policy names them. */
  groupsOf(userId: string): Promise<UserGroupsResult>;
}

export interface UserGroupLookupOptions {
  client: WebClient;
  /** The approver groups of the authorisation policy; only Slack ids (S…) are looked up. */
  groups: readonly string[];
  now?: () => number;
  cacheMs?: number;
  /**
   * The longest a click waits for Slack: a dismiss dialog's submission must be acknowledged within
   * 3 s, and the lookup comes before it. Default 2000 ms; a slow answer still fills the cache.
   */
  timeoutMs?: number;
  log?: SlackLog;
}

class LookupTimeout extends Error {}

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LookupTimeout(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Reports a Slack user's approver groups for `decide()`: for each configured user group id,
 * `usergroups.users.list` (scope `usergroups:read`) gives its members, cached per group. A failed
 * lookup is not cached, so the next click asks again.
 */
export function createUserGroupLookup(options: UserGroupLookupOptions): UserGroupLookup {
  const now = options.now ?? Date.now;
  const cacheMs = options.cacheMs ?? USER_GROUP_CACHE_MS;
  const log: SlackLog = options.log ?? (() => {});
  const timeoutMs = options.timeoutMs ?? 2000;
  const ids = [...new Set(options.groups.map((name) => name.trim()).filter(isSlackUserGroupId))];
  const cache = new Map<string, { at: number; members: Promise<ReadonlySet<string>> }>();

  function membersOf(group: string): Promise<ReadonlySet<string>> {
    const cached = cache.get(group);
    if (cached && now() - cached.at < cacheMs) return cached.members;
    const members = options.client.usergroups.users
      .list({ usergroup: group })
      .then((response) => new Set(response.users ?? []));
    cache.set(group, { at: now(), members });
    // Concurrent clicks share one request; a failure is forgotten so the next click retries.
    members.catch(() => {
      if (cache.get(group)?.members === members) cache.delete(group);
    });
    return members;
  }

  return {
    async groupsOf(userId) {
      const results = await Promise.allSettled(ids.map((group) => within(membersOf(group), timeoutMs)));
      const groups: string[] = [];
      let error: string | undefined;
      results.forEach((result, index) => {
        const group = ids[index] as string;
        if (result.status === 'fulfilled') {
          if (result.value.has(userId)) groups.push(group);
          return;
        }
        error ??=
          slackErrorCode(result.reason) ??
          (result.reason instanceof LookupTimeout ? 'timeout' : 'unavailable');
        log({ level: 'warn', event: 'slack.usergroups_failed', group, ...describeError(result.reason) });
      });
      return error === undefined ? { ok: true, groups } : { ok: false, groups, error };
    },
  };
}

/** Added to a refusal when group membership could not be checked, so the person knows to retry. */
export function explainGroupLookupFailure(error: string): string {
  const why =
    error === 'missing_scope'
      ? 'the app lacks the usergroups:read scope; ask an admin to reinstall it'
      : error === 'plan_upgrade_required'
        ? 'this workspace’s plan has no user groups'
        : error === 'timeout'
          ? 'Slack did not answer in time; try again in a minute'
          : `Slack answered ${error}; try again in a minute`;
  return `I could not check your Slack user groups (${why}), so membership in an approver group was not counted.`;
}
