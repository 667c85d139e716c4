import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDuckDbCostEngine } from '../../src/engine/index.ts';
import { createDuckDbInventory } from '../../src/inventory/index.ts';
import { loadPriceBook } from '../../src/pricing/index.ts';
import {
  DEFAULT_RULE_POLICY,
  generateRecommendations,
  type Rule,
  type RuleContext,
} from '../../src/recommendations/index.ts';
import {
  ec2IdleRule,
  ec2RightsizeRule,
  rdsRightsizeRule,
  s3StorageClassRule,
} from '../../src/recommendations/rules/index.ts';
import { type Database, openDatabase } from '../../src/store/database.ts';
import { INVENTORY_SCHEMA_SQL } from '../../src/store/inventory-schema.ts';

const NOW = new Date('2026-11-24T12:00:00Z');
const WINDOW = { start: '2026-10-25', end: '2026-11-24' };

interface InstanceFixture {
  id: string;
  type: string;
  region?: string;
  days?: number;
  cpu: number;
  memory?: number;
  networkBytes?: number;
  resourceType?: 'ec2_instance' | 'rds_instance';
  attributes?: Record<string, unknown>;
}

/** Hourly metrics ending the day before NOW, flat at the given level with a ±10 % daily swing. */
async function addInstance(db: Database, fixture: InstanceFixture): Promise<void> {
  const resourceType = fixture.resourceType ?? 'ec2_instance';
  const attributes = fixture.attributes ?? { instance_type: fixture.type };
  await db.run(
    `INSERT INTO resources VALUES (?, ?, ?, ?, '111122223333', ?, ?, ?, CAST(? AS JSON), MAP {'owner': 'ops@example.com'}, TIMESTAMP '2025-01-01')`,
    [
      fixture.id,
      fixture.id,
      resourceType === 'ec2_instance' ? 'Amazon Elastic Compute Cloud' : 'Amazon Relational Database Service',
      resourceType,
      fixture.region ?? 'us-east-1',
      fixture.type,
      resourceType === 'ec2_instance' ? 'running' : 'available',
      JSON.stringify(attributes),
    ],
  );
  const hours = (fixture.days ?? 30) * 24;
  const series = (metric: string, level: number) =>
    db.run(
      `INSERT INTO utilization_hourly
       SELECT ?, TIMESTAMP '2026-11-24' - to_hours(h + 1), ?, ? * (1 + 0.1 * sin(h / 24.0 * 2 * pi())) FROM range(${hours}) AS t(h)`,
      [fixture.id, metric, level],
    );
  await series('cpu_percent', fixture.cpu);
  if (fixture.memory !== undefined) await series('memory_percent', fixture.memory);
  if (resourceType === 'ec2_instance') {
    await series('network_in_bytes', (fixture.networkBytes ?? 2e7) / 2);
    await series('network_out_bytes', (fixture.networkBytes ?? 2e7) / 2);
  } else {
    await series('db_connections', 40);
  }
}

