import type { Answer, Fact, RecommendationSummary } from '../../src/domain/index.ts';
import { CAN_ANSWER, helpText } from '../../src/questions/index.ts';
import type { Findings } from '../specialists/findings.ts';
import { AGENT_CAN_ANSWER } from './deterministic/can-answer.ts';
import type { PlannerOutcome } from './planner.ts';
import type { SkillResult } from './skill-call.ts';

const AGENT_LABELS: Record<string, string> = {
  'cost-analysis': 'Spend',
  forecasting: 'Forecast',
  ec2: 'EC2',
  s3: 'S3',
  rds: 'RDS',
  tagging: 'Tagging',
  commitments: 'Commitments',
};

const SKILL_LABELS: Record<string, string> = {
  forecast: 'Forecast',
  anomalies: 'Anomalies',
};

export interface ComposeInput {
  question: string;
  outcome: PlannerOutcome;
  /** Prose a model wrote that passed the guardrail; otherwise the specialists' summaries are used. */
  modelText?: string | undefined;
  trace: NonNullable<Answer['trace']>;
  /** Warnings from the orchestrator itself (a model that fell back, a guardrail that fired). */
  warnings?: string[] | undefined;
}

/**
 * The deterministic composer: one Answer from the specialists' findings. Text is the findings'
 * summaries (a heading per specialist when there are several), facts keep their provenance (ids
 * made unique per call), recommendations are merged largest saving first, and every call that
 * did not complete becomes a warning saying which part of the answer is missing.
 */
export function composeAnswer(input: ComposeInput): Answer {
  const { question, outcome, trace } = input;
  const empty: Answer = {
    question,
    intent: outcome.intent,
    text: '',
    facts: [],
    tables: [],
    charts: [],
    recommendations: [],
    followUps: [],
    warnings: [...(input.warnings ?? [])],
    trace,
  };
  if (outcome.help) {
    return {
      ...empty,
      intent: 'help',
      text: `${helpText()}\n\nI can also tell you:\n${AGENT_CAN_ANSWER.map((item) => `• ${item}`).join('\n')}`,
      followUps: [
        'top 5 accounts this month',
        'how can we cut EC2 and S3 costs?',
        'forecast for the quarter',
      ],
    };
  }
  if (outcome.clarification) {
    // The planner's list already names what the agents answer besides cost questions.
    const { reason, canAnswer } = outcome.clarification;
    return {
      ...empty,
      intent: 'clarify',
      text: `${reason}\n\nI can answer:\n${canAnswer.map((item) => `• ${item}`).join('\n')}`,
      clarification: { reason, canAnswer },
    };
  }

  const completed = outcome.results.filter(
    (result): result is SkillResult & { findings: Findings } =>
      result.state === 'completed' && result.findings !== undefined,
  );
  const problems = outcome.results.filter((result) => result.state !== 'completed');
  const questions = problems.filter((result) => result.state === 'input-required');
  // A specialist that needs to know more, with nothing else to show: ask the person.
  if (completed.length === 0 && questions.length > 0) {
    const reason = questions.map((result) => result.message ?? 'Which one do you mean?').join('\n');
    return {
      ...empty,
      intent: 'clarify',
      text: reason,
      clarification: { reason, canAnswer: [...CAN_ANSWER, ...AGENT_CAN_ANSWER] },
    };
  }

  const warnings = [...empty.warnings, ...problems.map(problemWarning)];
  if (completed.length === 0) {
    return {
      ...empty,
      intent: outcome.intent,
      text: 'I could not get an answer from the specialists this time. Please try again in a moment.',
      warnings,
    };
  }

  const several = completed.length > 1;
  const facts: Fact[] = [];
  const sections: string[] = [];
  for (const result of completed) {
    const { findings } = result;
    const prefix = several ? `${result.call.agent}.${result.call.skill}.` : '';
    facts.push(...findings.facts.map((fact) => ({ ...fact, id: `${prefix}${fact.id}` })));
    sections.push(several ? `**${sectionLabel(result)}**\n${findings.summary}` : findings.summary);
  }
  const unique = <T>(items: T[]) => [...new Set(items)];
  return {
    ...empty,
    intent: several
      ? unique(completed.map((result) => result.findings.intent)).join('+')
      : (completed[0]?.findings.intent ?? outcome.intent),
    text: input.modelText ?? sections.join('\n\n'),
    ...basisOf(completed),
    facts,
    tables: completed.flatMap((result) => result.findings.tables),
    charts: completed.flatMap((result) => result.findings.charts),
    recommendations: mergeRecommendations(completed.flatMap((result) => result.findings.recommendations)),
    followUps: unique(completed.flatMap((result) => result.findings.followUps)).slice(0, 4),
    warnings: unique([...warnings, ...completed.flatMap((result) => result.findings.warnings)]),
  };
}

function sectionLabel(result: SkillResult): string {
  return SKILL_LABELS[result.call.skill] ?? AGENT_LABELS[result.call.agent] ?? result.call.agent;
}

function basisOf(completed: { findings: Findings }[]): { basis?: string } {
  const lines = [
    ...new Set(completed.flatMap((result) => (result.findings.basis ? [result.findings.basis] : []))),
  ];
  return lines.length > 0 ? { basis: lines.join(' ') } : {};
}

function mergeRecommendations(items: RecommendationSummary[]): RecommendationSummary[] {
  const byId = new Map<string, RecommendationSummary>();
  for (const item of items) if (!byId.has(item.id)) byId.set(item.id, item);
  return [...byId.values()].sort((a, b) => b.estimatedMonthlySavings - a.estimatedMonthlySavings);
}

function problemWarning(result: SkillResult): string {
  const who = AGENT_LABELS[result.call.agent] ?? result.call.agent;
  const part = `${who} (${result.call.skill})`;
  switch (result.state) {
    case 'timed-out':
      return `${part} did not answer in time, so this answer leaves it out.`;
    case 'canceled':
      return `${part} was canceled, so this answer leaves it out.`;
    case 'input-required':
      return `${part} needs more detail: ${result.message ?? 'please narrow the question'}`;
    default:
      return `${part} could not answer${result.message ? `: ${result.message}` : ''}.`;
  }
}
