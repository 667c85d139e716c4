import type { BaseDimension } from '../../domain/index.ts';

/**
 * Everyday names for AWS services. A phrase resolves to the catalog services whose code or name
 * is listed, so the filter always carries names that exist in the data.
 */
export interface ServiceAlias {
  label: string;
  phrases: string[];
  codes: string[];
  names: string[];
}

export const SERVICE_ALIASES: ServiceAlias[] = [
  {
    label: 'EC2',
    phrases: [
      'ec2',
      'amazon ec2',
      'elastic compute cloud',
      'ec2 instances',
      'ec2 instance',
      'compute',
      'instances',
      'instance',
      'servers',
      'virtual machines',
      'vms',
    ],
    codes: ['AmazonEC2'],
    names: ['Amazon Elastic Compute Cloud', 'Amazon EC2', 'Amazon Elastic Compute Cloud - Compute'],
  },
  {
    label: 'S3',
    phrases: ['s3', 'amazon s3', 'simple storage service', 'storage', 'buckets', 'bucket', 'object storage'],
    codes: ['AmazonS3'],
    names: ['Amazon Simple Storage Service', 'Amazon S3'],
  },
  {
    label: 'RDS',
    phrases: ['rds', 'amazon rds', 'relational database service', 'databases', 'database', 'db', 'dbs'],
    codes: ['AmazonRDS'],
    names: ['Amazon Relational Database Service', 'Amazon RDS'],
  },
  {
    label: 'Lambda',
    phrases: ['lambda', 'lambdas', 'aws lambda', 'lambda functions'],
    codes: ['AWSLambda'],
    names: ['AWS Lambda'],
  },
  {
    label: 'CloudFront',
    phrases: ['cloudfront', 'cloud front', 'cdn'],
    codes: ['AmazonCloudFront'],
    names: ['Amazon CloudFront'],
  },
  {
    label: 'DynamoDB',
    phrases: ['dynamodb', 'dynamo db', 'dynamo', 'ddb'],
    codes: ['AmazonDynamoDB'],
    names: ['Amazon DynamoDB'],
  },
  {
    label: 'CloudWatch',
    phrases: ['cloudwatch', 'cloud watch', 'monitoring'],
    codes: ['AmazonCloudWatch'],
    names: ['AmazonCloudWatch', 'Amazon CloudWatch'],
  },
  {
    label: 'VPC',
    phrases: ['vpc', 'vpcs', 'virtual private cloud'],
    codes: ['AmazonVPC'],
    names: ['Amazon Virtual Private Cloud'],
  },
  {
    label: 'EKS',
    phrases: ['eks', 'kubernetes', 'k8s'],
    codes: ['AmazonEKS'],
    // CUR still names EKS by its launch name.
    names: ['Amazon Elastic Kubernetes Service', 'Amazon Elastic Container Service for Kubernetes'],
  },
  {
    label: 'ECR',
    phrases: ['ecr', 'container registry'],
    codes: ['AmazonECR'],
    names: ['Amazon EC2 Container Registry (ECR)', 'Amazon Elastic Container Registry'],
  },
  {
    label: 'ECS',
    phrases: ['ecs', 'elastic container service', 'fargate'],
    codes: ['AmazonECS'],
    names: ['Amazon Elastic Container Service'],
  },
  {
    label: 'ELB',
    phrases: ['elb', 'load balancers', 'load balancer', 'load balancing'],
    codes: ['AWSELB'],
    names: ['Elastic Load Balancing'],
  },
  { label: 'Redshift', phrases: ['redshift'], codes: ['AmazonRedshift'], names: ['Amazon Redshift'] },
  {
    label: 'ElastiCache',
    phrases: ['elasticache', 'redis', 'memcached'],
    codes: ['AmazonElastiCache'],
    names: ['Amazon ElastiCache'],
  },
  {
    label: 'EFS',
    phrases: ['efs', 'elastic file system'],
    codes: ['AmazonEFS'],
    names: ['Amazon Elastic File System'],
  },
  {
    label: 'SQS',
    phrases: ['sqs', 'queues'],
    codes: ['AWSQueueService'],
    names: ['Amazon Simple Queue Service'],
  },
  { label: 'SNS', phrases: ['sns'], codes: ['AmazonSNS'], names: ['Amazon Simple Notification Service'] },
  {
    label: 'Route 53',
    phrases: ['route 53', 'route53', 'dns'],
    codes: ['AmazonRoute53'],
    names: ['Amazon Route 53'],
  },
  { label: 'KMS', phrases: ['kms'], codes: ['awskms'], names: ['AWS Key Management Service'] },
  { label: 'Athena', phrases: ['athena'], codes: ['AmazonAthena'], names: ['Amazon Athena'] },
  {
    label: 'OpenSearch',
    phrases: ['opensearch', 'elasticsearch'],
    codes: ['AmazonES'],
    names: ['Amazon OpenSearch Service'],
  },
  { label: 'SageMaker', phrases: ['sagemaker'], codes: ['AmazonSageMaker'], names: ['Amazon SageMaker'] },
  { label: 'Bedrock', phrases: ['bedrock'], codes: ['AmazonBedrock'], names: ['Amazon Bedrock'] },
];

