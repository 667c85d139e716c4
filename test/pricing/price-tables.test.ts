import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { IngestError } from '../../src/errors.ts';
import { createPriceBook, type PriceTables, readPriceTables } from '../../src/pricing/index.ts';

const DATA_DIR = join(import.meta.dirname, '..', '..', 'src', 'pricing', 'data');
const scratch = mkdtempSync(join(tmpdir(), 'price-tables-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A data directory holding only the given files, with the given contents. */
function dataDir(files: Record<string, string>): URL {
  const dir = mkdtempSync(join(scratch, 'data-'));
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return pathToFileURL(`${dir}/`);
}

const noRows = () => [];
const emptyTables: PriceTables = {
  regions: noRows,
  ec2InstanceTypes: noRows,
  ec2Prices: noRows,
  rdsClasses: noRows,
  rdsPrices: noRows,
  rdsStorage: noRows,
  ebs: noRows,
  s3: noRows,
};

describe('readPriceTables', () => {
  it('should read only the files a lookup needs', () => {
    const book = createPriceBook(
      readPriceTables(dataDir({ 'regions.csv': readFileSync(join(DATA_DIR, 'regions.csv'), 'utf8') })),
    );
    // No EBS, S3 or RDS file is in this directory, yet region checks work.
    expect(book.isKnownRegion('eu-west-1')).toBe(true);
    expect(() => book.ebsStorage('eu-west-1', 'gp3')).toThrow(/ebs-prices.csv is missing/);
  });

  it('should name the file, line and column of a damaged price', () => {
    const tables = readPriceTables(
      dataDir({
        'ebs-prices.csv':
          'region,volume_type,component,unit,price_usd,rate_code,source_item\nus-east-1,gp3,storage,GB-Mo,cheap,X.Y.Z,Storage\n',
      }),
    );
    let error: unknown;
    try {
      tables.ebs();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(IngestError);
    expect(error).toMatchObject({ row: 2, column: 'price_usd' });
    expect((error as Error).message).toMatch(
      /line 2: expected a non-negative number in column price_usd but found "cheap"/,
    );
  });

  it('should refuse a file whose header is not the expected one', () => {
    const tables = readPriceTables(dataDir({ 'regions.csv': 'code,name\nus-east-1,US East\n' }));
    expect(() => tables.regions()).toThrow(/expected the header "region,location"/);
  });

  it('should refuse a row with the wrong number of values', () => {
    const tables = readPriceTables(dataDir({ 'regions.csv': 'region,location\nus-east-1,US East,extra\n' }));
    expect(() => tables.regions()).toThrow(/line 2: expected 2 unquoted values/);
  });
});

describe('createPriceBook', () => {
  it('should answer from in-memory tables and treat a region missing from them as unknown', () => {
    const book = createPriceBook({
      ...emptyTables,
      regions: () => [{ region: 'eu-west-1', location: 'EU (Ireland)' }],
      ec2Prices: () => [
        { region: 'eu-west-1', instanceType: 'm5.large', usd: 0.107, rateCode: 'A.B.C' },
        // A row for a region the table does not list must not be served.
        { region: 'us-east-1', instanceType: 'm5.large', usd: 0.096, rateCode: 'D.E.F' },
      ],
    });
    expect(book.ec2Hourly('eu-west-1', 'm5.large')).toMatchObject({ usd: 0.107, rateCode: 'A.B.C' });
    expect(book.ec2Hourly('us-east-1', 'm5.large')).toBeUndefined();
    // A price without its spec row still prices, but the type is not listed with a spec.
    expect(book.ec2TypesInRegion('eu-west-1')).toEqual([]);
  });

  it('should leave rateCode out when the row has none', () => {
    const book = createPriceBook({
      ...emptyTables,
      regions: () => [{ region: 'eu-west-1', location: 'EU (Ireland)' }],
      ebs: () => [
        {
          region: 'eu-west-1',
          volumeType: 'gp3',
          component: 'storage',
          unit: 'GB-Mo',
          usd: 0.088,
          rateCode: '',
        },
      ],
    });
    expect(book.ebsStorage('eu-west-1', 'gp3')).not.toHaveProperty('rateCode');
  });

  it('should not turn a gp3 throughput row in an unexpected unit into a price', () => {
    const book = createPriceBook({
      ...emptyTables,
      regions: () => [{ region: 'eu-west-1', location: 'EU (Ireland)' }],
      ebs: () => [
        {
          region: 'eu-west-1',
          volumeType: 'gp3',
          component: 'throughput',
          unit: 'TiBps-Mo',
          usd: 1,
          rateCode: '',
        },
      ],
    });
    expect(book.ebsGp3Throughput('eu-west-1')).toBeUndefined();
  });
});
