import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IAM_ACTIONS, IAM_POLICY_PATH } from '../../../adapters/aws/aws-errors.ts';

const ROOT = join(import.meta.dirname, '../../..');

interface PolicyDocument {
  Statement: { Effect: string; Action: string | string[]; Resource: string | string[] }[];
}

function policyActions(): string[] {
  const policy = JSON.parse(readFileSync(join(ROOT, IAM_POLICY_PATH), 'utf8')) as PolicyDocument;
  return policy.Statement.flatMap((statement) => {
    expect(statement.Effect).toBe('Allow');
    return Array.isArray(statement.Action) ? statement.Action : [statement.Action];
  });
}

function mappedActions(): string[] {
  return Object.entries(IAM_ACTIONS).flatMap(([service, operations]) =>
    operations.map((operation) => `${service}:${operation}`),
  );
}

/** Every SDK command the adapter source constructs, e.g. GetCostAndUsage from `new GetCostAndUsageCommand(`. */
function commandsInSource(): string[] {
  const folder = join(ROOT, 'adapters/aws');
  const commands = new Set<string>();
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.ts'))) {
    const source = readFileSync(join(folder, file), 'utf8');
    for (const match of source.matchAll(/new (\w+)Command\(/g)) commands.add(match[1] ?? '');
  }
  return [...commands].sort();
}

describe('infra/iam/finops-copilot-readonly-policy.json', () => {
  it('should list exactly the IAM actions the access-denied map names', () => {
    expect([...policyActions()].sort()).toEqual([...mappedActions()].sort());
  });

  it('should map every SDK command the adapter sends', () => {
    const operations = Object.values(IAM_ACTIONS).flat() as string[];
    expect(commandsInSource()).toEqual([...operations].sort());
  });

  it('should be read-only, and scope AssumeRole to the finops-copilot roles', () => {
    for (const action of policyActions()) {
      expect(action).toMatch(/^(ce|cloudwatch|tag):(Get|List|Describe)\w+$|^sts:AssumeRole$/);
    }
    const policy = JSON.parse(readFileSync(join(ROOT, IAM_POLICY_PATH), 'utf8')) as PolicyDocument;
    const assume = policy.Statement.find((statement) => [statement.Action].flat().includes('sts:AssumeRole'));
    expect(assume?.Resource).toBe('arn:aws:iam::*:role/finops-copilot-*');
  });
});
