import type { AccountKey, DemoAccount, TagHygiene, Team } from './accounts.ts';
import { LINKED_ACCOUNTS, tagsFor } from './accounts.ts';
import type { BuildContext } from './build-context.ts';
import {
  addDaysTo,
  availabilityZone,
  growth,
  jitter,
  resourceHexId,
  usageColumns,
  usageType,
} from './build-context.ts';
import { isMonthEnd, isWeekend } from './calendar.ts';
import type { DemoRegion } from './prices.ts';
import { FLAT_PRICES, skuFor } from './prices.ts';
import { createPrng, deriveSeed } from './prng.ts';

export interface NatGatewaySpec {
  name: string;
  team: Team;
  account: AccountKey;
  region: DemoRegion;
  hygiene: TagHygiene;
  /** Bytes processed per weekday when the data ends, GB. */
  gbPerDay: number;
}

/** Adds a NAT gateway: hours and bytes under Amazon EC2 (as in real CUR) and its public IPv4 address. */
export function addNatGateway(context: BuildContext, spec: NatGatewaySpec): string {
  const account = LINKED_ACCOUNTS[spec.account];
  const id = resourceHexId(context, 'nat');
  const tags = tagsFor(spec.team, account, spec.hygiene);
  const days = context.calendar.days;
  const rng = createPrng(deriveSeed(context.seed, `nat:${spec.account}:${spec.name}`));
  const lastMonths = days[days.length - 1]?.monthsElapsed ?? 0;
  const gbByDay = new Float64Array(days.length);
  for (const day of days) {
    const trend = 1 / 1.03 ** (lastMonths - day.monthsElapsed);
    gbByDay[day.index] = spec.gbPerDay * trend * (isWeekend(day) ? 0.65 : 1) * jitter(rng, 0.08);
  }
  const base = {
    account,
    service: 'ec2' as const,
    category: 'Networking',
    region: spec.region,
    zone: availabilityZone(spec.region, 0),
    operation: 'NatGateway',
    resourceId: id,
    resourceName: spec.name,
    resourceType: 'NAT Gateway',
    tags,
  };
  context.meters.push({
    stream: `nat:hours:${id}`,
    columns: usageColumns({
      ...base,
      usageType: usageType(spec.region, 'NatGateway-Hours'),
      description: `$${FLAT_PRICES.natGatewayHour} per NAT Gateway Hour`,
      pricingUnit: 'Hours',
      unitPrice: FLAT_PRICES.natGatewayHour,
      sku: skuFor(`nat-hours:${spec.region}`),
    }),
    unitPrice: FLAT_PRICES.natGatewayHour,
    quantity: () => 24,
  });
  const bytesColumns = usageColumns({
    ...base,
    usageType: usageType(spec.region, 'NatGateway-Bytes'),
    description: `$${FLAT_PRICES.natGatewayGb} per GB Data Processed by NAT Gateways`,
    pricingUnit: 'GB',
    unitPrice: FLAT_PRICES.natGatewayGb,
    sku: skuFor(`nat-bytes:${spec.region}`),
  });
  context.meters.push({
    stream: `nat:bytes:${id}`,
    columns: bytesColumns,
    unitPrice: FLAT_PRICES.natGatewayGb,
    quantity: (day) => gbByDay[day.index] ?? 0,
  });
  context.meters.push({
    stream: `nat:ip:${id}`,
    columns: usageColumns({
      account,
      service: 'vpc',
      category: 'Networking',
      region: spec.region,
      usageType: `${spec.region === 'us-east-1' ? 'USE1-' : usageType(spec.region, '')}PublicIPv4:InUseAddress`,
      operation: 'AssociateAddressVPC',
      description: `$${FLAT_PRICES.publicIpv4Hour} per In-use public IPv4 address per hour`,
      pricingUnit: 'Hours',
      unitPrice: FLAT_PRICES.publicIpv4Hour,
      sku: skuFor(`ipv4:${spec.region}`),
      resourceId: id,
      resourceName: spec.name,
      resourceType: 'NAT Gateway',
      tags,
    }),
    unitPrice: FLAT_PRICES.publicIpv4Hour,
    quantity: () => 24,
  });
  context.resources.push({
    resourceId: id,
    resourceName: spec.name,
    service: 'Amazon Elastic Compute Cloud',
    resourceType: 'nat_gateway',
    accountId: account.id,
    region: spec.region,
    size: null,
    state: 'available',
    attributes: { connectivity_type: 'public', availability_zone: availabilityZone(spec.region, 0) },
    tags,
    createdAt: `${addDaysTo(context.calendar.start, -context.rng.int(100, 600))}T13:20:00.000Z`,
  });
  context.utilisation.push({
    resourceId: id,
    stream: `util:${id}`,
    emit: (day, utilRng, write) => {
      const bytes = (gbByDay[day.index] ?? 0) * context.anomalyFactor(bytesColumns, day) * 1e9;
      for (let hour = 0; hour < 24; hour++) {
        const diurnal = 0.7 + 0.3 * Math.sin(((hour - 9) / 24) * 2 * Math.PI);
        const perHour = (bytes / 24) * diurnal * jitter(utilRng, 0.05);
        write(hour, 'network_out_bytes', Math.round(perHour * 0.8));
        write(hour, 'network_in_bytes', Math.round(perHour * 0.2));
      }
    },
  });
  return id;
}

