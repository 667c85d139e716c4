import type { Database } from '../../src/store/database.ts';

/** A hand-made line item for engine tests: only the columns the engine reads. */
export interface TestLineItem {
  day: string;
  service: string;
  serviceCode?: string;
  category?: string;
  account: string;
  accountName?: string;
  region?: string;
  usageType?: string;
  resource?: string | null;
  chargeCategory?: 'Usage' | 'Purchase' | 'Tax' | 'Credit' | 'Adjustment';
  billed: number;
  effective?: number;
  list?: number;
  tags?: Record<string, string>;
  currency?: string;
}

function literal(value: string | null | undefined): string {
  return value === null || value === undefined ? 'NULL' : `'${value.replaceAll("'", "''")}'`;
}

/** Writes rows with plain INSERT statements, bypassing ingest, so engine tests test only the engine. */
export async function insertLineItems(db: Database, rows: TestLineItem[]): Promise<void> {
  for (let offset = 0; offset < rows.length; offset += 500) {
    const values = rows.slice(offset, offset + 500).map((row) => {
      const tags = Object.entries(row.tags ?? {});
      const tagMap = tags.length
        ? `MAP([${tags.map(([key]) => literal(key)).join(', ')}], [${tags.map(([, value]) => literal(value)).join(', ')}])`
        : 'MAP([]::VARCHAR[], []::VARCHAR[])';
      return `(${[
        literal('AWS'),
        literal('999988887777'),
        literal(row.account),
        literal(row.accountName),
        literal(row.currency ?? 'USD'),
        `TIMESTAMP '${row.day} 00:00:00'`,
        `TIMESTAMP '${row.day} 00:00:00' + INTERVAL 1 DAY`,
        literal(row.chargeCategory ?? 'Usage'),
        String(row.billed),
        String(row.effective ?? row.billed),
        String(row.list ?? row.billed),
        String(row.billed),
        literal(row.service),
        literal(row.category ?? null),
        literal(row.serviceCode ?? null),
        literal(row.region ?? 'us-east-1'),
        literal(row.usageType ?? null),
        literal(row.resource ?? null),
        tagMap,
        `DATE '${row.day}'`,
        literal('test'),
      ].join(', ')})`;
    });
    await db.run(
      `INSERT INTO line_items (ProviderName, BillingAccountId, SubAccountId, SubAccountName, BillingCurrency,
         ChargePeriodStart, ChargePeriodEnd, ChargeCategory, BilledCost, EffectiveCost, ListCost, ContractedCost,
         ServiceName, ServiceCategory, x_ServiceCode, RegionId, x_UsageType, ResourceId, Tags, x_ChargeDate, x_DeliveryId)
       VALUES ${values.join(',\n')}`,
    );
  }
}

/** mulberry32: a small seeded PRNG so fixtures are the same on every run. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
