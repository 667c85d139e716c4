import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { main } from '../../adapters/cli/main.ts';
import { createBackends } from '../../mcp/backends/create-backends.ts';
import { connectInMemory } from '../../mcp/client/connect-in-memory.ts';
import { getUtilizationSummaryInput } from '../../mcp/contracts/cloudwatch.ts';
import { getCostAndUsageInput } from '../../mcp/contracts/cost-explorer.ts';
import { createMcpServer, type McpBackends, type McpServerName } from '../../mcp/servers/index.ts';
import { startHttpServer } from '../../mcp/transports/http.ts';
import { createRuntime } from '../../src/composition-root.ts';
import { loadConfig } from '../../src/config.ts';
import { finopsMcpProcess } from '../mcp/transports/support/finops-mcp-process.ts';
import { percentile, sample } from './stats.ts';

export interface McpBenchRow {
  tool: string;
  server: McpServerName;
  directP50Ms: number;
  inMemoryP50Ms: number;
  stdioP50Ms: number;
  httpP50Ms: number;
  /** Transport p50 ÷ direct p50. */
  inMemoryRatio: number;
  stdioRatio: number;
  httpRatio: number;
}

const NOW = '2026-11-24';
const TOKEN = 'bench-token-0123456789abcdef';
const WARM_UP = 3;

interface BenchCase {
  server: McpServerName;
  tool: string;
  args: Record<string, unknown>;
  direct: (backends: McpBackends) => Promise<unknown>;
}

const CASES: BenchCase[] = [
  {
    server: 'cost-explorer',
    tool: 'get_cost_and_usage',
    args: { period: { start: '2026-10-01', end: '2026-11-01' }, group_by: ['service'] },
    direct: (backends) =>
      backends.costExplorer.getCostAndUsage(
        getCostAndUsageInput.parse({
          period: { start: '2026-10-01', end: '2026-11-01' },
          group_by: ['service'],
        }),
      ),
  },
  {
    server: 'cloudwatch',
    tool: 'get_utilization_summary',
    args: { resource_type: 'ec2' },
    direct: (backends) =>
      backends.cloudwatch.getUtilizationSummary(getUtilizationSummaryInput.parse({ resource_type: 'ec2' })),
  },
];

/**
 * Tool-call latency on the demo organisation: the backend method called directly, then the same
 * call through an MCP client over the in-memory linked transport, a spawned stdio process and
 * streamable HTTP on loopback. The ratios are what the protocol and transport add.
 */
export async function benchMcp({ iterations = 30 }: { iterations?: number } = {}): Promise<McpBenchRow[]> {
  const work = mkdtempSync(join(tmpdir(), 'finops-mcp-bench-'));
  const quiet = { out: () => {}, err: () => {}, color: false };
  try {
    const inProcessDir = join(work, 'in-process');
    if ((await main(['demo', '--data-dir', inProcessDir, '--now', NOW], quiet)) !== 0) {
      throw new Error('demo generation failed');
    }
    // The stdio child needs its own copy: DuckDB lets one process write a database file at a time.
    const childDir = join(work, 'child');
    cpSync(inProcessDir, childDir, { recursive: true });

    const config = loadConfig({ dataDir: inProcessDir, now: NOW }, {});
    const runtime = await createRuntime(config);
    const rows: McpBenchRow[] = [];
    try {
      const backends = await createBackends(config, runtime);
      const factory = (name: McpServerName) => () =>
        createMcpServer(name, backends, { requiredTags: config.requiredTags });
      const http = await startHttpServer({
        servers: { 'cost-explorer': factory('cost-explorer'), cloudwatch: factory('cloudwatch') },
        port: 0,
        token: TOKEN,
      });
      try {
        for (const benchCase of CASES) {
          const call = (client: Client) => async () => {
            const result = await client.callTool({ name: benchCase.tool, arguments: benchCase.args });
            if (result.isError)
              throw new Error(`${benchCase.tool} failed: ${JSON.stringify(result.content)}`);
          };
          const direct = await measure(() => benchCase.direct(backends), iterations);

          const memoryClient = await connectInMemory(factory(benchCase.server)());
          const inMemory = await measure(call(memoryClient), iterations);
          await memoryClient.close();

          const httpClient = new Client({ name: 'bench', version: '1' });
          await httpClient.connect(
            new StreamableHTTPClientTransport(new URL(http.endpoints[benchCase.server] ?? ''), {
              requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } },
            }),
          );
          const overHttp = await measure(call(httpClient), iterations);
          await httpClient.close();

          const stdioClient = new Client({ name: 'bench', version: '1' });
          await stdioClient.connect(
            new StdioClientTransport(
              finopsMcpProcess([benchCase.server, '--data-dir', childDir, '--now', NOW]),
            ),
          );
          const overStdio = await measure(call(stdioClient), iterations);
          await stdioClient.close();

          const directP50 = percentile(direct, 50);
          rows.push({
            tool: benchCase.tool,
            server: benchCase.server,
            directP50Ms: directP50,
            inMemoryP50Ms: percentile(inMemory, 50),
            stdioP50Ms: percentile(overStdio, 50),
            httpP50Ms: percentile(overHttp, 50),
            inMemoryRatio: percentile(inMemory, 50) / directP50,
            stdioRatio: percentile(overStdio, 50) / directP50,
            httpRatio: percentile(overHttp, 50) / directP50,
          });
        }
      } finally {
        await http.close();
      }
    } finally {
      runtime.close();
    }
    return rows;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function measure(work: () => Promise<unknown>, iterations: number): Promise<number[]> {
  for (let index = 0; index < WARM_UP; index += 1) await work();
  return sample(work, iterations);
}
