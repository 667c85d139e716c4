import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { IngestError } from '../errors.ts';
import { parseNumberCell, parsePlainCsv } from './plain-csv.ts';
import { PRICE_FILES, type PriceFileKey } from './price-files.ts';
import type { Architecture } from './types.ts';

export interface RegionRow {
  region: string;
  location: string;
}

export interface Ec2InstanceTypeRow {
  instanceType: string;
  family: string;
  generation: number;
  size: string;
  category: string;
  currentGeneration: boolean;
  arch: Architecture;
  cpuManufacturer: string | undefined;
  vcpu: number;
  memoryGib: number;
  gpuCount: number | undefined;
}

export interface PriceRow {
  region: string;
  usd: number;
  rateCode: string;
}

export interface Ec2PriceRow extends PriceRow {
  instanceType: string;
}

export interface RdsClassRow {
  instanceClass: string;
  family: string;
  size: string;
  arch: Architecture;
  currentGeneration: boolean;
  vcpu: number;
  memoryGib: number;
}

export interface RdsPriceRow extends PriceRow {
  /** API name: postgres, mysql, mariadb. */
  engine: string;
  instanceClass: string;
  deploymentOption: 'Single-AZ' | 'Multi-AZ';
}

export interface RdsStorageRow extends PriceRow {
  engine: string;
  component: 'storage' | 'iops' | 'throughput' | 'backup';
  /** gp2, gp3, io1, io2; empty for backup. */
  storageType: string;
  /** Single-AZ or Multi-AZ; empty for backup. */
  deploymentOption: string;
  /** The feed's unit: GB-Mo, IOPS-Mo, MiBps-Mo. */
  unit: string;
}

export interface EbsRow extends PriceRow {
  /** API volume type; empty for snapshot rows. */
  volumeType: string;
  /** storage, iops, iops_tier2, iops_tier3, throughput, snapshot, snapshot_archive … */
  component: string;
  unit: string;
}

export interface S3Row extends PriceRow {
  storageClass: string;
  /** storage, storage_first_50TB, retrieval, lifecycle_transition, monitoring_automation … */
  component: string;
  unit: string;
}

/**
 * The book's tables, each behind a function so a service's file is read only when a lookup for that
 * service first needs it. Tests pass small in-memory tables.
 */
export interface PriceTables {
  regions: () => readonly RegionRow[];
  ec2InstanceTypes: () => readonly Ec2InstanceTypeRow[];
  ec2Prices: () => readonly Ec2PriceRow[];
  rdsClasses: () => readonly RdsClassRow[];
  rdsPrices: () => readonly RdsPriceRow[];
  rdsStorage: () => readonly RdsStorageRow[];
  ebs: () => readonly EbsRow[];
  s3: () => readonly S3Row[];
}

const DEFAULT_DATA_DIR = new URL('./data/', import.meta.url);

/**
 * Reads one data file (plain or gzipped, whichever the build wrote). Rows stay arrays of cells in the
 * header's order: building an object per row by column name costs more than the rest of the load.
 */
function readRows(dataDir: URL, key: PriceFileKey): { file: string; rows: string[][] } {
  const { name, columns } = PRICE_FILES[key];
  const plain = new URL(name, dataDir);
  const packed = new URL(`${name}.gz`, dataDir);
  if (existsSync(packed)) {
    const text = gunzipSync(readFileSync(packed)).toString('utf8');
    return { file: packed.pathname, rows: parsePlainCsv(text, packed.pathname, columns) };
  }
  if (existsSync(plain)) {
    return {
      file: plain.pathname,
      rows: parsePlainCsv(readFileSync(plain, 'utf8'), plain.pathname, columns),
    };
  }
  throw new IngestError(
    `the price data file ${name} is missing from ${dataDir.pathname}; restore src/pricing/data from git or rebuild it with \`node --import tsx src/pricing/scripts/build-price-data.ts\``,
    { file: plain.pathname },
  );
}

/** Typed access to one file's cells, naming the file, line and column when a value is damaged. */
function cellReader(file: string, columns: readonly string[]) {
  return {
    // +2: one for the header line, one because lines count from 1.
    number: (cells: readonly string[], index: number, column: number) =>
      parseNumberCell(cells[column] ?? '', file, index + 2, columns[column] ?? ''),
    optionalNumber: (cells: readonly string[], index: number, column: number) =>
      cells[column] === ''
        ? undefined
        : parseNumberCell(cells[column] ?? '', file, index + 2, columns[column] ?? ''),
    arch: (cells: readonly string[], index: number, column: number): Architecture => {
      const value = cells[column];
      if (value === 'x86_64' || value === 'arm64') return value;
      throw new IngestError(`${file} line ${index + 2}: expected arch x86_64 or arm64 but found "${value}"`, {
        file,
        row: index + 2,
        column: 'arch',
      });
    },
  };
}

