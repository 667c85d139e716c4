import {
  type Answer,
  answerSchema,
  type Fact,
  factSchema,
  type RecommendationSummary,
  recommendationSummarySchema,
} from '../../../../src/domain/index.ts';

/** Small hand-written domain objects, parsed through the real schemas so defaults apply. */
export function fact(overrides: Partial<Fact> = {}): Fact {
  return factSchema.parse({
    id: 'f1',
    label: 'EC2 spend last week',
    value: 1234.5,
    unit: 'USD',
    period: { start: '2026-11-16', end: '2026-11-23' },
    source: { kind: 'demo', name: 'demo organisation (seed 42)' },
    ...overrides,
  });
}

export function recommendation(
  index: number,
  overrides: Partial<RecommendationSummary> = {},
): RecommendationSummary {
  return recommendationSummarySchema.parse({
    id: `rec-${index.toString(16).padStart(16, '0')}`,
    type: 'ec2_idle',
    title: `Stop idle instance web-${index}`,
    service: 'Amazon EC2',
    account: '111111111111',
    accountName: 'prod',
    region: 'us-east-1',
    resourceId: `i-${index.toString(16).padStart(17, '0')}`,
    estimatedMonthlySavings: 10 + index,
    effort: 'low',
    risk: 'medium',
    evidence: 'CPU p95 1.8 % over 30 days (threshold < 5 %)',
    ...overrides,
  });
}

export function answer(overrides: Partial<Answer> = {}): Answer {
  return answerSchema.parse({
    question: 'What did EC2 cost last week?',
    intent: 'spend',
    text: 'EC2 cost **$1,234.50** last week.\n- prod: $1,000.00\n- dev: $234.50',
    basis: 'Net amortised cost, 16–22 Nov 2026, service = Amazon EC2, usage charges.',
    facts: [fact()],
    tables: [],
    charts: [],
    recommendations: [],
    followUps: [],
    warnings: [],
    ...overrides,
  });
}
