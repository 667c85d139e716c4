import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseResourceArn } from '../../../adapters/aws/aws-tagging-backend.ts';
import {
  getResourcesInput,
  getTagComplianceInput,
  getTagKeysInput,
  getTagValuesForKeyInput,
  getUntaggedResourcesInput,
} from '../../../mcp/contracts/tagging.ts';
import {
  type AwsLoopback,
  createLiveSetup,
  type LiveSetup,
  type RecordedRequest,
  startAwsLoopback,
} from './aws-loopback.ts';

type Tags = Record<string, string>;

function mapping(arn: string, tags: Tags) {
  return { ResourceARN: arn, Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) };
}

function instances(from: number, count: number) {
  return Array.from({ length: count }, (_, index) =>
    mapping(`arn:aws:ec2:eu-west-1:111111111111:instance/i-${String(from + index).padStart(5, '0')}`, {
      team: 'web',
    }),
  );
}

const ORGANISATION = [
  mapping('arn:aws:ec2:eu-west-1:111111111111:instance/i-0aaa', { Name: 'api-1', team: 'web', env: 'prod' }),
  mapping('arn:aws:rds:eu-west-1:111111111111:db:orders', { team: 'data' }),
  mapping('arn:aws:s3:::logs-bucket', { env: '' }),
];

