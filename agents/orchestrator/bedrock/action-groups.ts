import type { AgentActionGroup, FunctionDefinition } from '@aws-sdk/client-bedrock-agent-runtime';
import type { AgentCard, AgentSkillCard } from '../../specialists/agent-card.ts';

/**
 * The specialists as Bedrock action groups: one group per agent card, one function per skill,
 * each returning control to us (RETURN_CONTROL) so our code, not Bedrock, calls the specialist.
 *
 * Bedrock functions take flat parameters (string, number, integer, boolean, array), so the
 * skills' nested inputs are not exposed: every function takes the sub-question in plain words
 * (`question`), and optionally `period` and `limit`; our parser turns them into the skill input
 * against the data's catalog (function-call.ts). There is deliberately no function that
 * approves, rejects or changes anything: decisions are made only by people, in the app.
 */

/** Action group and function names: `([0-9a-zA-Z][_-]?){1,100}` (Bedrock API reference, Function). */
const NAME_PATTERN = /^([0-9a-zA-Z][_-]?){1,100}$/;
/** Function descriptions: 1–1200 characters (Bedrock API reference, Function). */
const MAX_FUNCTION_DESCRIPTION = 1200;
/** Action group descriptions: 1–200 characters (Bedrock API reference, AgentActionGroup). */
const MAX_GROUP_DESCRIPTION = 200;

export const FUNCTION_PARAMETERS: NonNullable<FunctionDefinition['parameters']> = {
  question: {
    type: 'string',
    required: true,
    description:
      'The sub-question for this skill in plain words, with its period and any accounts, regions, services or tags, e.g. "EC2 spend last week by account".',
  },
  period: {
    type: 'string',
    required: false,
    description: 'The period in plain words when the question does not say it, e.g. "last month", "Q3".',
  },
  limit: {
    type: 'integer',
    required: false,
    description: 'How many items to list at most (top N), 1 to 50.',
  },
};

/** Fits a card or skill name to Bedrock's name pattern: invalid characters and runs become one '-'. */
export function bedrockName(name: string): string {
  const cleaned = name
    .replace(/[^0-9a-zA-Z_-]+/g, '-')
    .replace(/([_-])[_-]+/g, '$1')
    .replace(/^[_-]+|[_-]+$/g, '');
  const units = cleaned.match(/[0-9a-zA-Z][_-]?/g) ?? [];
  const fitted = units.slice(0, 100).join('');
  return NAME_PATTERN.test(fitted) ? fitted : 'x';
}

export interface SkillRef {
  agent: string;
  skill: string;
}

export interface ActionGroupCatalog {
  actionGroups: AgentActionGroup[];
  /** The card and skill a function name of the model stands for; undefined if it names none. */
  resolve(actionGroup: string | undefined, functionName: string | undefined): SkillRef | undefined;
}

export function actionGroupsFor(cards: readonly AgentCard[]): ActionGroupCatalog {
  const byName = new Map<string, SkillRef>();
  const actionGroups = cards.map((card): AgentActionGroup => {
    const groupName = bedrockName(card.name);
    return {
      actionGroupName: groupName,
      description: clip(card.description, MAX_GROUP_DESCRIPTION),
      actionGroupExecutor: { customControl: 'RETURN_CONTROL' },
      functionSchema: {
        functions: card.skills.map((skill) => {
          const functionName = bedrockName(skill.id);
          byName.set(`${groupName}/${functionName}`, { agent: card.name, skill: skill.id });
          return {
            name: functionName,
            description: clip(functionDescription(skill), MAX_FUNCTION_DESCRIPTION),
            parameters: FUNCTION_PARAMETERS,
            requireConfirmation: 'DISABLED',
          };
        }),
      },
    };
  });
  return {
    actionGroups,
    resolve(actionGroup, functionName) {
      if (!actionGroup || !functionName) return undefined;
      return byName.get(`${actionGroup}/${functionName}`);
    },
  };
}

function functionDescription(skill: AgentSkillCard): string {
  const examples = skill.examples.slice(0, 3).map((example) => `"${example}"`);
  return examples.length > 0 ? `${skill.description} Examples: ${examples.join(', ')}.` : skill.description;
}

function clip(text: string, max: number): string {
  const trimmed = text.trim() || 'FinOps specialist';
  return trimmed.length <= max ? trimmed : `${trimmed.slice(0, max - 1)}…`;
}
