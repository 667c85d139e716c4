import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoDbStateStore, createStateTable } from '../../adapters/dynamodb/index.ts';
import {
  type AuthorisationPolicyInput,
  authorisationPolicySchema,
  createDecisionService,
  groupRecommendations,
  INVALID_ID_AUDIT,
  listStored,
  type Recommendation,
  type RecommendationRun,
  readAudit,
  recommendationId,
  recommendationSchema,
  saveRun,
  totalMonthlySavings,
} from '../../src/recommendations/index.ts';
import { createEmbeddedStateStore, createMemoryStateStore, type StateStore } from '../../src/state/index.ts';
import { type DynamoDbLocal, startDynamoDbLocal } from '../support/dynamodb-local.ts';

const DAY_1 = new Date('2026-11-24T09:00:00Z');

function recommendation(
  resourceId: string,
  savings: number | null,
  overrides: Partial<Recommendation> = {},
): Recommendation {
  const type = overrides.type ?? 'ec2-idle';
  return recommendationSchema.parse({
    id: recommendationId(type, '111122223333', resourceId),
    type,
    group: `resource:111122223333:${resourceId}`,
    service: 'Amazon Elastic Compute Cloud',
    accountId: '111122223333',
    region: 'us-east-1',
    resourceId,
    title: `Stop ${resourceId}`,
    rationale: 'idle',
    evidence: [{ name: 'CPU p95', value: 1.2, unit: '%' }],
    current: { instanceType: 'm5.xlarge' },
    proposed: { action: 'stop' },
    currentMonthlyCost: savings,
    estimatedMonthlySavings: savings,
    savingsBasis: 'test',
    pricesUsed: [],
    effort: 'low',
    risk: 'low',
    steps: { console: ['stop it'], cli: [] },
    source: 'copilot',
    status: 'open',
    warnings: [],
    generatedAt: DAY_1.toISOString(),
    tags: { owner: 'maria@acme.example' },
    ...overrides,
  });
}

function runOf(items: Recommendation[], at: Date): RecommendationRun {
  const groups = groupRecommendations(items);
  return {
    generatedAt: at.toISOString(),
    metricsWindow: { start: '2026-10-25', end: '2026-11-24' },
    spendWindow: { start: '2026-10-25', end: '2026-11-24' },
    recommendations: items,
    groups,
    totalMonthlySavings: totalMonthlySavings(groups),
    notes: [],
    failures: [],
  };
}

const POLICY: AuthorisationPolicyInput = {
  default: {
    approvers: { users: ['U_ALICE'], groups: ['finops-approvers'] },
    owners: { enabled: true, tagKey: 'owner', maxApprovalSavingsUsd: 500 },
  },
  scopes: [{ workspace: 'T1', channel: 'C_PROD', policy: { approvers: { users: ['U_PRODLEAD'] } } }],
};

interface Subject {
  store: StateStore;
  reopen(): Promise<StateStore>;
}

let local: DynamoDbLocal;
const clients: DynamoDBClient[] = [];
const directories: string[] = [];

beforeAll(async () => {
  local = await startDynamoDbLocal();
}, 90_000);

afterAll(async () => {
  for (const client of clients) client.destroy();
  await local?.stop();
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

function documents(): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    endpoint: local.endpoint,
    region: local.region,
    credentials: local.credentials,
  });
  clients.push(client);
  return DynamoDBDocumentClient.from(client);
}

const SUBJECTS: [string, () => Promise<Subject>][] = [
  [
    'the embedded file store',
    async () => {
      const directory = mkdtempSync(join(tmpdir(), 'finops-decisions-'));
      directories.push(directory);
      const path = join(directory, 'state.jsonl');
      return {
        store: await createEmbeddedStateStore({ path }),
        reopen: () => createEmbeddedStateStore({ path }),
      };
    },
  ],
  [
    'DynamoDB (DynamoDB Local)',
    async () => {
      const tableName = `decisions-${randomUUID()}`;
      await createStateTable({ client: local.client, tableName });
      return {
        store: createDynamoDbStateStore({ client: documents(), tableName }),
        reopen: async () => createDynamoDbStateStore({ client: documents(), tableName }),
      };
    },
  ],
];

