import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import type { CallOptions } from '../../../mcp/contracts/common.ts';
import type { CostExplorerBackend } from '../../../mcp/contracts/cost-explorer.ts';
import { createCostExplorerServer } from '../../../mcp/servers/cost-explorer-server.ts';
import { FinopsError } from '../../../src/errors.ts';
import { resourceText, textOf } from './support/demo-client.ts';

const PROVENANCE = { source: 'test', kind: 'aws-api' as const, currency: 'USD' };
const PERIOD = { start: '2026-11-01', end: '2026-12-01' };

/** A backend whose every method fails with `failure` unless one is given. */
function fakeBackend(failure: unknown, overrides: Partial<CostExplorerBackend> = {}): CostExplorerBackend {
  const fail = async (): Promise<never> => {
    throw failure;
  };
  return {
    kind: 'aws',
    getCostAndUsage: fail,
    comparePeriods: fail,
    explainChange: fail,
    getCostForecast: fail,
    getDimensionValues: fail,
    getTagValues: fail,
    getAnomalies: fail,
    getSavingsPlansCoverage: fail,
    getSavingsPlansUtilization: fail,
    ...overrides,
  };
}

async function connect(backend: CostExplorerBackend, logged: string[]) {
  const server = createCostExplorerServer(backend, { logger: (message) => logged.push(message) });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'test', version: '0.0.0' });
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  return client;
}

describe('createCostExplorerServer', () => {
  it('should log an unexpected failure in full but answer the model with a generic isError', async () => {
    const logged: string[] = [];
    const client = await connect(fakeBackend(new Error('socket hang up at 10.0.0.7')), logged);
    const result = (await client.callTool({
      name: 'get_savings_plans_coverage',
      arguments: { period: PERIOD },
    })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(textOf(result)).not.toContain('10.0.0.7');
    expect(textOf(result)).toMatch(/failed unexpectedly/);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(
      /get_savings_plans_coverage failed unexpectedly: Error: socket hang up at 10.0.0.7/,
    );
    await client.close();
  });

  it("should pass a FinopsError's message through without logging it", async () => {
    const logged: string[] = [];
    const denied = new FinopsError(
      'finops_not_authorised',
      'access denied: the role needs ce:GetCostAndUsage; add it to the policy',
    );
    const client = await connect(fakeBackend(denied), logged);
    const result = (await client.callTool({
      name: 'get_cost_and_usage',
      arguments: { period: PERIOD },
    })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(denied.message);
    expect(logged).toEqual([]);
    await client.close();
  });

  it('should log and refuse a backend answer that breaks the output schema', async () => {
    const logged: string[] = [];
    const backend = fakeBackend(new Error('unused'), {
      getTagValues: async () =>
        ({ values: 'not a list', provenance: PROVENANCE, truncated: false }) as unknown as Awaited<
          ReturnType<CostExplorerBackend['getTagValues']>
        >,
    });
    const client = await connect(backend, logged);
    const result = (await client.callTool({ name: 'get_tag_values', arguments: {} })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(logged[0]).toMatch(/get_tag_values returned output that breaks its schema/);
    await client.close();
  });

  it('should hand the backend the validated input with defaults, and the region and role as call options', async () => {
    const seen: { input: unknown; options: CallOptions | undefined }[] = [];
    const backend = fakeBackend(new Error('unused'), {
      getCostAndUsage: async (input, options) => {
        seen.push({ input, options });
        return { rows: [], total: 0, row_count: 0, provenance: PROVENANCE, truncated: false };
      },
    });
    const client = await connect(backend, []);
    const roleArn = 'arn:aws:iam::123456789012:role/finops-read';
    const result = (await client.callTool({
      name: 'get_cost_and_usage',
      arguments: { period: PERIOD, region: 'eu-west-1', role_arn: roleArn },
    })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({
      rows: [],
      total: 0,
      row_count: 0,
      provenance: PROVENANCE,
      truncated: false,
    });
    expect(seen[0]?.input).toMatchObject({
      period: PERIOD,
      granularity: 'month',
      metric: 'EffectiveCost',
      group_by: [],
      filters: [],
      limit: 50,
    });
    expect(seen[0]?.options).toMatchObject({ region: 'eu-west-1', roleArn });
    expect(seen[0]?.options?.signal).toBeInstanceOf(AbortSignal);
    await client.close();
  });

  it('should reject a malformed role ARN before the backend is called', async () => {
    const client = await connect(fakeBackend(new Error('must not be called')), []);
    const result = (await client.callTool({
      name: 'get_cost_and_usage',
      arguments: { period: PERIOD, role_arn: 'finops-read' },
    })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/role_arn/);
    expect(textOf(result)).toMatch(/arn:aws:iam::<account>:role\/<name>/);
    await client.close();
  });

  it('should describe the live data window when the backend has no dataset of its own', async () => {
    const client = await connect(fakeBackend(new Error('must not be called')), []);
    const { contents } = await client.readResource({ uri: 'finops://dataset/range' });
    expect(JSON.parse(resourceText(contents))).toMatchObject({ kind: 'aws-api' });
    expect(resourceText(contents)).toMatch(/13 months/);
    await client.close();
  });
});
