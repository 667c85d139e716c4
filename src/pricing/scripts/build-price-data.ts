/**
 * Derives src/pricing/data/ from the team's AWS price snapshot (../shared/data/public/aws-prices):
 * commercial regions only, only the columns the price book reads. Run it from the repository root:
 *
 *   node --import tsx src/pricing/scripts/build-price-data.ts [path/to/aws-prices]
 *
 * It never changes a price or a rate code; it only filters rows, drops columns, renames the RDS
 * engines to their API names and splits EC2 and RDS specs from their prices. Tests do not run it.
 */
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parsePlainCsv, toPlainCsv } from '../plain-csv.ts';
import { PRICE_FILES, type PriceFileKey } from '../price-files.ts';

const SOURCE_DIR =
  process.argv[2] ??
  join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data', 'public', 'aws-prices');
const OUT_DIR = join(import.meta.dirname, '..', 'data');
/** Above this many bytes in total, the biggest files are gzipped (the brief's ~3 MB budget). */
const PLAIN_BUDGET_BYTES = 3_000_000;

type Row = Record<string, string>;

function readSource(name: string, columns: readonly string[]): Row[] {
  const file = join(SOURCE_DIR, name);
  return parsePlainCsv(readFileSync(file, 'utf8'), file, columns).map((cells) =>
    Object.fromEntries(columns.map((column, index) => [column, cells[index] ?? ''])),
  );
}

function fail(message: string): never {
  throw new Error(`build-price-data: ${message}`);
}

function compareRows(a: readonly string[], b: readonly string[]): number {
  for (let index = 0; index < a.length; index++) {
    const left = a[index] ?? '';
    const right = b[index] ?? '';
    if (left !== right) return left < right ? -1 : 1;
  }
  return 0;
}

// --- regions: the commercial ones (GovCloud is out of scope; empty codes are Local Zones and the like)
const regionRows = readSource('regions.csv', ['region', 'location']).filter(
  (row) => row.region !== '' && !row.region?.startsWith('us-gov-'),
);
const COMMERCIAL = new Set(regionRows.map((row) => row.region ?? ''));
const isCommercial = (row: Row) => COMMERCIAL.has(row.region ?? '');

// --- EC2
const karpenter = new Map(
  readSource('ec2_instance_specs_karpenter.csv', [
    'instance_type',
    'arch',
    'category',
    'family',
    'generation',
    'size',
    'cpu',
    'cpu_manufacturer',
    'memory',
    'hypervisor',
    'capability_flex',
    'gpu_count',
    'gpu_name',
    'gpu_manufacturer',
    'gpu_memory',
    'accelerator_count',
    'accelerator_name',
    'local_nvme',
    'network_bandwidth',
    'ebs_bandwidth',
  ]).map((row) => [row.instance_type ?? '', row]),
);
const karpenterByFamily = new Map<string, Row>();
for (const row of karpenter.values())
  if (!karpenterByFamily.has(row.family ?? '')) karpenterByFamily.set(row.family ?? '', row);

const ec2Rows = readSource('ec2_ondemand_linux.csv', [
  'region',
  'location',
  'instance_type',
  'family',
  'generation',
  'size',
  'category',
  'current_generation',
  'arch',
  'cpu_manufacturer',
  'spec_source',
  'vcpu',
  'memory_gib',
  'storage',
  'network_performance',
  'price_usd_per_hour',
  'rate_code',
]).filter(isCommercial);

