import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedCloudWatchBackend } from '../../../mcp/backends/embedded-cloudwatch.ts';
import type { GetMetricDataOutput, GetUtilizationSummaryOutput } from '../../../mcp/contracts/cloudwatch.ts';
import { createCloudWatchServer } from '../../../mcp/servers/cloudwatch-server.ts';
import { type DemoManifest, generateDemoOrganisation } from '../../../src/demo/index.ts';
import { toDate } from '../../../src/domain/index.ts';
import { createDuckDbInventory } from '../../../src/inventory/index.ts';
import { type Database, openDatabase } from '../../../src/store/database.ts';

const TODAY = '2026-11-24';
/** The demo's hourly data ends on 2026-11-23: the default summary window is the 14 days before. */
const DEFAULT_WINDOW = { start: '2026-11-10', end: '2026-11-24' };

function text(result: CallToolResult): string {
  return result.content.map((part) => (part.type === 'text' ? part.text : '')).join('\n');
}

describe('cloudwatch MCP server on the demo organisation', () => {
  let db: Database;
  let manifest: DemoManifest;
  let client: Client;
  const logged: string[] = [];

  const call = async (name: string, args: Record<string, unknown>): Promise<CallToolResult> =>
    (await client.callTool({ name, arguments: args })) as CallToolResult;
  const summary = async (args: Record<string, unknown>): Promise<GetUtilizationSummaryOutput> => {
    const result = await call('get_utilization_summary', args);
    expect(result.isError, text(result)).toBeFalsy();
    return result.structuredContent as GetUtilizationSummaryOutput;
  };
  const metricData = async (args: Record<string, unknown>): Promise<GetMetricDataOutput> => {
    const result = await call('get_metric_data', args);
    expect(result.isError, text(result)).toBeFalsy();
    return result.structuredContent as GetMetricDataOutput;
  };
  const storyIds = (id: string): string[] => {
    const story = manifest.stories.find((candidate) => candidate.id === id);
    if (!story?.resourceIds) throw new Error(`the demo has no story ${id}`);
    return story.resourceIds;
  };

  beforeAll(async () => {
    db = await openDatabase({ dataDir: ':memory:' });
    manifest = await generateDemoOrganisation(db, { now: toDate(TODAY), seed: 42 });
    const inventory = createDuckDbInventory({ db });
    const backend = createEmbeddedCloudWatchBackend({ db, inventory, now: () => toDate(TODAY) });
    const server = createCloudWatchServer(backend, { logger: (message) => logged.push(message) });
    const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
    client = new Client({ name: 'cloudwatch-test', version: '0.0.0' });
    await server.connect(serverTransport);
    await client.connect(clientTransport);
  });
  afterAll(async () => {
    await client.close();
    db.close();
  });

  it('should list both tools with input and output schemas and a description with an example', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(['get_metric_data', 'get_utilization_summary']);
    for (const tool of tools) {
      expect(tool.description).toMatch(/Example: \{/);
      expect(tool.outputSchema?.properties).toHaveProperty('provenance');
    }
    const metric = tools.find((tool) => tool.name === 'get_metric_data');
    expect(metric?.inputSchema.required).toEqual(
      expect.arrayContaining(['resource_ids', 'metric', 'period']),
    );
  });

  describe('get_utilization_summary', () => {
    it("should put the demo's idle instances first, with CPU p95 under 5 % equal to quantile_cont over the hourly table", async () => {
      const idle = storyIds('idle-ec2-instances');
      const result = await summary({ resource_type: 'ec2' });
      expect(result.window).toEqual(DEFAULT_WINDOW);
      expect(result.resources).toHaveLength(50);
      expect(result.next_page_token).toBeDefined();
      const first = result.resources.slice(0, idle.length);
      expect(first.map((row) => row.resource_id).sort()).toEqual([...idle].sort());

      const expected = await db.all<{
        resource_id: string;
        p50: number;
        p95: number;
        max: number;
        n: number;
      }>(
        `SELECT resource_id, quantile_cont(value, 0.5) AS p50, quantile_cont(value, 0.95) AS p95,
           max(value) AS max, count(*) AS n
         FROM utilization_hourly WHERE metric = 'cpu_percent' AND resource_id IN (?, ?, ?)
           AND ts >= TIMESTAMP '2026-11-10' AND ts < TIMESTAMP '2026-11-24' GROUP BY 1`,
        idle.slice(0, 3),
      );
      expect(expected).toHaveLength(3);
      for (const row of expected) {
        const cpu = first.find((candidate) => candidate.resource_id === row.resource_id)?.metrics
          .CPUUtilization;
        expect(cpu?.p95).toBeLessThan(5);
        expect(cpu?.p95).toBeCloseTo(row.p95, 9);
        expect(cpu?.p50).toBeCloseTo(row.p50, 9);
        expect(cpu?.max).toBeCloseTo(row.max, 9);
        expect(cpu?.datapoints).toBe(14 * 24);
      }
      expect(result.provenance).toMatchObject({
        kind: 'demo',
        data_through: '2026-11-23',
        period: DEFAULT_WINDOW,
      });
    });

    it('should map NetworkIn and mem_used_percent onto the hourly table, memory only where the agent reports it', async () => {
      const result = await summary({ resource_type: 'ec2', sort_by: 'resource_id', limit: 500 });
      expect(result.resources).toHaveLength(129);
      const withMemory = result.resources.filter((row) => row.metrics.mem_used_percent);
      const [memoryCount] = await db.all<{ n: number }>(
        `SELECT count(DISTINCT resource_id) AS n FROM utilization_hourly u JOIN resources r USING (resource_id)
         WHERE r.resource_type = 'ec2_instance' AND u.metric = 'memory_percent'
           AND ts >= TIMESTAMP '2026-11-10' AND ts < TIMESTAMP '2026-11-24'`,
      );
      expect(withMemory.length).toBe(Number(memoryCount?.n));
      const sample = result.resources[7];
      const [network] = await db.all<{ p95: number }>(
        `SELECT quantile_cont(value, 0.95) AS p95 FROM utilization_hourly WHERE resource_id = ?
           AND metric = 'network_in_bytes' AND ts >= TIMESTAMP '2026-11-10' AND ts < TIMESTAMP '2026-11-24'`,
        [sample?.resource_id ?? ''],
      );
      expect(sample?.metrics.NetworkIn?.p95).toBeCloseTo(network?.p95 ?? Number.NaN, 6);
      const ids = result.resources.map((row) => row.resource_id);
      expect(ids).toEqual([...ids].sort());
    });

    it('should walk every EC2 instance exactly once through the pages, highest CPU p95 first on request', async () => {
      const seen: string[] = [];
      let token: string | undefined;
      let pages = 0;
      let previousP95 = Number.POSITIVE_INFINITY;
      do {
        const page = await summary({
          resource_type: 'ec2',
          sort_by: 'cpu_p95_desc',
          limit: 50,
          ...(token ? { page_token: token } : {}),
        });
        for (const row of page.resources) {
          const p95 = row.metrics.CPUUtilization?.p95 ?? Number.NEGATIVE_INFINITY;
          expect(p95).toBeLessThanOrEqual(previousP95);
          previousP95 = p95;
          seen.push(row.resource_id);
        }
        expect(page.truncated).toBe(page.next_page_token !== undefined);
        token = page.next_page_token;
        pages += 1;
      } while (token);
      const all = await db.all<{ resource_id: string }>(
        `SELECT resource_id FROM resources WHERE resource_type = 'ec2_instance' ORDER BY 1`,
      );
      expect(pages).toBe(3);
      expect([...seen].sort()).toEqual(all.map((row) => row.resource_id));
    });

    it('should refuse a page token from another query', async () => {
      const first = await summary({ resource_type: 'ec2', limit: 10 });
      const result = await call('get_utilization_summary', {
        resource_type: 'rds',
        limit: 10,
        page_token: first.next_page_token,
      });
      expect(result.isError).toBe(true);
      expect(text(result)).toMatch(/page_token does not belong to this query/);
    });

    it('should show the idle RDS instance with no connections in the window, equal to SQL', async () => {
      const [idleDb] = storyIds('idle-rds-instance');
      const result = await summary({ resource_type: 'rds', resource_ids: ['orders-legacy-db'] });
      expect(result.resources).toHaveLength(1);
      const row = result.resources[0];
      expect(row?.resource_id).toBe(idleDb);
      const [expected] = await db.all<{ max: number; p95: number }>(
        `SELECT max(value) AS max, quantile_cont(value, 0.95) AS p95 FROM utilization_hourly
         WHERE resource_id = ? AND metric = 'cpu_percent' AND ts >= TIMESTAMP '2026-11-10' AND ts < TIMESTAMP '2026-11-24'`,
        [idleDb ?? ''],
      );
      expect(row?.metrics.DatabaseConnections?.max).toBe(0);
      expect(row?.metrics.CPUUtilization?.p95).toBeCloseTo(expected?.p95 ?? Number.NaN, 9);
      expect(Object.keys(row?.metrics ?? {}).sort()).toEqual(['CPUUtilization', 'DatabaseConnections']);
    });

    it('should answer EBS with empty metrics and a message that the dataset has no volume metrics', async () => {
      const result = await summary({ resource_type: 'ebs', limit: 5 });
      expect(result.resources).toHaveLength(5);
      for (const row of result.resources) expect(row.metrics).toEqual({});
      expect(result.messages?.join('\n')).toMatch(/holds no EBS metrics \(VolumeReadOps/);
    });

    it('should honour an explicit window and name ids that are not of the type', async () => {
      const idle = storyIds('idle-ec2-instances');
      const result = await summary({
        resource_type: 'ec2',
        resource_ids: [idle[0], 'vol-00030c53f9e4a0911', 'i-doesnotexist'],
        period: { start: '2026-11-01', end: '2026-11-03' },
      });
      expect(result.window).toEqual({ start: '2026-11-01', end: '2026-11-03' });
      expect(result.resources.map((row) => row.resource_id)).toEqual([idle[0]]);
      expect(result.resources[0]?.metrics.CPUUtilization?.datapoints).toBe(48);
      expect(result.messages).toEqual([
        'vol-00030c53f9e4a0911: its type is ebs_volume; this call asks for ec2_instance',
        'i-doesnotexist: not in the inventory',
      ]);
    });
  });

  describe('get_metric_data', () => {
    it('should aggregate daily points in SQL: Average, Maximum and p95 per day equal to the raw hours', async () => {
      const [id] = storyIds('idle-ec2-instances');
      const result = await metricData({
        resource_ids: [id],
        metric: 'CPUUtilization',
        period: { start: '2026-11-01', end: '2026-11-24' },
        period_seconds: 86400,
        percentiles: ['p95'],
      });
      expect(result.series.map((series) => series.statistic)).toEqual(['Average', 'Maximum', 'p95']);
      const expected = await db.all<{ day: string; average: number; maximum: number; p95: number }>(
        `SELECT strftime(date_trunc('day', ts), '%Y-%m-%d') AS day, avg(value) AS average, max(value) AS maximum,
           quantile_cont(value, 0.95) AS p95
         FROM utilization_hourly WHERE resource_id = ? AND metric = 'cpu_percent'
           AND ts >= TIMESTAMP '2026-11-01' AND ts < TIMESTAMP '2026-11-24' GROUP BY 1 ORDER BY 1`,
        [id ?? ''],
      );
      expect(expected).toHaveLength(23);
      const [average, maximum, p95] = result.series;
      expect(average?.unit).toBe('Percent');
      expect(average?.points.map((point) => point.timestamp)).toEqual(
        expected.map((row) => `${row.day}T00:00:00Z`),
      );
      expected.forEach((row, index) => {
        expect(average?.points[index]?.value).toBeCloseTo(row.average, 9);
        expect(maximum?.points[index]?.value).toBeCloseTo(row.maximum, 9);
        expect(p95?.points[index]?.value).toBeCloseTo(row.p95, 9);
      });
      expect(result.messages).toEqual([]);
      expect(result.provenance).toMatchObject({ kind: 'demo', metric: 'CPUUtilization' });
    });

    it('should return the raw hours at period 3600, sum bytes per day, and accept a DB identifier or an ARN', async () => {
      const [instance] = storyIds('idle-ec2-instances');
      const hourly = await metricData({
        resource_ids: [`arn:aws:ec2:us-east-1:123456789012:instance/${instance}`],
        metric: 'NetworkIn',
        period: { start: '2026-11-20', end: '2026-11-21' },
        statistics: ['Sum', 'SampleCount'],
      });
      const raw = await db.all<{ value: number }>(
        `SELECT value FROM utilization_hourly WHERE resource_id = ? AND metric = 'network_in_bytes'
           AND ts >= TIMESTAMP '2026-11-20' AND ts < TIMESTAMP '2026-11-21' ORDER BY ts`,
        [instance ?? ''],
      );
      expect(hourly.series[0]?.points.map((point) => point.value)).toEqual(raw.map((row) => row.value));
      expect(hourly.series[0]?.unit).toBe('Bytes');
      expect(hourly.series[1]?.points.every((point) => point.value === 1)).toBe(true);
      expect(hourly.series[1]?.unit).toBe('Count');

      const daily = await metricData({
        resource_ids: ['orders-legacy-db'],
        metric: 'DatabaseConnections',
        period: { start: '2026-10-25', end: '2026-11-24' },
        period_seconds: 86400,
        statistics: ['Maximum'],
      });
      const [expected] = await db.all<{ busy: number }>(
        `SELECT count(*) AS busy FROM (SELECT date_trunc('day', ts) AS day, max(value) AS m FROM utilization_hourly
           WHERE resource_id LIKE '%:db:orders-legacy-db' AND metric = 'db_connections' GROUP BY 1) WHERE m > 0`,
      );
      const busyDays = daily.series[0]?.points.filter((point) => point.value > 0).length;
      expect(busyDays).toBe(Number(expected?.busy));
      expect(daily.series[0]?.points).toHaveLength(30);
      expect(daily.series[0]?.points.slice(-14).every((point) => point.value === 0)).toBe(true);
    });

    it('should page through series and refuse a token used with other arguments', async () => {
      const ids = storyIds('oversized-ec2-instances').slice(0, 3);
      const args = {
        resource_ids: ids,
        metric: 'CPUUtilization',
        period: { start: '2026-11-22', end: '2026-11-24' },
        period_seconds: 86400,
        statistics: ['Average', 'Minimum', 'Maximum'],
        limit: 4,
      };
      const series: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await metricData({ ...args, ...(token ? { page_token: token } : {}) });
        expect(page.series.length).toBeLessThanOrEqual(4);
        series.push(...page.series.map((entry) => `${entry.resource_id}/${entry.statistic}`));
        token = page.next_page_token;
        pages += 1;
        if (pages === 1) {
          const wrong = await call('get_metric_data', { ...args, metric: 'NetworkOut', page_token: token });
          expect(wrong.isError).toBe(true);
          expect(text(wrong)).toMatch(/next_page_token of the previous call with the same arguments/);
        }
      } while (token);
      expect(pages).toBe(3);
      expect(series).toEqual(
        ids.flatMap((id) => ['Average', 'Minimum', 'Maximum'].map((stat) => `${id}/${stat}`)),
      );
    });

    it('should lower the series per page so a page of 50 instances over 30 days of hours stays under 10,000 points', async () => {
      const ids = await db.all<{ resource_id: string }>(
        `SELECT resource_id FROM resources WHERE resource_type = 'ec2_instance' ORDER BY 1 LIMIT 50`,
      );
      const args = {
        resource_ids: ids.map((row) => row.resource_id),
        metric: 'CPUUtilization',
        period: { start: '2026-10-01', end: '2026-12-01' },
      };
      let token: string | undefined;
      let series = 0;
      let points = 0;
      let pages = 0;
      do {
        const page = await metricData({ ...args, ...(token ? { page_token: token } : {}) });
        const pagePoints = page.series.reduce((sum, entry) => sum + entry.points.length, 0);
        expect(pagePoints).toBeLessThanOrEqual(10_000);
        expect(page.messages).toContainEqual(expect.stringMatching(/^13 series per page \(not 50\)/));
        series += page.series.length;
        points += pagePoints;
        token = page.next_page_token;
        pages += 1;
      } while (token);
      const [expected] = await db.all<{ n: number }>(
        `SELECT count(*) AS n FROM utilization_hourly WHERE metric = 'cpu_percent'
           AND resource_id IN (SELECT resource_id FROM resources WHERE resource_type = 'ec2_instance' ORDER BY 1 LIMIT 50)`,
      );
      expect(series).toBe(100);
      expect(pages).toBe(Math.ceil(100 / 13));
      expect(points).toBe(2 * Number(expected?.n));
    });

    it('should list resources without data in messages instead of failing', async () => {
      const [instance] = storyIds('idle-ec2-instances');
      const [volume] = storyIds('gp2-volumes');
      const withoutAgent = await db.all<{ resource_id: string }>(
        `SELECT resource_id FROM resources WHERE resource_type = 'ec2_instance' AND resource_id NOT IN
           (SELECT resource_id FROM utilization_hourly WHERE metric = 'memory_percent') ORDER BY 1 LIMIT 1`,
      );
      const memory = await metricData({
        resource_ids: [withoutAgent[0]?.resource_id, 'i-0nothere'],
        metric: 'mem_used_percent',
        period: { start: '2026-11-01', end: '2026-11-02' },
      });
      expect(memory.series).toEqual([]);
      expect(memory.messages).toHaveLength(2);
      expect(memory.messages).toContainEqual(
        expect.stringMatching(
          /mem_used_percent datapoints: memory is only reported where the CloudWatch agent runs/,
        ),
      );
      expect(memory.messages).toContainEqual(expect.stringMatching(/^i-0nothere: not in the inventory/));

      const ebs = await metricData({
        resource_ids: [volume],
        metric: 'VolumeReadOps',
        period: { start: '2026-11-01', end: '2026-11-02' },
      });
      expect(ebs.series).toEqual([]);
      expect(ebs.messages).toEqual([expect.stringMatching(/VolumeReadOps is not in the embedded dataset/)]);

      const wrongType = await metricData({
        resource_ids: [instance],
        metric: 'DatabaseConnections',
        period: { start: '2026-11-01', end: '2026-11-02' },
      });
      expect(wrongType.messages[0]).toMatch(/ec2_instance does not report DatabaseConnections/);
    });

    it('should reject an unknown metric with the list of known ones, suggesting the right case', async () => {
      const unknown = await call('get_metric_data', {
        resource_ids: ['i-1'],
        metric: 'DiskSpaceUtilization',
        period: { start: '2026-11-01', end: '2026-11-02' },
      });
      expect(unknown.isError).toBe(true);
      expect(text(unknown)).toMatch(
        /unknown metric "DiskSpaceUtilization": use one of CPUUtilization, mem_used_percent/,
      );
      const wrongCase = await call('get_metric_data', {
        resource_ids: ['i-1'],
        metric: 'cpuutilization',
        period: { start: '2026-11-01', end: '2026-11-02' },
      });
      expect(text(wrongCase)).toMatch(/did you mean CPUUtilization\?/);
      expect(logged.some((line) => line.startsWith('get_metric_data failed: unknown metric'))).toBe(true);
    });

    it.each([
      ['a 61-second period', { period_seconds: 61 }, /period_seconds is a multiple of 60/],
      [
        '51 resource ids',
        { resource_ids: Array.from({ length: 51 }, (_, i) => `i-${i}`) },
        /expected array to have <=50 items at resource_ids/,
      ],
      ['a malformed percentile', { percentiles: ['95th'] }, /percentiles are written p50, p95, p99\.9/],
      [
        'an end before the start',
        { period: { start: '2026-11-05', end: '2026-11-01' } },
        /end must be after start/,
      ],
      ['a day in another format', { period: { start: '01/11/2026', end: '2026-11-02' } }, /YYYY-MM-DD/],
      ['an unknown statistic', { statistics: ['Median'] }, /statistics/],
    ])('should reject %s with a message naming the field', async (_label, override, message) => {
      const result = await call('get_metric_data', {
        resource_ids: ['i-1'],
        metric: 'CPUUtilization',
        period: { start: '2026-11-01', end: '2026-11-02' },
        ...override,
      });
      expect(result.isError).toBe(true);
      expect(text(result)).toMatch(message);
    });
  });

  describe('rightsizing-review prompt', () => {
    it('should be listed with its arguments and tell the model which tools and thresholds to use', async () => {
      const { prompts } = await client.listPrompts();
      const prompt = prompts.find((candidate) => candidate.name === 'rightsizing-review');
      expect(prompt?.arguments?.map((argument) => [argument.name, argument.required])).toEqual([
        ['resource_type', true],
        ['account', false],
      ]);
      const result = await client.getPrompt({
        name: 'rightsizing-review',
        arguments: { resource_type: 'rds', account: '442069174385' },
      });
      const body = result.messages[0]?.content.type === 'text' ? result.messages[0].content.text : '';
      expect(body).toContain('{"resource_type": "rds", "sort_by": "cpu_p95_asc"}');
      expect(body).toContain('account_id is 442069174385');
      expect(body).toMatch(/DatabaseConnections max of 0/);
    });

    it('should refuse an account that is not 12 digits', async () => {
      await expect(
        client.getPrompt({
          name: 'rightsizing-review',
          arguments: { resource_type: 'ec2', account: 'prod' },
        }),
      ).rejects.toThrow(/12 digits/);
    });
  });
});
