import { describe, expect, it } from 'vitest';
import type { InventoryResource } from '../../../src/inventory/index.ts';
import { createTagSuggester, namePrefix, resourceArn } from '../../../src/recommendations/tagging/index.ts';

function resource(
  resourceId: string,
  resourceName: string,
  tags: Record<string, string>,
  extra: Partial<InventoryResource> = {},
): InventoryResource {
  return {
    resourceId,
    resourceName,
    service: 'Amazon Elastic Compute Cloud',
    resourceType: 'ec2_instance',
    accountId: '111111111111',
    region: 'us-east-1',
    state: 'running',
    attributes: {},
    tags,
    ...extra,
  };
}

describe('namePrefix', () => {
  it('should cut a name at its first numeric part', () => {
    expect(namePrefix('payments-api-03-root')).toBe('payments-api');
    expect(namePrefix('batch_07')).toBe('batch');
  });

  it('should drop the last part of a name without numbers when it has three parts or more', () => {
    expect(namePrefix('staging-use1-nat-a')).toBe('staging-use1-nat');
    expect(namePrefix('bastion')).toBeUndefined();
    expect(namePrefix('db-1')).toBeUndefined();
    expect(namePrefix(undefined)).toBeUndefined();
  });
});

describe('createTagSuggester', () => {
  it('should take the value the stack agrees on before the account', () => {
    const stack = { 'aws:cloudformation:stack-name': 'orders' };
    const suggest = createTagSuggester([
      resource('i-1', 'orders-1', { ...stack, team: 'orders' }),
      resource('i-2', 'orders-2', { ...stack, team: 'orders' }),
      resource('i-3', 'misc-1', { team: 'other' }),
      resource('i-4', 'misc-2', { team: 'other' }),
      resource('i-5', 'misc-3', { team: 'other' }),
    ]);
    const [suggestion] = suggest(
      { resourceId: 'i-9', resourceName: 'odd', accountId: '111111111111', tags: stack },
      ['team'],
    );
    expect(suggestion).toMatchObject({
      key: 'team',
      value: 'orders',
      basis: 'same-stack',
      neighbours: 2,
      agreeing: 2,
    });
    expect(suggestion?.examples).toEqual(['i-1', 'i-2']);
  });

  it('should suggest nothing when neighbours disagree', () => {
    const suggest = createTagSuggester([
      resource('i-1', 'app-01', { team: 'a' }),
      resource('i-2', 'app-02', { team: 'b' }),
      resource('i-3', 'app-03', { team: 'a' }),
    ]);
    // 2 of 3 is below the 80 % agreement; the account (same three) needs all of them to agree.
    expect(
      suggest({ resourceId: 'i-9', resourceName: 'app-09', accountId: '111111111111', tags: {} }, ['team']),
    ).toEqual([]);
  });

  it('should accept 4 of 5 on a name prefix but demand all of an account', () => {
    const resources = [
      resource('i-1', 'app-01', { owner: 'x' }),
      resource('i-2', 'app-02', { owner: 'x' }),
      resource('i-3', 'app-03', { owner: 'x' }),
      resource('i-4', 'app-04', { owner: 'x' }),
      resource('i-5', 'app-05', { owner: 'y' }),
    ];
    const suggest = createTagSuggester(resources);
    expect(
      suggest({ resourceId: 'i-9', resourceName: 'app-09', accountId: '111111111111', tags: {} }, [
        'owner',
      ])[0],
    ).toMatchObject({ value: 'x', basis: 'name-prefix', neighbours: 5, agreeing: 4 });
    expect(
      suggest({ resourceId: 'i-9', resourceName: 'other', accountId: '111111111111', tags: {} }, ['owner']),
    ).toEqual([]);
  });

  it('should not use resources of other accounts as account or name neighbours', () => {
    const suggest = createTagSuggester([
      resource('i-1', 'app-01', { env: 'prod' }, { accountId: '222222222222' }),
      resource('i-2', 'app-02', { env: 'prod' }, { accountId: '222222222222' }),
    ]);
    expect(
      suggest({ resourceId: 'i-9', resourceName: 'app-09', accountId: '111111111111', tags: {} }, ['env']),
    ).toEqual([]);
  });
});

describe('resourceArn', () => {
  it('should build ARNs for EC2 ids and buckets and keep ARNs as they are', () => {
    const base = { accountId: '111111111111', region: 'eu-west-1', service: 'Amazon Elastic Compute Cloud' };
    expect(resourceArn({ ...base, resourceId: 'i-0abc' }).arn).toBe(
      'arn:aws:ec2:eu-west-1:111111111111:instance/i-0abc',
    );
    expect(resourceArn({ ...base, resourceId: 'nat-0abc' }).arn).toBe(
      'arn:aws:ec2:eu-west-1:111111111111:natgateway/nat-0abc',
    );
    expect(resourceArn({ ...base, resourceId: 'logs', service: 'Amazon Simple Storage Service' }).arn).toBe(
      'arn:aws:s3:::logs',
    );
    expect(resourceArn({ ...base, resourceId: 'arn:aws:lambda:eu-west-1:111111111111:function:f' })).toEqual({
      arn: 'arn:aws:lambda:eu-west-1:111111111111:function:f',
      known: true,
    });
    expect(resourceArn({ ...base, resourceId: 'something' }).known).toBe(false);
  });
});
