import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getMetricDataInput } from '../../../mcp/contracts/cloudwatch.ts';
import { getCostAndUsageInput } from '../../../mcp/contracts/cost-explorer.ts';
import { getTagKeysInput } from '../../../mcp/contracts/tagging.ts';
import { FinopsError } from '../../../src/errors.ts';
import {
  type AwsLoopback,
  assumeRoleXml,
  createLiveSetup,
  FAKE_CREDENTIALS,
  type LiveSetup,
  startAwsLoopback,
  TEST_NOW,
} from './aws-loopback.ts';

const OCTOBER = getCostAndUsageInput.parse({ period: { start: '2026-10-01', end: '2026-11-01' } });
const SEPTEMBER = getCostAndUsageInput.parse({ period: { start: '2026-09-01', end: '2026-10-01' } });
const ROLE_A = 'arn:aws:iam::222222222222:role/finops-copilot-read';
const ROLE_B = 'arn:aws:iam::333333333333:role/finops-copilot-read';

function costReply(amount: string) {
  return {
    json: {
      ResultsByTime: [
        {
          TimePeriod: { Start: '2026-10-01', End: '2026-11-01' },
          Total: { NetAmortizedCost: { Amount: amount, Unit: 'USD' } },
        },
      ],
    },
  };
}

async function failure(promise: Promise<unknown>): Promise<FinopsError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FinopsError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('live AWS calls', () => {
  let loopback: AwsLoopback;
  let live: LiveSetup;

  beforeAll(async () => {
    loopback = await startAwsLoopback();
  });
  afterAll(async () => {
    await loopback.close();
  });
  beforeEach(() => {
    loopback.requests.length = 0;
  });
  afterEach(() => {
    live.backends.close();
  });

  describe('throttling', () => {
    it('should retry two ThrottlingExceptions with jittered exponential backoff and then succeed', async () => {
      const randoms = [0, 0.999];
      live = createLiveSetup(loopback, { random: () => randoms.shift() ?? 0.5 });
      loopback.on(
        'ce.GetCostAndUsage',
        { error: 'ThrottlingException', message: 'Rate exceeded' },
        { error: 'ThrottlingException', message: 'Rate exceeded' },
        costReply('12.5'),
      );
      const result = await live.backends.costExplorer.getCostAndUsage(OCTOBER);
      expect(result.total).toBe(12.5);
      expect(loopback.of('ce.GetCostAndUsage')).toHaveLength(3);
      // Retry n waits between half and all of min(5000, 200 × 2^(n-1)) ms.
      expect(live.sleeps).toHaveLength(2);
      expect(live.sleeps[0]).toBe(100);
      expect(live.sleeps[1]).toBeGreaterThanOrEqual(200);
      expect(live.sleeps[1]).toBeLessThanOrEqual(400);
      expect(live.sleeps[1]).toBeCloseTo(200 + 0.999 * 200, 6);
      expect(live.backends.stats().services.ce).toEqual({
        requests: 1,
        attempts: 3,
        throttled: 2,
        cacheHits: 0,
      });
    });

    it('should retry HTTP 429 and 503 whatever the error name', async () => {
      live = createLiveSetup(loopback);
      loopback.on(
        'ce.GetCostAndUsage',
        { error: 'SlowDown', message: 'too many', status: 429 },
        { error: 'ServiceUnavailable', message: 'try later', status: 503 },
        costReply('1'),
      );
      await live.backends.costExplorer.getCostAndUsage(OCTOBER);
      expect(loopback.of('ce.GetCostAndUsage')).toHaveLength(3);
      expect(live.sleeps).toEqual([150, 300]);
    });

    it('should give up after five attempts with a retryable error and cap the waits at 5 s', async () => {
      live = createLiveSetup(loopback, { random: () => 0.999999 });
      loopback.on('ce.GetCostAndUsage', { error: 'LimitExceededException', message: 'slow down' });
      const error = await failure(live.backends.costExplorer.getCostAndUsage(OCTOBER));
      expect(loopback.of('ce.GetCostAndUsage')).toHaveLength(5);
      expect(error.isRetryable).toBe(true);
      expect(error.message).toMatch(/AWS throttled ce:GetCostAndUsage 5 times/);
      expect(live.sleeps).toHaveLength(4);
      for (const [index, wait] of live.sleeps.entries()) {
        const ceiling = Math.min(5000, 200 * 2 ** index);
        expect(wait).toBeGreaterThanOrEqual(ceiling / 2);
        expect(wait).toBeLessThanOrEqual(ceiling);
      }
    });

    it('should not retry a validation error', async () => {
      live = createLiveSetup(loopback);
      loopback.on('ce.GetCostAndUsage', {
        error: 'ValidationException',
        message: 'Start date is after end date',
      });
      const error = await failure(live.backends.costExplorer.getCostAndUsage(OCTOBER));
      expect(loopback.of('ce.GetCostAndUsage')).toHaveLength(1);
      expect(error.code).toBe('finops_invalid_input');
      expect(error.message).toMatch(/Start date is after end date/);
    });
  });

  describe('access denied', () => {
    it('should name the IAM action and the policy file, without the access key id', async () => {
      live = createLiveSetup(loopback);
      loopback.on('ce.GetCostAndUsage', {
        error: 'AccessDeniedException',
        message: `User: arn:aws:iam::111111111111:user/reader (key ${FAKE_CREDENTIALS.accessKeyId}) is not authorized to perform: ce:GetCostAndUsage`,
      });
      const error = await failure(live.backends.costExplorer.getCostAndUsage(OCTOBER));
      expect(error.code).toBe('finops_not_authorised');
      expect(error.message).toMatch(/lack the IAM permission ce:GetCostAndUsage/);
      expect(error.message).toContain('infra/iam/finops-copilot-readonly-policy.json');
      expect(error.message).not.toContain(FAKE_CREDENTIALS.accessKeyId);
      expect(error.message).not.toContain(FAKE_CREDENTIALS.secretAccessKey);
      expect(loopback.of('ce.GetCostAndUsage')).toHaveLength(1);
    });

    it('should map CloudWatch and Tagging denials to their own actions', async () => {
      live = createLiveSetup(loopback);
      loopback.on('cloudwatch.GetMetricData', { error: 'AccessDenied', message: 'not authorized' });
      loopback.on('tag.GetTagKeys', { error: 'AccessDeniedException', message: 'not authorized' });
      const cloudwatch = await failure(
        live.backends.cloudwatch.getMetricData(
          getMetricDataInput.parse({
            resource_ids: ['i-0abc'],
            metric: 'CPUUtilization',
            period: { start: '2026-11-01', end: '2026-11-02' },
          }),
        ),
      );
      expect(cloudwatch.message).toMatch(/IAM permission cloudwatch:GetMetricData/);
      const tagging = await failure(live.backends.tagging.getTagKeys(getTagKeysInput.parse({})));
      expect(tagging.message).toMatch(/IAM permission tag:GetTagKeys/);
    });
  });

  describe('response cache', () => {
    it('should answer an identical call from the StateStore and count the dollar saved', async () => {
      live = createLiveSetup(loopback);
      loopback.on('ce.GetCostAndUsage', costReply('42'));
      const first = await live.backends.costExplorer.getCostAndUsage(OCTOBER);
      const second = await live.backends.costExplorer.getCostAndUsage({ ...OCTOBER });
      expect(loopback.of('ce.GetCostAndUsage')).toHaveLength(1);
      expect(first.provenance.cached).toBe(false);
      expect(second.provenance.cached).toBe(true);
      expect(second.total).toBe(first.total);
      const cachedItems = await live.store.query('aws-cache#ce');
      expect(cachedItems.items).toHaveLength(1);
      expect(cachedItems.items[0]?.sort).toMatch(/^[0-9a-f]{64}$/);
      expect(cachedItems.items[0]?.expiresAt).toBe(Math.floor(TEST_NOW.getTime() / 1000) + 3600);
      expect(live.backends.stats()).toMatchObject({
        services: { ce: { requests: 1, cacheHits: 1 } },
        dollarsSpent: 0.01,
        dollarsSaved: 0.01,
      });
    });

    it('should ask AWS again for another request, another region or once the TTL has passed', async () => {
      live = createLiveSetup(loopback, { cacheTtlSeconds: 600 });
      loopback.on('ce.GetCostAndUsage', costReply('42'));
      await live.backends.costExplorer.getCostAndUsage(OCTOBER);
      await live.backends.costExplorer.getCostAndUsage(SEPTEMBER);
      expect(loopback.of('ce.GetCostAndUsage')).toHaveLength(2);

      loopback.on('tag.GetTagKeys', { json: { TagKeys: ['team'] } });
      await live.backends.tagging.getTagKeys(getTagKeysInput.parse({}));
      await live.backends.tagging.getTagKeys(getTagKeysInput.parse({ region: 'us-west-2' }));
      await live.backends.tagging.getTagKeys(getTagKeysInput.parse({ region: 'us-west-2' }));
      expect(loopback.of('tag.GetTagKeys').map((request) => request.signingRegion)).toEqual([
        'eu-west-1',
        'us-west-2',
      ]);

      live.setNow(new Date(TEST_NOW.getTime() + 599_000));
      await live.backends.costExplorer.getCostAndUsage(OCTOBER);
      expect(loopback.of('ce.GetCostAndUsage')).toHaveLength(2);
      live.setNow(new Date(TEST_NOW.getTime() + 601_000));
      const expired = await live.backends.costExplorer.getCostAndUsage(OCTOBER);
      expect(loopback.of('ce.GetCostAndUsage')).toHaveLength(3);
      expect(expired.provenance.cached).toBe(false);
      expect(live.backends.stats()).toMatchObject({
        services: { ce: { requests: 3, cacheHits: 1 }, tag: { requests: 2, cacheHits: 1 } },
        dollarsSpent: 0.03,
        dollarsSaved: 0.01,
      });
    });

    it('should cache nothing when the TTL is 0', async () => {
      live = createLiveSetup(loopback, { cacheTtlSeconds: 0 });
      loopback.on('ce.GetCostAndUsage', costReply('1'));
      await live.backends.costExplorer.getCostAndUsage(OCTOBER);
      await live.backends.costExplorer.getCostAndUsage(OCTOBER);
      expect(loopback.of('ce.GetCostAndUsage')).toHaveLength(2);
      expect((await live.store.query('aws-cache#ce')).items).toHaveLength(0);
    });
  });

  describe('assumed roles', () => {
    function scriptSts() {
      let issued = 0;
      loopback.on('sts.AssumeRole', (request) => {
        issued += 1;
        return {
          xml: assumeRoleXml({
            accessKeyId: `ASIAROLE${String(issued).padStart(12, '0')}`,
            secretAccessKey: `role-secret-${issued}`,
            sessionToken: `session-token-${issued}`,
            expiration: new Date(live.now().getTime() + 3600_000).toISOString(),
            roleArn: String(request.body.RoleArn),
          }),
        };
      });
    }

    it('should assume the role named in the call and sign the request with its credentials', async () => {
      live = createLiveSetup(loopback);
      scriptSts();
      loopback.on('ce.GetCostAndUsage', costReply('5'));
      const result = await live.backends.costExplorer.getCostAndUsage({ ...OCTOBER, role_arn: ROLE_A });
      const [assume] = loopback.of('sts.AssumeRole');
      expect(assume?.body).toMatchObject({
        Action: 'AssumeRole',
        RoleArn: ROLE_A,
        RoleSessionName: 'finops-copilot',
        DurationSeconds: '3600',
      });
      expect(assume?.accessKeyId).toBe(FAKE_CREDENTIALS.accessKeyId);
      expect(assume?.signingService).toBe('sts');
      const [call] = loopback.of('ce.GetCostAndUsage');
      expect(call?.accessKeyId).toBe('ASIAROLE000000000001');
      expect(call?.securityToken).toBe('session-token-1');
      expect(result.provenance.cached).toBe(false);
      expect(live.backends.stats().services.sts).toEqual({
        requests: 1,
        attempts: 1,
        throttled: 0,
        cacheHits: 0,
      });
    });

    it('should keep the role credentials until five minutes before they expire, per role', async () => {
      live = createLiveSetup(loopback);
      scriptSts();
      loopback.on('ce.GetCostAndUsage', costReply('5'));
      await live.backends.costExplorer.getCostAndUsage({ ...OCTOBER, role_arn: ROLE_A });
      await live.backends.costExplorer.getCostAndUsage({ ...SEPTEMBER, role_arn: ROLE_A });
      expect(loopback.of('sts.AssumeRole')).toHaveLength(1);

      // Another role is another account: its own credentials and its own cache entries.
      await live.backends.costExplorer.getCostAndUsage({ ...OCTOBER, role_arn: ROLE_B });
      expect(loopback.of('sts.AssumeRole').map((request) => request.body.RoleArn)).toEqual([ROLE_A, ROLE_B]);
      expect(loopback.of('ce.GetCostAndUsage').map((request) => request.accessKeyId)).toEqual([
        'ASIAROLE000000000001',
        'ASIAROLE000000000001',
        'ASIAROLE000000000002',
      ]);

      live.setNow(new Date(TEST_NOW.getTime() + 54 * 60_000));
      const august = getCostAndUsageInput.parse({ period: { start: '2026-08-01', end: '2026-09-01' } });
      await live.backends.costExplorer.getCostAndUsage({ ...august, role_arn: ROLE_A });
      expect(loopback.of('sts.AssumeRole')).toHaveLength(2);

      live.setNow(new Date(TEST_NOW.getTime() + 56 * 60_000));
      const december = getCostAndUsageInput.parse({ period: { start: '2026-12-01', end: '2027-01-01' } });
      await live.backends.costExplorer.getCostAndUsage({ ...december, role_arn: ROLE_A });
      expect(loopback.of('sts.AssumeRole')).toHaveLength(3);
      expect(loopback.of('ce.GetCostAndUsage').at(-1)?.accessKeyId).toBe('ASIAROLE000000000003');
    });

    it('should name sts:AssumeRole when the role cannot be assumed', async () => {
      live = createLiveSetup(loopback);
      loopback.on('sts.AssumeRole', {
        status: 403,
        xml: '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not authorized to perform: sts:AssumeRole</Message></Error><RequestId>r-1</RequestId></ErrorResponse>',
      });
      const error = await failure(
        live.backends.costExplorer.getCostAndUsage({ ...OCTOBER, role_arn: ROLE_A }),
      );
      expect(error.message).toMatch(/IAM permission sts:AssumeRole/);
      expect(loopback.of('ce.GetCostAndUsage')).toHaveLength(0);
    });
  });
});
