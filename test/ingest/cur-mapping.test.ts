import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFiles } from '../../src/ingest/index.ts';
import type { Database } from '../../src/store/database.ts';
import { CUR2_HEADER, cur2Row, FIXED_NOW, memoryDb, tempDir, writeCsv } from './helpers.ts';

const SP = 'arn:aws:savingsplans::111122223333:savingsplan/sp-1';
const RI = 'arn:aws:ec2:us-east-1:111122223333:reserved-instances/ri-1';

/** Each line item type with the FOCUS values expected for it, written out by hand. */
const CASES = [
  {
    id: 'usage',
    row: {
      line_item_unblended_cost: '10',
      pricing_public_on_demand_cost: '12',
      line_item_usage_amount: '5',
      pricing_unit: 'Hrs',
    },
    category: 'Usage',
    billed: 10,
    effective: 10,
    list: 12,
    pricing: 'Standard',
  },
  {
    id: 'discounted',
    row: {
      line_item_line_item_type: 'DiscountedUsage',
      line_item_unblended_cost: '0',
      reservation_effective_cost: '6',
      reservation_reservation_a_r_n: RI,
      pricing_public_on_demand_cost: '9',
    },
    category: 'Usage',
    billed: 0,
    effective: 6,
    list: 9,
    pricing: 'Committed',
    commitment: 'Reserved Instance',
    status: 'Used',
  },
  {
    id: 'sp-covered',
    row: {
      line_item_line_item_type: 'SavingsPlanCoveredUsage',
      line_item_unblended_cost: '8',
      savings_plan_savings_plan_effective_cost: '5',
      savings_plan_savings_plan_a_r_n: SP,
      pricing_public_on_demand_cost: '8',
    },
    category: 'Usage',
    billed: 8,
    effective: 5,
    list: 8,
    pricing: 'Committed',
    commitment: 'Savings Plan',
    status: 'Used',
  },
  {
    id: 'sp-negation',
    row: {
      line_item_line_item_type: 'SavingsPlanNegation',
      line_item_unblended_cost: '-8',
      savings_plan_savings_plan_a_r_n: SP,
    },
    category: 'Usage',
    billed: -8,
    effective: 0,
    list: 0,
    pricing: 'Committed',
    commitment: 'Savings Plan',
  },
  {
    id: 'sp-recurring',
    row: {
      line_item_line_item_type: 'SavingsPlanRecurringFee',
      line_item_unblended_cost: '20',
      savings_plan_total_commitment_to_date: '20',
      savings_plan_used_commitment: '18',
      savings_plan_savings_plan_a_r_n: SP,
    },
    category: 'Purchase',
    billed: 20,
    effective: 2,
    list: 20,
    commitment: 'Savings Plan',
  },
  {
    id: 'sp-upfront',
    row: {
      line_item_line_item_type: 'SavingsPlanUpfrontFee',
      line_item_unblended_cost: '100',
      savings_plan_savings_plan_a_r_n: SP,
    },
    category: 'Purchase',
    billed: 100,
    effective: 0,
    list: 100,
    commitment: 'Savings Plan',
  },
  {
    id: 'ri-fee',
    row: {
      line_item_line_item_type: 'RIFee',
      line_item_unblended_cost: '30',
      reservation_unused_amortized_upfront_fee_for_billing_period: '1',
      reservation_unused_recurring_fee: '2',
      reservation_reservation_a_r_n: RI,
    },
    category: 'Purchase',
    billed: 30,
    effective: 3,
    list: 30,
    commitment: 'Reserved Instance',
  },
  {
    id: 'ri-upfront',
    row: {
      line_item_line_item_type: 'Fee',
      line_item_unblended_cost: '500',
      reservation_reservation_a_r_n: RI,
    },
    category: 'Purchase',
    billed: 500,
    effective: 0,
    list: 500,
    commitment: 'Reserved Instance',
  },
  {
    id: 'support-fee',
    row: {
      line_item_line_item_type: 'Fee',
      line_item_unblended_cost: '29',
      line_item_product_code: 'AWSSupportBusiness',
    },
    category: 'Purchase',
    billed: 29,
    effective: 29,
    list: 29,
  },
  {
    id: 'tax',
    row: { line_item_line_item_type: 'Tax', line_item_unblended_cost: '1.5' },
    category: 'Tax',
    billed: 1.5,
    effective: 1.5,
    list: 1.5,
  },
  {
    id: 'credit',
    row: { line_item_line_item_type: 'Credit', line_item_unblended_cost: '-4' },
    category: 'Credit',
    billed: -4,
    effective: -4,
    list: 0,
  },
  {
    id: 'refund',
    row: { line_item_line_item_type: 'Refund', line_item_unblended_cost: '-2' },
    category: 'Credit',
    billed: -2,
    effective: -2,
    list: 0,
  },
  {
    id: 'edp',
    row: { line_item_line_item_type: 'EdpDiscount', line_item_unblended_cost: '-1' },
    category: 'Credit',
    billed: -1,
    effective: -1,
    list: 0,
  },
  {
    id: 'bundled',
    row: { line_item_line_item_type: 'BundledDiscount', line_item_unblended_cost: '-0.5' },
    category: 'Credit',
    billed: -0.5,
    effective: -0.5,
    list: 0,
  },
  {
    id: 'unknown',
    row: { line_item_line_item_type: 'SomethingNew', line_item_unblended_cost: '0.25' },
    category: 'Adjustment',
    billed: 0.25,
    effective: 0.25,
    list: 0.25,
  },
] as const;

