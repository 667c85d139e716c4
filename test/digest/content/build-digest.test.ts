import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedTaggingBackend } from '../../../mcp/backends/embedded-tagging.ts';
import { detectAnomalies } from '../../../src/anomalies/index.ts';
import type { Runtime } from '../../../src/composition-root.ts';
import {
  buildDigest,
  createEngineTagCompliance,
  type DigestRecommendationSource,
  lastFullDays,
} from '../../../src/digest/content/index.ts';
import type { Answer, CostFilter, Fact } from '../../../src/domain/index.ts';
import { formatMoney } from '../../../src/questions/format.ts';
import {
  authorisationPolicySchema,
  createDecisionService,
  type RecommendationService,
  type StoredRecommendation,
} from '../../../src/recommendations/index.ts';
import { createMemoryStateStore, type StateStore } from '../../../src/state/index.ts';
import { openDemoRuntime } from '../../support/demo-runtime.ts';
import { insertLineItems } from '../../support/line-item-rows.ts';

const TODAY = '2026-11-24';
const PERIOD = lastFullDays(TODAY);
const PAYMENTS: CostFilter[] = [{ dimension: 'tag:team', op: 'in', values: ['payments'] }];
/** A resource made up for the realised-savings check: $20 a day before its approval, $4 after. */
const SYNTHETIC = 'i-0digest0realised';
const DECIDED_AT = '2026-11-18T10:00:00.000Z';

