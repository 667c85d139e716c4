import type { ChartRequest } from '../src/domain/chart-request.ts';

/**
 * Realistic, deterministic chart requests: one per kind plus the awkward shapes real data takes
 * (nothing, one point, credits, an outlier, hundreds of categories, very long names). The bench,
 * the golden images and the tests all draw these, so what is measured is what is reviewed.
 */
export interface DemoChart {
  name: string;
  /** True for the one representative case per chart kind (used by the bench). */
  isKindSample: boolean;
  request: ChartRequest;
}

/** Small deterministic generator (LCG) so demo data never changes between runs. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const round2 = (value: number) => Math.round(value * 100) / 100;

function day(offset: number, start = '2026-11-01'): string {
  const date = new Date(`${start}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
}

const SERVICES = [
  'Amazon Elastic Compute Cloud - Compute',
  'Amazon Relational Database Service',
  'Amazon Simple Storage Service',
  'Amazon Elastic Container Service for Kubernetes',
  'AWS Lambda',
  'Amazon CloudFront',
  'Amazon DynamoDB',
  'Amazon CloudWatch',
  'Amazon Virtual Private Cloud',
  'AWS Key Management Service',
  'Amazon Route 53',
];

const ACCOUNTS = [
  'prod-payments (111122223333)',
  'prod-web (222233334444)',
  'data-platform (333344445555)',
  'staging (444455556666)',
  'ml-research (555566667777)',
  'shared-services (666677778888)',
  'dev-sandbox (777788889999)',
  'security-audit (888899990000)',
];

function dailyTrend(): ChartRequest {
  const random = seeded(7);
  const base = [1850, 920, 610, 540, 260, 210, 170, 120, 95, 40, 18];
  const points = [];
  for (let offset = 0; offset < 30; offset += 1) {
    const weekend = [0, 6].includes(new Date(`${day(offset)}T00:00:00Z`).getUTCDay()) ? 0.82 : 1;
    for (const [index, service] of SERVICES.entries()) {
      const value = (base[index] ?? 10) * weekend * (0.92 + random() * 0.16) * (1 + offset * 0.004);
      points.push({ x: day(offset), series: service, value: round2(value) });
    }
  }
  return {
    kind: 'trend',
    title: 'Daily cost by service, November 2026',
    granularity: 'day',
    points,
    unit: 'USD',
  };
}

function monthlyTotal(): ChartRequest {
  const months = [
    '2025-12',
    '2026-01',
    '2026-02',
    '2026-03',
    '2026-04',
    '2026-05',
    '2026-06',
    '2026-07',
    '2026-08',
    '2026-09',
    '2026-10',
    '2026-11',
  ];
  const values = [
    118_400, 121_900, 117_300, 126_800, 131_200, 129_900, 138_450, 142_100, 139_700, 151_300, 158_900,
    163_250,
  ];
  return {
    kind: 'trend',
    title: 'Monthly AWS cost, last 12 months',
    granularity: 'month',
    points: months.map((x, index) => ({ x, series: 'Total', value: values[index] ?? 0 })),
    unit: 'USD',
  };
}

function manySeriesTrend(): ChartRequest {
  const random = seeded(11);
  const points = [];
  for (let offset = 0; offset < 14; offset += 1) {
    for (let index = 0; index < 500; index += 1) {
      points.push({
        x: day(offset),
        series: `usage-type-${String(index).padStart(3, '0')}`,
        value: round2((4000 / (index + 1)) * (0.8 + random() * 0.4)),
      });
    }
  }
  return {
    kind: 'trend',
    title: 'Daily cost by usage type (500 usage types)',
    granularity: 'day',
    points,
    unit: 'USD',
  };
}

function breakdownByAccount(): ChartRequest {
  const values = [48_210.55, 31_877.1, 22_460.9, 9_845.32, 7_410.0, 3_120.75, 1_980.4, 455.2];
  return {
    kind: 'breakdown',
    title: 'Cost by account, November 2026',
    dimension: 'account',
    bars: ACCOUNTS.map((label, index) => ({ label, value: values[index] ?? 0 })),
    unit: 'USD',
  };
}

function creditsBreakdown(): ChartRequest {
  return {
    kind: 'breakdown',
    title: 'Net cost by service after credits, October 2026',
    dimension: 'service',
    bars: [
      { label: 'Amazon Elastic Compute Cloud - Compute', value: 18_450 },
      { label: 'Amazon Relational Database Service', value: 7_320 },
      { label: 'Amazon Simple Storage Service', value: 2_940 },
      { label: 'AWS Activate credits', value: -10_000 },
      { label: 'Savings Plans negation', value: -3_215.5 },
      { label: 'AWS Lambda', value: 640 },
    ],
    unit: 'USD',
  };
}

function outlierBreakdown(): ChartRequest {
  return {
    kind: 'breakdown',
    title: 'Cost by region, November 2026',
    dimension: 'region',
    bars: [
      { label: 'us-east-1', value: 2_450_000 },
      { label: 'eu-west-1', value: 12_400 },
      { label: 'eu-central-1', value: 3_150 },
      { label: 'ap-southeast-2', value: 410 },
      { label: 'us-west-2', value: 95 },
      { label: 'sa-east-1', value: 0.42 },
    ],
    unit: 'USD',
  };
}

function manyCategories(): ChartRequest {
  const random = seeded(3);
  return {
    kind: 'breakdown',
    title: 'Cost by resource, November 2026 (500 resources)',
    dimension: 'resource',
    bars: Array.from({ length: 500 }, (_, index) => ({
      label: `arn:aws:ec2:us-east-1:111122223333:instance/i-0${(index * 7919).toString(16).padStart(16, '0')}`,
      value: round2((25_000 / (index + 1)) * (0.9 + random() * 0.2)),
    })),
    unit: 'USD',
  };
}

function longLabels(): ChartRequest {
  return {
    kind: 'comparison',
    title: 'Cost by cost centre tag, this month vs last month, including teams with very long names',
    currentLabel: 'November 2026',
    previousLabel: 'October 2026',
    items: [
      {
        label: 'Platform Engineering / Shared Kubernetes Clusters and Observability Stack',
        current: 21_400,
        previous: 18_900,
      },
      {
        label: 'Data Science and Machine Learning Research Group (GPU training)',
        current: 15_250,
        previous: 19_800,
      },
      { label: 'Customer-facing Web Applications and Public APIs', current: 9_870, previous: 9_120 },
      { label: '(untagged)', current: 4_310, previous: 3_050 },
    ],
    unit: 'USD',
  };
}

function comparison(): ChartRequest {
  const rows: [string, number, number][] = [
    ['Amazon Elastic Compute Cloud - Compute', 58_240, 51_900],
    ['Amazon Relational Database Service', 27_610, 28_050],
    ['Amazon Simple Storage Service', 18_330, 16_210],
    ['Amazon Elastic Container Service for Kubernetes', 15_870, 11_420],
    ['AWS Lambda', 7_940, 8_310],
    ['Amazon CloudFront', 6_210, 5_880],
    ['Amazon DynamoDB', 4_470, 4_390],
  ];
  return {
    kind: 'comparison',
    title: 'Cost by service, November vs October 2026',
    currentLabel: 'November 2026',
    previousLabel: 'October 2026',
    items: rows.map(([label, current, previous]) => ({ label, current, previous })),
    unit: 'USD',
  };
}

function waterfall(): ChartRequest {
  return {
    kind: 'waterfall',
    title: 'Why did cost rise from October to November 2026?',
    startLabel: 'October',
    endLabel: 'November',
    start: 142_180,
    end: 158_940,
    contributions: [
      { label: 'Amazon EC2 (prod-web)', value: 9_850 },
      { label: 'Amazon EKS (data-platform)', value: 4_450 },
      { label: 'Amazon S3 (data-platform)', value: 2_120 },
      { label: 'Amazon RDS (prod-payments)', value: -1_440 },
      { label: 'AWS Lambda (prod-web)', value: -370 },
      { label: 'Savings Plans coverage', value: 1_650 },
      { label: 'Other services', value: 500 },
    ],
    unit: 'USD',
  };
}

function forecast(): ChartRequest {
  const random = seeded(5);
  const actual = [];
  let running = 0;
  for (let offset = 0; offset < 18; offset += 1) {
    running += 5_100 + random() * 900;
    actual.push({ x: day(offset), value: round2(running) });
  }
  const points = [];
  for (let offset = 18; offset < 30; offset += 1) {
    running += 5_450;
    const ahead = offset - 17;
    const spread80 = 1_400 * Math.sqrt(ahead);
    const spread95 = 2_150 * Math.sqrt(ahead);
    points.push({
      x: day(offset),
      value: round2(running),
      lo80: round2(running - spread80),
      hi80: round2(running + spread80),
      lo95: round2(running - spread95),
      hi95: round2(running + spread95),
    });
  }
  return {
    kind: 'forecast',
    title: 'November 2026 month-to-date cost and forecast',
    actual,
    forecast: points,
    budget: 160_000,
    unit: 'USD',
  };
}

function anomaly(): ChartRequest {
  const random = seeded(9);
  const points = [];
  for (let offset = 0; offset < 30; offset += 1) {
    const expected = 4_200 + offset * 12;
    const spike = offset === 13 ? 3_900 : offset === 22 ? 2_250 : 0;
    const actual = expected * (0.95 + random() * 0.1) + spike;
    points.push({
      x: day(offset),
      actual: round2(actual),
      expected,
      lower: expected * 0.85,
      upper: expected * 1.15,
      isAnomaly: spike > 0,
    });
  }
  return { kind: 'anomaly', title: 'Daily cost for Amazon EC2, November 2026', points, unit: 'USD' };
}

function singlePointAnomaly(): ChartRequest {
  return {
    kind: 'anomaly',
    title: 'Daily cost for AWS Glue, Nov 24 2026',
    points: [{ x: '2026-11-24', actual: 1_845, expected: 310, lower: 240, upper: 380, isAnomaly: true }],
    unit: 'USD',
  };
}

function tagCompliance(): ChartRequest {
  const rows: [string, number, number][] = [
    ['payments', 41_200, 2_150],
    ['web-platform', 28_900, 6_420],
    ['data-engineering', 19_870, 11_300],
    ['ml-research', 8_450, 9_920],
    ['security', 4_120, 310],
    ['(no team tag)', 0, 7_880],
  ];
  return {
    kind: 'tag_compliance',
    title: 'Tagging compliance by team (tag: team), November 2026',
    groups: rows.map(([label, tagged, untagged]) => ({ label, tagged, untagged })),
    unit: 'USD',
  };
}

function rightsizing(): ChartRequest {
  const random = seeded(13);
  const points = [];
  for (let hour = 0; hour < 14 * 24; hour += 6) {
    const date = new Date(Date.UTC(2026, 10, 10, hour));
    const daily = 12 + 10 * Math.max(0, Math.sin(((date.getUTCHours() - 6) / 24) * 2 * Math.PI));
    points.push({ x: date.toISOString().slice(0, 16), value: round2(daily + random() * 6) });
  }
  return {
    kind: 'rightsizing',
    title: 'i-0a1b2c3d4e5f67890 (m5.4xlarge, prod-web): CPU utilisation, last 14 days',
    metric: 'CPU utilisation (p95 per 6 h)',
    points,
    thresholds: [
      { label: 'Downsize below', value: 40 },
      { label: 'Upsize above', value: 80 },
    ],
    unit: 'percent',
  };
}

function savings(): ChartRequest {
  return {
    kind: 'savings',
    title: 'Estimated monthly savings by recommendation type',
    bars: [
      { label: 'Compute Savings Plan (1 year, no upfront)', value: 12_480 },
      { label: 'Rightsize EC2 instances', value: 6_915.4 },
      { label: 'Delete unattached EBS volumes', value: 1_842.75 },
      { label: 'Move S3 to Intelligent-Tiering', value: 1_210 },
      { label: 'Upgrade gp2 volumes to gp3', value: 634.2 },
      { label: 'Release idle Elastic IPs', value: 43.8 },
    ],
    unit: 'USD',
  };
}

export const DEMO_CHARTS: readonly DemoChart[] = [
  { name: 'trend-daily-by-service', isKindSample: true, request: dailyTrend() },
  { name: 'breakdown-by-account', isKindSample: true, request: breakdownByAccount() },
  { name: 'comparison-by-service', isKindSample: true, request: comparison() },
  { name: 'waterfall-explain-change', isKindSample: true, request: waterfall() },
  { name: 'forecast-with-budget', isKindSample: true, request: forecast() },
  { name: 'anomaly-daily', isKindSample: true, request: anomaly() },
  { name: 'tag-compliance-by-team', isKindSample: true, request: tagCompliance() },
  { name: 'rightsizing-cpu', isKindSample: true, request: rightsizing() },
  { name: 'savings-by-type', isKindSample: true, request: savings() },
  { name: 'trend-monthly-total', isKindSample: false, request: monthlyTotal() },
  {
    name: 'empty-trend',
    isKindSample: false,
    request: {
      kind: 'trend',
      title: 'Daily cost for Amazon Bedrock, November 2026',
      granularity: 'day',
      points: [],
      unit: 'USD',
    },
  },
  {
    name: 'single-point-trend',
    isKindSample: false,
    request: {
      kind: 'trend',
      title: 'Cost on Nov 24, 2026',
      granularity: 'day',
      points: [{ x: '2026-11-24', series: 'Total', value: 5_312.4 }],
      unit: 'USD',
    },
  },
  { name: 'single-point-anomaly', isKindSample: false, request: singlePointAnomaly() },
  { name: 'credits-breakdown', isKindSample: false, request: creditsBreakdown() },
  { name: 'outlier-breakdown', isKindSample: false, request: outlierBreakdown() },
  { name: 'many-categories-breakdown', isKindSample: false, request: manyCategories() },
  { name: 'many-series-trend', isKindSample: false, request: manySeriesTrend() },
  { name: 'long-labels-comparison', isKindSample: false, request: longLabels() },
];
