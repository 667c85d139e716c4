import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedTaggingBackend } from '../../../mcp/backends/embedded-tagging.ts';
import type {
  GetResourcesOutput,
  GetTagComplianceOutput,
  GetTagKeysOutput,
  GetTagValuesForKeyOutput,
  GetUntaggedResourcesOutput,
} from '../../../mcp/contracts/tagging.ts';
import { createTaggingServer } from '../../../mcp/servers/tagging-server.ts';
import { generateDemoOrganisation } from '../../../src/demo/index.ts';
import { toDate } from '../../../src/domain/index.ts';
import { createDuckDbCostEngine } from '../../../src/engine/index.ts';
import { createDuckDbInventory } from '../../../src/inventory/index.ts';
import { type Database, openDatabase } from '../../../src/store/database.ts';
import { indexTagSets } from '../../../src/store/tag-sets.ts';

const TODAY = '2026-11-24';
const POLICY = ['team', 'env', 'cost-center', 'owner'];
/** The demo's billing data ends on 2026-11-23: the default spend window is the 30 days before. */
const DEFAULT_WINDOW = { start: '2026-10-25', end: '2026-11-24' };

function text(result: CallToolResult): string {
  return result.content.map((part) => (part.type === 'text' ? part.text : '')).join('\n');
}

/** SQL: the row (or resource) carries `key` with a non-empty value. */
function carries(column: string, key: string): string {
  return `len(list_filter(map_entries(${column}), entry -> entry.key = '${key}' AND coalesce(entry.value, '') <> '')) > 0`;
}
function carriesAll(column: string, keys: readonly string[]): string {
  return keys.map((key) => carries(column, key)).join(' AND ');
}

