import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createStateTable } from '../../../adapters/dynamodb/index.ts';
import { openStateStore } from '../../../adapters/state/open-state-store.ts';
import { loadConfig } from '../../../src/config.ts';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../support/dynamodb-local.ts';

let local: DynamoDbLocal;
const directories: string[] = [];

beforeAll(async () => {
  local = await startDynamoDbLocal();
}, 90_000);

afterAll(async () => {
  await local?.stop();
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

afterEach(() => vi.unstubAllEnvs());

describe('openStateStore', () => {
  it('should open the embedded store in the data directory by default', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'finops-open-'));
    directories.push(dataDir);
    const config = loadConfig({ dataDir }, {});
    expect(config.stateStore).toEqual({ kind: 'embedded', path: join(dataDir, 'state.jsonl') });
    const store = await openStateStore(config.stateStore);
    await store.put({ partition: 'p', sort: 's', value: { ok: true } });
    await store.close();
    const again = await openStateStore(config.stateStore);
    expect((await again.get('p', 's'))?.value).toEqual({ ok: true });
    await again.close();
  });

  it('should open a DynamoDB table named by FINOPS_STATE_TABLE, through the SDK credential chain', async () => {
    const table = `finops-state-${randomUUID()}`;
    await createStateTable({ client: local.client, tableName: table });
    // DynamoDB Local accepts any credentials; the SDK reads them from the environment as on AWS.
    vi.stubEnv('AWS_ACCESS_KEY_ID', local.credentials.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', local.credentials.secretAccessKey);
    const config = loadConfig(
      {},
      { FINOPS_STATE_TABLE: table, FINOPS_DYNAMODB_ENDPOINT: local.endpoint, AWS_REGION: local.region },
    );
    expect(config.stateStore).toEqual({
      kind: 'dynamodb',
      table,
      region: local.region,
      endpoint: local.endpoint,
    });
    const store = await openStateStore(config.stateStore);
    expect(store.name).toContain(table);
    await store.put({ partition: 'rec', sort: 'rec-0123456789abcdef', value: { status: 'open' } });
    expect((await store.get('rec', 'rec-0123456789abcdef'))?.version).toBe(1);
    await store.close();
  }, 30_000);

  it('should say how to create a missing table instead of failing on the first write', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', local.credentials.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', local.credentials.secretAccessKey);
    const config = loadConfig(
      {},
      {
        FINOPS_STATE_TABLE: 'no-such-table',
        FINOPS_DYNAMODB_ENDPOINT: local.endpoint,
        AWS_REGION: local.region,
      },
    );
    await expect(openStateStore(config.stateStore)).rejects.toThrow(/no-such-table/);
  }, 30_000);
});

describe('loadConfig: authorisation policy', () => {
  it('should add FINOPS_APPROVERS, groups and the threshold to the default scope', () => {
    const config = loadConfig(
      { dataDir: '/tmp/x' },
      {
        FINOPS_APPROVERS: 'U1, lead@acme.example',
        FINOPS_APPROVER_GROUPS: 'finops',
        FINOPS_APPROVAL_THRESHOLD_USD: '250',
      },
    );
    expect(config.authorisation.default.approvers).toEqual({
      users: ['U1', 'lead@acme.example'],
      groups: ['finops'],
    });
    expect(config.authorisation.default.owners.maxApprovalSavingsUsd).toBe(250);
  });

  it('should name the problem in a policy file that is not valid', () => {
    const directory = mkdtempSync(join(tmpdir(), 'finops-policy-'));
    directories.push(directory);
    const path = join(directory, 'policy.json');
    writeFileSync(path, JSON.stringify({ default: { approvers: { users: 'alice' } } }));
    expect(() => loadConfig({ dataDir: directory }, { FINOPS_POLICY_FILE: path })).toThrow(
      /FINOPS_POLICY_FILE .*policy\.json: default\.approvers\.users/,
    );
    writeFileSync(path, '{ not json');
    expect(() => loadConfig({ dataDir: directory }, { FINOPS_POLICY_FILE: path })).toThrow(
      /could not be read as JSON/,
    );
  });

  it('should reject a threshold that is not a number', () => {
    expect(() => loadConfig({}, { FINOPS_APPROVAL_THRESHOLD_USD: 'lots' })).toThrow(
      /FINOPS_APPROVAL_THRESHOLD_USD/,
    );
  });
});
