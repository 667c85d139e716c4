import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IngestError } from '../../src/errors.ts';
import { ingestFiles } from '../../src/ingest/index.ts';
import { memoryDb, tempDir, totals } from './helpers.ts';

describe('ingestFiles typed Parquet values', () => {
  const temp = tempDir();
  afterAll(() => temp.cleanup());

  it('should report a missing typed value in a mandatory column with its row, and load nothing', async () => {
    const db = await memoryDb();
    const path = join(temp.dir, 'null-cost.parquet');
    // Typed columns (TIMESTAMP, DOUBLE) as an export writes them; the third row has no BilledCost.
    await db.run(`COPY (SELECT 'AWS' AS ProviderName, '1234' AS BillingAccountId,
        TIMESTAMP '2026-01-01' AS BillingPeriodStart, TIMESTAMP '2026-01-05 10:00:00' AS ChargePeriodStart,
        TIMESTAMP '2026-01-05 11:00:00' AS ChargePeriodEnd, 'Usage' AS ChargeCategory,
        cost AS BilledCost, 1.0::DOUBLE AS EffectiveCost
      FROM (VALUES (1, 1.0::DOUBLE), (2, 2.0::DOUBLE), (3, NULL::DOUBLE), (4, 4.0::DOUBLE)) AS t(n, cost) ORDER BY n)
      TO '${path}' (FORMAT parquet)`);
    const error = await ingestFiles(db, [path]).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(IngestError);
    expect(error).toMatchObject({ column: 'BilledCost', row: 3 });
    expect((error as IngestError).message).toMatch(/the value is missing/);
    expect((await totals(db)).rows).toBe(0);
    db.close();
  });
});
