import type { Fact } from '../../../src/domain/index.ts';
import { formatMoney, formatPercent } from '../../../src/questions/format.ts';
import type { SkillResult } from '../skill-call.ts';

/**
 * What the model sees of one specialist result: a compact JSON document of the findings' facts
 * (with each value also as the app shows it, so the model can copy figures the guardrail will
 * accept), the summary and the warnings. It is data: labels, tag values and summaries may hold
 * any text, and the instruction tells the model so.
 */
export interface FunctionResultBody {
  agent: string;
  skill: string;
  state: SkillResult['state'];
  message?: string | undefined;
  summary?: string | undefined;
  facts?: { id: string; label: string; value: number; unit: string; shown: string; period: string }[];
  warnings?: string[] | undefined;
}

export function functionResultBody(result: SkillResult): FunctionResultBody {
  const base: FunctionResultBody = {
    agent: result.call.agent,
    skill: result.call.skill,
    state: result.state,
    ...(result.message ? { message: result.message } : {}),
  };
  const findings = result.findings;
  if (!findings) return base;
  return {
    ...base,
    summary: findings.summary,
    facts: findings.facts.map((fact) => ({
      id: fact.id,
      label: fact.label,
      value: fact.value,
      unit: fact.unit,
      shown: shownValue(fact),
      period: `${fact.period.start}..${fact.period.end}`,
    })),
    ...(findings.warnings.length > 0 ? { warnings: findings.warnings } : {}),
  };
}

/** A function call our code refused before any specialist saw it (unreadable words). */
export function rejectedBody(agent: string, skill: string, reason: string): FunctionResultBody {
  return { agent, skill, state: 'failed', message: reason };
}

/** The fact as the app writes it: money with formatMoney, shares with formatPercent, counts plain. */
export function shownValue(fact: Fact): string {
  if (fact.unit === 'ratio') return formatPercent(fact.value).replace(/^\+/, '');
  if (fact.unit === 'percent') return `${fact.value}%`;
  if (/^[A-Z]{3}$/.test(fact.unit)) return formatMoney(fact.value, fact.unit);
  return String(fact.value);
}