function once<T>(load: () => T): () => T {
  let value: T | undefined;
  let loaded = false;
  return () => {
    if (!loaded) {
      value = load();
      loaded = true;
    }
    return value as T;
  };
}

/** The project's bundled price tables, read lazily from src/pricing/data/ (or another directory). */
export function readPriceTables(dataDir: URL = DEFAULT_DATA_DIR): PriceTables {
  const read = (key: PriceFileKey) => {
    const { file, rows } = readRows(dataDir, key);
    return { rows, cell: cellReader(file, PRICE_FILES[key].columns) };
  };
  return {
    regions: once(() => read('regions').rows.map(([region = '', location = '']) => ({ region, location }))),
    ec2InstanceTypes: once(() => {
      const { rows, cell } = read('ec2InstanceTypes');
      return rows.map((cells, index) => ({
        instanceType: cells[0] ?? '',
        family: cells[1] ?? '',
        generation: cell.number(cells, index, 2),
        size: cells[3] ?? '',
        category: cells[4] ?? '',
        currentGeneration: cells[5] === 'true',
        arch: cell.arch(cells, index, 6),
        cpuManufacturer: cells[7] || undefined,
        vcpu: cell.number(cells, index, 8),
        memoryGib: cell.number(cells, index, 9),
        gpuCount: cell.optionalNumber(cells, index, 10),
      }));
    }),
    ec2Prices: once(() => {
      const { rows, cell } = read('ec2Prices');
      return rows.map((cells, index) => ({
        region: cells[0] ?? '',
        instanceType: cells[1] ?? '',
        usd: cell.number(cells, index, 2),
        rateCode: cells[3] ?? '',
      }));
    }),
    rdsClasses: once(() => {
      const { rows, cell } = read('rdsClasses');
      return rows.map((cells, index) => ({
        instanceClass: cells[0] ?? '',
        family: cells[1] ?? '',
        size: cells[2] ?? '',
        arch: cell.arch(cells, index, 3),
        currentGeneration: cells[5] === 'true',
        vcpu: cell.number(cells, index, 6),
        memoryGib: cell.number(cells, index, 7),
      }));
    }),
    rdsPrices: once(() => {
      const { rows, cell } = read('rdsPrices');
      return rows.map((cells, index) => ({
        region: cells[0] ?? '',
        engine: cells[1] ?? '',
        instanceClass: cells[2] ?? '',
        deploymentOption: cells[3] === 'Multi-AZ' ? 'Multi-AZ' : 'Single-AZ',
        usd: cell.number(cells, index, 4),
        rateCode: cells[5] ?? '',
      }));
    }),
    rdsStorage: once(() => {
      const { rows, cell } = read('rdsStorage');
      return rows.map((cells, index) => ({
        region: cells[0] ?? '',
        engine: cells[1] ?? '',
        component: rdsStorageComponent(cells[2], index),
        storageType: cells[3] ?? '',
        deploymentOption: cells[4] ?? '',
        unit: cells[5] ?? '',
        usd: cell.number(cells, index, 6),
        rateCode: cells[7] ?? '',
      }));
    }),
    ebs: once(() => {
      const { rows, cell } = read('ebs');
      return rows.map((cells, index) => ({
        region: cells[0] ?? '',
        volumeType: cells[1] ?? '',
        component: cells[2] ?? '',
        unit: cells[3] ?? '',
        usd: cell.number(cells, index, 4),
        rateCode: cells[5] ?? '',
      }));
    }),
    s3: once(() => {
      const { rows, cell } = read('s3');
      return rows.map((cells, index) => ({
        region: cells[0] ?? '',
        storageClass: cells[1] ?? '',
        component: cells[2] ?? '',
        unit: cells[3] ?? '',
        usd: cell.number(cells, index, 4),
        rateCode: cells[5] ?? '',
      }));
    }),
  };
}

function rdsStorageComponent(value: string | undefined, index: number): RdsStorageRow['component'] {
  if (value === 'storage' || value === 'iops' || value === 'throughput' || value === 'backup') return value;
  const file = PRICE_FILES.rdsStorage.name;
  throw new IngestError(
    `${file} line ${index + 2}: expected component storage, iops, throughput or backup but found "${value}"`,
    { file, row: index + 2, column: 'component' },
  );
}