/** Inter-AZ traffic of an account in a region: untagged, as it is in real bills. */
export function addRegionalTransfer(
  context: BuildContext,
  account: DemoAccount,
  region: DemoRegion,
  gbPerDay: number,
): void {
  context.meters.push({
    stream: `dt:regional:${account.id}:${region}`,
    columns: usageColumns({
      account,
      service: 'dataTransfer',
      category: 'Networking',
      region,
      usageType: usageType(region, 'DataTransfer-Regional-Bytes'),
      operation: 'InterZone-Out',
      description: `$${FLAT_PRICES.dataTransferRegionalGb} per GB - regional data transfer - in/out/between EC2 AZs or using elastic IPs or ELB`,
      pricingUnit: 'GB',
      unitPrice: FLAT_PRICES.dataTransferRegionalGb,
      sku: skuFor(`dt-regional:${region}`),
    }),
    unitPrice: FLAT_PRICES.dataTransferRegionalGb,
    quantity: (day, rng) => gbPerDay * growth(day, 0.025) * (isWeekend(day) ? 0.7 : 1) * jitter(rng, 0.1),
  });
}

export interface DistributionSpec {
  name: string;
  team: Team;
  hygiene: TagHygiene;
  gbPerDay: number;
  requestsPerDay: number;
}

/** A CloudFront distribution in the prod account: data transfer out and HTTPS requests. */
export function addDistribution(context: BuildContext, spec: DistributionSpec): string {
  const account = LINKED_ACCOUNTS.prod;
  const distributionId = `E${context.rng.hex(13).toUpperCase()}`;
  const arn = `arn:aws:cloudfront::${account.id}:distribution/${distributionId}`;
  const tags = tagsFor(spec.team, account, spec.hygiene);
  const base = {
    account,
    service: 'cloudFront' as const,
    category: 'Networking',
    region: null,
    resourceId: arn,
    resourceName: spec.name,
    resourceType: 'Distribution',
    tags,
  };
  context.meters.push({
    stream: `cf:gb:${arn}`,
    columns: usageColumns({
      ...base,
      usageType: 'US-DataTransfer-Out-Bytes',
      operation: 'GET',
      description: `$${FLAT_PRICES.cloudFrontGb} per GB - first 10 TB / month data transfer out (United States)`,
      pricingUnit: 'GB',
      unitPrice: FLAT_PRICES.cloudFrontGb,
      sku: skuFor('cloudfront-us-gb'),
    }),
    unitPrice: FLAT_PRICES.cloudFrontGb,
    quantity: (day, rng) =>
      spec.gbPerDay * growth(day, 0.035) * (isWeekend(day) ? 1.15 : 1) * jitter(rng, 0.1),
  });
  context.meters.push({
    stream: `cf:req:${arn}`,
    columns: usageColumns({
      ...base,
      usageType: 'US-Requests-Tier2-HTTPS',
      operation: 'GET',
      description: '$0.0100 per 10,000 HTTPS requests (United States)',
      pricingUnit: 'Requests',
      unitPrice: FLAT_PRICES.cloudFrontHttpsRequest,
      sku: skuFor('cloudfront-us-https'),
    }),
    unitPrice: FLAT_PRICES.cloudFrontHttpsRequest,
    quantity: (day, rng) =>
      Math.round(spec.requestsPerDay * growth(day, 0.035) * (isWeekend(day) ? 1.15 : 1) * jitter(rng, 0.1)),
  });
  context.resources.push({
    resourceId: arn,
    resourceName: spec.name,
    service: 'Amazon CloudFront',
    resourceType: 'cloudfront_distribution',
    accountId: account.id,
    region: 'global',
    size: null,
    state: 'deployed',
    attributes: { distribution_id: distributionId, price_class: 'PriceClass_100' },
    tags,
    createdAt: `${addDaysTo(context.calendar.start, -context.rng.int(100, 900))}T08:00:00.000Z`,
  });
  return arn;
}

export interface FunctionSpec {
  name: string;
  team: Team;
  account: AccountKey;
  region: DemoRegion;
  hygiene: TagHygiene;
  invocationsPerDay: number;
  durationMs: number;
  memoryMb: number;
  /** Reporting functions run mostly at month end. */
  monthEndBoost?: number;
}