/**
 * Costs people name that are not one service but a kind of usage, recognised by usage type.
 * Data transfer is the AWS Data Transfer service when the data has it (CUR 2.0 and FOCUS list it
 * as a service of its own); otherwise the data transfer usage types of every service.
 */
export interface UsageAlias {
  label: string;
  phrases: string[];
  serviceNames: string[];
  usageTypePattern: RegExp;
}

export const USAGE_ALIASES: UsageAlias[] = [
  {
    label: 'data transfer',
    phrases: ['data transfer', 'data-transfer', 'egress', 'bandwidth', 'transfer costs'],
    serviceNames: ['AWS Data Transfer'],
    usageTypePattern: /DataTransfer|AWS-(?:In|Out)-Bytes/i,
  },
  {
    label: 'NAT gateway',
    phrases: ['nat gateways', 'nat gateway', 'nat gw', 'nat'],
    serviceNames: [],
    usageTypePattern: /NatGateway/i,
  },
  {
    label: 'EBS',
    phrases: ['ebs', 'ebs volumes', 'volumes', 'elastic block store'],
    serviceNames: [],
    usageTypePattern: /EBS:/i,
  },
];

/** Region names people use instead of codes. */
export const REGION_ALIASES: Record<string, string[]> = {
  'us-east-1': ['n. virginia', 'n virginia', 'northern virginia', 'north virginia', 'virginia', 'us east 1'],
  'us-east-2': ['ohio', 'us east 2'],
  'us-west-1': ['n. california', 'n california', 'northern california', 'california'],
  'us-west-2': ['oregon'],
  'ca-central-1': ['canada', 'montreal'],
  'sa-east-1': ['sao paulo', 'são paulo', 'brazil'],
  'eu-west-1': ['ireland', 'dublin'],
  'eu-west-2': ['london'],
  'eu-west-3': ['paris'],
  'eu-central-1': ['frankfurt'],
  'eu-central-2': ['zurich'],
  'eu-north-1': ['stockholm'],
  'eu-south-1': ['milan'],
  'ap-northeast-1': ['tokyo'],
  'ap-northeast-2': ['seoul'],
  'ap-northeast-3': ['osaka'],
  'ap-southeast-1': ['singapore'],
  'ap-southeast-2': ['sydney'],
  'ap-southeast-3': ['jakarta'],
  'ap-south-1': ['mumbai'],
  'ap-east-1': ['hong kong'],
  'me-south-1': ['bahrain'],
  'af-south-1': ['cape town'],
};

/** Areas people name instead of regions ("in the US"), by region code prefix. */
export const REGION_AREAS: { pattern: RegExp; prefix: string; label: string }[] = [
  // "us" is also a pronoun ("cost us"), so it counts as a place only after "in" or before "regions".
  {
    pattern:
      /\b(?:(?:in|across|within) (?:the )?(?:us|usa|u\.s\.?|united states)(?: regions?)?|(?:the )?(?:us|usa) regions?)\b/,
    prefix: 'us-',
    label: 'the US',
  },
  { pattern: /\b(?:europe|european|eu)(?: regions?)?\b/, prefix: 'eu-', label: 'Europe' },
  { pattern: /\b(?:asia(?: pacific)?|apac)(?: regions?)?\b/, prefix: 'ap-', label: 'Asia Pacific' },
  { pattern: /\b(?:south america|latam)(?: regions?)?\b/, prefix: 'sa-', label: 'South America' },
  { pattern: /\b(?:middle east)(?: regions?)?\b/, prefix: 'me-', label: 'the Middle East' },
  { pattern: /\b(?:africa)(?: regions?)?\b/, prefix: 'af-', label: 'Africa' },
];

/** Names teams give the same kind of account; "the production account" finds an account named prod. */
export const ACCOUNT_NAME_SYNONYMS: string[][] = [
  ['prod', 'production', 'prd'],
  ['staging', 'stage', 'stg'],
  ['dev', 'development'],
  ['sandbox', 'sbx'],
  ['test', 'testing', 'qa'],
  ['management', 'mgmt', 'payer', 'master'],
  ['security', 'sec'],
  ['shared services', 'shared-services', 'shared'],
  ['log archive', 'logging', 'logs'],
];