const ec2Types = new Map<string, string[]>();
for (const row of ec2Rows) {
  const type = row.instance_type ?? '';
  const family = row.family ?? '';
  const spec = karpenter.get(type);
  // For the few types Karpenter does not list, another size of the same family (if any) gives the
  // category and CPU maker, which do not vary by size within a family.
  const sibling = spec ? undefined : karpenterByFamily.get(family);
  // Karpenter's category letter is the family name up to its generation digit ("u-6tb1" -> "u", "inf2" -> "inf").
  const category =
    spec?.category ?? sibling?.category ?? /^[a-z]+/.exec(family)?.[0] ?? fail(`no category for ${type}`);
  const cpuManufacturer = row.cpu_manufacturer || sibling?.cpu_manufacturer || '';
  // Karpenter omits the GPU label on types without GPUs. A GPU count varies by size, so a sibling only
  // answers it for a family without GPUs; otherwise it stays empty (unknown).
  const gpuCount = spec ? spec.gpu_count || '0' : sibling && !sibling.gpu_count ? '0' : '';
  if (spec && spec.arch !== row.arch)
    fail(`${type}: arch ${row.arch} in the price file, ${spec.arch} in Karpenter's`);
  if (row.arch !== 'x86_64' && row.arch !== 'arm64') fail(`${type}: unexpected arch "${row.arch}"`);
  const out = [
    type,
    family,
    row.generation ?? '',
    row.size ?? '',
    category,
    row.current_generation === 'True'
      ? 'true'
      : row.current_generation === 'False'
        ? 'false'
        : fail(`${type}: generation flag`),
    row.arch ?? '',
    cpuManufacturer,
    row.vcpu ?? '',
    row.memory_gib ?? '',
    gpuCount,
    row.spec_source ?? '',
  ];
  const previous = ec2Types.get(type);
  if (previous && compareRows(previous, out) !== 0) fail(`${type}: specs differ between regions`);
  ec2Types.set(type, out);
}
const ec2PriceRows = ec2Rows.map((row) => [
  row.region ?? '',
  row.instance_type ?? '',
  row.price_usd_per_hour ?? '',
  row.rate_code ?? '',
]);

// --- RDS instances
const ENGINES: Record<string, string> = { PostgreSQL: 'postgres', MySQL: 'mysql', MariaDB: 'mariadb' };
const rdsRows = readSource('rds_ondemand.csv', [
  'region',
  'location',
  'engine',
  'instance_type',
  'deployment_option',
  'category',
  'current_generation',
  'vcpu',
  'memory_gib',
  'network_performance',
  'price_usd_per_hour',
  'rate_code',
]).filter(
  (row) =>
    isCommercial(row) && (row.deployment_option === 'Single-AZ' || row.deployment_option === 'Multi-AZ'),
);

const rdsClasses = new Map<string, string[]>();
for (const row of rdsRows) {
  const instanceClass = row.instance_type ?? '';
  const match =
    /^db\.([a-z0-9-]+)\.(.+)$/.exec(instanceClass) ?? fail(`unexpected RDS class ${instanceClass}`);
  const family = match[1] ?? '';
  // Graviton DB classes carry a "g" right after the generation digit (db.m6g, db.r6gd, db.t4g, db.x2g).
  const arch = /^[a-z]+\d+g/.test(family) ? 'arm64' : 'x86_64';
  const ec2Arch = ec2Types.get(instanceClass.slice(3))?.[6];
  if (ec2Arch !== undefined && ec2Arch !== arch)
    fail(`${instanceClass}: name says ${arch}, EC2 says ${ec2Arch}`);
  const out = [
    instanceClass,
    family,
    match[2] ?? '',
    arch,
    row.category ?? '',
    row.current_generation === 'True' ? 'true' : 'false',
    row.vcpu ?? '',
    row.memory_gib ?? '',
  ];
  const previous = rdsClasses.get(instanceClass);
  if (previous && compareRows(previous, out) !== 0) fail(`${instanceClass}: specs differ between rows`);
  rdsClasses.set(instanceClass, out);
}
const rdsPriceRows = rdsRows.map((row) => [
  row.region ?? '',
  ENGINES[row.engine ?? ''] ?? fail(`unknown RDS engine ${row.engine}`),
  row.instance_type ?? '',
  row.deployment_option ?? '',
  row.price_usd_per_hour ?? '',
  row.rate_code ?? '',
]);

