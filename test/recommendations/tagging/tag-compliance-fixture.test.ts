import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../src/domain/index.ts';
import type { InventoryResource } from '../../../src/inventory/index.ts';
import type { Recommendation } from '../../../src/recommendations/model.ts';
import type { RuleContext } from '../../../src/recommendations/rule.ts';
import {
  type TagComplianceReport,
  tagComplianceReport,
  tagMissingRule,
} from '../../../src/recommendations/tagging/index.ts';
import { type Database, openDatabase } from '../../../src/store/database.ts';
import { INVENTORY_SCHEMA_SQL } from '../../../src/store/inventory-schema.ts';
import { insertLineItems, type TestLineItem } from '../../support/line-item-rows.ts';
import { ruleContext, WINDOW } from '../support/rule-context.ts';

const A = '111111111111';
const B = '222222222222';
const EC2 = 'Amazon Elastic Compute Cloud';
const FULL_WEB = { team: 'web', env: 'prod', 'cost-center': 'CC1', owner: 'ann@example.com' };
const FULL_BATCH = { team: 'batch', env: 'dev', 'cost-center': 'CC2', owner: 'bob@example.com' };

/** Per resource: account, daily EffectiveCost, tags, and what the inventory knows. */
const RESOURCES: (Pick<InventoryResource, 'resourceId' | 'resourceName' | 'accountId' | 'tags'> & {
  daily: number;
  type: string;
  attributes: Record<string, unknown>;
})[] = [
  {
    resourceId: 'i-aaa',
    resourceName: 'web-01',
    accountId: A,
    daily: 10,
    tags: FULL_WEB,
    type: 'ec2_instance',
    attributes: {},
  },
  {
    resourceId: 'i-bbb',
    resourceName: 'web-02',
    accountId: A,
    daily: 4,
    tags: { team: 'web', env: 'prod', 'cost-center': 'CC1' },
    type: 'ec2_instance',
    attributes: {},
  },
  {
    resourceId: 'vol-ccc',
    resourceName: 'web-01-root',
    accountId: A,
    daily: 1,
    tags: {},
    type: 'ebs_volume',
    attributes: { attached_to: 'i-aaa' },
  },
  {
    resourceId: 'i-ddd',
    resourceName: 'batch-01',
    accountId: B,
    daily: 3,
    tags: { env: 'dev' },
    type: 'ec2_instance',
    attributes: {},
  },
  {
    resourceId: 'i-eee',
    resourceName: 'batch-02',
    accountId: B,
    daily: 3,
    tags: FULL_BATCH,
    type: 'ec2_instance',
    attributes: {},
  },
  {
    resourceId: 'i-fff',
    resourceName: 'batch-03',
    accountId: B,
    daily: 2,
    tags: FULL_BATCH,
    type: 'ec2_instance',
    attributes: {},
  },
];

// Ten days inside the window with usage; a day before it that must not count.
const DAYS = Array.from({ length: 10 }, (_, index) => addDays(WINDOW.start, 2 * index));

function rows(): TestLineItem[] {
  const items: TestLineItem[] = [];
  for (const day of [...DAYS, addDays(WINDOW.start, -1)]) {
    for (const resource of RESOURCES)
      items.push({
        day,
        service: EC2,
        account: resource.accountId,
        usageType: resource.type === 'ebs_volume' ? 'EBS:VolumeUsage.gp3' : 'BoxUsage:m5.large',
        resource: resource.resourceId,
        billed: resource.daily,
        tags: resource.tags,
      });
    // Data transfer billed to the account without a resource or tags; and tax, which has no tags.
    items.push({
      day,
      service: 'AWS Data Transfer',
      account: A,
      usageType: 'DataTransfer-Out-Bytes',
      billed: 2,
    });
    items.push({ day, service: EC2, account: A, chargeCategory: 'Tax', billed: 5 });
  }
  return items;
}

async function insertResources(db: Database): Promise<void> {
  await db.run(INVENTORY_SCHEMA_SQL);
  for (const resource of RESOURCES) {
    const keys = Object.keys(resource.tags);
    const tagMap = keys.length
      ? `MAP([${keys.map((key) => `'${key}'`).join(', ')}], [${keys.map((key) => `'${resource.tags[key]}'`).join(', ')}])`
      : 'MAP([]::VARCHAR[], []::VARCHAR[])';
    await db.run(
      `INSERT INTO resources VALUES ($1, $2, $3, $4, $5, 'us-east-1', NULL, 'running', $6::JSON, ${tagMap}, NULL)`,
      [
        resource.resourceId,
        resource.resourceName ?? null,
        EC2,
        resource.type,
        resource.accountId,
        JSON.stringify(resource.attributes),
      ],
    );
  }
}