describe.each(SUBJECTS)('decisions on %s', (_name, makeSubject) => {
  let subject: Subject;
  let clock = DAY_1;
  const now = () => clock;
  const idle = recommendation('i-idle', 140.16);
  const big = recommendation('i-big', 900, { type: 'ec2-rightsize' });
  const untagged = recommendation('i-untagged', 50, { tags: {} });

  beforeAll(async () => {
    subject = await makeSubject();
    clock = DAY_1;
    await saveRun(subject.store, runOf([idle, big, untagged], DAY_1), DAY_1);
  }, 30_000);

  const service = () =>
    createDecisionService({ store: subject.store, policy: authorisationPolicySchema.parse(POLICY), now });

  it('should give exactly one winner to 50 concurrent approvals and tell the others who won', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        service().decide({
          recommendationId: idle.id,
          action: { type: 'approve' },
          actor: { id: 'U_ALICE', displayName: `Alice ${index}` },
        }),
      ),
    );
    const winners = results.filter((result) => result.outcome === 'applied');
    expect(winners).toHaveLength(1);
    const winner =
      winners[0]?.outcome === 'applied' ? winners[0].recommendation.decision?.actor.displayName : '';
    for (const result of results.filter((candidate) => candidate.outcome === 'refused')) {
      expect(result.outcome === 'refused' && result.code).toBe('already_decided');
      expect(result.message).toContain(`Already approved by ${winner} at 2026-11-24 09:00 UTC`);
    }
    const audit = await readAudit(subject.store, idle.id);
    expect(audit.filter((record) => record.outcome === 'applied')).toHaveLength(1);
    expect(audit.filter((record) => record.code === 'already_decided')).toHaveLength(49);
  }, 60_000);

  it('should refuse and audit a user who is neither approver nor owner, and change nothing', async () => {
    const result = await service().decide({
      recommendationId: untagged.id,
      action: { type: 'approve' },
      actor: { id: 'U_MALLORY' },
    });
    expect(result.outcome).toBe('refused');
    expect(result.outcome === 'refused' && result.code).toBe('not_authorised');
    expect(result.message).toMatch(/not an approver/);
    const [stored] = await listStored(subject.store, now(), { status: 'all', type: 'ec2-idle' }).then(
      (items) => items.filter((item) => item.recommendation.id === untagged.id),
    );
    expect(stored?.status).toBe('open');
    const audit = await readAudit(subject.store, untagged.id);
    expect(audit.map((record) => [record.outcome, record.code, record.actor.id])).toEqual([
      ['refused', 'not_authorised', 'U_MALLORY'],
    ]);
  });

  it('should let the owner approve under the threshold but not above it', async () => {
    const owner = { id: 'U_MARIA', email: 'Maria@acme.example' };
    const above = await service().decide({
      recommendationId: big.id,
      action: { type: 'approve' },
      actor: owner,
    });
    expect(above.outcome === 'refused' && above.code).toBe('not_authorised');
    expect(above.message).toMatch(/above \$500/);
    const dismissed = await service().decide({
      recommendationId: big.id,
      action: { type: 'snooze', until: '2026-12-24' },
      actor: owner,
      reason: 'after the freeze',
    });
    expect(dismissed.outcome).toBe('applied');
  });

  it('should only decide ids it stored: a made-up or malformed id is refused and nothing is created', async () => {
    const madeUp = recommendationId('ec2-idle', '111122223333', 'i-never-seen');
    const unknown = await service().decide({
      recommendationId: madeUp,
      action: { type: 'approve' },
      actor: { id: 'U_ALICE' },
    });
    expect(unknown.outcome === 'refused' && unknown.code).toBe('not_found');
    expect((await readAudit(subject.store, madeUp)).map((record) => record.code)).toEqual(['not_found']);
    expect(await subject.store.get('rec', madeUp)).toBeUndefined();
    const garbage = await service().decide({
      recommendationId: 'rec-; DROP TABLE',
      action: { type: 'approve' },
      actor: { id: 'U_ALICE' },
    });
    expect(garbage.outcome === 'refused' && garbage.code).toBe('invalid_input');
    const invalid = await readAudit(subject.store, INVALID_ID_AUDIT);
    expect(invalid.map((record) => record.attemptedId)).toContain('rec-; DROP TABLE');
  });

  it('should use the channel policy where one is configured', async () => {
    const scoped = await service().decide({
      recommendationId: untagged.id,
      action: { type: 'dismiss' },
      actor: { id: 'U_ALICE' },
      scope: { workspace: 'T1', channel: 'C_PROD' },
    });
    expect(scoped.outcome === 'refused' && scoped.code).toBe('not_authorised');
    const lead = await service().decide({
      recommendationId: untagged.id,
      action: { type: 'dismiss' },
      actor: { id: 'U_PRODLEAD' },
      reason: 'kept for DR drills',
      scope: { workspace: 'T1', channel: 'C_PROD' },
    });
    expect(lead.outcome).toBe('applied');
  });

  it('should keep decisions across a restart and across a re-run of the rules', async () => {
    const reopened = await subject.reopen();
    const day2 = new Date('2026-11-25T09:00:00Z');
    const sync = await saveRun(reopened, runOf([idle, big, untagged], day2), day2);
    expect(sync).toMatchObject({ created: 0, updated: 3, reopened: [] });
    const all = await listStored(reopened, day2, { status: 'all' });
    const status = Object.fromEntries(all.map((item) => [item.recommendation.resourceId, item.status]));
    expect(status).toEqual({ 'i-idle': 'approved', 'i-big': 'snoozed', 'i-untagged': 'dismissed' });
    expect((await listStored(reopened, day2)).length).toBe(0);
    await reopened.close();
  });

  it('should reopen a snoozed item when its saving grows by more than half, and audit it', async () => {
    const day3 = new Date('2026-11-26T09:00:00Z');
    const grown = { ...big, estimatedMonthlySavings: 1400 };
    const sync = await saveRun(subject.store, runOf([idle, grown, untagged], day3), day3);
    expect(sync.reopened.map((item) => item.id)).toEqual([big.id]);
    expect(sync.reopened[0]?.reason).toMatch(/from \$900\.00 to \$1400\.00/);
    const open = await listStored(subject.store, day3);
    expect(open.map((item) => item.recommendation.id)).toEqual([big.id]);
    const audit = await readAudit(subject.store, big.id);
    expect(audit.at(-1)).toMatchObject({
      action: 'reopen',
      outcome: 'applied',
      actor: { id: 'finops-copilot' },
    });
  });

  it('should read a snooze as open once it has ended', async () => {
    clock = new Date('2026-11-27T09:00:00Z');
    const snoozed = await service().decide({
      recommendationId: big.id,
      action: { type: 'snooze', until: '2026-11-28' },
      actor: { id: 'U_ALICE' },
    });
    expect(snoozed.outcome).toBe('applied');
    expect((await listStored(subject.store, clock)).length).toBe(0);
    const later = new Date('2026-11-29T00:00:00Z');
    expect((await listStored(subject.store, later)).map((item) => item.recommendation.id)).toEqual([big.id]);
    clock = later;
    const again = await service().decide({
      recommendationId: big.id,
      action: { type: 'approve' },
      actor: { id: 'U_ALICE' },
    });
    expect(again.outcome).toBe('applied');
  });

  it('should refuse a snooze into the past and a reason that is too long, with a fix in the message', async () => {
    const past = await service().decide({
      recommendationId: untagged.id,
      action: { type: 'snooze', until: '2020-01-01' },
      actor: { id: 'U_ALICE' },
    });
    expect(past.outcome === 'refused' && past.code).toBe('invalid_input');
    expect(past.message).toMatch(/not a future date: give a day such as \d{4}-\d{2}-\d{2}/);
    const long = await service().decide({
      recommendationId: untagged.id,
      action: { type: 'dismiss' },
      actor: { id: 'U_ALICE' },
      reason: 'x'.repeat(2001),
    });
    expect(long.outcome === 'refused' && long.code).toBe('invalid_input');
    expect(long.message).toMatch(/shorten it/);
  });

  it('should let only approvers reopen an approved item', async () => {
    const owner = await service().decide({
      recommendationId: idle.id,
      action: { type: 'reopen' },
      actor: { id: 'U_MARIA', email: 'maria@acme.example' },
    });
    expect(owner.outcome === 'refused' && owner.code).toBe('not_authorised');
    expect(owner.message).toMatch(/Only approvers may reopen an approved recommendation/);
  });

  it('should let an approver reopen a dismissed item', async () => {
    const result = await service().decide({
      recommendationId: untagged.id,
      action: { type: 'reopen' },
      actor: { id: 'U_ALICE' },
      reason: 'DR drills moved to another account',
    });
    expect(result.outcome).toBe('applied');
    expect(result.outcome === 'applied' && result.recommendation.status).toBe('open');
  });
});

