/**
 * The few list prices the demo organisation needs, in USD.
 *
 * EC2, EBS, S3 and RDS prices are copied verbatim from the project's offline AWS price snapshot
 * (shared/data/public/aws-prices: ec2_ondemand_linux.csv of 2025-04-04, ebs_prices.csv of 2024-07-18,
 * s3_prices.csv of 2025-06-05, rds_ondemand.csv / rds_storage.csv of 2024-09-28). Those are AWS's
 * published on-demand list prices, collected by github.com/yeo/ec2.shop (MIT) and
 * github.com/QuinnyPig/aws-price-watcher (MIT); the SKU ids (us-east-1, us-west-2, eu-west-1)
 * are the first part of the feeds' rate codes.
 *
 * The snapshot has no prices for NAT Gateway, data transfer, Lambda, CloudFront, DynamoDB, CloudWatch
 * or S3 requests, nor Savings Plans rates. Those are AWS's public us-east-1 list prices as shown on
 * aws.amazon.com/<service>/pricing in 2025, typed in here and marked `pricing page`; the Savings Plan
 * rate is an approximation (a flat 28 % off on-demand, typical of a 1-year no-upfront Compute SP).
 */
export const DEMO_REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'] as const;
export type DemoRegion = (typeof DEMO_REGIONS)[number];

export const REGION_NAMES: Record<DemoRegion, string> = {
  'us-east-1': 'US East (N. Virginia)',
  'us-west-2': 'US West (Oregon)',
  'eu-west-1': 'Europe (Ireland)',
};

/** AWS's usage-type prefix; us-east-1 usage types often carry none, the rest always do. */
export const USAGE_PREFIX: Record<DemoRegion, string> = {
  'us-east-1': 'USE1-',
  'us-west-2': 'USW2-',
  'eu-west-1': 'EU-',
};

export interface InstanceSpec {
  vcpu: number;
  memoryGib: number;
  architecture: 'x86_64' | 'arm64';
  /** Families AWS lists under "previous generation" instances (m4, c4, t2 …). */
  previousGeneration: boolean;
  hourly: Record<DemoRegion, number>;
  sku: Record<DemoRegion, string>;
}

function spec(
  vcpu: number,
  memoryGib: number,
  architecture: 'x86_64' | 'arm64',
  previousGeneration: boolean,
  prices: [number, number, number],
  skus: [string, string, string],
): InstanceSpec {
  return {
    vcpu,
    memoryGib,
    architecture,
    previousGeneration,
    hourly: { 'us-east-1': prices[0], 'us-west-2': prices[1], 'eu-west-1': prices[2] },
    sku: { 'us-east-1': skus[0], 'us-west-2': skus[1], 'eu-west-1': skus[2] },
  };
}

/** A stable 16-character AWS-style SKU id for a price that has no rate code in the snapshot. */
export function skuFor(key: string): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  let hash = 2166136261;
  let out = '';
  for (let round = 0; out.length < 16; round++) {
    for (const char of `${key}#${round}`) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
    out += alphabet[hash % alphabet.length];
  }
  return out;
}

