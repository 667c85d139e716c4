import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getCostAndUsageOutput,
  getDimensionValuesOutput,
  getTagValuesOutput,
} from '../../../mcp/contracts/cost-explorer.ts';
import { BASE_DIMENSIONS } from '../../../src/domain/index.ts';
import { LINE_ITEM_COLUMNS } from '../../../src/store/schema.ts';
import { type DemoHarness, openDemoHarness, resourceText, textOf } from './support/demo-client.ts';

const NOVEMBER = { start: '2026-11-01', end: '2026-12-01' };
const AUTUMN = { start: '2026-09-01', end: '2026-12-01' };

describe('cost-explorer MCP server: paging, bad arguments, resources and the prompt', () => {
  let harness: DemoHarness;

  beforeAll(async () => {
    harness = await openDemoHarness();
  }, 60_000);

  afterAll(async () => {
    await harness.close();
  });

  async function errorText(name: string, args: Record<string, unknown>): Promise<string> {
    const result = await harness.call(name, args);
    expect(result.isError, `${name} ${JSON.stringify(args)} should fail`).toBe(true);
    expect(result.structuredContent).toBeUndefined();
    return textOf(result);
  }

  describe('pagination', () => {
    it('should walk every row with limit 2 and page_token, with no gaps or repeats', async () => {
      const args = { period: AUTUMN, granularity: 'month', group_by: ['service'] };
      const whole = getCostAndUsageOutput.parse(
        (await harness.call('get_cost_and_usage', { ...args, limit: 500 })).structuredContent,
      );
      const expected = await harness.db.all<{ month: string; service: string }>(
        `SELECT CAST(date_trunc('month', x_ChargeDate) AS DATE) AS month, ServiceName AS service
         FROM line_items WHERE x_ChargeDate >= DATE '${AUTUMN.start}' AND x_ChargeDate < DATE '${AUTUMN.end}'
         GROUP BY 1, 2`,
      );
      expect(whole.row_count).toBe(expected.length);
      expect(whole.truncated).toBe(false);
      expect(whole.next_page_token).toBeUndefined();

      const walked: typeof whole.rows = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = getCostAndUsageOutput.parse(
          (
            await harness.call('get_cost_and_usage', {
              ...args,
              limit: 2,
              ...(token ? { page_token: token } : {}),
            })
          ).structuredContent,
        );
        expect(page.rows.length).toBeLessThanOrEqual(2);
        expect(page.total).toBeCloseTo(whole.total, 6);
        expect(page.truncated).toBe(page.next_page_token !== undefined);
        walked.push(...page.rows);
        token = page.next_page_token;
        pages++;
      } while (token && pages < 100);
      expect(pages).toBe(Math.ceil(expected.length / 2));
      expect(walked).toEqual(whole.rows);
      const keys = walked.map((row) => `${row.period_start} ${row.group.service}`);
      expect(new Set(keys).size).toBe(expected.length);
    });

    it('should page dimension and tag values the same way', async () => {
      const all = getDimensionValuesOutput.parse(
        (await harness.call('get_dimension_values', { dimension: 'usage_type', limit: 500 }))
          .structuredContent,
      );
      const first = getDimensionValuesOutput.parse(
        (await harness.call('get_dimension_values', { dimension: 'usage_type', limit: 5 })).structuredContent,
      );
      const second = getDimensionValuesOutput.parse(
        (
          await harness.call('get_dimension_values', {
            dimension: 'usage_type',
            limit: 5,
            page_token: first.next_page_token,
          })
        ).structuredContent,
      );
      expect([...first.values, ...second.values]).toEqual(all.values.slice(0, 10));
      const keys = getTagValuesOutput.parse(
        (await harness.call('get_tag_values', { limit: 1 })).structuredContent,
      );
      expect(keys.values).toHaveLength(1);
      expect(keys.truncated).toBe(true);
    });

    it('should refuse a page token reused with other arguments, saying how to fix the call', async () => {
      const first = getCostAndUsageOutput.parse(
        (
          await harness.call('get_cost_and_usage', {
            period: NOVEMBER,
            granularity: 'total',
            group_by: ['service'],
            limit: 2,
          })
        ).structuredContent,
      );
      expect(first.next_page_token).toBeDefined();
      const text = await errorText('get_cost_and_usage', {
        period: NOVEMBER,
        granularity: 'total',
        group_by: ['sub_account'],
        limit: 2,
        page_token: first.next_page_token,
      });
      expect(text).toMatch(/page_token does not belong to this query.*omit it to start again/);
      const other = await errorText('get_dimension_values', {
        dimension: 'service',
        page_token: first.next_page_token,
      });
      expect(other).toMatch(/page_token/);
    });
  });

  describe('bad arguments', () => {
    it('should reject an end before the start, naming the field', async () => {
      const text = await errorText('get_cost_and_usage', {
        period: { start: '2026-11-05', end: '2026-11-01' },
      });
      expect(text).toMatch(/end must be after start.*period/);
      expect(
        await errorText('compare_periods', {
          current: NOVEMBER,
          previous: { start: '2026-10-31', end: '2026-10-01' },
        }),
      ).toMatch(/previous/);
    });

    it('should reject an unknown dimension, naming the field and the dimensions there are', async () => {
      const text = await errorText('get_cost_and_usage', { period: NOVEMBER, group_by: ['colour'] });
      expect(text).toMatch(/group_by/);
      expect(text).toMatch(/sub_account/);
      expect(text).toMatch(/tag:<key>/);
      expect(await errorText('get_dimension_values', { dimension: 'team' })).toMatch(/dimension/);
    });

    it('should reject an in filter without values, naming the filter', async () => {
      const text = await errorText('get_cost_and_usage', {
        period: NOVEMBER,
        filters: [{ dimension: 'service', op: 'in' }],
      });
      expect(text).toMatch(/filters\[0\]/);
      expect(text).toMatch(/need at least one value in values/);
    });

    it('should reject a limit above 500, naming the field and the maximum', async () => {
      const text = await errorText('get_cost_and_usage', { period: NOVEMBER, limit: 10_000 });
      expect(text).toMatch(/limit/);
      expect(text).toMatch(/500/);
    });

    it('should reject a day that is not on the calendar', async () => {
      const text = await errorText('get_cost_and_usage', {
        period: { start: '2026-02-30', end: '2026-03-02' },
      });
      expect(text).toMatch(/period\.start: 2026-02-30 is not a calendar date/);
      const compared = await errorText('compare_periods', {
        current: { start: '2026-11-01', end: '2026-11-31' },
        previous: { start: '2026-10-01', end: '2026-11-01' },
      });
      expect(compared).toMatch(/current\.end: 2026-11-31 is not a calendar date/);
    });

    it('should answer an unknown service with the services there are instead of an empty result', async () => {
      const text = await errorText('get_cost_and_usage', {
        period: NOVEMBER,
        filters: [{ dimension: 'service', op: 'in', values: ['Snowflake'] }],
      });
      expect(text).toMatch(/filters\[0\]: no service "Snowflake" in the data/);
      expect(text).toMatch(/"Amazon Elastic Compute Cloud"/);
      expect(text).toMatch(/get_dimension_values/);
    });

    it('should suggest close names for a near miss in every tool that takes filters', async () => {
      const filters = [{ dimension: 'sub_account', values: ['prod'] }];
      const tools: [string, Record<string, unknown>][] = [
        ['get_cost_and_usage', { period: NOVEMBER, filters }],
        [
          'compare_periods',
          { current: NOVEMBER, previous: { start: '2026-10-01', end: '2026-11-01' }, filters },
        ],
        [
          'explain_change',
          { current: NOVEMBER, previous: { start: '2026-10-01', end: '2026-11-01' }, filters },
        ],
        ['get_cost_forecast', { period: NOVEMBER, filters }],
        ['get_anomalies', { period: NOVEMBER, filters }],
      ];
      for (const [name, args] of tools) {
        const text = await errorText(name, args);
        expect(text, name).toMatch(/no account "prod" in the data; did you mean .*acme-prod/);
      }
    });

    it('should reject a tag key the data does not have, listing the keys it has', async () => {
      const text = await errorText('get_cost_and_usage', { period: NOVEMBER, group_by: ['tag:Team'] });
      expect(text).toMatch(/group_by\[0\]: no tag key "Team" in the data; did you mean tag:team/);
      expect(await errorText('get_tag_values', { tag_key: 'colour' })).toMatch(
        /no tag key "colour".*tag:team.*get_tag_values/,
      );
    });

    it('should not log mistakes the caller can fix', () => {
      expect(harness.logged).toEqual([]);
    });
  });

  describe('resources', () => {
    it('should list the schema and range resources', async () => {
      const { resources } = await harness.client.listResources();
      expect(resources.map((resource) => resource.uri).sort()).toEqual([
        'finops://dataset/range',
        'finops://dataset/schema',
      ]);
    });

    it('should describe the FOCUS columns, every dimension with its column, and the metrics', async () => {
      const { contents } = await harness.client.readResource({ uri: 'finops://dataset/schema' });
      const document = JSON.parse(resourceText(contents)) as {
        columns: { name: string; type: string }[];
        dimensions: { name: string; column: string }[];
        metrics: { name: string }[];
      };
      expect(document.columns.map((column) => column.name)).toEqual(LINE_ITEM_COLUMNS.map(([name]) => name));
      const columnNames = new Set(LINE_ITEM_COLUMNS.map(([name]) => name as string));
      for (const dimension of BASE_DIMENSIONS) {
        const described = document.dimensions.find((entry) => entry.name === dimension);
        expect(described, dimension).toBeDefined();
        expect(columnNames.has(described?.column ?? ''), dimension).toBe(true);
      }
      expect(document.metrics.map((metric) => metric.name)).toContain('NetAmortizedCost');
    });

    it("should give the data's date range and source as SQL finds them", async () => {
      const [range] = await harness.db.all<{ first: string; after: string; accounts: number }>(
        `SELECT min(x_ChargeDate) AS first, CAST(max(x_ChargeDate) + INTERVAL 1 DAY AS DATE) AS after,
           count(DISTINCT SubAccountId) AS accounts FROM line_items`,
      );
      const { contents } = await harness.client.readResource({ uri: 'finops://dataset/range' });
      const document = JSON.parse(resourceText(contents));
      expect(document).toMatchObject({
        start: range?.first,
        end: range?.after,
        accounts: range?.accounts,
        provenance: { kind: 'demo', source: 'demo organisation (seed 42)', data_through: '2026-11-23' },
      });
    });
  });

  describe('monthly-cost-review prompt', () => {
    it('should be listed with an optional month argument', async () => {
      const { prompts } = await harness.client.listPrompts();
      const prompt = prompts.find((candidate) => candidate.name === 'monthly-cost-review');
      expect(prompt?.arguments).toEqual([expect.objectContaining({ name: 'month', required: false })]);
    });

    it('should give the month and the month before as ranges, and name only tools the server has', async () => {
      const result = await harness.client.getPrompt({
        name: 'monthly-cost-review',
        arguments: { month: '2026-10' },
      });
      const text = result.messages.map((message) =>
        message.content.type === 'text' ? message.content.text : '',
      )[0];
      expect(text).toContain('October 2026');
      expect(text).toContain('{"start":"2026-10-01","end":"2026-11-01"}');
      expect(text).toContain('{"start":"2026-09-01","end":"2026-10-01"}');
      const { tools } = await harness.client.listTools();
      const named = [...(text ?? '').matchAll(/\b(get_[a-z_]+|compare_periods|explain_change)\b/g)].map(
        (match) => match[1],
      );
      expect(new Set(named).size).toBeGreaterThanOrEqual(7);
      for (const name of named) expect(tools.map((tool) => tool.name)).toContain(name);
    });

    it('should point at the range resource when no month is given, and refuse a month that is not YYYY-MM', async () => {
      const result = await harness.client.getPrompt({ name: 'monthly-cost-review', arguments: {} });
      expect(JSON.stringify(result.messages)).toContain('finops://dataset/range');
      await expect(
        harness.client.getPrompt({ name: 'monthly-cost-review', arguments: { month: '2026-13' } }),
      ).rejects.toThrow(/YYYY-MM/);
    });
  });
});
