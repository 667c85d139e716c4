import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallOptions } from '../contracts/common.ts';
import {
  getResourcesInput,
  getResourcesOutput,
  getTagComplianceInput,
  getTagComplianceOutput,
  getTagKeysInput,
  getTagKeysOutput,
  getTagValuesForKeyInput,
  getTagValuesForKeyOutput,
  getUntaggedResourcesInput,
  getUntaggedResourcesOutput,
  type TaggingBackend,
} from '../contracts/tagging.ts';
import { TAG_POLICY_URI, tagPolicyDocument } from './tagging/tag-policy-resource.ts';
import { runTool } from './tool-result.ts';

export interface TaggingServerOptions {
  /** The configured policy (Config.requiredTags): the default of the compliance tools and the tag-policy resource. */
  requiredTags: string[];
  /** Server-side log (stderr for stdio): failed calls with their cause. */
  logger?: ((message: string) => void) | undefined;
}

function callOptions(
  args: { region?: string | undefined; role_arn?: string | undefined },
  signal: AbortSignal,
): CallOptions {
  return { region: args.region, roleArn: args.role_arn, signal };
}

function descriptions(requiredTags: readonly string[]) {
  const policy = requiredTags.join(', ');
  return {
    get_resources: `Resources and their tags, as the Resource Groups Tagging API's GetResources returns them: resource_arn, resource_id, resource_type (ec2:instance, ec2:volume, ec2:snapshot, s3, rds:db, ec2:natgateway, lambda:function, dynamodb:table, cloudfront:distribution), account, region, name and tags.
tag_filters: every filter must match; a filter matches a resource carrying the key with any of the values (omit values for "has the key"). resource_types: "ec2" for every EC2 type, "ec2:instance" for instances only. Default: every resource; 50 per page, sorted by ARN.
Example: {"tag_filters": [{"key": "env", "values": ["prod"]}], "resource_types": ["ec2:instance", "rds:db"]}`,
    get_tag_compliance: `Tag compliance against the required-tag policy (default: ${policy}): the share of spend (USD, EffectiveCost of usage charges) whose billing rows carry every required key, the share per key, the share of inventory resources carrying them all, and the non-compliant spend per account and service (largest first).
Default window: the last 30 days of billing data (period to override, end exclusive). Percentages are 0–100; null when there is no spend. How it is computed: resource finops://tag-policy.
Example: {} or {"required_tags": ["team", "env"], "period": {"start": "2026-10-01", "end": "2026-11-01"}}`,
    get_untagged_resources: `Resources whose spend (USD, EffectiveCost of usage charges, over the window) lacks at least one required key (default: ${policy}), largest spend first, with the missing keys and tag values suggested from neighbouring resources when they agree (suggested_tags; absent when no value can be inferred).
Default window: the last 30 days of billing data; 50 per page.
Example: {"limit": 10} or {"required_tags": ["owner"]}`,
    get_tag_keys: `Every tag key in use, on inventory resources or billing rows, sorted; 50 per page. Keys are case-sensitive.
Example: {}`,
    get_tag_values: `Every value of one tag key, on inventory resources or billing rows, sorted; 50 per page. An unknown key is an error listing the keys in use.
Example: {"key": "team"}`,
  };
}

/** The `finops-tagging` MCP server: tag policy compliance and resources by tag, over any TaggingBackend. */
export function createTaggingServer(backend: TaggingBackend, options: TaggingServerOptions): McpServer {
  const server = new McpServer({ name: 'finops-tagging', version: '0.1.0' });
  const text = descriptions(options.requiredTags);
  const annotations = { readOnlyHint: true, openWorldHint: backend.kind === 'aws' };
  const logged =
    <T>(tool: string, work: () => Promise<T>) =>
    async (): Promise<T> => {
      try {
        return await work();
      } catch (error) {
        options.logger?.(`${tool} failed: ${error instanceof Error ? error.message : String(error)}`);
        throw error;
      }
    };

  server.registerTool(
    'get_resources',
    {
      title: 'Resources by tag',
      description: text.get_resources,
      inputSchema: getResourcesInput.shape,
      outputSchema: getResourcesOutput.shape,
      annotations,
    },
    (args, extra) =>
      runTool(
        getResourcesOutput,
        logged('get_resources', () => backend.getResources(args, callOptions(args, extra.signal))),
      ),
  );
  server.registerTool(
    'get_tag_compliance',
    {
      title: 'Tag compliance report',
      description: text.get_tag_compliance,
      inputSchema: getTagComplianceInput.shape,
      outputSchema: getTagComplianceOutput.shape,
      annotations,
    },
    (args, extra) =>
      runTool(
        getTagComplianceOutput,
        logged('get_tag_compliance', () => backend.getTagCompliance(args, callOptions(args, extra.signal))),
      ),
  );
  server.registerTool(
    'get_untagged_resources',
    {
      title: 'Untagged resources by spend',
      description: text.get_untagged_resources,
      inputSchema: getUntaggedResourcesInput.shape,
      outputSchema: getUntaggedResourcesOutput.shape,
      annotations,
    },
    (args, extra) =>
      runTool(
        getUntaggedResourcesOutput,
        logged('get_untagged_resources', () =>
          backend.getUntaggedResources(args, callOptions(args, extra.signal)),
        ),
      ),
  );
  server.registerTool(
    'get_tag_keys',
    {
      title: 'Tag keys',
      description: text.get_tag_keys,
      inputSchema: getTagKeysInput.shape,
      outputSchema: getTagKeysOutput.shape,
      annotations,
    },
    (args, extra) =>
      runTool(
        getTagKeysOutput,
        logged('get_tag_keys', () => backend.getTagKeys(args, callOptions(args, extra.signal))),
      ),
  );
  server.registerTool(
    'get_tag_values',
    {
      title: 'Tag values of a key',
      description: text.get_tag_values,
      inputSchema: getTagValuesForKeyInput.shape,
      outputSchema: getTagValuesForKeyOutput.shape,
      annotations,
    },
    (args, extra) =>
      runTool(
        getTagValuesForKeyOutput,
        logged('get_tag_values', () => backend.getTagValues(args, callOptions(args, extra.signal))),
      ),
  );

  server.registerResource(
    'tag-policy',
    TAG_POLICY_URI,
    {
      title: 'Tag policy',
      description: 'The required tag keys and how tag compliance of spend and of resources is computed.',
      mimeType: 'application/json',
    },
    (uri) => ({
      contents: [
        {
          uri: uri.href,
          mimeType: 'application/json',
          text: JSON.stringify(tagPolicyDocument(options.requiredTags), null, 2),
        },
      ],
    }),
  );
  return server;
}