// Every expected figure below is worked out by hand from RESOURCES: per day, usage is
// 10 + 4 + 1 + 3 + 3 + 2 = 23 on resources plus 2 of data transfer, on 10 days.
describe('tagComplianceReport on a hand-built organisation', () => {
  let db: Database;
  let context: RuleContext;
  let report: TagComplianceReport;
  let recommendations: Recommendation[];

  beforeAll(async () => {
    db = await openDatabase({ dataDir: ':memory:' });
    await insertLineItems(db, rows());
    await insertResources(db);
    context = await ruleContext(db);
    report = await tagComplianceReport(context);
    recommendations = (await tagMissingRule.run(context)).recommendations;
  });

  afterAll(async () => {
    await db.close();
  });

  it('should count only usage in the window, and call spend compliant only with all four keys', () => {
    expect(report.spend.totalUsd).toBeCloseTo(250, 8);
    // i-aaa, i-eee and i-fff carry every key: (10 + 3 + 2) × 10.
    expect(report.spend.compliantUsd).toBeCloseTo(150, 8);
    expect(report.spend.nonCompliantUsd).toBeCloseTo(100, 8);
    expect(report.spend.compliance).toBeCloseTo(0.6, 10);
    // No required key at all: the volume (1) and data transfer (2).
    expect(report.spend.untaggedUsd).toBeCloseTo(30, 8);
    expect(report.spend.withoutResourceUsd).toBeCloseTo(20, 8);
  });

  it('should state the spend missing each key', () => {
    const missing = Object.fromEntries(report.spend.byKey.map((entry) => [entry.key, entry.missingUsd]));
    // owner: i-bbb 4, vol-ccc 1, transfer 2, i-ddd 3; team and cost-center: vol-ccc 1, transfer 2, i-ddd 3; env: vol-ccc 1, transfer 2.
    expect(missing.owner).toBeCloseTo(100, 8);
    expect(missing.team).toBeCloseTo(60, 8);
    expect(missing['cost-center']).toBeCloseTo(60, 8);
    expect(missing.env).toBeCloseTo(30, 8);
    expect(report.spend.byKey.find((entry) => entry.key === 'env')?.coverage).toBeCloseTo(220 / 250, 10);
  });

  it('should split non-compliant spend by account and service', () => {
    expect(
      report.byAccountService.map((gap) => [
        gap.accountId,
        gap.service,
        Math.round(gap.nonCompliantUsd * 100) / 100,
      ]),
    ).toEqual([
      [A, EC2, 50],
      [B, EC2, 30],
      [A, 'AWS Data Transfer', 20],
    ]);
  });

  it('should count compliant resources in the inventory', () => {
    expect(report.resources).toMatchObject({ total: 6, compliant: 3, compliance: 0.5 });
    expect(report.resources.byKey).toEqual([
      { key: 'team', missing: 2 },
      { key: 'env', missing: 1 },
      { key: 'cost-center', missing: 2 },
      { key: 'owner', missing: 3 },
    ]);
  });

  it('should list the untagged resources by spend with the keys each one lacks', () => {
    expect(
      report.topUntaggedResources.map((resource) => [
        resource.resourceId,
        resource.nonCompliantUsd,
        resource.missingKeys,
      ]),
    ).toEqual([
      ['i-bbb', 40, ['owner']],
      ['i-ddd', 30, ['team', 'cost-center', 'owner']],
      ['vol-ccc', 10, ['team', 'env', 'cost-center', 'owner']],
    ]);
  });

  it('should suggest a volume the tags of the instance it is attached to', () => {
    const volume = recommendations.find((item) => item.resourceId === 'vol-ccc');
    expect(volume?.proposed).toMatchObject({
      'tag:team': 'web',
      'tag:env': 'prod',
      'tag:cost-center': 'CC1',
      'tag:owner': 'ann@example.com',
    });
    expect(String(volume?.proposed['basis:team'])).toContain('attached to: web-01 (i-aaa)');
    expect(volume?.currentMonthlyCost).toBe(10);
    expect(volume?.steps.cli).toEqual([
      'aws resourcegroupstaggingapi tag-resources --region us-east-1 --resource-arn-list arn:aws:ec2:us-east-1:111111111111:volume/vol-ccc --tags team=web,env=prod,cost-center=CC1,owner=ann@example.com',
    ]);
  });

  it('should suggest from a name prefix two neighbours agree on', () => {
    const batch = recommendations.find((item) => item.resourceId === 'i-ddd');
    expect(batch?.proposed).toMatchObject({
      'tag:team': 'batch',
      'tag:cost-center': 'CC2',
      'tag:owner': 'bob@example.com',
    });
    expect(String(batch?.proposed['basis:owner'])).toBe(
      'name-prefix: 2 of 2 resources named batch-* in the same account that carry owner have owner=bob@example.com',
    );
    expect(batch?.currentMonthlyCost).toBe(30);
  });

  it('should not guess an owner that only one neighbour shows', () => {
    const web = recommendations.find((item) => item.resourceId === 'i-bbb');
    expect(web?.proposed).toEqual({});
    expect(web?.warnings.join(' ')).toContain('No value for owner could be inferred');
    expect(web?.estimatedMonthlySavings).toBe(0);
    expect(web?.group).toBe(`tags:${A}:i-bbb`);
    expect(web?.savingsBasis).toContain('scaled to 30 days');
  });

  it('should emit one item per untagged resource and none for compliant ones', () => {
    expect(recommendations.map((item) => item.resourceId)).toEqual(['i-bbb', 'i-ddd', 'vol-ccc']);
  });
});