describe('decisions on the in-memory store', () => {
  it('should refuse to decide an item a later run no longer produced', async () => {
    const store = createMemoryStateStore();
    const gone = recommendation('i-gone', 10);
    await saveRun(store, runOf([gone], DAY_1), DAY_1);
    const later = new Date('2026-11-25T09:00:00Z');
    await saveRun(store, runOf([], later), later);
    const result = await createDecisionService({
      store,
      policy: authorisationPolicySchema.parse(POLICY),
      now: () => later,
    }).decide({ recommendationId: gone.id, action: { type: 'approve' }, actor: { id: 'U_ALICE' } });
    expect(result.outcome === 'refused' && result.code).toBe('stale');
  });

  it('should let nobody approve with the default policy except owners under the threshold', async () => {
    const store = createMemoryStateStore();
    const item = recommendation('i-default', 100);
    await saveRun(store, runOf([item], DAY_1), DAY_1);
    const decisions = createDecisionService({ store, now: () => DAY_1 });
    const stranger = await decisions.decide({
      recommendationId: item.id,
      action: { type: 'approve' },
      actor: { id: 'U_ANY' },
    });
    expect(stranger.message).toMatch(/No approvers are configured/);
    const owner = await decisions.decide({
      recommendationId: item.id,
      action: { type: 'approve' },
      actor: { id: 'U_MARIA', email: 'maria@acme.example' },
    });
    expect(owner.outcome).toBe('applied');
  });
});
