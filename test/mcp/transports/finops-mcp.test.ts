import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandMcp } from '../../../adapters/cli/commands/mcp.ts';
import { type CommandContext, main } from '../../../adapters/cli/main.ts';
import { loadConfig } from '../../../src/config.ts';
import { openDatabase } from '../../../src/store/database.ts';
import { finopsMcpProcess } from './support/finops-mcp-process.ts';

const NOW = '2026-11-24';
const TOKEN = 'cli-test-token-0123456789abcdef';
const OCTOBER = { start: '2026-10-01', end: '2026-11-01' };
const SEPTEMBER = { start: '2026-09-01', end: '2026-10-01' };

interface Expected {
  octoberTotal: number;
  octoberServices: string[];
  instanceId: string;
  cpuOnNov20: { ts: string; value: number }[];
}

/** Minimal valid arguments for every tool, so each is called at least once over the wire. */
function toolCalls(expected: Expected): Record<string, Record<string, Record<string, unknown>>> {
  return {
    'cost-explorer': {
      get_cost_and_usage: { period: OCTOBER },
      compare_periods: { current: OCTOBER, previous: SEPTEMBER, group_by: 'service' },
      explain_change: { current: OCTOBER, previous: SEPTEMBER },
      get_cost_forecast: { period: { start: '2026-11-01', end: '2026-12-01' } },
      get_dimension_values: { dimension: 'service', period: OCTOBER, limit: 500 },
      get_tag_values: {},
      get_anomalies: { period: { start: '2026-08-01', end: '2026-11-24' } },
      get_savings_plans_coverage: { period: OCTOBER },
      get_savings_plans_utilization: { period: OCTOBER },
    },
    cloudwatch: {
      get_metric_data: {
        resource_ids: [expected.instanceId],
        metric: 'CPUUtilization',
        period: { start: '2026-11-20', end: '2026-11-21' },
        statistics: ['Average'],
      },
      get_utilization_summary: { resource_type: 'ec2', limit: 5 },
    },
    tagging: {
      get_resources: { tag_filters: [{ key: 'team' }], limit: 5 },
      get_tag_compliance: {},
      get_untagged_resources: { limit: 5 },
      get_tag_keys: {},
      get_tag_values: { key: 'team' },
    },
  };
}

function structured(result: CallToolResult): Record<string, unknown> {
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  expect(result.structuredContent).toBeDefined();
  return result.structuredContent as Record<string, unknown>;
}

function context(positionals: string[], flags: Partial<CommandContext['flags']>, env = {}): CommandContext {
  return {
    config: loadConfig({ dataDir: ':memory:', now: NOW }, env),
    positionals,
    flags: { json: false, force: false, http: false, ...flags },
    out: () => {},
    err: () => {},
    color: false,
  };
}