/** Tag keys spelled differently in questions than in the data. */
export const TAG_KEY_SYNONYMS: string[][] = [
  ['env', 'environment'],
  ['cost-center', 'cost center', 'costcenter', 'cost centre', 'cc'],
  ['team', 'squad'],
  ['app', 'application'],
  ['owner', 'owned by'],
  ['project', 'proj'],
];

/**
 * When a question says "untagged" without naming a tag, the first of these keys present in the
 * data is meant: they are the keys cost allocation usually hangs on, most specific first.
 */
export const ALLOCATION_TAG_KEYS = [
  'team',
  'cost-center',
  'costcenter',
  'cost_center',
  'owner',
  'project',
  'application',
  'app',
];

/** Service category names and how people say them; the catalog decides which exist. */
export const CATEGORY_SYNONYMS: string[][] = [
  ['compute'],
  ['storage'],
  ['databases', 'database', 'db'],
  ['networking', 'network', 'networking and content delivery'],
  ['analytics'],
  ['management and governance', 'management', 'governance'],
  ['machine learning', 'ml', 'ai and machine learning', 'ai'],
  ['security identity and compliance', 'security'],
  ['containers'],
];

/** Dimensions named as nouns, for "by …", "top 5 …", "which …". Singular forms come first. */
export const DIMENSION_WORDS: { dimension: BaseDimension; singular: string[]; plural: string[] }[] = [
  {
    dimension: 'service_category',
    singular: ['service category', 'category'],
    plural: ['service categories', 'categories'],
  },
  {
    dimension: 'charge_category',
    singular: ['charge category', 'charge type'],
    plural: ['charge categories', 'charge types'],
  },
  {
    dimension: 'billing_account',
    singular: ['billing account', 'payer account', 'payer'],
    plural: ['billing accounts', 'payer accounts', 'payers'],
  },
  {
    dimension: 'sub_account',
    singular: ['account', 'sub account', 'linked account', 'aws account', 'member account', 'account id'],
    plural: ['accounts', 'sub accounts', 'linked accounts', 'aws accounts', 'member accounts', 'account ids'],
  },
  { dimension: 'usage_type', singular: ['usage type'], plural: ['usage types'] },
  { dimension: 'service', singular: ['service', 'product'], plural: ['services', 'products'] },
  { dimension: 'region', singular: ['region', 'location'], plural: ['regions', 'locations'] },
  { dimension: 'resource', singular: ['resource', 'resource id'], plural: ['resources', 'resource ids'] },
  { dimension: 'sku', singular: ['sku'], plural: ['skus'] },
  {
    dimension: 'provider',
    singular: ['provider', 'cloud provider'],
    plural: ['providers', 'cloud providers'],
  },
];

/**
 * Words that carry no information a plan needs once the recognisers have run. Any other word left
 * over makes the parser ask instead of guess.
 */
export const FILLER_WORDS = new Set(
  `a about across actual actually all also am amount an and any anything are around as at aws amazon be been being
  bill billing bills breakdown broken but by can check charge charged charges cloud cost costed costing costs could
  current currently dashboard did do does doing dollar dollars down each entire every everything exact exactly
  expenditure expense expenses figure figures for from gimme give go going got had has have hey hi how hows i im in
  into is it its just kindly know let lets like look looking me money much my need needed number numbers of on
  or org organisation organization our out overall over paid pay paying per please pls plz price prices quick quickly
  quite really report roughly see show sir so some spend spending spends spent spendings split sum summary tell
  than thank thanks that thats the them then there these thing this those thru through thx til till to total totals
  until up us usage usd use used using view wanna want was we were what whats where which who whole why will with
  would ya you your yours $ ok okay cheers hello real amounts amt grand overview whats rundown quickly
  summarise summarize stats status give me much many been had happened is our
  tally tab run running expensive costly pricey high far list graph chart plot draw visualize visualise table`.split(
    /\s+/,
  ),
);

/** Words that make a question about money, as opposed to small talk. */
export const COST_WORDS =
  /\b(?:spend|spent|spending|spendings|spends|cost|costs|costed|costing|bill|bills|billing|charges?|charged|pay|paid|paying|money|dollars?|usd|\$|expenses?|expenditure|invoice|expensive|tab|total|mtd|ytd|qtd|month to date|year to date|quarter to date)\b/;
