import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createUserGroupLookup,
  explainGroupLookupFailure,
  isSlackUserGroupId,
  USER_GROUP_CACHE_MS,
} from '../../../adapters/slack/user-groups.ts';
import { type SlackWebApiLoopback, startSlackWebApiLoopback } from '../../support/slack-web-api-loopback.ts';

describe('createUserGroupLookup', () => {
  let api: SlackWebApiLoopback;
  let client: WebClient;

  beforeAll(async () => {
    api = await startSlackWebApiLoopback();
    client = new WebClient('xoxb-test-bot-token', { slackApiUrl: api.apiUrl, retryConfig: { retries: 0 } });
  });
  afterAll(async () => {
    await api.close();
  });
  beforeEach(() => {
    api.reset();
    api.setUserGroup('S0APPROVE1', ['U0ALICE001', 'U0BOB00001']);
    api.setUserGroup('S0PLATFORM', ['U0BOB00001']);
  });

  it('should report the configured Slack groups a user is in, by id, and ignore names that are not Slack ids', async () => {
    const lookup = createUserGroupLookup({ client, groups: ['S0APPROVE1', 'S0PLATFORM', 'finops-admins'] });
    expect(await lookup.groupsOf('U0BOB00001')).toEqual({ ok: true, groups: ['S0APPROVE1', 'S0PLATFORM'] });
    expect(await lookup.groupsOf('U0ALICE001')).toEqual({ ok: true, groups: ['S0APPROVE1'] });
    expect(await lookup.groupsOf('U0NOBODY01')).toEqual({ ok: true, groups: [] });
    expect(api.callsOf('usergroups.users.list').map((call) => call.args.usergroup)).toEqual([
      'S0APPROVE1',
      'S0PLATFORM',
    ]);
  });

  it('should ask Slack again only after five minutes', async () => {
    let now = 1_000_000;
    const lookup = createUserGroupLookup({ client, groups: ['S0APPROVE1'], now: () => now });
    await Promise.all([lookup.groupsOf('U0ALICE001'), lookup.groupsOf('U0BOB00001')]);
    now += USER_GROUP_CACHE_MS - 1;
    api.setUserGroup('S0APPROVE1', ['U0BOB00001']);
    expect((await lookup.groupsOf('U0ALICE001')).groups).toEqual(['S0APPROVE1']);
    expect(api.callsOf('usergroups.users.list')).toHaveLength(1);
    now += 1;
    expect((await lookup.groupsOf('U0ALICE001')).groups).toEqual([]);
    expect(api.callsOf('usergroups.users.list')).toHaveLength(2);
  });

  it('should report a failed lookup with Slack’s error, keep the groups that did answer, and not remember the failure', async () => {
    const logs: unknown[] = [];
    const lookup = createUserGroupLookup({
      client,
      groups: ['S0APPROVE1', 'S0PLATFORM'],
      log: (entry) => logs.push(entry),
    });
    api.failNext('usergroups.users.list', { error: 'missing_scope' });
    const failed = await lookup.groupsOf('U0BOB00001');
    expect(failed.ok).toBe(false);
    expect(failed).toMatchObject({ error: 'missing_scope' });
    expect(failed.groups).toHaveLength(1);
    expect(logs).toHaveLength(1);
    expect(await lookup.groupsOf('U0BOB00001')).toEqual({ ok: true, groups: ['S0APPROVE1', 'S0PLATFORM'] });
  });

  it('should give up on a group Slack does not answer for within the time limit', async () => {
    // A server that takes the request and never answers.
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const slow = new WebClient('xoxb-test-bot-token', {
      slackApiUrl: `http://127.0.0.1:${port}/api/`,
      retryConfig: { retries: 0 },
      timeout: 2000,
    });
    const lookup = createUserGroupLookup({ client: slow, groups: ['S0APPROVE1'], timeoutMs: 50 });
    try {
      expect(await lookup.groupsOf('U0ALICE001')).toEqual({ ok: false, groups: [], error: 'timeout' });
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('should tell Slack user group ids from other group names', () => {
    expect(['S0614TZR7', 'finops-admins', 'sg-123', 'S'].map(isSlackUserGroupId)).toEqual([
      true,
      false,
      false,
      false,
    ]);
    expect(explainGroupLookupFailure('missing_scope')).toContain('usergroups:read');
  });
});