describe('buildDigest', () => {
  let runtime: Runtime;
  let store: StateStore;
  let service: RecommendationService;
  let everyone: Answer;
  let payments: Answer;
  let approvedId: string;
  let approvedSavings: number;
  let withSynthetic: DigestRecommendationSource;

  const sum = async (start: string, end: string, where = 'TRUE'): Promise<number> => {
    const [row] = await runtime.db.all<{ total: number | null }>(
      `SELECT SUM(EffectiveCost) AS total FROM line_items WHERE x_ChargeDate >= DATE '${start}' AND x_ChargeDate < DATE '${end}' AND ${where}`,
    );
    return row?.total ?? 0;
  };
  const build = (
    filters: CostFilter[],
    extra: { budget?: number } = {},
    source?: DigestRecommendationSource,
  ) =>
    buildDigest({
      engine: runtime.engine,
      recommendations: source ?? service,
      tagCompliance: createEngineTagCompliance({
        engine: runtime.engine,
        requiredTags: runtime.config.requiredTags,
      }),
      today: TODAY,
      scope: { label: filters.length ? 'team payments' : 'all accounts', filters },
      period: PERIOD,
      ...extra,
    });

  beforeAll(async () => {
    ({ runtime } = await openDemoRuntime());
    const rows = [];
    for (let day = 10; day < 24; day++)
      rows.push({
        day: `2026-11-${day}`,
        service: 'Amazon Elastic Compute Cloud',
        account: '111122223333',
        resource: SYNTHETIC,
        billed: day < 18 ? 20 : day === 18 ? 12 : 4,
      });
    await insertLineItems(runtime.db, rows);
    store = createMemoryStateStore();
    service = runtime.recommendations(store);
    await service.refresh();
    const open = await service.list({ status: 'open' });
    // An approver decides on the largest open saving mid-week.
    const decisions = createDecisionService({
      store,
      policy: authorisationPolicySchema.parse({ default: { approvers: { users: ['alice'] } } }),
      now: () => new Date('2026-11-20T09:30:00Z'),
    });
    const chosen = open[0]!;
    approvedId = chosen.recommendation.id;
    approvedSavings = chosen.recommendation.estimatedMonthlySavings ?? 0;
    const result = await decisions.decide({
      recommendationId: approvedId,
      action: { type: 'approve' },
      actor: { id: 'alice' },
    });
    expect(result.outcome, result.message).toBe('applied');
    // An earlier approval on the synthetic resource, for realised savings.
    const template = open.at(-1)!;
    const synthetic: StoredRecommendation = {
      ...template,
      recommendation: {
        ...template.recommendation,
        id: 'rec-synthetic',
        group: 'synthetic',
        resourceId: SYNTHETIC,
      },
      status: 'approved',
      decision: { action: 'approve', actor: { id: 'alice' }, at: DECIDED_AT, savingsAtDecision: 10 },
    };
    withSynthetic = {
      list: async (filter) =>
        filter?.status === 'approved' ? [...(await service.list(filter)), synthetic] : service.list(filter),
    };
    everyone = await build([], { budget: 80_000 }, withSynthetic);
    payments = await build(PAYMENTS);
  }, 60_000);
  afterAll(() => runtime?.close());

  const fact = (answer: Answer, label: string): Fact => {
    const found = answer.facts.find((candidate) => candidate.label === label);
    if (!found)
      throw new Error(`no fact "${label}" in ${answer.facts.map((item) => item.label).join(' | ')}`);
    return found;
  };

  it('should state the 7-day spend against the week before and the same week a month earlier', async () => {
    const current = await sum('2026-11-17', '2026-11-24');
    const previous = await sum('2026-11-10', '2026-11-17');
    const monthAgo = await sum('2026-10-17', '2026-10-24');
    expect(fact(everyone, 'Spend, Nov 17–23, 2026').value).toBeCloseTo(current, 6);
    expect(fact(everyone, 'Spend, Nov 10–16, 2026').value).toBeCloseTo(previous, 6);
    expect(fact(everyone, 'Spend, Oct 17–23, 2026').value).toBeCloseTo(monthAgo, 6);
    expect(fact(everyone, 'Change, Nov 10–16, 2026 → Nov 17–23, 2026').value).toBeCloseTo(
      current - previous,
      6,
    );
    expect(fact(everyone, 'Change, Oct 17–23, 2026 → Nov 17–23, 2026').value).toBeCloseTo(
      current - monthAgo,
      6,
    );
    expect(fact(everyone, 'Relative change from the week before').value).toBeCloseTo(
      (current - previous) / previous,
      9,
    );
    expect(everyone.intent).toBe('digest');
    expect(everyone.text).toContain(formatMoney(current));
  });

  it('should give month to date with the forecast, its interval and the budget', async () => {
    const mtd = await sum('2026-11-01', '2026-11-24');
    expect(fact(everyone, 'Spend, Nov 1–23, 2026').value).toBeCloseTo(mtd, 6);
    const projected = fact(everyone, 'Forecast, November 2026').value;
    const low = fact(everyone, 'Forecast 80% range, low').value;
    const high = fact(everyone, 'Forecast 80% range, high').value;
    expect(projected).toBeGreaterThan(mtd);
    expect(low).toBeLessThanOrEqual(projected);
    expect(high).toBeGreaterThanOrEqual(projected);
    expect(fact(everyone, 'Budget').value).toBe(80_000);
    expect(fact(everyone, 'Forecast minus budget').value).toBeCloseTo(projected - 80_000, 6);
    expect(everyone.text).toMatch(/budget \$80,000\.00: under by about/);
  });

  it('should list the top 5 services by absolute change, as independent SQL finds them', async () => {
    const rows = await runtime.db.all<{ service: string; delta: number }>(
      `SELECT ServiceName AS service,
              SUM(CASE WHEN x_ChargeDate >= DATE '2026-11-17' THEN EffectiveCost ELSE 0 END)
            - SUM(CASE WHEN x_ChargeDate < DATE '2026-11-17' THEN EffectiveCost ELSE 0 END) AS delta
         FROM line_items WHERE x_ChargeDate >= DATE '2026-11-10' AND x_ChargeDate < DATE '2026-11-24'
        GROUP BY 1 ORDER BY abs(delta) DESC LIMIT 5`,
    );
    const movers = everyone.facts.filter((item) => item.label.startsWith('Change from '));
    expect(movers.map((item) => item.groupKey?.service)).toEqual(rows.map((row) => row.service));
    for (const [index, item] of movers.entries()) expect(item.value).toBeCloseTo(rows[index]!.delta, 6);
    expect(everyone.text).toMatch(/Top movers:\n {2}◦ EC2: \+\$[\d,.]+ .*mostly account/);
  });

  it('should count the week’s anomalies as the detector finds them, each with a root cause', async () => {
    const anomalies = await detectAnomalies(runtime.engine, { window: PERIOD, today: TODAY });
    expect(anomalies.length).toBeGreaterThan(0);
    expect(fact(everyone, 'Anomalies, Nov 17–23, 2026').value).toBe(anomalies.length);
    expect(everyone.text).toContain('root cause');
  });

  it('should show tag compliance this week and the week before', async () => {
    const required = runtime.config.requiredTags;
    const all = required.map((key) => `Tags['${key}'] IS NOT NULL AND Tags['${key}'] <> ''`).join(' AND ');
    const usage = `ChargeCategory = 'Usage'`;
    const now =
      (await sum('2026-11-17', '2026-11-24', `${usage} AND ${all}`)) /
      (await sum('2026-11-17', '2026-11-24', usage));
    const compliance = everyone.facts.filter((item) => item.label === 'Tag compliance of spend');
    expect(compliance).toHaveLength(2);
    expect(compliance[0]!.value).toBeCloseTo(now, 9);
    expect(everyone.text).toContain(`${(now * 100).toFixed(1)}% of spend carries`);
  });

  it('should measure tag compliance as the tagging MCP tools do, when the scope is everything', async () => {
    const backend = createEmbeddedTaggingBackend({
      db: runtime.db,
      engine: runtime.engine,
      inventory: runtime.inventory,
      requiredTags: runtime.config.requiredTags,
      now: () => new Date(`${TODAY}T00:00:00Z`),
    });
    const tools = await backend.getTagCompliance({ period: PERIOD });
    const ours = await createEngineTagCompliance({
      engine: runtime.engine,
      requiredTags: runtime.config.requiredTags,
    })([], PERIOD);
    expect(ours.totalUsd).toBeCloseTo(tools.spend.total, 2);
    expect(ours.compliantUsd).toBeCloseTo(tools.spend.compliant, 2);
  });

  it('should offer the top 5 open recommendations by saving, one per resource', async () => {
    const open = (await service.list({ status: 'open' })).map((stored) => stored.recommendation);
    const best = new Map<string, number>();
    for (const item of open)
      best.set(item.group, Math.max(best.get(item.group) ?? 0, item.estimatedMonthlySavings ?? 0));
    const savings = [...best.values()].sort((a, b) => b - a);
    expect(everyone.recommendations.map((item) => item.estimatedMonthlySavings)).toEqual(savings.slice(0, 5));
    expect(everyone.recommendations.every((item) => item.status === 'open')).toBe(true);
    expect(everyone.recommendations.some((item) => item.id === approvedId)).toBe(false);
    const cents = savings.reduce((total, value) => total + Math.round(value * 100), 0);
    expect(fact(everyone, 'Open recommendations, savings a month').value).toBeCloseTo(cents / 100, 6);
  });

  it('should report the savings approved this week', () => {
    // The decide() of the 20th and the synthetic approval of the 18th (saving $10 a month when decided).
    const expected = (Math.round(approvedSavings * 100) + 1000) / 100;
    expect(fact(everyone, 'Recommendations approved').value).toBe(2);
    expect(fact(everyone, 'Savings approved, a month').value).toBeCloseTo(expected, 6);
    expect(everyone.text).toContain(
      `Approved this week: ${formatMoney(expected)} a month (2 recommendations)`,
    );
  });

  it('should measure realised savings as the resource’s cost before and after the decision', async () => {
    // Decided on the 18th: the 5 days after it (19th–23rd) against the 5 days before (13th–17th).
    const before = await sum('2026-11-13', '2026-11-18', `ResourceId = '${SYNTHETIC}'`);
    const after = await sum('2026-11-19', '2026-11-24', `ResourceId = '${SYNTHETIC}'`);
    expect(before).toBe(100);
    expect(after).toBe(20);
    expect(fact(everyone, `Cost of ${SYNTHETIC} before approval`).period).toEqual({
      start: '2026-11-13',
      end: '2026-11-18',
    });
    expect(fact(everyone, `Cost of ${SYNTHETIC} after approval`).value).toBeCloseTo(after, 6);
    // The approval of the 20th has 3 days after it: its resource is measured over 3 days each side.
    const other = everyone.facts.find(
      (item) => item.label.endsWith('after approval') && !item.label.includes(SYNTHETIC),
    );
    expect(other?.period).toEqual({ start: '2026-11-21', end: '2026-11-24' });
    const realised = everyone.facts
      .filter((item) => item.label.startsWith('Cost of '))
      .reduce(
        (total, item) => total + (item.label.endsWith('before approval') ? item.value : -item.value),
        0,
      );
    expect(fact(everyone, 'Realised savings of approved recommendations').value).toBeCloseTo(realised, 2);
    expect(everyone.text).toContain('Realised:');
  });

  it('should carry one daily chart of the two weeks', () => {
    expect(everyone.charts).toHaveLength(1);
    const chart = everyone.charts[0]!;
    expect(chart.kind).toBe('trend');
    if (chart.kind !== 'trend') return;
    expect(chart.points).toHaveLength(14);
    expect(chart.points[0]?.x).toBe('2026-11-10');
    expect(chart.points.at(-1)?.x).toBe('2026-11-23');
  });

  it('should show every amount in its text as a fact', () => {
    for (const answer of [everyone, payments]) {
      const amounts = answer.text.match(/\$[\d,]+\.\d+/g) ?? [];
      expect(amounts.length).toBeGreaterThan(10);
      const formatted = new Set(
        answer.facts.flatMap((item) => [formatMoney(item.value), formatMoney(-item.value)]),
      );
      for (const amount of amounts) expect(formatted, amount).toContain(amount);
    }
  });

  it('should narrow every figure to the scope', async () => {
    const team = `Tags['team'] = 'payments'`;
    expect(fact(payments, 'Spend, Nov 17–23, 2026').value).toBeCloseTo(
      await sum('2026-11-17', '2026-11-24', team),
      6,
    );
    expect(fact(payments, 'Spend, Nov 1–23, 2026').value).toBeCloseTo(
      await sum('2026-11-01', '2026-11-24', team),
      6,
    );
    expect(fact(payments, 'Tag compliance of spend').filters).toEqual(PAYMENTS);
    const stored = new Map(
      (await service.list({ status: 'open' })).map((item) => [item.recommendation.id, item]),
    );
    expect(payments.recommendations.length).toBeGreaterThan(0);
    for (const summary of payments.recommendations) {
      const recommendation = stored.get(summary.id)!.recommendation;
      expect(recommendation.tags.team ?? recommendation.current['tag:team']).toBe('payments');
    }
    expect(fact(payments, 'Open recommendations, savings a month').value).toBeLessThan(
      fact(everyone, 'Open recommendations, savings a month').value,
    );
    expect(payments.facts.every((item) => item.filters === PAYMENTS || item.filters.length === 1)).toBe(true);
  });

  it('should say an empty week briefly', async () => {
    const empty = await build([{ dimension: 'tag:team', op: 'in', values: ['no-such-team'] }]);
    expect(empty.text).toContain('A quiet week');
    expect(empty.text.split('\n')).toHaveLength(2);
    expect(empty.charts).toEqual([]);
    expect(empty.recommendations).toEqual([]);
  });

  it('should refuse a period that is not over yet', async () => {
    await expect(
      buildDigest({
        engine: runtime.engine,
        recommendations: service,
        today: TODAY,
        scope: { label: 'all', filters: [] },
        period: { start: '2026-11-20', end: '2026-11-27' },
      }),
    ).rejects.toThrow(/must end on or before today/);
  });
});