/** A Lambda function: requests and GB-seconds. */
export function addFunction(context: BuildContext, spec: FunctionSpec): string {
  const account = LINKED_ACCOUNTS[spec.account];
  const arn = `arn:aws:lambda:${spec.region}:${account.id}:function:${spec.name}`;
  const tags = tagsFor(spec.team, account, spec.hygiene);
  const days = context.calendar.days;
  const rng = createPrng(deriveSeed(context.seed, `lambda:${arn}`));
  const invocations = new Float64Array(days.length);
  for (const day of days) {
    const boost = isMonthEnd(day) ? (spec.monthEndBoost ?? 1) : 1;
    invocations[day.index] = Math.round(
      spec.invocationsPerDay * growth(day, 0.04) * (isWeekend(day) ? 0.6 : 1) * boost * jitter(rng, 0.1),
    );
  }
  const base = {
    account,
    service: 'lambda' as const,
    category: 'Compute',
    region: spec.region,
    resourceId: arn,
    resourceName: spec.name,
    resourceType: 'Function',
    tags,
    operation: 'Invoke',
  };
  context.meters.push({
    stream: `lambda:req:${arn}`,
    columns: usageColumns({
      ...base,
      usageType: usageType(spec.region, 'Request'),
      description: 'AWS Lambda - Total Requests - $0.20 per million requests',
      pricingUnit: 'Requests',
      unitPrice: FLAT_PRICES.lambdaRequest,
      sku: skuFor(`lambda-req:${spec.region}`),
    }),
    unitPrice: FLAT_PRICES.lambdaRequest,
    quantity: (day) => invocations[day.index] ?? 0,
  });
  context.meters.push({
    stream: `lambda:gbs:${arn}`,
    columns: usageColumns({
      ...base,
      usageType: usageType(spec.region, 'Lambda-GB-Second'),
      description: 'AWS Lambda - Total Compute - $0.0000166667 per GB-second',
      pricingUnit: 'Lambda-GB-Second',
      unitPrice: FLAT_PRICES.lambdaGbSecond,
      sku: skuFor(`lambda-gbs:${spec.region}`),
    }),
    unitPrice: FLAT_PRICES.lambdaGbSecond,
    quantity: (day, meterRng) =>
      ((invocations[day.index] ?? 0) * spec.durationMs * jitter(meterRng, 0.05) * spec.memoryMb) /
      1024 /
      1000,
  });
  context.resources.push({
    resourceId: arn,
    resourceName: spec.name,
    service: 'AWS Lambda',
    resourceType: 'lambda_function',
    accountId: account.id,
    region: spec.region,
    size: `${spec.memoryMb} MB`,
    state: 'active',
    attributes: {
      runtime: 'nodejs20.x',
      memory_mb: spec.memoryMb,
      architecture: 'arm64',
      average_duration_ms: spec.durationMs,
    },
    tags,
    createdAt: `${addDaysTo(context.calendar.start, -context.rng.int(30, 500))}T15:45:00.000Z`,
  });
  return arn;
}

/** CloudWatch metrics and logs of an account in a region: untagged, as CloudWatch spend usually is. */
export function addMonitoring(
  context: BuildContext,
  account: DemoAccount,
  region: DemoRegion,
  metrics: number,
  logsGbPerDay: number,
): void {
  const base = { account, service: 'cloudWatch' as const, category: 'Management and Governance', region };
  context.meters.push({
    stream: `cw:metrics:${account.id}:${region}`,
    columns: usageColumns({
      ...base,
      usageType: usageType(region, 'CW:MetricMonitorUsage'),
      operation: 'MetricStorage',
      description: '$0.30 per metric-month for the first 10,000 metrics',
      pricingUnit: 'Metrics',
      unitPrice: FLAT_PRICES.cloudWatchMetricMonth,
      sku: skuFor(`cw-metrics:${region}`),
    }),
    unitPrice: FLAT_PRICES.cloudWatchMetricMonth,
    quantity: (day) => (metrics * growth(day, 0.02)) / day.daysInMonth,
  });
  context.meters.push({
    stream: `cw:logs:${account.id}:${region}`,
    columns: usageColumns({
      ...base,
      usageType: usageType(region, 'DataProcessing-Bytes'),
      operation: 'PutLogEvents',
      description: '$0.50 per GB custom log data ingested',
      pricingUnit: 'GB',
      unitPrice: FLAT_PRICES.cloudWatchLogsIngestGb,
      sku: skuFor(`cw-logs:${region}`),
    }),
    unitPrice: FLAT_PRICES.cloudWatchLogsIngestGb,
    quantity: (day, rng) => logsGbPerDay * growth(day, 0.03) * (isWeekend(day) ? 0.7 : 1) * jitter(rng, 0.1),
  });
  context.meters.push({
    stream: `cw:logstore:${account.id}:${region}`,
    columns: usageColumns({
      ...base,
      usageType: usageType(region, 'TimedStorage-ByteHrs'),
      operation: 'HourlyStorageMetering',
      description: '$0.03 per GB-mo of log storage',
      pricingUnit: 'GB-Months',
      unitPrice: FLAT_PRICES.cloudWatchLogsStorageGbMonth,
      sku: skuFor(`cw-logstore:${region}`),
    }),
    unitPrice: FLAT_PRICES.cloudWatchLogsStorageGbMonth,
    // Log groups without a retention policy keep growing.
    quantity: (day) => (logsGbPerDay * 30 * (2 + 0.5 * day.monthsElapsed)) / day.daysInMonth,
  });
}
