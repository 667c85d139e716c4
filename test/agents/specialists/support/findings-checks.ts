import { expect } from 'vitest';
import type { Findings } from '../../../../agents/specialists/findings.ts';
import { findingsSchema } from '../../../../agents/specialists/findings.ts';
import type { SkillContext, SkillOutcome, Specialist } from '../../../../agents/specialists/specialist.ts';
import type { Fact } from '../../../../src/domain/index.ts';
import { formatMoney, formatPercent } from '../../../../src/questions/format.ts';
import type { Recommendation, StoredRecommendation } from '../../../../src/recommendations/index.ts';

export function skillContext(): SkillContext {
  return { contextId: 'test-thread', step: 1, signal: new AbortController().signal, deadlineMs: undefined };
}

/** Runs a specialist's skill and returns its findings, validated as the bus would. */
export async function runSkill(specialist: Specialist, skillId: string, input: unknown): Promise<Findings> {
  const skill = specialist.skills.find((candidate) => candidate.id === skillId);
  if (!skill) throw new Error(`${specialist.name} has no skill ${skillId}`);
  const outcome: SkillOutcome = await skill.run(input, skillContext());
  if (outcome.kind !== 'findings') throw new Error(`expected findings, got ${outcome.kind}`);
  return findingsSchema.parse(outcome.findings);
}

export function factNamed(findings: Findings, label: string | RegExp): Fact {
  const fact = findings.facts.find((candidate) =>
    typeof label === 'string' ? candidate.label === label : label.test(candidate.label),
  );
  if (!fact) throw new Error(`no fact ${String(label)} in ${findings.facts.map((f) => f.label).join(' | ')}`);
  return fact;
}

const DATES =
  /\b(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)( \d{1,2})?(–\d{1,2})?,? \d{4}\b/g;

/**
 * Every number in the summary (outside dates and names such as EC2 or staging-loadtest-01) is a
 * fact's value, written the way the composers write money, shares and counts.
 */
export function expectEveryNumberIsAFact(findings: Findings): void {
  const rendered = new Set(
    findings.facts.flatMap((fact) => [
      formatMoney(fact.value),
      formatPercent(fact.value).replace(/^\+/, ''),
      String(fact.value),
    ]),
  );
  // humanRange writes "Oct 25 – Nov 23, 2026": the first day has no year of its own.
  const text = findings.summary
    .replace(DATES, '')
    .replace(/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}\b/g, '');
  const numbers = text.match(/(?<![A-Za-z0-9_.\-/:])-?\$?\d+(?:,\d{3})*(?:\.\d+)?%?/g) ?? [];
  expect(numbers.length).toBeGreaterThan(0);
  for (const number of numbers) expect(rendered, `"${number}" in: ${findings.summary}`).toContain(number);
}

/** Each group's best saving, summed in cents: an independent copy of "count each resource once". */
export function bestPerGroupTotal(recommendations: readonly Recommendation[]): number {
  const best = new Map<string, number>();
  for (const recommendation of recommendations) {
    const saving = recommendation.estimatedMonthlySavings ?? 0;
    best.set(recommendation.group, Math.max(best.get(recommendation.group) ?? 0, saving));
  }
  let cents = 0;
  for (const saving of best.values()) cents += Math.round(saving * 100);
  return cents / 100;
}

export function ofTypes(
  stored: readonly StoredRecommendation[],
  prefixes: readonly string[],
): Recommendation[] {
  return stored
    .map((item) => item.recommendation)
    .filter((recommendation) => prefixes.some((prefix) => recommendation.type.startsWith(prefix)));
}