export const INSTANCE_TYPES: Record<string, InstanceSpec> = {
  't2.large': spec(
    2,
    8,
    'x86_64',
    true,
    [0.0928, 0.0928, 0.1008],
    ['QG5G45WKDWDDHTFV', 'WE87HQHP89BK3AXK', '4G2Z3WVSPDEGMKFH'],
  ),
  't3.medium': spec(
    2,
    4,
    'x86_64',
    false,
    [0.0416, 0.0416, 0.0456],
    ['NN4EGUUQRWVYP98C', '83H2W4FZK86NAGZF', '47NTBKB4KMUU98P8'],
  ),
  't3.large': spec(
    2,
    8,
    'x86_64',
    false,
    [0.0832, 0.0832, 0.0912],
    ['HBVJM3Q9S8K6MNPJ', 'JZMQ5VQSSPBWHNHH', 'SGF4MSKWRV77VRXR'],
  ),
  'm4.xlarge': spec(
    4,
    16,
    'x86_64',
    true,
    [0.2, 0.2, 0.222],
    ['47GP959QAF69YPG5', 'X5NPE8XF7KHV7AAD', '6FU9JEK79WWSARQ9'],
  ),
  'c4.2xlarge': spec(
    8,
    15,
    'x86_64',
    true,
    [0.398, 0.398, 0.453],
    ['39748UVFEUKY3MVQ', 'YBN8Q7AQJD9ZT57S', 'V2SRX3YBPSJPD8E4'],
  ),
  'm5.large': spec(
    2,
    8,
    'x86_64',
    false,
    [0.096, 0.096, 0.107],
    ['6C86BEPQVG73ZGGR', 'VCN9BB3M49B23Y77', 'FP7Z96TTU3VFSX2H'],
  ),
  'm5.xlarge': spec(
    4,
    16,
    'x86_64',
    false,
    [0.192, 0.192, 0.214],
    ['5G4TA8Z4MUKE6MJB', 'T5CRJD6MS45TWRHG', 'HNKY83Z77VRXC2UH'],
  ),
  'm5.2xlarge': spec(
    8,
    32,
    'x86_64',
    false,
    [0.384, 0.384, 0.428],
    ['ZH8KU2QB7FHAJJXW', 'PS6J5UCPGRFJTMMR', 'Z3S5HVHF6HYM2YZJ'],
  ),
  'c5.xlarge': spec(
    4,
    8,
    'x86_64',
    false,
    [0.17, 0.17, 0.192],
    ['35AEEWH98DECPC35', '22XBSF5QFVFX722A', '39VH8W4ANB3RS4BD'],
  ),
  'c5.2xlarge': spec(
    8,
    16,
    'x86_64',
    false,
    [0.34, 0.34, 0.384],
    ['H9ZN7EUEHC2S7YH5', '2VEE5YPDDGDW3STK', 'D53CGUF3JPG3SJC3'],
  ),
  'r5.xlarge': spec(
    4,
    32,
    'x86_64',
    false,
    [0.252, 0.252, 0.282],
    ['TZG8KMRSS5ASP78Y', 'P6RKAKGY8EGB66UX', 'WY3NYRVKMUZBG3W7'],
  ),
  'r5.2xlarge': spec(
    8,
    64,
    'x86_64',
    false,
    [0.504, 0.504, 0.564],
    ['2N4FCB37PW649DB6', 'STZEHNY6ZN8EZPY7', 'BZ4QR6ZNEKBJMWVA'],
  ),
  'm6i.xlarge': spec(
    4,
    16,
    'x86_64',
    false,
    [0.192, 0.192, 0.214],
    ['2UVH39HPDNC399X4', 'DA65P5JFWM5XU6EG', 'AYYS5AHM8RP6N3F4'],
  ),
  'c6i.2xlarge': spec(
    8,
    16,
    'x86_64',
    false,
    [0.34, 0.34, 0.3648],
    ['TRNMR2KK2A9257AV', '89EMNU5DJUETQSEN', 'QN7VBQCA6JDKZJNT'],
  ),
  'c6i.4xlarge': spec(
    16,
    32,
    'x86_64',
    false,
    [0.68, 0.68, 0.7296],
    ['E8ZFW5VX39K37SVF', 'WEFJDV79AT37S5PC', 'VRYR72CC28TD8SYZ'],
  ),
  'r6i.2xlarge': spec(
    8,
    64,
    'x86_64',
    false,
    [0.504, 0.504, 0.564],
    ['V28PDCZQ78Z4DX72', 'CCXAJ6D6RBD48HZD', 'H2NVRKQAFR9EX5NJ'],
  ),
  'm7g.xlarge': spec(
    4,
    16,
    'arm64',
    false,
    [0.1632, 0.1632, 0.1819],
    ['Y7X6HJY9G859NU23', 'SVTQ6ANV7XMWCYTD', 'QXMVFMYGEX7B27KA'],
  ),
  'm7g.2xlarge': spec(
    8,
    32,
    'arm64',
    false,
    [0.3264, 0.3264, 0.3638],
    ['99CC4R2S7FWPBV2Y', '54B68U5AKF8E24G2', 'EAMK5HHXHSGTDJ26'],
  ),
  'g5.xlarge': spec(
    4,
    16,
    'x86_64',
    false,
    [1.006, 1.006, 1.123],
    ['79BRGEEZC6TARVWJ', 'VM34A8UEABXS8VJD', 'VUKEDVMSXUGE3HZN'],
  ),
};

/** 1-year no-upfront Compute Savings Plan: the demo's approximation of its discount. */
export const SAVINGS_PLAN_DISCOUNT = 0.28;

export interface RegionalPrice {
  price: Record<DemoRegion, number>;
  sku: Record<DemoRegion, string>;
}

function regional(prices: [number, number, number], rateCodes: [string, string, string]): RegionalPrice {
  const sku = rateCodes.map((code) => code.split('.')[0] ?? code);
  return {
    price: { 'us-east-1': prices[0], 'us-west-2': prices[1], 'eu-west-1': prices[2] },
    sku: { 'us-east-1': sku[0] ?? '', 'us-west-2': sku[1] ?? '', 'eu-west-1': sku[2] ?? '' },
  };
}

