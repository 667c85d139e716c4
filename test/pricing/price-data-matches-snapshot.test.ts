import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPriceBook, readPriceTables } from '../../src/pricing/index.ts';

// The full snapshot the project's trimmed files were derived from. CI has ../shared; users' clones do
// not, so these checks skip there (the bundled files are then all there is to check against).
const SHARED = join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'public', 'aws-prices');
const REQUIRED_REGIONS = new Set(['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2']);

/** The snapshot's CSVs have no quoted values (checked here), so a split reads them. */
function readShared(name: string): Record<string, string>[] {
  const [header = '', ...lines] = readFileSync(join(SHARED, name), 'utf8').trimEnd().split('\n');
  const columns = header.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    if (cells.length !== columns.length || line.includes('"'))
      throw new Error(`${name}: unexpected line ${line}`);
    return Object.fromEntries(columns.map((column, index) => [column, cells[index] ?? '']));
  });
}

const inRequiredRegions = (row: { region?: string }) => REQUIRED_REGIONS.has(row.region ?? '');

describe.skipIf(!existsSync(SHARED))('bundled price data against ../shared/data/public/aws-prices', () => {
  const book = loadPriceBook();
  const tables = readPriceTables();

  it('should price every EC2 row of the five required regions as the snapshot does, and nothing more', () => {
    const shared = readShared('ec2_ondemand_linux.csv').filter(inRequiredRegions);
    expect(shared.length).toBeGreaterThan(3900);
    for (const row of shared) {
      const price = book.ec2Hourly(row.region ?? '', row.instance_type ?? '');
      expect({
        row: `${row.region} ${row.instance_type}`,
        usd: price?.usd,
        rateCode: price?.rateCode,
      }).toEqual({
        row: `${row.region} ${row.instance_type}`,
        usd: Number(row.price_usd_per_hour),
        rateCode: row.rate_code,
      });
      const spec = book.ec2Spec(row.instance_type ?? '');
      expect({
        type: row.instance_type,
        family: spec?.family,
        generation: spec?.generation,
        size: spec?.size,
        arch: spec?.arch,
        vcpu: spec?.vcpu,
        memoryGib: spec?.memoryGib,
        currentGeneration: spec?.currentGeneration,
      }).toEqual({
        type: row.instance_type,
        family: row.family,
        generation: Number(row.generation),
        size: row.size,
        arch: row.arch,
        vcpu: Number(row.vcpu),
        memoryGib: Number(row.memory_gib),
        currentGeneration: row.current_generation === 'True',
      });
      if (row.cpu_manufacturer) expect(spec?.cpuManufacturer).toBe(row.cpu_manufacturer);
    }
    expect(tables.ec2Prices().filter(inRequiredRegions)).toHaveLength(shared.length);
  });

  it('should price every Single-AZ and Multi-AZ RDS row of the five regions as the snapshot does', () => {
    const engines: Record<string, 'postgres' | 'mysql' | 'mariadb'> = {
      PostgreSQL: 'postgres',
      MySQL: 'mysql',
      MariaDB: 'mariadb',
    };
    const shared = readShared('rds_ondemand.csv').filter(
      (row) => inRequiredRegions(row) && row.deployment_option !== 'Multi-AZ readable standbys',
    );
    expect(shared.length).toBeGreaterThan(5000);
    for (const row of shared) {
      const engine = engines[row.engine ?? ''];
      expect(engine).toBeDefined();
      if (!engine) continue;
      const price = book.rdsHourly(
        row.region ?? '',
        engine,
        row.instance_type ?? '',
        row.deployment_option === 'Multi-AZ',
      );
      const name = `${row.region} ${row.engine} ${row.instance_type} ${row.deployment_option}`;
      expect({ name, usd: price?.usd, rateCode: price?.rateCode }).toEqual({
        name,
        usd: Number(row.price_usd_per_hour),
        rateCode: row.rate_code,
      });
      const spec = book.rdsSpec(row.instance_type ?? '');
      expect([name, spec?.vcpu, spec?.memoryGib, spec?.currentGeneration]).toEqual([
        name,
        Number(row.vcpu),
        Number(row.memory_gib),
        row.current_generation === 'True',
      ]);
    }
    expect(tables.rdsPrices().filter(inRequiredRegions)).toHaveLength(shared.length);
  });

  it('should keep the RDS storage rows the book uses, unchanged', () => {
    const kept = new Set(['Storage Snapshot']);
    for (const az of ['Single', 'Multi']) {
      for (const kind of [
        'General Purpose',
        'General Purpose-GP3',
        'Provisioned IOPS',
        'Provisioned IOPS-IO2',
      ]) {
        kept.add(`Database Storage ${az} AZ ${kind}`);
      }
      for (const kind of ['', 'GP3 ', 'IO2 ']) kept.add(`Provisioned ${kind}IOPS ${az} AZ`);
      kept.add(`Provisioned Throughput ${az} AZ`);
    }
    const engines: Record<string, string> = { postgresql: 'postgres', mysql: 'mysql', mariadb: 'mariadb' };
    const shared = readShared('rds_storage.csv').filter(
      (row) => inRequiredRegions(row) && kept.has(row.item ?? ''),
    );
    const ours = readBundledRdsStorage().filter(inRequiredRegions);
    const describe = (row: Record<string, string>) =>
      [row.region, row.engine, row.item, row.unit, Number(row.price_usd), row.rate_code].join(' | ');
    const expected = shared
      .map((row) => describe({ ...row, engine: engines[row.engine ?? ''] ?? '?' }))
      .sort();
    expect(ours.map((row) => describe({ ...row, item: row.source_item ?? '' })).sort()).toEqual(expected);
  });

  it('should keep every EBS row with a volume or snapshot component, unchanged', () => {
    const shared = readShared('ebs_prices.csv').filter(
      (row) => inRequiredRegions(row) && row.component !== 'other',
    );
    const ours = tables.ebs().filter(inRequiredRegions);
    const describe = (row: {
      region: string;
      volumeType: string;
      component: string;
      usd: number;
      rateCode: string;
    }) => [row.region, row.volumeType, row.component, row.usd, row.rateCode].join(' | ');
    expect(ours.map(describe).sort()).toEqual(
      shared
        .map((row) =>
          describe({
            region: row.region ?? '',
            volumeType: row.volume_api_name ?? '',
            component: row.component ?? '',
            usd: Number(row.price_usd),
            rateCode: row.rate_code ?? '',
          }),
        )
        .sort(),
    );
  });

  it('should keep every S3 row, unchanged', () => {
    const shared = readShared('s3_prices.csv').filter(inRequiredRegions);
    const ours = tables.s3().filter(inRequiredRegions);
    const describe = (row: {
      region: string;
      storageClass: string;
      component: string;
      usd: number;
      rateCode: string;
    }) => [row.region, row.storageClass, row.component, row.usd, row.rateCode].join(' | ');
    expect(shared.length).toBeGreaterThan(100);
    expect(ours.map(describe).sort()).toEqual(
      shared
        .map((row) =>
          describe({
            region: row.region ?? '',
            storageClass: row.storage_class ?? '',
            component: row.component ?? '',
            usd: Number(row.price_usd),
            rateCode: row.rate_code ?? '',
          }),
        )
        .sort(),
    );
  });
});

/** The bundled RDS storage file as named cells, to compare its `source_item` with the snapshot's `item`. */
function readBundledRdsStorage(): Record<string, string>[] {
  const file = join(import.meta.dirname, '..', '..', 'src', 'pricing', 'data', 'rds-storage-prices.csv');
  const [header = '', ...lines] = readFileSync(file, 'utf8').trimEnd().split('\n');
  const columns = header.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(columns.map((column, index) => [column, cells[index] ?? '']));
  });
}