// --- RDS storage: gp2 ("General Purpose"), gp3, io1 ("Provisioned IOPS"), io2, their IOPS and throughput, backup
const STORAGE_ENGINES: Record<string, string> = {
  postgresql: 'postgres',
  mysql: 'mysql',
  mariadb: 'mariadb',
};
const STORAGE_TYPES: Record<string, string> = {
  'General Purpose': 'gp2',
  'General Purpose-GP3': 'gp3',
  'Provisioned IOPS': 'io1',
  'Provisioned IOPS-IO2': 'io2',
};
const IOPS_TYPES: Record<string, string> = { '': 'io1', 'GP3 ': 'gp3', 'IO2 ': 'io2' };
const deployment = (az: string | undefined) => (az === 'Single' ? 'Single-AZ' : 'Multi-AZ');
const rdsStorageRows: string[][] = [];
for (const row of readSource('rds_storage.csv', [
  'region',
  'location',
  'engine',
  'item',
  'unit',
  'price_usd',
  'rate_code',
])) {
  if (!isCommercial(row)) continue;
  const item = row.item ?? '';
  const engine = STORAGE_ENGINES[row.engine ?? ''] ?? fail(`unknown RDS storage engine ${row.engine}`);
  let mapped: [component: string, storageType: string, deploymentOption: string] | undefined;
  const storage =
    /^Database Storage (Single|Multi) AZ (General Purpose(?:-GP3)?|Provisioned IOPS(?:-IO2)?)$/.exec(item);
  const iops = /^Provisioned (GP3 |IO2 |)IOPS (Single|Multi) AZ$/.exec(item);
  const throughput = /^Provisioned Throughput (Single|Multi) AZ$/.exec(item);
  if (storage) mapped = ['storage', STORAGE_TYPES[storage[2] ?? ''] ?? '', deployment(storage[1])];
  else if (iops) mapped = ['iops', IOPS_TYPES[iops[1] ?? ''] ?? '', deployment(iops[2])];
  else if (throughput) mapped = ['throughput', 'gp3', deployment(throughput[1])];
  else if (item === 'Storage Snapshot') mapped = ['backup', '', ''];
  // Magnetic storage, its I/O requests and the readable-standby cluster rows are not used by the book.
  if (!mapped) continue;
  rdsStorageRows.push([
    row.region ?? '',
    engine,
    ...mapped,
    row.unit ?? '',
    row.price_usd ?? '',
    row.rate_code ?? '',
    item,
  ]);
}

// --- EBS: everything with an API name (the "other" rows are Storage Gateway, direct APIs, FSR, duplicates)
const ebsRows = readSource('ebs_prices.csv', [
  'region',
  'location',
  'volume_api_name',
  'component',
  'unit',
  'price_usd',
  'source_item',
  'rate_code',
])
  .filter((row) => isCommercial(row) && row.component !== 'other')
  .map((row) => [
    row.region ?? '',
    row.volume_api_name ?? '',
    row.component ?? '',
    row.unit ?? '',
    row.price_usd ?? '',
    row.rate_code ?? '',
    row.source_item ?? '',
  ]);

// --- S3: every row of the commercial regions
const s3Rows = readSource('s3_prices.csv', [
  'region',
  'location',
  'storage_class',
  'component',
  'unit',
  'price_usd',
  'source_item',
  'rate_code',
])
  .filter(isCommercial)
  .map((row) => [
    row.region ?? '',
    row.storage_class ?? '',
    row.component ?? '',
    row.unit ?? '',
    row.price_usd ?? '',
    row.rate_code ?? '',
    row.source_item ?? '',
  ]);

// --- write: sorted for stable diffs; gzip the biggest files while the total is over budget
const tables: Record<PriceFileKey, string[][]> = {
  regions: regionRows.map((row) => [row.region ?? '', row.location ?? '']),
  ec2InstanceTypes: [...ec2Types.values()],
  ec2Prices: ec2PriceRows,
  rdsClasses: [...rdsClasses.values()],
  rdsPrices: rdsPriceRows,
  rdsStorage: rdsStorageRows,
  ebs: ebsRows,
  s3: s3Rows,
};
const texts = new Map<PriceFileKey, string>();
for (const [key, rows] of Object.entries(tables) as [PriceFileKey, string[][]][]) {
  texts.set(key, toPlainCsv(PRICE_FILES[key].columns, [...rows].sort(compareRows)));
}
const bySize = [...texts.entries()].sort((a, b) => b[1].length - a[1].length);
let total = bySize.reduce((sum, [, text]) => sum + text.length, 0);
const gzipped = new Set<PriceFileKey>();
for (const [key, text] of bySize) {
  if (total <= PLAIN_BUDGET_BYTES) break;
  gzipped.add(key);
  total -= text.length;
}
for (const [key, text] of texts) {
  const plain = join(OUT_DIR, PRICE_FILES[key].name);
  const packed = `${plain}.gz`;
  if (gzipped.has(key)) {
    writeFileSync(packed, gzipSync(text, { level: 9 }));
    if (existsSync(plain)) rmSync(plain);
  } else {
    writeFileSync(plain, text);
    if (existsSync(packed)) rmSync(packed);
  }
  const written = gzipped.has(key) ? packed : plain;
  console.log(`${written}: ${(tables[key] ?? []).length} rows, ${statSync(written).size} bytes`);
}