interface Row {
  id: string;
  ChargeCategory: string;
  BilledCost: number;
  EffectiveCost: number;
  ListCost: number;
  PricingCategory: string | null;
  CommitmentDiscountType: string | null;
  CommitmentDiscountStatus: string | null;
}

describe('CUR 2.0 → FOCUS mapping', () => {
  let db: Database;
  let rows: Map<string, Row>;
  let warnings: string[];
  const temp = tempDir();

  beforeAll(async () => {
    db = await memoryDb();
    const path = writeCsv(
      temp.dir,
      'cur2.csv',
      CUR2_HEADER,
      CASES.map((c) => cur2Row(c.id, c.row)),
    );
    const report = await ingestFiles(db, [path], { now: FIXED_NOW });
    warnings = report.warnings;
    // The case id travels in the line item description (→ ChargeDescription).
    const stored = await db.all<Omit<Row, 'id'> & { ChargeDescription: string }>('SELECT * FROM line_items');
    rows = new Map(stored.map((row) => [row.ChargeDescription, { id: row.ChargeDescription, ...row }]));
  });
  afterAll(() => {
    db.close();
    temp.cleanup();
  });

  for (const c of CASES) {
    it(`should map ${'line_item_line_item_type' in c.row ? c.row.line_item_line_item_type : 'Usage'} (${c.id}) to ${c.category} with its billed, effective and list cost`, () => {
      const row = rows.get(c.id);
      expect(row).toBeDefined();
      expect(row?.ChargeCategory).toBe(c.category);
      expect(row?.BilledCost).toBeCloseTo(c.billed, 10);
      expect(row?.EffectiveCost).toBeCloseTo(c.effective, 10);
      expect(row?.ListCost).toBeCloseTo(c.list, 10);
      if ('pricing' in c) expect(row?.PricingCategory).toBe(c.pricing);
      expect(row?.CommitmentDiscountType ?? undefined).toBe('commitment' in c ? c.commitment : undefined);
      expect(row?.CommitmentDiscountStatus ?? undefined).toBe('status' in c ? c.status : undefined);
    });
  }

  it('should keep every row and add up BilledCost and EffectiveCost exactly', async () => {
    const [sum] = await db.all<{ rows: number; billed: number; effective: number }>(
      'SELECT count(*) AS rows, sum(BilledCost) AS billed, sum(EffectiveCost) AS effective FROM line_items',
    );
    expect(sum?.rows).toBe(CASES.length);
    expect(sum?.billed).toBeCloseTo(
      CASES.reduce((total, c) => total + c.billed, 0),
      10,
    );
    expect(sum?.effective).toBeCloseTo(
      CASES.reduce((total, c) => total + c.effective, 0),
      10,
    );
  });

  it('should warn about line item types it does not know', () => {
    expect(warnings.join('\n')).toMatch(/1 rows have a line item type this mapping does not know/);
  });
});