describe('tagging MCP server on the demo organisation', () => {
  let db: Database;
  let client: Client;

  const call = async (name: string, args: Record<string, unknown> = {}): Promise<CallToolResult> =>
    (await client.callTool({ name, arguments: args })) as CallToolResult;
  async function ok<T>(name: string, args: Record<string, unknown> = {}): Promise<T> {
    const result = await call(name, args);
    expect(result.isError, text(result)).toBeFalsy();
    return result.structuredContent as T;
  }
  const usageSpend = async (where: string, window = DEFAULT_WINDOW): Promise<number> => {
    const [row] = await db.all<{ spend: number | null }>(
      `SELECT sum(EffectiveCost) AS spend FROM line_items
       WHERE ChargeCategory = 'Usage' AND x_ChargeDate >= DATE '${window.start}' AND x_ChargeDate < DATE '${window.end}'
         AND (${where})`,
    );
    return Number(row?.spend ?? 0);
  };

  beforeAll(async () => {
    db = await openDatabase({ dataDir: ':memory:' });
    await generateDemoOrganisation(db, { now: toDate(TODAY), seed: 42 });
    await indexTagSets(db);
    const backend = createEmbeddedTaggingBackend({
      db,
      engine: createDuckDbCostEngine({ db }),
      inventory: createDuckDbInventory({ db }),
      requiredTags: POLICY,
      now: () => toDate(TODAY),
    });
    const server = createTaggingServer(backend, { requiredTags: POLICY });
    const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
    client = new Client({ name: 'tagging-test', version: '0.0.0' });
    await server.connect(serverTransport);
    await client.connect(clientTransport);
  });
  afterAll(async () => {
    await client.close();
    db.close();
  });

  it('should list the five tools, each with an example and output schema', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      'get_resources',
      'get_tag_compliance',
      'get_tag_keys',
      'get_tag_values',
      'get_untagged_resources',
    ]);
    for (const tool of tools) {
      expect(tool.description).toMatch(/Example: \{/);
      expect(tool.outputSchema?.properties).toHaveProperty('provenance');
    }
    expect(tools.find((tool) => tool.name === 'get_tag_compliance')?.description).toContain(
      'team, env, cost-center, owner',
    );
  });

  describe('get_tag_compliance', () => {
    it('should equal a SQL count over the line items and resources tags for the default policy and window', async () => {
      const report = await ok<GetTagComplianceOutput>('get_tag_compliance');
      const total = await usageSpend('true');
      const compliant = await usageSpend(carriesAll('Tags', POLICY));
      expect(report.required_tags).toEqual(POLICY);
      expect(report.spend.total).toBeCloseTo(total, 2);
      expect(report.spend.compliant).toBeCloseTo(compliant, 2);
      expect(report.spend.compliance_percent).toBeCloseTo((compliant / total) * 100, 1);
      expect(compliant).toBeLessThan(total);
      for (const key of POLICY) {
        const tagged = await usageSpend(carries('Tags', key));
        expect(report.spend.by_key.find((row) => row.key === key)?.tagged_spend).toBeCloseTo(tagged, 2);
      }
      const [resources] = await db.all<{ total: number; compliant: number }>(
        `SELECT count(*) AS total, count(*) FILTER (WHERE ${carriesAll('tags', POLICY)}) AS compliant FROM resources`,
      );
      expect(report.resources.total).toBe(Number(resources?.total));
      expect(report.resources.compliant).toBe(Number(resources?.compliant));
      const gaps = report.untagged_by_account_service.reduce((sum, row) => sum + row.spend, 0);
      expect(gaps).toBeCloseTo(total - compliant, 0);
      const spends = report.untagged_by_account_service.map((row) => row.spend);
      expect(spends).toEqual([...spends].sort((a, b) => b - a));
      expect(report.provenance).toMatchObject({
        kind: 'demo',
        metric: 'EffectiveCost',
        period: DEFAULT_WINDOW,
        currency: 'USD',
      });
    });

    it('should check another policy over another window when the call names them', async () => {
      const window = { start: '2026-09-01', end: '2026-10-01' };
      const report = await ok<GetTagComplianceOutput>('get_tag_compliance', {
        required_tags: ['owner'],
        period: window,
      });
      const total = await usageSpend('true', window);
      const compliant = await usageSpend(carries('Tags', 'owner'), window);
      expect(report.required_tags).toEqual(['owner']);
      expect(report.spend.total).toBeCloseTo(total, 2);
      expect(report.spend.compliant).toBeCloseTo(compliant, 2);
      expect(report.provenance.period).toEqual(window);
    });

    it.each([
      ['an empty policy', { required_tags: [] }, /required_tags/],
      [
        'a window ending before it starts',
        { period: { start: '2026-11-01', end: '2026-10-01' } },
        /end must be after start/,
      ],
    ])('should reject %s with a useful message', async (_label, args, message) => {
      const result = await call('get_tag_compliance', args);
      expect(result.isError).toBe(true);
      expect(text(result)).toMatch(message);
    });
  });

  describe('get_untagged_resources', () => {
    it('should page through every resource with non-compliant spend, largest first, equal to SQL', async () => {
      const rows: GetUntaggedResourcesOutput['resources'] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await ok<GetUntaggedResourcesOutput>('get_untagged_resources', {
          limit: 25,
          ...(token ? { page_token: token } : {}),
        });
        rows.push(...page.resources);
        token = page.next_page_token;
        pages += 1;
      } while (token);
      const expected = await db.all<{ id: string; spend: number }>(
        `SELECT ResourceId AS id, sum(EffectiveCost) AS spend FROM line_items
         WHERE ChargeCategory = 'Usage' AND x_ChargeDate >= DATE '${DEFAULT_WINDOW.start}' AND x_ChargeDate < DATE '${DEFAULT_WINDOW.end}'
           AND ResourceId IS NOT NULL AND NOT (${carriesAll('Tags', POLICY)})
         GROUP BY 1 HAVING sum(EffectiveCost) > 0.005 ORDER BY 2 DESC`,
      );
      expect(pages).toBe(Math.ceil(expected.length / 25));
      expect(rows.map((row) => row.resource_id).sort()).toEqual(expected.map((row) => row.id).sort());
      const spends = rows.map((row) => row.spend);
      expect(spends).toEqual([...spends].sort((a, b) => b - a));
      expect(rows[0]?.spend).toBeCloseTo(expected[0]?.spend ?? Number.NaN, 2);

      const top = rows[0];
      const missing: string[] = [];
      for (const key of POLICY) {
        const [row] = await db.all<{ n: number }>(
          `SELECT count(*) AS n FROM line_items WHERE ResourceId = ? AND ChargeCategory = 'Usage'
             AND x_ChargeDate >= DATE '${DEFAULT_WINDOW.start}' AND x_ChargeDate < DATE '${DEFAULT_WINDOW.end}'
             AND NOT (${carries('Tags', key)})`,
          [top?.resource_id ?? ''],
        );
        if (Number(row?.n) > 0) missing.push(key);
      }
      expect(top?.missing_tags).toEqual(missing);
      const suggested = rows.filter((row) => row.suggested_tags);
      expect(suggested.length).toBeGreaterThan(0);
      for (const row of suggested)
        for (const key of Object.keys(row.suggested_tags ?? {})) expect(row.missing_tags).toContain(key);
    });

    it('should narrow to the named keys', async () => {
      const page = await ok<GetUntaggedResourcesOutput>('get_untagged_resources', {
        required_tags: ['owner'],
        limit: 500,
      });
      for (const row of page.resources) expect(row.missing_tags).toEqual(['owner']);
      expect(page.truncated).toBe(false);
    });
  });

  describe('get_resources', () => {
    it('should filter by tag (key and any of the values) and Tagging API types, equal to SQL', async () => {
      const page = await ok<GetResourcesOutput>('get_resources', {
        tag_filters: [{ key: 'env', values: ['prod', 'staging'] }, { key: 'owner' }],
        resource_types: ['ec2:instance', 'rds:db'],
        limit: 500,
      });
      const expected = await db.all<{ resource_id: string }>(
        `SELECT resource_id FROM resources WHERE resource_type IN ('ec2_instance', 'rds_instance')
           AND list_contains(map_keys(tags), 'owner')
           AND len(list_filter(map_entries(tags), entry -> entry.key = 'env' AND entry.value IN ('prod', 'staging'))) > 0
         ORDER BY 1`,
      );
      expect(expected.length).toBeGreaterThan(0);
      expect(page.resources.map((row) => row.resource_id).sort()).toEqual(
        expected.map((row) => row.resource_id),
      );
      for (const row of page.resources) {
        expect(['ec2:instance', 'rds:db']).toContain(row.resource_type);
        expect(['prod', 'staging']).toContain(row.tags.env);
        if (row.resource_type === 'ec2:instance')
          expect(row.resource_arn).toBe(
            `arn:aws:ec2:${row.region}:${row.account_id}:instance/${row.resource_id}`,
          );
        else expect(row.resource_arn).toBe(row.resource_id);
      }
      expect(page.provenance.filters).toHaveLength(4);
    });

    it('should take a bare service for all its types, name buckets by S3 ARN, and walk every resource through pages', async () => {
      const s3 = await ok<GetResourcesOutput>('get_resources', { resource_types: ['s3'] });
      expect(s3.resources).toHaveLength(12);
      for (const row of s3.resources) expect(row.resource_arn).toBe(`arn:aws:s3:::${row.resource_id}`);
      const ec2 = await ok<GetResourcesOutput>('get_resources', { resource_types: ['ec2'], limit: 500 });
      expect(new Set(ec2.resources.map((row) => row.resource_type))).toEqual(
        new Set(['ec2:instance', 'ec2:volume', 'ec2:snapshot', 'ec2:natgateway']),
      );

      const seen: string[] = [];
      let token: string | undefined;
      do {
        const page = await ok<GetResourcesOutput>('get_resources', {
          limit: 100,
          ...(token ? { page_token: token } : {}),
        });
        seen.push(...page.resources.map((row) => row.resource_arn));
        token = page.next_page_token;
      } while (token);
      const [count] = await db.all<{ n: number }>('SELECT count(*) AS n FROM resources');
      expect(seen).toHaveLength(Number(count?.n));
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual([...seen].sort());
    });

    it('should refuse a resource type the dataset does not hold, and a malformed one, saying what works', async () => {
      const unknown = await call('get_resources', { resource_types: ['ec2:vpc'] });
      expect(unknown.isError).toBe(true);
      expect(text(unknown)).toMatch(/"ec2:vpc" matches nothing the embedded dataset holds; .*ec2:instance/);
      const malformed = await call('get_resources', { resource_types: ['EC2 Instance'] });
      expect(malformed.isError).toBe(true);
      expect(text(malformed)).toMatch(/service\[:resourceType\], e\.g\. ec2:instance/);
      const emptyKey = await call('get_resources', { tag_filters: [{ key: '' }] });
      expect(emptyKey.isError).toBe(true);
      expect(text(emptyKey)).toMatch(/tag_filters/);
    });
  });

  describe('get_tag_keys and get_tag_values', () => {
    it('should list the keys and values in use on resources and billing rows, equal to SQL', async () => {
      const keys = await ok<GetTagKeysOutput>('get_tag_keys');
      const expectedKeys = await db.all<{ key: string }>(
        `SELECT DISTINCT key FROM (
           SELECT unnest(map_keys(tags)) AS key, unnest(map_values(tags)) AS value FROM resources
           UNION ALL SELECT unnest(map_keys(Tags)), unnest(map_values(Tags)) FROM line_items
         ) WHERE coalesce(value, '') <> '' ORDER BY 1`,
      );
      expect(keys.keys).toEqual(expectedKeys.map((row) => row.key));
      expect(keys.keys).toEqual(expect.arrayContaining(POLICY));

      const values = await ok<GetTagValuesForKeyOutput>('get_tag_values', { key: 'team', limit: 500 });
      const expectedValues = await db.all<{ value: string }>(
        `SELECT DISTINCT value FROM (
           SELECT unnest(map_keys(tags)) AS key, unnest(map_values(tags)) AS value FROM resources
           UNION ALL SELECT unnest(map_keys(Tags)), unnest(map_values(Tags)) FROM line_items
         ) WHERE key = 'team' AND coalesce(value, '') <> '' ORDER BY 1`,
      );
      expect(values.values).toEqual(expectedValues.map((row) => row.value));
      expect(values.key).toBe('team');

      const firstTwo = await ok<GetTagValuesForKeyOutput>('get_tag_values', { key: 'team', limit: 2 });
      expect(firstTwo.values).toEqual(values.values.slice(0, 2));
      const next = await ok<GetTagValuesForKeyOutput>('get_tag_values', {
        key: 'team',
        limit: 2,
        page_token: firstTwo.next_page_token,
      });
      expect(next.values).toEqual(values.values.slice(2, 4));
    });

    it('should answer an unknown key with the keys in use, suggesting the right case', async () => {
      const result = await call('get_tag_values', { key: 'Team' });
      expect(result.isError).toBe(true);
      expect(text(result)).toMatch(
        /no resource or billing row carries the tag key "Team" \(did you mean "team"\?/,
      );
      expect(text(result)).toContain('call get_tag_keys');
    });
  });

  describe('finops://tag-policy', () => {
    it('should be listed and give the required tags and how compliance is computed', async () => {
      const { resources } = await client.listResources();
      expect(resources.map((resource) => resource.uri)).toContain('finops://tag-policy');
      const read = await client.readResource({ uri: 'finops://tag-policy' });
      const content = read.contents[0];
      const policy = JSON.parse(content && 'text' in content ? content.text : '{}') as {
        required_tags: string[];
        compliance: Record<string, string>;
      };
      expect(policy.required_tags).toEqual(POLICY);
      expect(policy.compliance.spend).toMatch(/EffectiveCost/);
      expect(policy.compliance.window).toMatch(/last 30 days/);
    });
  });
});
