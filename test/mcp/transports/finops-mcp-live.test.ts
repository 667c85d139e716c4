import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCostAndUsageOutput } from '../../../mcp/contracts/cost-explorer.ts';
import {
  type AwsLoopback,
  FAKE_CREDENTIALS,
  fixture,
  startAwsLoopback,
} from '../../adapters/aws/aws-loopback.ts';
import { finopsMcpProcess } from './support/finops-mcp-process.ts';

/**
 * `FINOPS_BACKEND=aws finops mcp cost-explorer` end to end: the real CLI process, the real SDK
 * client, signing and the embedded StateStore cache, against a loopback that speaks Cost
 * Explorer's JSON protocol and answers with AWS's own CLI example (test/fixtures/aws).
 */
describe('finops mcp cost-explorer against live AWS (loopback)', () => {
  let loopback: AwsLoopback;
  let dataDir: string;
  let client: Client;

  beforeAll(async () => {
    loopback = await startAwsLoopback();
    loopback.on('ce.GetCostAndUsage', { json: fixture('ce_get-cost-and-usage_example1.json') });
    dataDir = mkdtempSync(join(tmpdir(), 'finops-mcp-live-'));
    client = new Client({ name: 'live-test', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport(
        finopsMcpProcess(['cost-explorer', '--data-dir', dataDir], {
          FINOPS_BACKEND: 'aws',
          FINOPS_AWS_ENDPOINT: loopback.endpoint,
          AWS_REGION: 'eu-west-1',
          AWS_ACCESS_KEY_ID: FAKE_CREDENTIALS.accessKeyId,
          AWS_SECRET_ACCESS_KEY: FAKE_CREDENTIALS.secretAccessKey,
        }),
      ),
    );
  }, 60_000);

  afterAll(async () => {
    await client?.close();
    await loopback?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const call = () =>
    client.callTool({
      name: 'get_cost_and_usage',
      arguments: {
        period: { start: '2017-09-01', end: '2017-10-01' },
        metric: 'UnblendedCost',
        group_by: ['service', 'tag:Environment'],
      },
    });

  it('should answer from Cost Explorer, signed for us-east-1 with the environment credentials', async () => {
    const result = await call();
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    const output = getCostAndUsageOutput.parse(result.structuredContent);
    expect(output.provenance).toMatchObject({ kind: 'aws-api', cached: false });
    // The two groups of AWS's example: 40.3543773134 + 0.2682364644 UnblendedCost.
    expect(output.total).toBeCloseTo(40.6226137778, 6);
    const [request] = loopback.of('ce.GetCostAndUsage');
    expect(request?.accessKeyId).toBe(FAKE_CREDENTIALS.accessKeyId);
    expect(request?.signingRegion).toBe('us-east-1');
  }, 30_000);

  it('should serve the same call from the StateStore cache without a second request', async () => {
    const result = await call();
    const output = getCostAndUsageOutput.parse(result.structuredContent);
    expect(output.provenance.cached).toBe(true);
    expect(loopback.of('ce.GetCostAndUsage')).toHaveLength(1);
  }, 30_000);

  it('should name the IAM action when AWS denies access', async () => {
    loopback.on('ce.GetDimensionValues', {
      error: 'AccessDeniedException',
      message: 'User: arn:aws:iam::123456789012:user/x is not authorized to perform: ce:GetDimensionValues',
      status: 400,
    });
    const result = await client.callTool({
      name: 'get_dimension_values',
      arguments: { dimension: 'service', period: { start: '2017-09-01', end: '2017-10-01' } },
    });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toMatch(/ce:GetDimensionValues/);
  }, 30_000);
});