describe('recommendation rules on hand-built inventories', () => {
  let db: Database;
  let context: RuleContext;

  beforeEach(async () => {
    db = await openDatabase({ dataDir: ':memory:' });
    await db.run(INVENTORY_SCHEMA_SQL);
    context = {
      inventory: createDuckDbInventory({ db }),
      engine: createDuckDbCostEngine({ db }),
      prices: loadPriceBook(),
      policy: DEFAULT_RULE_POLICY,
      now: NOW,
      metricsWindow: WINDOW,
      spendWindow: WINDOW,
      accountNames: new Map(),
    };
  });
  afterEach(() => db.close());

  it('should not call an instance idle on less than 14 days of metrics', async () => {
    await addInstance(db, { id: 'i-new', type: 'm5.xlarge', cpu: 1, networkBytes: 1000, days: 10 });
    await addInstance(db, { id: 'i-old', type: 'm5.xlarge', cpu: 1, networkBytes: 1000, days: 20 });
    const result = await ec2IdleRule.run(context);
    expect(result.recommendations.map((item) => item.resourceId)).toEqual(['i-old']);
  });

  it('should not call a low-CPU instance with real traffic idle', async () => {
    await addInstance(db, { id: 'i-proxy', type: 'm5.xlarge', cpu: 2, networkBytes: 5e8 });
    expect((await ec2IdleRule.run(context)).recommendations).toEqual([]);
  });

  it('should say a price is missing rather than guess one', async () => {
    await addInstance(db, {
      id: 'i-far',
      type: 'm5.xlarge',
      cpu: 1,
      networkBytes: 1000,
      region: 'xx-nowhere-1',
    });
    const result = await ec2IdleRule.run(context);
    expect(result.recommendations[0]?.estimatedMonthlySavings).toBeNull();
    expect(result.recommendations[0]?.warnings.join(' ')).toMatch(
      /No Linux on-demand price for m5.xlarge in xx-nowhere-1/,
    );
    expect(result.notes.join(' ')).toMatch(/xx-nowhere-1/);
  });

  it('should leave an instance whose memory is busy, and resize one whose memory is not', async () => {
    await addInstance(db, { id: 'i-mem-busy', type: 'r5.2xlarge', cpu: 20, memory: 80 });
    await addInstance(db, { id: 'i-mem-quiet', type: 'r5.2xlarge', cpu: 20, memory: 20 });
    const result = await ec2RightsizeRule.run(context);
    expect(result.recommendations.map((item) => item.resourceId)).toEqual(['i-mem-quiet']);
    const [quiet] = result.recommendations;
    // p95 CPU 22 % (20 × 1.1) on 8 vCPU fits 4 vCPU at 44 %, and 2 vCPU would be 88 %: one size down.
    // Memory p95 22 % of 64 GiB = 14 GiB fits r5.xlarge's 32 GiB at 44 %, under the 70 % target.
    expect(quiet?.proposed.instanceType).toBe('r5.xlarge');
    expect(quiet?.estimatedMonthlySavings).toBe(Math.round((0.504 - 0.252) * 730 * 100) / 100);
    expect(quiet?.risk).toBe('low');
    expect(quiet?.warnings.join(' ')).not.toMatch(/memory/i);
  });

  it('should not size burstable instances by CPU p95', async () => {
    await addInstance(db, { id: 'i-burst', type: 't3.xlarge', cpu: 10 });
    expect((await ec2RightsizeRule.run(context)).recommendations).toEqual([]);
  });

  it('should rightsize an RDS instance one size down in its class family', async () => {
    await addInstance(db, {
      id: 'arn:aws:rds:us-east-1:111122223333:db:reports',
      type: 'db.r5.2xlarge',
      cpu: 18,
      resourceType: 'rds_instance',
      attributes: {
        engine: 'postgres',
        instance_class: 'db.r5.2xlarge',
        multi_az: false,
        storage_type: 'gp3',
        allocated_storage_gib: 200,
      },
    });
    const [found] = (await rdsRightsizeRule.run(context)).recommendations;
    expect(found?.proposed.instanceClass).toBe('db.r5.xlarge');
    // RDS for PostgreSQL, us-east-1, Single-AZ: db.r5.2xlarge $1.00/h, db.r5.xlarge $0.50/h.
    expect(found?.estimatedMonthlySavings).toBe(365);
  });

  it('should not move small objects into a class that bills them as 128 KiB', async () => {
    // 2 TiB in 40 KiB objects, never read: IA and Glacier IR would bill each object as 128 KiB,
    // and Intelligent-Tiering does not tier objects under 128 KiB.
    const objects = Math.round((2 * 1024 ** 4) / (40 * 1024));
    await db.run(
      `INSERT INTO s3_bucket_stats VALUES ('tiny-objects', '111122223333', 'us-east-1', 'STANDARD', ${2 * 1024 ** 4}, ${objects}, 0, 0, 0, NULL)`,
    );
    const result = await s3StorageClassRule.run(context);
    // By hand: Standard 2,048 GB × $0.023 = $47.10. Glacier IR bills 6,553.6 GB (128 KiB each) ×
    // $0.004 = $26.21, but 53.7 M transitions × $0.02 per 1,000 = $1,073.74 take 51 months to repay.
    expect(result.recommendations).toEqual([]);
    expect(result.notes.join(' ')).toMatch(
      /GLACIER_IR would save \$20\.89 a month, but moving 53,687,091 objects costs \$1,073\.74/,
    );
  });

  it('should keep the other rules’ findings when one rule fails, and name the failure', async () => {
    await addInstance(db, { id: 'i-idle', type: 'm5.xlarge', cpu: 1, networkBytes: 1000 });
    const broken: Rule = {
      id: 'broken',
      description: 'always fails',
      run: async () => {
        throw new Error('the inventory API timed out');
      },
    };
    const run = await generateRecommendations({
      inventory: context.inventory,
      engine: context.engine,
      prices: context.prices,
      now: NOW,
      rules: [ec2IdleRule, broken],
    });
    expect(run.recommendations.map((item) => item.type)).toEqual(['ec2-idle']);
    expect(run.failures).toEqual([{ rule: 'broken', message: 'the inventory API timed out' }]);
  });
});

describe('recommendations over billing data without an inventory', () => {
  it('should run every rule and find nothing rather than fail', async () => {
    const db = await openDatabase({ dataDir: ':memory:' });
    try {
      const run = await generateRecommendations({
        inventory: createDuckDbInventory({ db }),
        engine: createDuckDbCostEngine({ db }),
        prices: loadPriceBook(),
        now: NOW,
      });
      expect(run.failures).toEqual([]);
      expect(run.recommendations).toEqual([]);
    } finally {
      db.close();
    }
  });
});