/** Per GB-month (ebs_prices.csv, component=storage / snapshot). */
export const EBS_PRICES = {
  gp2: regional([0.1, 0.1, 0.11], ['HY3BZPP2B6K8MSJF', 'AUJG8J97AVK3PF8K', 'GDX844Q9TQAG2YZ2']),
  gp3: regional([0.08, 0.08, 0.088], ['JG3KUJMBRGHV3N8G', 'BB8UJWJ4XPFJB95G', 'TXACT7E3PV6ZX2NM']),
  snapshot: regional([0.05, 0.05, 0.05], ['7U7TWP44UP36AT3R', 'CNYETXBBP73CTYPG', 'UZ7N3QU3DRSU25FK']),
} as const;

/** Per GB-month, first 50 TB tier for Standard (s3_prices.csv). */
export const S3_STORAGE_PRICES = {
  STANDARD: regional([0.023, 0.023, 0.023], ['WP9ANXZGBYYSGJEA', 'Z3FQZG73HYSPVABR', '4AJHPB29ZPVFADXP']),
  STANDARD_IA: regional(
    [0.0125, 0.0125, 0.0125],
    ['379GYJUQ5WFBUYGM', 'UUTYQBVVNCYXYTTT', '62UY3D5HXV9CXNMK'],
  ),
} as const;

export interface RdsClassSpec {
  vcpu: number;
  memoryGib: number;
  /** PostgreSQL hourly, Single-AZ and Multi-AZ (rds_ondemand.csv). */
  singleAz: Record<DemoRegion, number>;
  multiAz: Record<DemoRegion, number>;
}

function rds(
  vcpu: number,
  memoryGib: number,
  single: [number, number, number],
  multi: [number, number, number],
) {
  const byRegion = (values: [number, number, number]) => ({
    'us-east-1': values[0],
    'us-west-2': values[1],
    'eu-west-1': values[2],
  });
  return { vcpu, memoryGib, singleAz: byRegion(single), multiAz: byRegion(multi) };
}

export const RDS_POSTGRES_CLASSES: Record<string, RdsClassSpec> = {
  'db.t3.medium': rds(2, 4, [0.072, 0.072, 0.078], [0.145, 0.145, 0.156]),
  'db.m5.large': rds(2, 8, [0.178, 0.178, 0.197], [0.356, 0.356, 0.394]),
  'db.m6g.large': rds(2, 8, [0.159, 0.159, 0.176], [0.318, 0.318, 0.352]),
  'db.r5.large': rds(2, 16, [0.25, 0.25, 0.28], [0.5, 0.5, 0.56]),
  'db.r6g.xlarge': rds(4, 32, [0.45, 0.45, 0.504], [0.899, 0.899, 1.007]),
};

/** PostgreSQL General Purpose (gp2) storage and backup, per GB-month (rds_storage.csv). */
export const RDS_STORAGE_PRICES = {
  singleAz: regional([0.115, 0.115, 0.127], ['G2TQUMAQNSQ7H65X', '2VP5XUXUD54VY3R9', 'H35JZY6XTTK5S9ZT']),
  multiAz: regional([0.23, 0.23, 0.253], ['Z9Q8SM928PDNNACV', 'DBHK52NRMSR2EUCF', 'EZTPT5BFN5KAUPEW']),
  backup: regional([0.095, 0.095, 0.095], ['6W8ECRFVDATCER7J', 'PAHDKG6EF4XSHYXC', 'S4E2MMMTRUYQX32A']),
} as const;

/** pricing page: flat us-east-1 list prices (first tier) used in every demo region. */
export const FLAT_PRICES = {
  natGatewayHour: 0.045,
  natGatewayGb: 0.045,
  dataTransferOutGb: 0.09,
  dataTransferRegionalGb: 0.01,
  publicIpv4Hour: 0.005,
  s3PutRequest: 0.000005,
  s3GetRequest: 0.0000004,
  lambdaRequest: 0.0000002,
  lambdaGbSecond: 0.0000166667,
  cloudFrontGb: 0.085,
  cloudFrontHttpsRequest: 0.000001,
  dynamoWriteRequestUnit: 0.000000625,
  dynamoReadRequestUnit: 0.000000125,
  dynamoStorageGbMonth: 0.25,
  cloudWatchMetricMonth: 0.3,
  cloudWatchLogsIngestGb: 0.5,
  cloudWatchLogsStorageGbMonth: 0.03,
} as const;
