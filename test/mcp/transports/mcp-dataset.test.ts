import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openMcpDataset } from '../../../adapters/cli/commands/mcp-dataset.ts';
import { loadConfig } from '../../../src/config.ts';
import { openDatabase } from '../../../src/store/database.ts';

const run = promisify(execFile);
const ENTRY = join(import.meta.dirname, 'support/open-dataset-entry.ts');
const WRITER = join(import.meta.dirname, 'support/hold-writer-entry.ts');

describe('openMcpDataset', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'finops-mcp-dataset-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('should let three processes started at once share one data directory, generating the demo once', async () => {
    const children = [0, 1, 2].map(() =>
      run(process.execPath, ['--import', 'tsx', ENTRY, dataDir, '1500'], {
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
        timeout: 90_000,
      }),
    );
    const results = await Promise.all(children);
    const counts = results.map((result) => (JSON.parse(result.stdout.trim()) as { rows: number }).rows);
    const db = await openDatabase({ dataDir });
    const [expected] = await db.all<{ rows: number }>('SELECT count(*)::INTEGER AS rows FROM line_items');
    db.close();
    expect(expected?.rows).toBeGreaterThan(0);
    expect(counts).toEqual([expected?.rows, expected?.rows, expected?.rows]);
    const generated = results.filter((result) => result.stderr.includes('generating the demo organisation'));
    expect(generated.length).toBe(1);
  }, 120_000);

  it('should give up with a clear error when another process keeps the database open for writing', async () => {
    const writer = spawn(process.execPath, ['--import', 'tsx', WRITER, dataDir], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        writer.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
        writer.once('exit', (code) => reject(new Error(`writer exited with ${code}`)));
      });
      const err: string[] = [];
      const context = {
        config: loadConfig({ dataDir, now: '2026-11-24' }, {}),
        positionals: [],
        flags: { json: false, force: false, http: false },
        out: () => {},
        err: (text: string) => err.push(text),
        color: false,
      };
      let sleeps = 0;
      const sleep = async (ms: number) => {
        sleeps += 1;
        await new Promise((resolve) => setTimeout(resolve, Math.min(ms, 20)));
      };
      await expect(openMcpDataset(context, { waitForLockMs: 100, sleep })).rejects.toThrow(
        /another process keeps .* open for writing.*give this server its own --data-dir/,
      );
      expect(sleeps).toBeGreaterThan(0);
      expect(err.join('\n')).toContain('waiting');
    } finally {
      const exited = new Promise((resolve) => writer.once('exit', resolve));
      writer.stdin.end();
      await exited;
    }
  }, 30_000);
});
