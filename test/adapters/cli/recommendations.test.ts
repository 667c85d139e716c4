import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../adapters/cli/main.ts';
import { readDemoManifest } from '../../../src/demo/index.ts';
import type { StoredRecommendation } from '../../../src/recommendations/index.ts';
import { openDatabase } from '../../../src/store/database.ts';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '../../../adapters/cli/bin.js');

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (text: string) => out.push(text), err: (text: string) => err.push(text), color: false },
    out,
    err,
  };
}

describe('finops recommendations, decide and audit', () => {
  let dataDir: string;
  const common = () => ['--data-dir', dataDir, '--now', '2026-11-24'];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'finops-recs-'));
    const { io, err } = capture();
    expect(await main(['demo', ...common()], io), err.join('\n')).toBe(0);
  }, 60_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  afterEach(() => vi.unstubAllEnvs());

  async function list(...flags: string[]): Promise<StoredRecommendation[]> {
    const { io, out, err } = capture();
    expect(await main(['recommendations', '--json', ...flags, ...common()], io), err.join('\n')).toBe(0);
    return (JSON.parse(out.join('\n')) as { recommendations: StoredRecommendation[] }).recommendations;
  }

  it('should list every planted opportunity with its evidence', async () => {
    const { io, out } = capture();
    expect(await main(['recommendations', '--limit', '500', ...common()], io)).toBe(0);
    const text = out.join('\n');
    const db = await openDatabase({ dataDir });
    const manifest = await readDemoManifest(db);
    db.close();
    const planted = (manifest?.stories ?? []).filter(
      (story) =>
        !story.id.startsWith('healthy-') &&
        !['payments-ec2-jump', 'nat-gateway-bytes-spike'].includes(story.id),
    );
    expect(planted.length).toBe(7);
    const all = await list('--status', 'all');
    for (const story of planted) {
      for (const resourceId of story.resourceIds) {
        expect(
          all.some((stored) => stored.recommendation.resourceId === resourceId),
          `${story.id}: ${resourceId}`,
        ).toBe(true);
      }
    }
    expect(text).toMatch(/a month if the best of each group is done/);
    expect(text).toMatch(/CPU p95 \d/);
  }, 60_000);

  it('should filter by service, account and minimum saving', async () => {
    const rds = await list('--service', 'relational', '--min-savings', '100');
    expect(rds.length).toBeGreaterThan(0);
    for (const stored of rds) {
      expect(stored.recommendation.service).toBe('Amazon Relational Database Service');
      expect(stored.recommendation.estimatedMonthlySavings).toBeGreaterThanOrEqual(100);
    }
    const staging = await list('--account', 'acme-staging');
    expect(staging.every((stored) => stored.recommendation.accountName === 'acme-staging')).toBe(true);
  }, 60_000);

  it('should reject a bad filter with a message that says what is allowed', async () => {
    const { io, err } = capture();
    expect(await main(['recommendations', '--status', 'closed', ...common()], io)).toBe(1);
    expect(err.join('\n')).toMatch(/--status must be one of open, approved, dismissed, snoozed, all/);
  });

  it('should approve as a configured approver, refuse a second approval and show both in the audit', async () => {
    vi.stubEnv('FINOPS_APPROVERS', 'finops-lead@acme.example');
    const [top] = await list('--type', 'ebs-unattached');
    const id = top?.recommendation.id ?? '';
    const first = capture();
    expect(
      await main(
        ['decide', id, 'approve', '--as', 'finops-lead@acme.example', '--reason', 'no owner', ...common()],
        first.io,
      ),
      first.err.join('\n'),
    ).toBe(0);
    expect(first.out.join('\n')).toMatch(/^Approved by finops-lead@acme.example\./);
    const second = capture();
    expect(
      await main(['decide', id, 'approve', '--as', 'someone@acme.example', ...common()], second.io),
    ).toBe(1);
    expect(second.err.join('\n')).toMatch(/Refused/);
    const audit = capture();
    expect(await main(['audit', id, ...common()], audit.io)).toBe(0);
    const lines = audit.out.join('\n');
    expect(lines).toMatch(/applied +approve +finops-lead@acme.example open → approved reason: “no owner”/);
    expect(lines).toMatch(/refused +approve +someone@acme.example/);
    // A re-run keeps the decision: the item is no longer open.
    expect((await list('--type', 'ebs-unattached')).some((stored) => stored.recommendation.id === id)).toBe(
      false,
    );
    expect((await list('--status', 'approved')).map((stored) => stored.recommendation.id)).toContain(id);
  }, 60_000);

  it('should ask for --as and for a snooze date instead of guessing', async () => {
    const noActor = capture();
    expect(await main(['decide', 'rec-0123456789abcdef', 'approve', ...common()], noActor.io)).toBe(1);
    expect(noActor.err.join('\n')).toMatch(/decide needs --as/);
    const noDate = capture();
    expect(
      await main(['decide', 'rec-0123456789abcdef', 'snooze', '--as', 'me', ...common()], noDate.io),
    ).toBe(1);
    expect(noDate.err.join('\n')).toMatch(/snooze needs --until YYYY-MM-DD/);
    const unknown = capture();
    expect(
      await main(['decide', 'rec-0123456789abcdef', 'approve', '--as', 'me', ...common()], unknown.io),
    ).toBe(1);
    expect(unknown.err.join('\n')).toMatch(/not_found.*only recommendations the copilot produced/);
  });

  it('should show the decision to another process reading the same data directory', async () => {
    const { stdout } = await run(process.execPath, [
      BIN,
      'recommendations',
      '--status',
      'approved',
      '--json',
      ...common(),
    ]);
    const approved = (JSON.parse(stdout) as { recommendations: StoredRecommendation[] }).recommendations;
    expect(approved.map((stored) => stored.decision?.actor.id)).toContain('finops-lead@acme.example');
  }, 60_000);
});
