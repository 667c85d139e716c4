import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFiles } from '../../src/ingest/index.ts';
import type { Database } from '../../src/store/database.ts';
import { CUR2_HEADER, cur2Row, memoryDb, tempDir, writeCsv } from './helpers.ts';

type Stored = Record<string, unknown> & { ChargeDescription: string };

async function byDescription(db: Database): Promise<Map<string, Stored>> {
  const rows = await db.all<Stored>('SELECT * FROM line_items');
  return new Map(rows.map((row) => [row.ChargeDescription, row]));
}

describe('CUR 2.0 columns', () => {
  let db: Database;
  let rows: Map<string, Stored>;
  const temp = tempDir();

  beforeAll(async () => {
    db = await memoryDb();
    const path = writeCsv(temp.dir, 'cur2.csv', CUR2_HEADER, [
      cur2Row('tagged', {
        line_item_unblended_cost: '1',
        line_item_usage_type: 'USE1-BoxUsage:t3.micro',
        line_item_operation: 'RunInstances',
        product: '"{""product_name"":""Amazon Elastic Compute Cloud"",""region"":""us-east-1""}"',
        resource_tags:
          '"{""user_team"":""data"",""user_cost_center"":""cc-42"",""aws_created_by"":""IAMUser"",""team"":""other""}"',
      }),
      cur2Row('plain', {
        line_item_product_code: 'AmazonS3',
        line_item_unblended_cost: '2',
        // No usage end date: the end of identity_time_interval is used, as UTC.
        line_item_usage_end_date: '',
        identity_time_interval: '2026-04-03T00:00:00Z/2026-04-04T00:00:00Z',
        line_item_usage_start_date: '2026-04-03T00:00:00Z',
        resource_tags: '{}',
      }),
    ]);
    await ingestFiles(db, [path]);
    rows = await byDescription(db);
  });
  afterAll(() => {
    db.close();
    temp.cleanup();
  });

  it('should take ServiceName from the product map and ServiceCategory from the product code', () => {
    expect(rows.get('tagged')).toMatchObject({
      ServiceName: 'Amazon Elastic Compute Cloud',
      ServiceCategory: 'Compute',
      RegionId: 'us-east-1',
      x_ServiceCode: 'AmazonEC2',
      x_UsageType: 'USE1-BoxUsage:t3.micro',
      x_Operation: 'RunInstances',
      ProviderName: 'AWS',
      BillingAccountId: '111122223333',
      SubAccountId: '999988887777',
    });
  });

  it('should fall back to the product code when the product has no name', () => {
    expect(rows.get('plain')).toMatchObject({ ServiceName: 'AmazonS3', ServiceCategory: 'Storage' });
  });

  it('should strip the user_ prefix from tag keys, keep aws_ tags, and keep the first of colliding keys', () => {
    const tags = rows.get('tagged')?.Tags as { key: string; value: string }[];
    expect(Object.fromEntries(tags.map((entry) => [entry.key, entry.value]))).toEqual({
      team: 'data',
      cost_center: 'cc-42',
      aws_created_by: 'IAMUser',
    });
  });

  it('should store an empty tag map as NULL', () => {
    expect(rows.get('plain')?.Tags).toBeNull();
  });

  it('should use identity_time_interval (UTC) when the usage end date is missing', () => {
    expect(rows.get('plain')).toMatchObject({
      ChargePeriodStart: '2026-04-03',
      ChargePeriodEnd: '2026-04-04',
      x_ChargeDate: '2026-04-03',
    });
  });
});

describe('legacy CUR columns', () => {
  let db: Database;
  let rows: Map<string, Stored>;
  const temp = tempDir();

  beforeAll(async () => {
    db = await memoryDb();
    const header = [
      'identity/LineItemId',
      'identity/TimeInterval',
      'bill/PayerAccountId',
      'bill/BillingPeriodStartDate',
      'bill/BillingPeriodEndDate',
      'lineItem/UsageAccountId',
      'lineItem/LineItemType',
      'lineItem/UsageStartDate',
      'lineItem/UsageEndDate',
      'lineItem/ProductCode',
      'lineItem/UnblendedCost',
      'lineItem/LineItemDescription',
      'product/ProductName',
      'product/regionCode',
      'savingsPlan/SavingsPlanARN',
      'savingsPlan/SavingsPlanEffectiveCost',
      'resourceTags/user:team',
      'resourceTags/user:CostCenter',
    ];
    const common = [
      '2023-11-01T00:00:00Z/2023-11-02T00:00:00Z',
      '123412340534',
      '2023-11-01T00:00:00Z',
      '2023-12-01T00:00:00Z',
      '123412340534',
    ];
    const path = writeCsv(temp.dir, 'legacy.csv', header, [
      [
        'l1',
        ...common,
        'Usage',
        '2023-11-01T00:00:00Z',
        '2023-11-02T00:00:00Z',
        'AmazonS3',
        '0.5',
        'storage',
        'Amazon Simple Storage Service',
        'ca-central-1',
        '',
        '',
        'web',
        'cc-1',
      ],
      [
        'l2',
        ...common,
        'SavingsPlanCoveredUsage',
        '2023-11-01T00:00:00Z',
        '2023-11-02T00:00:00Z',
        'AmazonEC2',
        '3',
        'covered',
        'Amazon Elastic Compute Cloud',
        'ca-central-1',
        'arn:aws:savingsplans::1:savingsplan/x',
        '2',
        '',
        '',
      ],
      [
        'l3',
        ...common,
        'Tax',
        '2023-11-01T00:00:00Z',
        '2023-12-01T00:00:00Z',
        'AmazonS3',
        '0.07',
        'tax',
        'Amazon Simple Storage Service',
        '',
        '',
        '',
        '',
        '',
      ],
    ]);
    const report = await ingestFiles(db, [path]);
    expect(report.files).toEqual([{ path, format: 'cur-legacy', rows: 3 }]);
    rows = await byDescription(db);
  });
  afterAll(() => {
    db.close();
    temp.cleanup();
  });

  it('should read legacy column names through the CUR 2.0 mapping', () => {
    expect(rows.get('storage')).toMatchObject({
      ServiceName: 'Amazon Simple Storage Service',
      RegionId: 'ca-central-1',
      BilledCost: 0.5,
      ChargeCategory: 'Usage',
      BillingPeriodStart: '2023-11-01',
    });
    expect(rows.get('covered')).toMatchObject({
      BilledCost: 3,
      EffectiveCost: 2,
      CommitmentDiscountType: 'Savings Plan',
    });
    expect(rows.get('tax')).toMatchObject({ ChargeCategory: 'Tax', BilledCost: 0.07 });
  });

  it('should turn resourceTags/user:* columns into a tag map with the plain keys', () => {
    const tags = rows.get('storage')?.Tags as { key: string; value: string }[];
    expect(Object.fromEntries(tags.map((entry) => [entry.key, entry.value]))).toEqual({
      team: 'web',
      CostCenter: 'cc-1',
    });
    expect(rows.get('tax')?.Tags).toBeNull();
  });
});
