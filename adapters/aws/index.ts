export {
  type AwsCaller,
  type AwsCallResult,
  type AwsServiceStats,
  type AwsStats,
  createAwsCaller,
} from './aws-caller.ts';
export {
  type AwsClientFactory,
  type AwsClientFactoryOptions,
  type AwsCredentials,
  type AwsTarget,
  COST_EXPLORER_REGION,
  createAwsClientFactory,
} from './aws-clients.ts';
export { type AwsCloudWatchBackendOptions, createAwsCloudWatchBackend } from './aws-cloudwatch-backend.ts';
export {
  type AwsCostExplorerBackendOptions,
  createAwsCostExplorerBackend,
} from './aws-cost-explorer-backend.ts';
export { type AwsService, IAM_ACTIONS, IAM_POLICY_PATH, iamAction, toAwsError } from './aws-errors.ts';
export { backoffDelay, DEFAULT_RETRY_POLICY, type RetryPolicy } from './aws-retry.ts';
export { type AwsTaggingBackendOptions, createAwsTaggingBackend } from './aws-tagging-backend.ts';
export { type AwsBackends, type AwsBackendsOptions, createAwsBackends } from './create-aws-backends.ts';