describe('finops mcp', () => {
  let dataDir: string;
  let expected: Expected;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'finops-mcp-'));
    const err: string[] = [];
    const io = { out: () => {}, err: (text: string) => err.push(text), color: false };
    expect(await main(['demo', '--data-dir', dataDir, '--now', NOW], io), err.join('\n')).toBe(0);
    // Expected figures straight from SQL, before a server process takes the database.
    const db = await openDatabase({ dataDir });
    const [total] = await db.all<{ total: number }>(
      `SELECT sum(EffectiveCost)::DOUBLE AS total FROM line_items WHERE x_ChargeDate >= DATE '2026-10-01' AND x_ChargeDate < DATE '2026-11-01'`,
    );
    const services = await db.all<{ service: string }>(
      `SELECT DISTINCT ServiceName AS service FROM line_items WHERE x_ChargeDate >= DATE '2026-10-01' AND x_ChargeDate < DATE '2026-11-01' AND ServiceName IS NOT NULL ORDER BY 1`,
    );
    const [instance] = await db.all<{ id: string }>(
      `SELECT resource_id AS id FROM resources r WHERE resource_type = 'ec2_instance' AND state = 'running'
         AND EXISTS (SELECT 1 FROM utilization_hourly u WHERE u.resource_id = r.resource_id AND u.metric = 'cpu_percent' AND u.ts >= TIMESTAMP '2026-11-20')
       ORDER BY resource_id LIMIT 1`,
    );
    const cpu = await db.all<{ ts: string; value: number }>(
      `SELECT ts, value FROM utilization_hourly WHERE resource_id = ? AND metric = 'cpu_percent'
         AND ts >= TIMESTAMP '2026-11-20' AND ts < TIMESTAMP '2026-11-21' ORDER BY ts`,
      [instance?.id ?? ''],
    );
    db.close();
    expected = {
      octoberTotal: total?.total ?? Number.NaN,
      octoberServices: services.map((row) => row.service),
      instanceId: instance?.id ?? '',
      cpuOnNov20: cpu,
    };
    expect(expected.instanceId).not.toBe('');
    expect(expected.cpuOnNov20.length).toBe(24);
  }, 60_000);

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  async function connectStdio(
    server: string,
  ): Promise<{ client: Client; stderr: string[]; errors: Error[] }> {
    const transport = new StdioClientTransport(
      finopsMcpProcess([server, '--data-dir', dataDir, '--now', NOW]),
    );
    const stderr: string[] = [];
    transport.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
    const client = new Client({ name: 'finops-mcp-test', version: '1' });
    const errors: Error[] = [];
    client.onerror = (error) => errors.push(error);
    await client.connect(transport);
    return { client, stderr, errors };
  }

  for (const server of ['cost-explorer', 'cloudwatch', 'tagging'] as const) {
    it(`should serve every ${server} tool over stdio on the demo data`, async () => {
      const calls = toolCalls(expected)[server] ?? {};
      const { client, stderr, errors } = await connectStdio(server);
      try {
        expect(client.getServerVersion()?.name).toContain(server);
        const tools = await client.listTools();
        expect(tools.tools.map((tool) => tool.name).sort()).toEqual(Object.keys(calls).sort());
        const results: Record<string, Record<string, unknown>> = {};
        for (const [name, args] of Object.entries(calls)) {
          results[name] = structured((await client.callTool({ name, arguments: args })) as CallToolResult);
          expect(results[name], name).toHaveProperty('provenance');
        }
        checkFigures(server, results, expected);
        // stdout carried protocol messages only: a stray line would have surfaced as a parse error.
        expect(errors).toEqual([]);
      } finally {
        await client.close();
      }
      expect(stderr.join('')).toContain('serving over stdio');
    }, 60_000);
  }

  it('should reject bad arguments over stdio with a message naming the field', async () => {
    const { client } = await connectStdio('cost-explorer');
    try {
      const badDay = (await client.callTool({
        name: 'get_cost_and_usage',
        arguments: { period: { start: '2026-10-1', end: '2026-11-01' } },
      })) as CallToolResult;
      expect(badDay.isError).toBe(true);
      const text = JSON.stringify(badDay.content);
      expect(text).toContain('period');
      expect(text).toContain('YYYY-MM-DD');
      const badMetric = (await client.callTool({
        name: 'get_cost_and_usage',
        arguments: { period: OCTOBER, metric: 'Dollars' },
      })) as CallToolResult;
      expect(badMetric.isError).toBe(true);
      expect(JSON.stringify(badMetric.content)).toContain('metric');
    } finally {
      await client.close();
    }
  }, 60_000);

  it('should serve all three servers over HTTP with the token, and refuse a request without it', async () => {
    const parameters = finopsMcpProcess(
      ['all', '--http', '--port', '0', '--data-dir', dataDir, '--now', NOW],
      {
        FINOPS_MCP_TOKEN: TOKEN,
      },
    );
    const child = spawn(parameters.command, parameters.args, { cwd: parameters.cwd, env: parameters.env });
    try {
      const endpoints = await readEndpoints(child);
      expect(Object.keys(endpoints).sort()).toEqual(['cloudwatch', 'cost-explorer', 'tagging']);
      for (const url of Object.values(endpoints)) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp\//);

      const unauthorised = await fetch(endpoints['cost-explorer'] ?? '', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'initialize',
          params: {
            protocolVersion: '2025-06-18',
            capabilities: {},
            clientInfo: { name: 'x', version: '1' },
          },
        }),
      });
      expect(unauthorised.status).toBe(401);
      expect(unauthorised.headers.get('www-authenticate')).toMatch(/^Bearer /);

      const calls = toolCalls(expected);
      for (const [server, url] of Object.entries(endpoints)) {
        const client = new Client({ name: 'finops-mcp-http-test', version: '1' });
        await client.connect(
          new StreamableHTTPClientTransport(new URL(url), {
            requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } },
          }),
        );
        const tools = await client.listTools();
        expect(tools.tools.map((tool) => tool.name).sort()).toEqual(Object.keys(calls[server] ?? {}).sort());
        const results: Record<string, Record<string, unknown>> = {};
        for (const [name, args] of Object.entries(calls[server] ?? {})) {
          results[name] = structured((await client.callTool({ name, arguments: args })) as CallToolResult);
        }
        checkFigures(server, results, expected);
        await client.close();
      }
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  }, 60_000);

  it('should refuse --http without FINOPS_MCP_TOKEN, saying how to set it', async () => {
    await expect(commandMcp(context(['all'], { http: true }))).rejects.toThrow(/FINOPS_MCP_TOKEN/);
  });

  it('should refuse all over stdio and an unknown server name, listing what is served', async () => {
    await expect(commandMcp(context(['all'], {}))).rejects.toThrow(/add --http/);
    await expect(commandMcp(context(['billing'], {}))).rejects.toThrow(/cost-explorer\|cloudwatch\|tagging/);
    await expect(commandMcp(context([], {}))).rejects.toThrow(/name a server/);
  });

  it('should refuse a port that is not a number', async () => {
    await expect(
      commandMcp(context(['all'], { http: true, port: 'eighty' }, { FINOPS_MCP_TOKEN: TOKEN })),
    ).rejects.toThrow(/--port "eighty"/);
  });
});

