import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoManifest, DemoStory } from '../../src/demo/index.ts';
import { generateDemoOrganisation, readDemoManifest } from '../../src/demo/index.ts';
import { FinopsError } from '../../src/errors.ts';
import type { Database } from '../../src/store/database.ts';
import { openDatabase } from '../../src/store/database.ts';

// A Wednesday; the data must end on Tuesday 2026-03-17 and start on 2025-02-01.
const NOW = new Date('2026-03-18T10:30:00Z');
const TODAY = '2026-03-18';

function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function story(manifest: DemoManifest, id: string): DemoStory {
  const found = manifest.stories.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`story ${id} missing from the manifest`);
  return found;
}

function list(ids: string[]): string {
  return ids.map((id) => `'${id.replaceAll("'", "''")}'`).join(', ');
}

describe('generateDemoOrganisation', () => {
  let db: Database;
  let manifest: DemoManifest;

  beforeAll(async () => {
    db = await openDatabase({ dataDir: ':memory:' });
    manifest = await generateDemoOrganisation(db, { now: NOW });
  });

  afterAll(() => db.close());

  describe('shape', () => {
    it('should have one payer and five linked accounts with 12-digit ids and names on every row', async () => {
      expect(manifest.accounts).toHaveLength(6);
      for (const account of manifest.accounts) expect(account.id).toMatch(/^\d{12}$/);
      const rows = await db.all<{ payers: number; accounts: number; unnamed: number }>(
        `SELECT count(DISTINCT BillingAccountId) AS payers, count(DISTINCT SubAccountId) AS accounts,
           count(*) FILTER (WHERE SubAccountName IS NULL) AS unnamed FROM line_items`,
      );
      expect(rows[0]).toEqual({ payers: 1, accounts: 6, unnamed: 0 });
      const names = await db.all<{ name: string }>(
        'SELECT DISTINCT SubAccountName AS name FROM line_items ORDER BY 1',
      );
      expect(names.map((row) => row.name)).toEqual(manifest.accounts.map((account) => account.name).sort());
    });

    it('should use exactly the three demo regions', async () => {
      const rows = await db.all<{ region: string }>(
        'SELECT DISTINCT RegionId AS region FROM line_items WHERE RegionId IS NOT NULL ORDER BY 1',
      );
      expect(rows.map((row) => row.region)).toEqual(['eu-west-1', 'us-east-1', 'us-west-2']);
      expect([...manifest.regions].sort()).toEqual(['eu-west-1', 'us-east-1', 'us-west-2']);
    });

    it('should cover 13 full months plus the current month through yesterday with daily usage rows', async () => {
      const months = await db.all<{ month: string }>(
        'SELECT DISTINCT CAST(BillingPeriodStart AS DATE) AS month FROM line_items ORDER BY 1',
      );
      expect(months).toHaveLength(14);
      expect(months[0]?.month).toBe('2025-02-01');
      expect(months[13]?.month).toBe('2026-03-01');
      const [days] = await db.all<{ first: string; last: string; days: number }>(
        `SELECT min(x_ChargeDate) AS first, max(x_ChargeDate) AS last, count(DISTINCT x_ChargeDate) AS days
         FROM line_items WHERE ChargeCategory = 'Usage'`,
      );
      // 2025-02-01 … 2026-03-17 inclusive: 365 days of 2025-02-01 … 2026-01-31, plus 28 + 17.
      expect(days).toEqual({ first: '2025-02-01', last: '2026-03-17', days: 365 + 28 + 17 });
      const [shape] = await db.all<{ notDaily: number; notMidnight: number; wrongDate: number }>(
        `SELECT
           count(*) FILTER (WHERE ChargePeriodEnd - ChargePeriodStart <> INTERVAL 1 DAY) AS notDaily,
           count(*) FILTER (WHERE CAST(ChargePeriodStart AS TIME) <> TIME '00:00:00') AS notMidnight,
           count(*) FILTER (WHERE x_ChargeDate <> CAST(ChargePeriodStart AS DATE)) AS wrongDate
         FROM line_items WHERE ChargeCategory = 'Usage'`,
      );
      expect(shape).toEqual({ notDaily: 0, notMidnight: 0, wrongDate: 0 });
    });

    it('should have no row that starts or ends after the day before now', async () => {
      const [future] = await db.all<{ rows: number }>(
        `SELECT count(*) AS rows FROM line_items
         WHERE ChargePeriodStart >= TIMESTAMP '${TODAY} 00:00:00' OR ChargePeriodEnd > TIMESTAMP '${TODAY} 00:00:00'`,
      );
      expect(future?.rows).toBe(0);
    });

    it('should generate between 200k and 500k line items and report the count in the manifest', async () => {
      const [count] = await db.all<{ rows: number }>('SELECT count(*) AS rows FROM line_items');
      expect(count?.rows).toBe(manifest.lineItems);
      expect(manifest.lineItems).toBeGreaterThan(200_000);
      expect(manifest.lineItems).toBeLessThan(500_000);
      expect(manifest).toMatchObject({ seed: 42, anchor: TODAY, scale: 1 });
    });
  });

  describe('FOCUS columns', () => {
    it('should name services and categories as AWS FOCUS exports do', async () => {
      const rows = await db.all<{ service: string; code: string; category: string }>(
        `SELECT DISTINCT ServiceName AS service, x_ServiceCode AS code, ServiceCategory AS category
         FROM line_items WHERE ChargeCategory = 'Usage' ORDER BY 1, 3`,
      );
      const pairs = new Set(rows.map((row) => `${row.service}|${row.code}|${row.category}`));
      for (const expected of [
        'Amazon Elastic Compute Cloud|AmazonEC2|Compute',
        'Amazon Elastic Compute Cloud|AmazonEC2|Storage',
        'Amazon Elastic Compute Cloud|AmazonEC2|Networking',
        'Amazon Simple Storage Service|AmazonS3|Storage',
        'Amazon Relational Database Service|AmazonRDS|Databases',
        'AWS Lambda|AWSLambda|Compute',
        'Amazon CloudFront|AmazonCloudFront|Networking',
        'Amazon DynamoDB|AmazonDynamoDB|Databases',
        'AmazonCloudWatch|AmazonCloudWatch|Management and Governance',
        'Amazon Virtual Private Cloud|AmazonVPC|Networking',
        'AWS Data Transfer|AWSDataTransfer|Networking',
      ]) {
        expect(pairs).toContain(expected);
      }
      const [provider] = await db.all<{ other: number }>(
        `SELECT count(*) FILTER (WHERE ProviderName <> 'AWS' OR BillingCurrency <> 'USD') AS other FROM line_items`,
      );
      expect(provider?.other).toBe(0);
    });

    it('should write usage types in AWS style, with NAT Gateway under Amazon EC2', async () => {
      const rows = await db.all<{ usage: string; service: string }>(
        `SELECT DISTINCT x_UsageType AS usage, ServiceName AS service FROM line_items WHERE ChargeCategory = 'Usage'`,
      );
      const usages = rows.map((row) => row.usage);
      expect(usages).toContain('BoxUsage:m5.xlarge');
      expect(usages).toContain('EU-BoxUsage:m5.xlarge');
      expect(usages).toContain('USW2-EBS:VolumeUsage.gp3');
      expect(usages).toContain('EBS:VolumeUsage.gp2');
      expect(usages).toContain('TimedStorage-ByteHrs');
      expect(usages).toContain('DataTransfer-Out-Bytes');
      const nat = rows.filter((row) => /NatGateway-(Hours|Bytes)$/.test(row.usage));
      expect(nat.length).toBeGreaterThanOrEqual(2);
      for (const row of nat) expect(row.service).toBe('Amazon Elastic Compute Cloud');
      for (const usage of usages.filter((value) => value.includes('BoxUsage'))) {
        expect(usage).toMatch(/^((USW2|EU)-)?BoxUsage:[a-z0-9]+\.[0-9a-z]+$/);
      }
    });

    it('should price on-demand usage as list unit price × quantity with all four costs equal', async () => {
      const [check] = await db.all<{ rows: number; bad: number; costMismatch: number }>(
        `SELECT count(*) AS rows,
           count(*) FILTER (WHERE abs(BilledCost - ListUnitPrice * PricingQuantity) > 0.000001) AS bad,
           count(*) FILTER (WHERE BilledCost <> EffectiveCost OR BilledCost <> ListCost OR BilledCost <> ContractedCost) AS costMismatch
         FROM line_items WHERE ChargeCategory = 'Usage' AND CommitmentDiscountId IS NULL`,
      );
      expect(check?.rows).toBeGreaterThan(100_000);
      expect(check?.bad).toBe(0);
      expect(check?.costMismatch).toBe(0);
      const [ids] = await db.all<{ instances: number; malformed: number }>(
        `SELECT count(DISTINCT ResourceId) AS instances,
           count(DISTINCT ResourceId) FILTER (WHERE NOT regexp_matches(ResourceId, '^i-[0-9a-f]{17}$')) AS malformed
         FROM line_items WHERE x_UsageType LIKE '%BoxUsage:%'`,
      );
      expect(ids?.instances).toBeGreaterThan(50);
      expect(ids?.malformed).toBe(0);
    });
  });

  describe('tags, credits, tax and the Savings Plan', () => {
    it('should tag between 70 % and 85 % of spend with a team', async () => {
      const [share] = await db.all<{ all: number; usage: number }>(
        `SELECT
           sum(EffectiveCost) FILTER (WHERE Tags['team'] IS NOT NULL) / sum(EffectiveCost) AS all,
           sum(EffectiveCost) FILTER (WHERE Tags['team'] IS NOT NULL AND ChargeCategory = 'Usage')
             / sum(EffectiveCost) FILTER (WHERE ChargeCategory = 'Usage') AS usage
         FROM line_items`,
      );
      expect(share?.all).toBeGreaterThan(0.7);
      expect(share?.all).toBeLessThan(0.85);
      expect(share?.usage).toBeGreaterThan(0.7);
      expect(share?.usage).toBeLessThan(0.85);
      const keys = await db.all<{ key: string }>(
        'SELECT DISTINCT unnest(map_keys(Tags)) AS key FROM line_items ORDER BY 1',
      );
      expect(keys.map((row) => row.key)).toEqual(['cost-center', 'env', 'owner', 'team']);
      const teams = await db.all<{ team: string }>(
        `SELECT DISTINCT Tags['team'] AS team FROM line_items WHERE Tags['team'] IS NOT NULL ORDER BY 1`,
      );
      expect(teams.map((row) => row.team)).toEqual([
        'checkout',
        'data-platform',
        'ml',
        'payments',
        'platform',
        'search',
      ]);
    });

    it('should have negative credits and monthly tax', async () => {
      const [credits] = await db.all<{ rows: number; positive: number; total: number }>(
        `SELECT count(*) AS rows, count(*) FILTER (WHERE BilledCost >= 0 OR EffectiveCost >= 0) AS positive, sum(BilledCost) AS total
         FROM line_items WHERE ChargeCategory = 'Credit'`,
      );
      expect(credits?.rows).toBeGreaterThan(0);
      expect(credits?.positive).toBe(0);
      expect(credits?.total).toBeLessThan(0);
      const tax = await db.all<{ month: string; total: number }>(
        `SELECT CAST(BillingPeriodStart AS DATE) AS month, sum(BilledCost) AS total
         FROM line_items WHERE ChargeCategory = 'Tax' GROUP BY 1 ORDER BY 1`,
      );
      expect(tax).toHaveLength(14);
      for (const month of tax) expect(month.total).toBeGreaterThan(0);
    });

    it('should bill the Savings Plan monthly and cover EC2 usage at zero billed cost', async () => {
      const purchases = await db.all<{ month: string; billed: number; unused: number; covered: number }>(
        `WITH fee AS (
           SELECT CAST(BillingPeriodStart AS DATE) AS month, sum(BilledCost) AS billed, sum(EffectiveCost) AS unused
           FROM line_items WHERE ChargeCategory = 'Purchase' GROUP BY 1),
         used AS (
           SELECT CAST(BillingPeriodStart AS DATE) AS month, sum(EffectiveCost) AS covered
           FROM line_items WHERE ChargeCategory = 'Usage' AND CommitmentDiscountStatus = 'Used' GROUP BY 1)
         SELECT fee.month, fee.billed, fee.unused, used.covered FROM fee JOIN used USING (month) ORDER BY 1`,
      );
      expect(purchases).toHaveLength(14);
      for (const month of purchases) {
        expect(month.unused).toBeGreaterThan(0);
        expect(month.unused).toBeLessThan(month.billed * 0.2);
        // FOCUS: the fee's billed cost is the whole commitment; used (amortised on usage) + unused = commitment.
        expect(month.covered + month.unused).toBeCloseTo(month.billed, 4);
      }
      const [covered] = await db.all<{
        rows: number;
        billed: number;
        effective: number;
        discounted: number;
        bad: number;
      }>(
        `SELECT count(*) AS rows, sum(BilledCost) AS billed, sum(EffectiveCost) AS effective,
           count(*) FILTER (WHERE EffectiveCost < ListCost) AS discounted,
           count(*) FILTER (WHERE CommitmentDiscountType IS NULL OR CommitmentDiscountId IS NULL
             OR PricingCategory <> 'Committed' OR ServiceName <> 'Amazon Elastic Compute Cloud') AS bad
         FROM line_items WHERE ChargeCategory = 'Usage' AND CommitmentDiscountStatus = 'Used'`,
      );
      expect(covered?.rows).toBeGreaterThan(1000);
      expect(covered?.billed).toBe(0);
      expect(covered?.effective).toBeGreaterThan(0);
      expect(covered?.discounted).toBe(covered?.rows);
      expect(covered?.bad).toBe(0);
    });
  });

  describe('growth and seasonality', () => {
    it('should grow month over month and dip on weekends for compute', async () => {
      const [trend] = await db.all<{ first: number; last: number }>(
        `SELECT sum(EffectiveCost) FILTER (WHERE BillingPeriodStart = TIMESTAMP '2025-02-01') / 28 AS first,
           sum(EffectiveCost) FILTER (WHERE BillingPeriodStart = TIMESTAMP '2026-02-01') / 28 AS last
         FROM line_items WHERE ChargeCategory = 'Usage'`,
      );
      // A few % a month over 12 months.
      expect(trend!.last / trend!.first).toBeGreaterThan(1.15);
      expect(trend!.last / trend!.first).toBeLessThan(2);
      const [week] = await db.all<{ weekday: number; weekend: number }>(
        `SELECT avg(cost) FILTER (WHERE dayofweek(day) BETWEEN 1 AND 5) AS weekday,
           avg(cost) FILTER (WHERE dayofweek(day) IN (0, 6)) AS weekend
         FROM (SELECT x_ChargeDate AS day, sum(EffectiveCost) AS cost FROM line_items
               WHERE x_UsageType LIKE '%BoxUsage%' AND x_ChargeDate >= DATE '2026-01-01' AND x_ChargeDate < DATE '2026-03-01' GROUP BY 1)`,
      );
      expect(week!.weekend).toBeLessThan(week!.weekday * 0.95);
    });
  });

  describe('planted stories', () => {
    it('should make the payments team EC2 jump last week the largest change by team and service', async () => {
      const planted = story(manifest, 'payments-ec2-jump');
      const lastWeek = [shiftDay(TODAY, -7), TODAY];
      const weekBefore = [shiftDay(TODAY, -14), shiftDay(TODAY, -7)];
      const changes = await db.all<{
        team: string | null;
        service: string;
        before: number;
        after: number;
        delta: number;
      }>(
        `SELECT Tags['team'] AS team, ServiceName AS service,
           coalesce(sum(EffectiveCost) FILTER (WHERE x_ChargeDate >= DATE '${weekBefore[0]}' AND x_ChargeDate < DATE '${weekBefore[1]}'), 0) AS before,
           coalesce(sum(EffectiveCost) FILTER (WHERE x_ChargeDate >= DATE '${lastWeek[0]}' AND x_ChargeDate < DATE '${lastWeek[1]}'), 0) AS after,
           after - before AS delta
         FROM line_items WHERE ChargeCategory = 'Usage' GROUP BY 1, 2 ORDER BY abs(delta) DESC`,
      );
      const top = changes[0]!;
      expect(top).toMatchObject({ team: 'payments', service: 'Amazon Elastic Compute Cloud' });
      expect(top.after).toBeGreaterThan(top.before * 1.3);
      const second = changes[1]!;
      expect(Math.abs(second.delta)).toBeLessThan(top.delta / 3);
      // The new fleet alone explains most of the jump.
      const [fleet] = await db.all<{ delta: number }>(
        `SELECT sum(CASE WHEN x_ChargeDate >= DATE '${lastWeek[0]}' THEN EffectiveCost ELSE -EffectiveCost END) AS delta
         FROM line_items WHERE ResourceId IN (${list(planted.resourceIds)}) AND x_UsageType LIKE '%BoxUsage%'
           AND x_ChargeDate >= DATE '${weekBefore[0]}' AND x_ChargeDate < DATE '${TODAY}'`,
      );
      expect(fleet!.delta).toBeCloseTo(planted.expectedDeltaUsd!, 2);
      expect(fleet!.delta).toBeGreaterThan(top.delta * 0.8);
      const launched = await db.all<{ first: string }>(
        `SELECT min(x_ChargeDate) AS first FROM line_items WHERE ResourceId IN (${list(planted.resourceIds)})`,
      );
      expect(launched[0]?.first).toBe(shiftDay(TODAY, -9));
    });

    it('should show a NAT Gateway bytes spike over a few days in the last month', async () => {
      const planted = story(manifest, 'nat-gateway-bytes-spike');
      const days = await db.all<{ day: string; cost: number }>(
        `SELECT x_ChargeDate AS day, sum(EffectiveCost) AS cost FROM line_items
         WHERE SubAccountName = 'acme-prod' AND x_UsageType LIKE '%NatGateway-Bytes' AND x_ChargeDate >= DATE '${shiftDay(TODAY, -35)}'
         GROUP BY 1 ORDER BY 1`,
      );
      const inSpike = days.filter((day) => day.day >= planted.period!.start && day.day < planted.period!.end);
      const outside = days.filter(
        (day) => !(day.day >= planted.period!.start && day.day < planted.period!.end),
      );
      expect(inSpike.length).toBeGreaterThanOrEqual(3);
      expect(inSpike.length).toBeLessThanOrEqual(5);
      expect(planted.period!.start >= shiftDay(TODAY, -31)).toBe(true);
      const median = outside.map((day) => day.cost).sort((a, b) => a - b)[Math.floor(outside.length / 2)]!;
      for (const day of inSpike) expect(day.cost).toBeGreaterThan(median * 3);
      for (const day of outside) expect(day.cost).toBeLessThan(median * 2);
      const extra = inSpike.reduce((sum, day) => sum + day.cost, 0) - median * inSpike.length;
      expect(extra).toBeGreaterThan(planted.expectedDeltaUsd! * 0.8);
      expect(extra).toBeLessThan(planted.expectedDeltaUsd! * 1.2);
      // The gateway's own traffic metrics show the same spike.
      const [traffic] = await db.all<{ spike: number; normal: number }>(
        `SELECT avg(value) FILTER (WHERE CAST(ts AS DATE) >= DATE '${planted.period!.start}' AND CAST(ts AS DATE) < DATE '${planted.period!.end}') AS spike,
           avg(value) FILTER (WHERE CAST(ts AS DATE) < DATE '${planted.period!.start}') AS normal
         FROM utilization_hourly WHERE metric = 'network_out_bytes' AND resource_id IN (${list(planted.resourceIds)})`,
      );
      expect(traffic!.spike).toBeGreaterThan(traffic!.normal * 3);
    });

    it('should have idle instances with CPU p95 under 5 % that are running and billed', async () => {
      const planted = story(manifest, 'idle-ec2-instances');
      expect(planted.resourceIds.length).toBeGreaterThanOrEqual(2);
      const rows = await db.all<{ id: string; p95: number; hours: number }>(
        `SELECT resource_id AS id, quantile_cont(value, 0.95) AS p95, count(*) AS hours FROM utilization_hourly
         WHERE metric = 'cpu_percent' AND resource_id IN (${list(planted.resourceIds)}) GROUP BY 1`,
      );
      expect(rows).toHaveLength(planted.resourceIds.length);
      for (const row of rows) {
        expect(row.p95).toBeLessThan(5);
        expect(row.hours).toBe(30 * 24);
      }
    });

    it('should have oversized instances with CPU p95 between 20 and 35 % and busy controls above 70 %', async () => {
      const oversized = story(manifest, 'oversized-ec2-instances');
      const busy = story(manifest, 'healthy-busy-instance');
      const p95 = async (ids: string[]) =>
        db.all<{ p95: number }>(
          `SELECT quantile_cont(value, 0.95) AS p95 FROM utilization_hourly
           WHERE metric = 'cpu_percent' AND resource_id IN (${list(ids)}) GROUP BY resource_id`,
        );
      const oversizedRows = await p95(oversized.resourceIds);
      expect(oversizedRows).toHaveLength(oversized.resourceIds.length);
      for (const row of oversizedRows) {
        expect(row.p95).toBeGreaterThan(20);
        expect(row.p95).toBeLessThan(35);
      }
      for (const row of await p95(busy.resourceIds)) expect(row.p95).toBeGreaterThan(70);
    });

    it('should have previous-generation instances running', async () => {
      const planted = story(manifest, 'previous-generation-instances');
      const rows = await db.all<{ size: string; billed: number }>(
        `SELECT r.size, sum(l.EffectiveCost) AS billed FROM resources r JOIN line_items l ON l.ResourceId = r.resource_id
         WHERE r.resource_id IN (${list(planted.resourceIds)}) AND l.x_ChargeDate >= DATE '${shiftDay(TODAY, -7)}'
         GROUP BY r.resource_id, r.size`,
      );
      expect(rows).toHaveLength(planted.resourceIds.length);
      for (const row of rows) {
        expect(row.size).toMatch(/^(m4|c4|t2)\./);
        expect(row.billed).toBeGreaterThan(0);
      }
    });

    it('should have in-use gp2 volumes, unattached volumes still billed, and a healthy gp3 control', async () => {
      const gp2 = story(manifest, 'gp2-volumes');
      const unattached = story(manifest, 'unattached-ebs-volumes');
      const gp3 = story(manifest, 'healthy-gp3-volume');
      const volumes = await db.all<{
        id: string;
        state: string;
        type: string;
        attached: string | null;
        cost: number;
      }>(
        `SELECT r.resource_id AS id, r.state, r.attributes->>'volume_type' AS type, r.attributes->>'attached_to' AS attached,
           (SELECT sum(EffectiveCost) FROM line_items WHERE ResourceId = r.resource_id AND x_ChargeDate >= DATE '${shiftDay(TODAY, -7)}') AS cost
         FROM resources r WHERE r.resource_type = 'ebs_volume'`,
      );
      const byId = new Map(volumes.map((volume) => [volume.id, volume]));
      expect(gp2.resourceIds.length).toBeGreaterThan(5);
      for (const id of gp2.resourceIds) expect(byId.get(id)).toMatchObject({ state: 'in-use', type: 'gp2' });
      expect(unattached.resourceIds.length).toBeGreaterThanOrEqual(3);
      for (const id of unattached.resourceIds) {
        expect(byId.get(id)).toMatchObject({ state: 'available', attached: null });
        expect(byId.get(id)?.cost).toBeGreaterThan(0);
      }
      for (const id of gp3.resourceIds) expect(byId.get(id)).toMatchObject({ state: 'in-use', type: 'gp3' });
      const [usage] = await db.all<{ gp2Rows: number }>(
        `SELECT count(*) AS gp2Rows FROM line_items WHERE ResourceId IN (${list(gp2.resourceIds)}) AND x_UsageType LIKE '%EBS:VolumeUsage.gp2'`,
      );
      expect(usage?.gp2Rows).toBeGreaterThan(0);
    });

    it('should have a large, cold bucket in S3 Standard and a hot control bucket', async () => {
      const cold = story(manifest, 'cold-s3-standard');
      const hot = story(manifest, 'healthy-hot-bucket');
      const rows = await db.all<{
        bucket: string;
        storage_class: string;
        size_bytes: number;
        get_requests_30d: number;
        lifecycle_rules: number;
        last_accessed: string;
      }>(
        `SELECT * FROM s3_bucket_stats WHERE bucket IN (${list([...cold.resourceIds, ...hot.resourceIds])})`,
      );
      const coldRow = rows.find((row) => row.bucket === cold.resourceIds[0]);
      const hotRow = rows.find((row) => row.bucket === hot.resourceIds[0]);
      expect(coldRow).toMatchObject({ storage_class: 'STANDARD', lifecycle_rules: 0 });
      expect(coldRow!.size_bytes).toBeGreaterThan(10 * 1024 ** 4);
      expect(coldRow!.get_requests_30d).toBeLessThan(1000);
      expect(coldRow!.last_accessed < `${shiftDay(TODAY, -90)}`).toBe(true);
      expect(hotRow!.get_requests_30d).toBeGreaterThan(1_000_000);
      expect(hotRow!.lifecycle_rules).toBeGreaterThan(0);
      // Storage cost agrees with the size: ~40 TB × $0.023 per GB-month for the last full month.
      const [cost] = await db.all<{ cost: number }>(
        `SELECT sum(EffectiveCost) AS cost FROM line_items WHERE ResourceId = '${cold.resourceIds[0]}'
           AND x_UsageType LIKE '%TimedStorage-ByteHrs' AND BillingPeriodStart = TIMESTAMP '2026-02-01'`,
      );
      const expected = (coldRow!.size_bytes / 1024 ** 3) * 0.023;
      expect(cost!.cost).toBeGreaterThan(expected * 0.95);
      expect(cost!.cost).toBeLessThan(expected * 1.01);
    });

    it('should have an RDS instance with no connections for 14+ days that is still billed', async () => {
      const planted = story(manifest, 'idle-rds-instance');
      const [connections] = await db.all<{ recent: number; earlier: number }>(
        `SELECT max(value) FILTER (WHERE ts >= TIMESTAMP '${shiftDay(TODAY, -14)} 00:00:00') AS recent,
           max(value) FILTER (WHERE ts < TIMESTAMP '${shiftDay(TODAY, -21)} 00:00:00') AS earlier
         FROM utilization_hourly WHERE metric = 'db_connections' AND resource_id = '${planted.resourceIds[0]}'`,
      );
      expect(connections?.recent).toBe(0);
      expect(connections?.earlier).toBeGreaterThan(0);
      const [cost] = await db.all<{ cost: number }>(
        `SELECT sum(EffectiveCost) AS cost FROM line_items WHERE ResourceId = '${planted.resourceIds[0]}' AND x_ChargeDate >= DATE '${shiftDay(TODAY, -7)}'`,
      );
      expect(cost?.cost).toBeGreaterThan(0);
    });
  });

  describe('inventory', () => {
    it('should give every EC2 instance cost rows and 30 days of hourly utilisation', async () => {
      const [check] = await db.all<{
        instances: number;
        withoutCost: number;
        withoutCpu: number;
        withoutNetwork: number;
      }>(
        `WITH instances AS (SELECT resource_id FROM resources WHERE resource_type = 'ec2_instance')
         SELECT count(*) AS instances,
           count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM line_items l WHERE l.ResourceId = i.resource_id AND l.x_UsageType LIKE '%BoxUsage%')) AS withoutCost,
           count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM utilization_hourly u WHERE u.resource_id = i.resource_id AND u.metric = 'cpu_percent')) AS withoutCpu,
           count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM utilization_hourly u WHERE u.resource_id = i.resource_id AND u.metric = 'network_out_bytes')) AS withoutNetwork
         FROM instances i`,
      );
      expect(check?.instances).toBeGreaterThan(80);
      expect(check).toMatchObject({ withoutCost: 0, withoutCpu: 0, withoutNetwork: 0 });
      const [window] = await db.all<{ first: string; last: string }>(
        'SELECT CAST(min(ts) AS VARCHAR) AS first, CAST(max(ts) AS VARCHAR) AS last FROM utilization_hourly',
      );
      expect(window).toEqual({
        first: `${shiftDay(TODAY, -30)} 00:00:00`,
        last: `${shiftDay(TODAY, -1)} 23:00:00`,
      });
      // Instances launched during the period were created on their first billed day; the rest before it.
      const [created] = await db.all<{ wrong: number; launched: number }>(
        `WITH first AS (
           SELECT r.resource_id, CAST(r.created_at AS DATE) AS created,
             (SELECT min(x_ChargeDate) FROM line_items l WHERE l.ResourceId = r.resource_id) AS billed
           FROM resources r WHERE r.resource_type = 'ec2_instance')
         SELECT count(*) FILTER (WHERE CASE WHEN billed > DATE '2025-02-01' THEN created <> billed ELSE created > billed END) AS wrong,
           count(*) FILTER (WHERE billed > DATE '2025-02-01') AS launched
         FROM first`,
      );
      expect(created?.launched).toBeGreaterThan(12);
      expect(created?.wrong).toBe(0);
      const metrics = await db.all<{ metric: string }>(
        'SELECT DISTINCT metric FROM utilization_hourly ORDER BY 1',
      );
      expect(metrics.map((row) => row.metric)).toEqual([
        'cpu_percent',
        'db_connections',
        'memory_percent',
        'network_in_bytes',
        'network_out_bytes',
      ]);
    });

    it('should match instance types and volume sizes to the cost rows', async () => {
      const [types] = await db.all<{ mismatched: number }>(
        `SELECT count(*) AS mismatched FROM resources r JOIN line_items l ON l.ResourceId = r.resource_id
         WHERE r.resource_type = 'ec2_instance' AND l.x_UsageType LIKE '%BoxUsage%' AND NOT ends_with(l.x_UsageType, ':' || r.size)`,
      );
      expect(types?.mismatched).toBe(0);
      // An unattached volume is billed every day: a full month costs its size × the GB-month price.
      const volumes = await db.all<{ size: number; type: string; region: string; cost: number }>(
        `SELECT CAST(r.attributes->>'size_gib' AS DOUBLE) AS size, r.attributes->>'volume_type' AS type, r.region, sum(l.EffectiveCost) AS cost
         FROM resources r JOIN line_items l ON l.ResourceId = r.resource_id
         WHERE r.resource_type = 'ebs_volume' AND r.state = 'available' AND l.BillingPeriodStart = TIMESTAMP '2026-02-01'
         GROUP BY r.resource_id, 1, 2, 3`,
      );
      expect(volumes.length).toBeGreaterThan(0);
      const price: Record<string, number> = {
        'gp2|us-east-1': 0.1,
        'gp3|us-east-1': 0.08,
        'gp2|us-west-2': 0.1,
        'gp3|us-west-2': 0.08,
      };
      for (const volume of volumes)
        expect(volume.cost).toBeCloseTo(volume.size * price[`${volume.type}|${volume.region}`]!, 4);
      const [tags] = await db.all<{ differing: number }>(
        `SELECT count(*) AS differing FROM resources r JOIN line_items l ON l.ResourceId = r.resource_id
         WHERE l.ChargeCategory = 'Usage' AND l.Tags <> r.tags`,
      );
      expect(tags?.differing).toBe(0);
    });
  });

  describe('deliveries and manifest', () => {
    it('should write one demo delivery per billing month that adds up to the line items', async () => {
      const deliveries = await db.all<{ format: string; period: string; rows: number; billed: number }>(
        `SELECT format, CAST(billing_period AS VARCHAR) AS period, row_count AS rows, billed_total AS billed FROM deliveries ORDER BY billing_period`,
      );
      expect(deliveries).toHaveLength(14);
      for (const delivery of deliveries) expect(delivery.format).toBe('demo');
      const [totals] = await db.all<{ rows: number; billed: number }>(
        'SELECT count(*) AS rows, sum(BilledCost) AS billed FROM line_items',
      );
      expect(deliveries.reduce((sum, delivery) => sum + delivery.rows, 0)).toBe(totals?.rows);
      expect(deliveries.reduce((sum, delivery) => sum + delivery.billed, 0)).toBeCloseTo(totals!.billed, 6);
    });

    it('should store the manifest under meta key demo and read it back', async () => {
      expect(await readDemoManifest(db)).toEqual(manifest);
      const fresh = await openDatabase({ dataDir: ':memory:' });
      expect(await readDemoManifest(fresh)).toBeUndefined();
      await fresh.setMeta('demo', '{"seed": "x"}');
      await expect(readDemoManifest(fresh)).rejects.toThrow(FinopsError);
      fresh.close();
    });
  });
});

