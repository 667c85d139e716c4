import type { Answer, DataSource } from '../domain/index.ts';
import { DEFAULT_METRIC, toDay } from '../domain/index.ts';
import type { CostEngine, DataCatalog } from '../engine/index.ts';
import { FinopsError } from '../errors.ts';
import { answerAnomalies, answerExplainDay } from './answer-anomalies.ts';
import { type AnswerBasis, coverageWarnings } from './answer-context.ts';
import { answerForecast } from './answer-forecast.ts';
import {
  type AnswerBody,
  answerBreakdown,
  answerCompare,
  answerExplain,
  answerTotal,
  answerTrend,
} from './answer-intents.ts';
import { CAN_ANSWER, isDataCoverageNote, type ParsedQuestion, parseQuestion } from './parse/index.ts';

export interface Copilot {
  ask(question: string): Promise<Answer>;
}

export interface CreateCopilotOptions {
  engine: CostEngine;
  /** The clock; relative dates ("last week") are resolved against it, in UTC. */
  now: () => Date;
}

/**
 * The copilot's question answering: parse deterministically, run the plan on the cost engine,
 * and compose an Answer whose every number is a Fact. No model is involved here.
 */
export function createCopilot(options: CreateCopilotOptions): Copilot {
  const { engine, now } = options;

  async function ask(question: string): Promise<Answer> {
    // Asked together, the two share one read of the data version (see the engine).
    const [catalog, source] = await Promise.all([engine.catalog(), engine.source()]);
    const today = toDay(now());
    const parsed = parseQuestion(question, { today, catalog });
    return answerPlan({ question, parsed, engine, today, catalog, source });
  }

  return { ask };
}

export interface AnswerPlanInput {
  question: string;
  /** The plan: from parseQuestion, or a follow-up merged with the thread's last plan. */
  parsed: ParsedQuestion;
  engine: CostEngine;
  /** The current UTC day, YYYY-MM-DD, that relative periods were resolved against. */
  today: string;
  catalog: DataCatalog;
  source: DataSource;
}

/**
 * Answers one parsed question on the cost engine: the part of the copilot the cost-analysis and
 * forecasting specialists run, so the terminal and the agents give the same figures.
 */
export async function answerPlan(plan: AnswerPlanInput): Promise<Answer> {
  const { question, engine, today, catalog, source } = plan;
  const parsed = { ...plan.parsed };
  // Partial coverage is reported once, as an answer warning (coverageWarnings), not twice.
  parsed.assumptions = parsed.assumptions.filter((assumption) => !isDataCoverageNote(assumption));
  const empty = {
    question,
    facts: [],
    tables: [],
    charts: [],
    recommendations: [],
    followUps: [],
    warnings: [],
  };

  if (parsed.intent === 'help') {
    return {
      ...empty,
      intent: 'help',
      text: helpText(),
      followUps: ['top 5 accounts this month', 'why did EC2 spend jump last week?'],
    };
  }
  if (parsed.intent === 'clarify') {
    const reason = parsed.clarification?.reason ?? 'I could not work out what to measure.';
    const canAnswer = parsed.clarification?.canAnswer ?? CAN_ANSWER;
    return {
      ...empty,
      intent: 'clarify',
      text: `${reason}\n\nI can answer:\n${canAnswer.map((item) => `• ${item}`).join('\n')}`,
      clarification: { reason, canAnswer },
    };
  }

  const basis: AnswerBasis = {
    metric: parsed.metric ?? DEFAULT_METRIC,
    filters: parsed.filters,
    chargeCategories: parsed.chargeCategories,
    source,
    catalog,
  };
  const input = { parsed, basis, engine };
  let body: AnswerBody;
  switch (parsed.intent) {
    case 'total':
      body = await answerTotal(input);
      break;
    case 'breakdown':
      body = await answerBreakdown(input);
      break;
    case 'trend':
      body = await answerTrend(input);
      break;
    case 'compare':
      body = await answerCompare(input);
      break;
    case 'explain':
      body = await answerExplain(input);
      break;
    case 'forecast':
      body = await answerForecast({ ...input, today });
      break;
    case 'anomalies':
      body = await answerAnomalies({ ...input, today });
      break;
    case 'explain_day':
      body = await answerExplainDay({ ...input, today });
      break;
    default:
      throw new FinopsError(
        'finops_invalid_input',
        `no answer is defined for intent ${String(parsed.intent)}`,
      );
  }
  // A forecast reaches past the data on purpose; its method states what it was based on.
  const periods = [parsed.range, ...(parsed.compareTo ? [parsed.compareTo] : [])];
  const { warnings: methodWarnings = [], ...answer } = body;
  return {
    ...empty,
    ...answer,
    warnings: [
      ...(parsed.intent === 'forecast' ? [] : coverageWarnings(periods, catalog)),
      ...methodWarnings,
      ...parsed.assumptions.map((assumption) => `Assumed: ${assumption}`),
    ],
  };
}

export { CAN_ANSWER };

export function helpText(): string {
  return [
    'Ask me about your AWS spend. Every figure is computed from your billing data, with its metric, period and filters stated.',
    '',
    ...CAN_ANSWER.map((item) => `• ${item}`),
    '',
    'Periods: yesterday, last week, this month, last 30 days, March 2026, Q3, year to date, since March, 2026-03-01 to 2026-03-15.',
    'Metrics: effective (amortized, the default), billed (unblended), list, contracted.',
  ].join('\n');
}