describe('createAwsTaggingBackend', () => {
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
    live = createLiveSetup(loopback);
  });
  afterEach(() => {
    live.backends.close();
  });

  it('should read ids, types, accounts and regions from ARNs', () => {
    expect(parseResourceArn('arn:aws:ec2:eu-west-1:111111111111:instance/i-0aaa')).toEqual({
      resource_arn: 'arn:aws:ec2:eu-west-1:111111111111:instance/i-0aaa',
      resource_id: 'i-0aaa',
      resource_type: 'ec2:instance',
      account_id: '111111111111',
      region: 'eu-west-1',
    });
    expect(parseResourceArn('arn:aws:rds:eu-west-1:111111111111:db:orders')).toMatchObject({
      resource_id: 'orders',
      resource_type: 'rds:db',
    });
    expect(parseResourceArn('arn:aws:s3:::logs-bucket')).toEqual({
      resource_arn: 'arn:aws:s3:::logs-bucket',
      resource_id: 'logs-bucket',
      resource_type: 's3',
    });
  });

  it('should send tag and type filters to GetResources and page across its pages with our own limit', async () => {
    loopback.on('tag.GetResources', (request) => {
      const token = request.body.PaginationToken;
      if (token === undefined)
        return { json: { ResourceTagMappingList: instances(0, 100), PaginationToken: 'p2' } };
      if (token === 'p2')
        return { json: { ResourceTagMappingList: instances(100, 100), PaginationToken: 'p3' } };
      return { json: { ResourceTagMappingList: instances(200, 30), PaginationToken: '' } };
    });
    const input = getResourcesInput.parse({
      tag_filters: [{ key: 'team', values: ['web'] }, { key: 'env' }],
      resource_types: ['ec2:instance'],
      limit: 150,
    });
    const first = await live.backends.tagging.getResources(input);
    expect(loopback.of('tag.GetResources')[0]?.body).toEqual({
      ResourcesPerPage: 100,
      TagFilters: [{ Key: 'team', Values: ['web'] }, { Key: 'env' }],
      ResourceTypeFilters: ['ec2:instance'],
    });
    expect(first.resources).toHaveLength(150);
    expect(first.resources[149]?.resource_id).toBe('i-00149');
    expect(first.resources[0]).toEqual({
      resource_arn: 'arn:aws:ec2:eu-west-1:111111111111:instance/i-00000',
      resource_id: 'i-00000',
      resource_type: 'ec2:instance',
      account_id: '111111111111',
      region: 'eu-west-1',
      tags: { team: 'web' },
    });
    expect(first.truncated).toBe(true);
    const second = await live.backends.tagging.getResources({ ...input, page_token: first.next_page_token });
    expect(second.resources.map((resource) => resource.resource_id)).toEqual(
      Array.from({ length: 80 }, (_, index) => `i-${String(150 + index).padStart(5, '0')}`),
    );
    expect(second.truncated).toBe(false);
    expect(second.next_page_token).toBeUndefined();
    // Page two starts inside AWS page p2, which the cache already holds: only p3 is a new request.
    expect(loopback.of('tag.GetResources').map((request) => request.body.PaginationToken)).toEqual([
      undefined,
      'p2',
      'p3',
    ]);
    await expect(
      live.backends.tagging.getResources({
        ...input,
        resource_types: ['rds:db'],
        page_token: first.next_page_token,
      }),
    ).rejects.toThrow(/page_token does not belong to this query/);
  });

  it('should read every page of tag keys and of one key’s values', async () => {
    loopback.on('tag.GetTagKeys', (request) =>
      request.body.PaginationToken === undefined
        ? { json: { TagKeys: ['team', 'env'], PaginationToken: 'k2' } }
        : { json: { TagKeys: ['owner'], PaginationToken: '' } },
    );
    const keys = await live.backends.tagging.getTagKeys(getTagKeysInput.parse({}));
    expect(keys.keys).toEqual(['env', 'owner', 'team']);
    loopback.on('tag.GetTagValues', { json: { TagValues: ['web', 'data'] } });
    const values = await live.backends.tagging.getTagValues(
      getTagValuesForKeyInput.parse({ key: 'team', limit: 1 }),
    );
    expect(loopback.of('tag.GetTagValues')[0]?.body).toEqual({ Key: 'team' });
    expect(values).toMatchObject({ key: 'team', values: ['data'], truncated: true });
  });

  it('should report resource compliance from GetResources and spend compliance from Cost Explorer tag groups', async () => {
    loopback.on('tag.GetResources', { json: { ResourceTagMappingList: ORGANISATION } });
    const cost = (groups: [string[], string][]) => ({
      json: {
        ResultsByTime: [
          {
            TimePeriod: { Start: '2026-10-25', End: '2026-11-24' },
            Total: {
              NetAmortizedCost: {
                Amount: groups.length === 1 && groups[0]![0].length === 0 ? groups[0]![1] : '0',
                Unit: 'USD',
              },
            },
            Groups: groups
              .filter(([keys]) => keys.length > 0)
              .map(([keys, amount]) => ({
                Keys: keys,
                Metrics: { NetAmortizedCost: { Amount: amount, Unit: 'USD' } },
              })),
          },
        ],
        DimensionValueAttributes: [{ Value: '111111111111', Attributes: { description: 'production' } }],
      },
    });
    loopback.on('ce.GetCostAndUsage', (request: RecordedRequest) => {
      const groupBy = request.body.GroupBy as { Key: string }[] | undefined;
      const filter = request.body.Filter as Record<string, unknown> | undefined;
      if (groupBy?.[0]?.Key === 'team')
        return cost([
          [['team$'], '30'],
          [['team$web'], '50'],
          [['team$data'], '20'],
        ]);
      if (groupBy?.[0]?.Key === 'env')
        return cost([
          [['env$'], '60'],
          [['env$prod'], '40'],
        ]);
      if (filter && 'And' in filter) return cost([[[], '35']]);
      return cost([
        [['111111111111', 'Amazon Simple Storage Service'], '45'],
        [['111111111111', 'Amazon Relational Database Service'], '20'],
      ]);
    });
    const report = await live.backends.tagging.getTagCompliance(
      getTagComplianceInput.parse({ required_tags: ['team', 'env'] }),
    );
    const requests = loopback.of('ce.GetCostAndUsage').map((request) => request.body);
    expect(requests).toContainEqual({
      TimePeriod: { Start: '2026-10-25', End: '2026-11-24' },
      Granularity: 'MONTHLY',
      Metrics: ['NetAmortizedCost'],
      Filter: {
        And: [
          { Not: { Tags: { Key: 'team', MatchOptions: ['ABSENT'] } } },
          { Not: { Tags: { Key: 'env', MatchOptions: ['ABSENT'] } } },
        ],
      },
    });
    expect(requests).toContainEqual({
      TimePeriod: { Start: '2026-10-25', End: '2026-11-24' },
      Granularity: 'MONTHLY',
      Metrics: ['NetAmortizedCost'],
      GroupBy: [
        { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
        { Type: 'DIMENSION', Key: 'SERVICE' },
      ],
      Filter: {
        Or: [
          { Tags: { Key: 'team', MatchOptions: ['ABSENT'] } },
          { Tags: { Key: 'env', MatchOptions: ['ABSENT'] } },
        ],
      },
    });
    expect(report.spend).toEqual({
      total: 100,
      compliant: 35,
      compliance_percent: 35,
      by_key: [
        { key: 'team', tagged_spend: 70, percent: 70 },
        { key: 'env', tagged_spend: 40, percent: 40 },
      ],
    });
    // One of three resources has both keys; the S3 bucket's empty env value does not count.
    expect(report.resources).toEqual({
      total: 3,
      compliant: 1,
      compliance_percent: expect.closeTo(100 / 3, 4),
    });
    expect(report.untagged_by_account_service).toEqual([
      {
        account_id: '111111111111',
        account_name: 'production',
        service: 'Amazon Simple Storage Service',
        spend: 45,
      },
      {
        account_id: '111111111111',
        account_name: 'production',
        service: 'Amazon Relational Database Service',
        spend: 20,
      },
    ]);
    expect(report.provenance.source).toMatch(/never-tagged resources are not counted/);
  });

  it('should list resources missing required tags, most missing first, saying spend is not available live', async () => {
    loopback.on('tag.GetResources', { json: { ResourceTagMappingList: ORGANISATION } });
    const result = await live.backends.tagging.getUntaggedResources(
      getUntaggedResourcesInput.parse({ required_tags: ['team', 'env'] }),
    );
    expect(result.resources).toEqual([
      { resource_id: 'logs-bucket', service: 's3', spend: 0, missing_tags: ['team', 'env'] },
      { resource_id: 'orders', account_id: '111111111111', service: 'rds', spend: 0, missing_tags: ['env'] },
    ]);
    expect(result.provenance.source).toMatch(/spend per resource is not available from live APIs/);
  });
});
