import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Catalog, parseQuestion } from '../../src/questions/parse/index.ts';

// The README promises these questions work; this keeps the promise true as the parser changes.
const README = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');

function exampleQuestions(): string[] {
  const section = README.slice(README.indexOf('## What it answers'), README.indexOf('Periods:'));
  const fromTable = section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| kind') && !line.startsWith('| ---'))
    .flatMap((line) => (line.split('|')[2] ?? '').split('·'))
    .map((question) => question.trim())
    .filter(Boolean);
  const chat = README.slice(README.indexOf('```text'), README.indexOf('```', README.indexOf('```text') + 7));
  const fromChat = chat
    .split('\n')
    .filter((line) => line.startsWith('> '))
    .map((line) => line.slice(2).trim());
  return [...fromTable, ...fromChat];
}

const CATALOG: Catalog = {
  services: [
    { name: 'Amazon Elastic Compute Cloud', code: 'AmazonEC2', category: 'Compute' },
    { name: 'Amazon Simple Storage Service', code: 'AmazonS3', category: 'Storage' },
    { name: 'Amazon Relational Database Service', code: 'AmazonRDS', category: 'Databases' },
  ],
  accounts: [
    { id: '442069174385', name: 'acme-prod' },
    { id: '553108246790', name: 'acme-staging' },
  ],
  regions: ['us-east-1', 'us-west-2', 'eu-west-1'],
  tagKeys: ['cost-center', 'env', 'owner', 'team'],
  tagValues: {
    team: ['payments', 'search'],
    env: ['prod', 'staging'],
    'cost-center': ['cc-100'],
    owner: ['ana'],
  },
  usageTypes: ['BoxUsage:m5.large', 'NatGateway-Bytes'],
  dataRange: { start: '2025-10-01', end: '2026-11-24' },
};

describe('README examples', () => {
  const questions = exampleQuestions();

  it('should find the examples in the README', () => {
    expect(questions.length).toBeGreaterThan(30);
  });

  it.each(questions)('should answer "%s" without asking back', (question) => {
    const parsed = parseQuestion(question, { today: '2026-11-24', catalog: CATALOG });
    expect(parsed.intent, parsed.clarification?.reason).not.toBe('clarify');
  });
});
