import type { Catalog } from '../../../src/questions/parse/index.ts';

/**
 * A small organisation written by hand for parser tests: names follow what AWS CUR 2.0 and FOCUS
 * exports use (ServiceName / ServiceCode / ServiceCategory). "prod" and "staging" are both account
 * names and env tag values, on purpose, to test ambiguity.
 */
export const CATALOG: Catalog = {
  services: [
    { name: 'Amazon Elastic Compute Cloud', code: 'AmazonEC2', category: 'Compute' },
    { name: 'Amazon Simple Storage Service', code: 'AmazonS3', category: 'Storage' },
    { name: 'Amazon Relational Database Service', code: 'AmazonRDS', category: 'Databases' },
    { name: 'AWS Lambda', code: 'AWSLambda', category: 'Compute' },
    { name: 'Amazon CloudFront', code: 'AmazonCloudFront', category: 'Networking' },
    { name: 'Amazon DynamoDB', code: 'AmazonDynamoDB', category: 'Databases' },
    { name: 'AmazonCloudWatch', code: 'AmazonCloudWatch', category: 'Management and Governance' },
    { name: 'Amazon Virtual Private Cloud', code: 'AmazonVPC', category: 'Networking' },
    { name: 'Amazon Elastic Kubernetes Service', code: 'AmazonEKS', category: 'Containers' },
    { name: 'AWS Data Transfer', code: 'AWSDataTransfer', category: 'Networking' },
  ],
  accounts: [
    { id: '111122223333', name: 'prod' },
    { id: '444455556666', name: 'staging' },
    { id: '777788889999', name: 'sandbox' },
    { id: '210987654321', name: 'shared-services' },
  ],
  regions: ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1'],
  tagKeys: ['team', 'env', 'cost-center', 'owner'],
  tagValues: {
    team: ['payments', 'search', 'platform', 'data-science'],
    env: ['prod', 'staging', 'dev'],
    'cost-center': ['1234', '5678'],
    owner: ['alice', 'bob'],
  },
  usageTypes: [
    'USE1-BoxUsage:m5.large',
    'USE1-EBS:VolumeUsage.gp3',
    'USE1-NatGateway-Hours',
    'USE1-NatGateway-Bytes',
    'USE1-DataTransfer-Out-Bytes',
    'USW2-DataTransfer-Regional-Bytes',
    'TimedStorage-ByteHrs',
  ],
};

/** The same organisation without an AWS Data Transfer service, as in exports that fold it into each service. */
export const CATALOG_WITHOUT_DATA_TRANSFER: Catalog = {
  ...CATALOG,
  services: CATALOG.services.filter((service) => service.code !== 'AWSDataTransfer'),
};
