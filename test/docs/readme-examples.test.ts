import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConversationContext } from '../../agents/orchestrator/conversation-context.ts';
import { type Route, routeQuestion } from '../../agents/orchestrator/deterministic/index.ts';
import type { Catalog } from '../../src/questions/parse/index.ts';

// The README promises these questions work; this keeps the promise true as the planner changes.
// They are routed as the agents route them: follow-ups after a turn of the same thread.
const README = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');

function tableRows(): { kind: string; questions: string[] }[] {
  const section = README.slice(README.indexOf('## What it answers'), README.indexOf('Periods:'));
  return section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| kind') && !line.startsWith('| ---'))
    .map((line) => ({
      kind: (line.split('|')[1] ?? '').trim(),
      questions: (line.split('|')[2] ?? '')
        .split('·')
        .map((question) => question.trim())
        .filter(Boolean),
    }));
}

function chatQuestions(): string[] {
  const chat = README.slice(README.indexOf('```text'), README.indexOf('```', README.indexOf('```text') + 7));
  return chat
    .split('\n')
    .filter((line) => line.startsWith('> '))
    .map((line) => line.slice(2).trim());
}

const TODAY = '2026-11-24';

function remembered(question: string, route: Route): ConversationContext {
  return {
    contextId: 'readme',
    turn: 1,
    updatedAt: `${TODAY}T12:00:00Z`,
    question,
    intent: route.intent,
    ...(route.plan ? { plan: route.plan } : {}),
    calls: route.calls,
  };
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
  const rows = tableRows();
  const route = (question: string, previous?: ConversationContext) =>
    routeQuestion(question, { today: TODAY, catalog: CATALOG, ...(previous ? { previous } : {}) });
  const opener = 'top 5 accounts this month';

  it('should find the examples in the README', () => {
    expect(rows.flatMap((row) => row.questions).length).toBeGreaterThan(40);
    expect(chatQuestions().length).toBeGreaterThan(5);
  });

  it.each(rows.flatMap((row) => row.questions.map((question) => [row.kind, question] as const)))(
    '%s: should answer "%s" without asking back',
    (kind, question) => {
      // Follow-ups are asked after a first question in the same thread, as the README says.
      const previous = kind === 'follow-ups' ? remembered(opener, route(opener)) : undefined;
      const routed = route(question, previous);
      expect(routed.intent, routed.clarification?.reason).not.toBe('clarify');
      expect(routed.calls.length).toBeGreaterThan(0);
    },
  );

  it('should answer the chat example as one thread, each line without asking back', () => {
    let previous: ConversationContext | undefined;
    for (const question of chatQuestions()) {
      const routed = route(question, previous);
      expect(routed.intent, `${question}: ${routed.clarification?.reason ?? ''}`).not.toBe('clarify');
      previous = remembered(question, routed);
    }
  });
});