/** Figures checked against the SQL computed in beforeAll, not against the code under test. */
function checkFigures(
  server: string,
  results: Record<string, Record<string, unknown>>,
  expected: Expected,
): void {
  if (server === 'cost-explorer') {
    const usage = results.get_cost_and_usage as { total: number; provenance: { kind: string } };
    expect(usage.total).toBeCloseTo(expected.octoberTotal, 4);
    expect(usage.provenance.kind).toBe('demo');
    const values = results.get_dimension_values as { values: { value: string }[] };
    expect(values.values.map((row) => row.value).sort()).toEqual(expected.octoberServices);
    const compared = results.compare_periods as { current_total: number };
    expect(compared.current_total).toBeCloseTo(expected.octoberTotal, 4);
  }
  if (server === 'cloudwatch') {
    const data = results.get_metric_data as {
      series: { resource_id: string; statistic: string; points: { timestamp: string; value: number }[] }[];
    };
    const average = data.series.find(
      (series) => series.resource_id === expected.instanceId && series.statistic === 'Average',
    );
    expect(average?.points.map((point) => point.value)).toEqual(
      expected.cpuOnNov20.map((row) => expect.closeTo(row.value, 6)),
    );
  }
}

/** Reads the endpoint list `finops mcp all --http` prints to stderr once it listens. */
function readEndpoints(child: ChildProcess): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`no endpoints printed:\n${text}`)), 45_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const endpoints = Object.fromEntries(
        [...text.matchAll(/^ {2}([a-z-]+)\s+(http:\/\/\S+)$/gm)].map((match) => [match[1], match[2]]),
      );
      if (Object.keys(endpoints).length === 3) {
        clearTimeout(timer);
        resolve(endpoints as Record<string, string>);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`finops mcp exited with ${code}:\n${text}`));
    });
  });
}
