import type { PriceSource } from './types.ts';

/** Feed publication dates (SOURCE.md of the shared aws-prices snapshot). */
export const SOURCE_DATES = {
  ec2: '2025-04-04',
  ebs: '2024-07-18',
  rds: '2024-09-28',
  s3: '2025-06-05',
} as const;

export const EC2_SHOP_SOURCE = 'aws-prices snapshot (github.com/yeo/ec2.shop)';
export const PRICE_WATCHER_SOURCE = 'aws-prices snapshot (github.com/QuinnyPig/aws-price-watcher)';

export const PRICE_SOURCES: readonly PriceSource[] = [
  {
    services: ['EC2'],
    repository: 'github.com/yeo/ec2.shop',
    paths: ['data/ec2/<region>-ondemand.json', 'data/ec2/<region>-previousgen-ondemand.json'],
    commit: '74c9fd8ab5acfd9511cd6535f914d47071601ad2',
    publicationDate: SOURCE_DATES.ec2,
    licence: 'MIT',
    copyright: 'Copyright (c) 2024 Vinh Nguyen',
    use: 'EC2 Linux on-demand hourly prices (shared tenancy, no pre-installed software)',
  },
  {
    services: ['EBS'],
    repository: 'github.com/yeo/ec2.shop',
    paths: ['data/ebs/ebs.json'],
    commit: '74c9fd8ab5acfd9511cd6535f914d47071601ad2',
    publicationDate: SOURCE_DATES.ebs,
    licence: 'MIT',
    copyright: 'Copyright (c) 2024 Vinh Nguyen',
    use: 'EBS storage, IOPS, throughput and snapshot prices',
  },
  {
    services: ['RDS'],
    repository: 'github.com/yeo/ec2.shop',
    paths: [
      'data/rds/rds-mysql-ondemand.json',
      'data/rds/rds-postgresql-ondemand.json',
      'data/rds/rds-mariadb-ondemand.json',
    ],
    commit: '44337592ba034dd0cdd1e71a1670b17f8c3f6002',
    publicationDate: SOURCE_DATES.rds,
    licence: 'MIT',
    copyright: 'Copyright (c) 2024 Vinh Nguyen',
    use: 'RDS MySQL, PostgreSQL and MariaDB instance and storage prices',
  },
  {
    services: ['S3'],
    repository: 'github.com/QuinnyPig/aws-price-watcher',
    paths: ['raw/s3.json', 'raw/s3glacierdeeparchive.json'],
    commit: 'a6645eb2e53e9399396a714cdc4f3c346c7f06c0',
    publicationDate: SOURCE_DATES.s3,
    licence: 'MIT',
    copyright: 'Copyright (c) 2025 Ian Mckay',
    use: 'S3 storage, retrieval, lifecycle-transition and Intelligent-Tiering monitoring prices',
  },
  {
    services: ['EC2 specs'],
    repository: 'github.com/aws/karpenter-provider-aws',
    paths: ['website/content/en/docs/reference/instance-types.md'],
    commit: '1d927085dd81a9df9301e613f371dac5b4d16bfe',
    publicationDate: '2026-07-11',
    licence: 'Apache-2.0',
    copyright: 'Copyright Amazon.com, Inc. or its affiliates',
    use: 'instance specs only: architecture, category, family, generation, CPU maker, GPU count',
  },
  {
    services: ['EC2 specs'],
    repository: 'github.com/vantage-sh/ec2instances.info',
    paths: ['opszero-app/instances.json (refs/pull/735/head)'],
    commit: 'a19cd859f0591c40bead51230996dcfc8c468071',
    publicationDate: '2024-04-03',
    licence: 'MIT',
    copyright: 'Copyright (c) Garret Heaton / ec2instances.info',
    use: 'architecture of 24 old instance types Karpenter does not list',
  },
];
