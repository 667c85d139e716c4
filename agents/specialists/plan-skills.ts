import type { Answer } from '../../src/domain/index.ts';
import { toDay } from '../../src/domain/index.ts';
import type { CostEngine } from '../../src/engine/index.ts';
import { answerPlan } from '../../src/questions/index.ts';
import type { Intent } from '../../src/questions/parse/index.ts';
import type { FindingsInput } from './findings.ts';
import { costQuestionInput } from './skill-inputs.ts';
import { defineSkill, type Skill } from './specialist.ts';

export interface PlanSkillOptions {
  engine: CostEngine;
  now: () => Date;
}

export interface PlanSkillCard {
  id: Exclude<Intent, 'help' | 'clarify'>;
  name: string;
  description: string;
  tags: string[];
  examples: string[];
}

/**
 * A skill that answers one kind of parsed question (its id is the intent) with the question
 * composers, so the agents and `createCopilot` give the same figures for the same plan.
 */
export function planSkill(card: PlanSkillCard, options: PlanSkillOptions): Skill {
  return defineSkill({
    ...card,
    input: costQuestionInput,
    async run(plan) {
      const [catalog, source] = await Promise.all([options.engine.catalog(), options.engine.source()]);
      // The skill is the intent: a plan addressed here is answered as this kind of question.
      const answer = await answerPlan({
        question: card.id,
        parsed: { ...plan, intent: card.id },
        engine: options.engine,
        today: toDay(options.now()),
        catalog,
        source,
      });
      return { kind: 'findings', findings: answerToFindings(answer) };
    },
  });
}

export function answerToFindings(answer: Answer): FindingsInput {
  return {
    intent: answer.intent,
    summary: answer.text,
    ...(answer.basis ? { basis: answer.basis } : {}),
    facts: answer.facts,
    tables: answer.tables,
    charts: answer.charts,
    recommendations: answer.recommendations,
    followUps: answer.followUps,
    warnings: answer.warnings,
  };
}