describe('generateDemoOrganisation input checks', () => {
  it('should reject a bad scale, seed, anchor or anomaly with a FinopsError that says what to pass', async () => {
    const db = await openDatabase({ dataDir: ':memory:' });
    await expect(generateDemoOrganisation(db, { now: NOW, scale: 0 })).rejects.toThrow(
      /scale must be a whole number/,
    );
    await expect(generateDemoOrganisation(db, { now: NOW, seed: 1.5 })).rejects.toThrow(
      /seed must be a whole number/,
    );
    await expect(generateDemoOrganisation(db, { now: new Date('nonsense') })).rejects.toThrow(FinopsError);
    await expect(
      generateDemoOrganisation(db, {
        now: NOW,
        anomalies: [
          {
            shape: 'spike',
            service: 'AmazonEC2',
            accountName: 'acme-nowhere',
            start: '2026-03-01',
            days: 2,
            magnitude: 3,
          },
        ],
      }),
    ).rejects.toThrow(/acme-prod/);
    await expect(
      generateDemoOrganisation(db, {
        now: NOW,
        anomalies: [
          {
            shape: 'spike',
            service: 'AmazonEC2',
            accountName: 'acme-prod',
            start: '1 March',
            days: 2,
            magnitude: 3,
          },
        ],
      }),
    ).rejects.toThrow(/YYYY-MM-DD/);
    const [rows] = await db.all<{ rows: number }>('SELECT count(*) AS rows FROM line_items');
    expect(rows?.rows).toBe(0);
    db.close();
  });

  it('should refuse a database that already holds ingested billing data and leave it untouched', async () => {
    const db = await openDatabase({ dataDir: ':memory:' });
    await db.run(
      `INSERT INTO line_items (ProviderName, BilledCost, x_DeliveryId, x_ChargeDate) VALUES ('AWS', 12.5, 'focus:123:2026-01', DATE '2026-01-05')`,
    );
    await expect(generateDemoOrganisation(db, { now: NOW })).rejects.toThrow(/another --data-dir/);
    const rows = await db.all<{ id: string; cost: number }>(
      'SELECT x_DeliveryId AS id, BilledCost AS cost FROM line_items',
    );
    expect(rows).toEqual([{ id: 'focus:123:2026-01', cost: 12.5 }]);
    db.close();
  });
});
