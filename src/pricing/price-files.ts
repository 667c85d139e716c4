/**
 * The data files under src/pricing/data/, with their columns. The build script writes them and the
 * loader reads them, so both take the names and headers from here.
 */
export const PRICE_FILES = {
  regions: { name: 'regions.csv', columns: ['region', 'location'] },
  ec2InstanceTypes: {
    name: 'ec2-instance-types.csv',
    columns: [
      'instance_type',
      'family',
      'generation',
      'size',
      'category',
      'current_generation',
      'arch',
      'cpu_manufacturer',
      'vcpu',
      'memory_gib',
      'gpu_count',
      'spec_source',
    ],
  },
  ec2Prices: {
    name: 'ec2-linux-on-demand-prices.csv',
    columns: ['region', 'instance_type', 'price_usd_per_hour', 'rate_code'],
  },
  rdsClasses: {
    name: 'rds-instance-classes.csv',
    columns: [
      'instance_class',
      'family',
      'size',
      'arch',
      'category',
      'current_generation',
      'vcpu',
      'memory_gib',
    ],
  },
  rdsPrices: {
    name: 'rds-instance-prices.csv',
    columns: ['region', 'engine', 'instance_class', 'deployment_option', 'price_usd_per_hour', 'rate_code'],
  },
  rdsStorage: {
    name: 'rds-storage-prices.csv',
    columns: [
      'region',
      'engine',
      'component',
      'storage_type',
      'deployment_option',
      'unit',
      'price_usd',
      'rate_code',
      'source_item',
    ],
  },
  ebs: {
    name: 'ebs-prices.csv',
    columns: ['region', 'volume_type', 'component', 'unit', 'price_usd', 'rate_code', 'source_item'],
  },
  s3: {
    name: 's3-prices.csv',
    columns: ['region', 'storage_class', 'component', 'unit', 'price_usd', 'rate_code', 'source_item'],
  },
} as const;

export type PriceFileKey = keyof typeof PRICE_FILES;
