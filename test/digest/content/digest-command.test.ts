import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../adapters/cli/main.ts';
import type { Answer } from '../../../src/domain/index.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (text: string) => out.push(text), err: (text: string) => err.push(text), color: false },
    out,
    err,
  };
}

describe('finops digest preview', () => {
  let dataDir: string;
  const common = () => ['--data-dir', dataDir, '--now', '2026-11-24'];

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'finops-digest-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('should print the digest of the last 7 full days and write its chart as a PNG', async () => {
    const chart = join(dataDir, 'digest.png');
    const { io, out, err } = capture();
    const code = await main(
      ['digest', 'preview', '--scope', 'team=payments', '--budget', '9000', '--chart', chart, ...common()],
      io,
    );
    expect(code, err.join('\n')).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('Weekly cost digest: team=payments, Nov 17–23, 2026');
    expect(text).toContain('budget $9,000.00');
    expect(text).toContain('filters: tag team is payments');
    const png = readFileSync(chart);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(err.join('\n')).toContain(`Chart written to ${chart}`);
  }, 60_000);

  it('should print the digest as JSON with --json', async () => {
    const { io, out, err } = capture();
    expect(await main(['digest', 'preview', '--json', ...common()], io), err.join('\n')).toBe(0);
    const answer = JSON.parse(out.join('\n')) as Answer;
    expect(answer.intent).toBe('digest');
    expect(answer.recommendations.length).toBeGreaterThan(0);
    expect(answer.facts[0]?.period).toEqual({ start: '2026-11-17', end: '2026-11-24' });
  }, 60_000);

  it('should explain a malformed scope or budget', async () => {
    const scope = capture();
    expect(await main(['digest', 'preview', '--scope', 'payments', ...common()], scope.io)).toBe(1);
    expect(scope.err.join('\n')).toContain('--scope takes key=value');
    const budget = capture();
    expect(await main(['digest', 'preview', '--budget', 'lots', ...common()], budget.io)).toBe(1);
    expect(budget.err.join('\n')).toContain('--budget takes');
    const sub = capture();
    expect(await main(['digest', 'send', ...common()], sub.io)).toBe(1);
    expect(sub.err.join('\n')).toContain('digest needs a subcommand');
  });
});
