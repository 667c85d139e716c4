import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../adapters/cli/main.ts';
import { readDemoManifest } from '../../../src/demo/index.ts';
import type { Answer } from '../../../src/domain/index.ts';
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

describe('finops CLI', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'finops-cli-'));
    const { io, err } = capture();
    expect(await main(['demo', '--data-dir', dataDir, '--now', '2026-11-24'], io), err.join('\n')).toBe(0);
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('should answer with JSON whose figures match a plain SQL query over the same database', async () => {
    const { io, out } = capture();
    const code = await main(
      ['ask', 'top 5 accounts this month', '--json', '--data-dir', dataDir, '--now', '2026-11-24'],
      io,
    );
    expect(code).toBe(0);
    const answer = JSON.parse(out.join('\n')) as Answer;
    const db = await openDatabase({ dataDir });
    const expected = await db.all<{ id: string; cost: string }>(
      `SELECT SubAccountId AS id, sum(EffectiveCost)::VARCHAR AS cost FROM line_items
       WHERE x_ChargeDate >= DATE '2026-11-01' AND x_ChargeDate < DATE '2026-11-25' GROUP BY 1 ORDER BY sum(EffectiveCost) DESC LIMIT 5`,
    );
    db.close();
    const accountFacts = answer.facts.filter(
      (fact) => fact.groupKey?.sub_account && fact.groupKey.sub_account !== '(other)',
    );
    expect(accountFacts.map((fact) => fact.groupKey?.sub_account)).toEqual(expected.map((row) => row.id));
    for (const [index, fact] of accountFacts.entries())
      expect(fact.value).toBeCloseTo(Number(expected[index]?.cost), 6);
    expect(accountFacts[0]?.source.kind).toBe('demo');
  });

  it('should find the planted EC2 jump of last week', async () => {
    const { io, out } = capture();
    await main(
      ['ask', 'why did EC2 spend jump last week?', '--json', '--data-dir', dataDir, '--now', '2026-11-24'],
      io,
    );
    const answer = JSON.parse(out.join('\n')) as Answer;
    expect(answer.intent).toBe('explain');
    const db = await openDatabase({ dataDir });
    const story = (await readDemoManifest(db))?.stories.find(
      (candidate) => candidate.id === 'payments-ec2-jump',
    );
    db.close();
    expect(story).toBeDefined();
    const change = answer.facts.find((fact) => fact.label.startsWith('Change,'));
    expect(change?.value).toBeGreaterThan(0);
    // The largest account-level driver is the story's account, and its top resource is one the story launched.
    const accountDrivers = answer.facts.filter((fact) => fact.label.startsWith('Change from account'));
    expect(accountDrivers[0]?.groupKey?.sub_account).toBe(story?.accountId);
    const resourceDriver = answer.facts.find((fact) => fact.label.startsWith('Change from resource'));
    expect(story?.resourceIds).toContain(resourceDriver?.groupKey?.resource);
  });

  it('should write the chart of an answer as a PNG', async () => {
    const chart = join(dataDir, 'chart.png');
    const { io, err } = capture();
    expect(
      await main(
        [
          'ask',
          'spend by service last month',
          '--chart',
          chart,
          '--data-dir',
          dataDir,
          '--now',
          '2026-11-24',
        ],
        io,
      ),
    ).toBe(0);
    expect(err.join('\n')).toMatch(/Chart written/);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(chart).subarray(1, 4).toString()).toBe('PNG');
  });

  it('should exit 3 with a clarification for a question it cannot answer', async () => {
    const { io, out } = capture();
    expect(await main(['ask', 'what is the weather', '--data-dir', dataDir, '--now', '2026-11-24'], io)).toBe(
      3,
    );
    expect(out.join('\n')).toMatch(/I can answer/);
  });

  it('should refuse a malformed --now with a clear message', async () => {
    const { io, err } = capture();
    expect(await main(['ask', 'total', '--data-dir', dataDir, '--now', 'next tuesday'], io)).toBe(1);
    expect(err.join('\n')).toMatch(/--now "next tuesday" is not a date/);
  });

  it('should name the file and keep the data when an ingest fails', async () => {
    const bad = join(dataDir, 'not-billing.csv');
    writeFileSync(bad, 'name,age\nalice,3\n');
    const before = capture();
    await main(['status', '--json', '--data-dir', dataDir], before.io);
    const { io, err } = capture();
    expect(await main(['ingest', bad, '--data-dir', dataDir], io)).toBe(1);
    expect(err.join('\n')).toContain('not-billing.csv');
    const after = capture();
    await main(['status', '--json', '--data-dir', dataDir], after.io);
    expect(after.out.join('\n')).toBe(before.out.join('\n'));
  });

  it('should run as the installed finops command', async () => {
    const { stdout } = await run(
      process.execPath,
      [BIN, 'ask', 'how much did we spend last month', '--data-dir', dataDir, '--now', '2026-11-24'],
      {
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    expect(stdout).toMatch(/Spend for October 2026: \$[\d,]+\.\d\d/);
    expect(stdout).toMatch(/Metric: effective cost/);
  });

  it('should answer every line piped into the chat, in order', async () => {
    const child = execFile(process.execPath, [BIN, 'chat', '--data-dir', dataDir, '--now', '2026-11-24'], {
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stdin?.end(
      'top 3 services last month\nhelp\nspend on snowflake\nexit\nthis line comes after exit\n',
    );
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    const order = [
      '> top 3 services last month',
      'Top 3 services',
      '> help',
      'Ask me about your AWS spend',
      '> spend on snowflake',
      'I can answer',
    ].map((text) => stdout.indexOf(text));
    expect(
      order.every((index) => index >= 0),
      stdout,
    ).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(stdout).not.toContain('this line comes after exit');
  });

  it('should keep one thread in a chat, so a follow-up builds on the answer before it', async () => {
    const child = execFile(process.execPath, [BIN, 'chat', '--data-dir', dataDir, '--now', '2026-11-24'], {
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stdin?.end('top 3 services this month\nand last month?\nexit\n');
    expect(await new Promise<number | null>((resolve) => child.on('close', resolve))).toBe(0);
    const followUp = stdout.slice(stdout.indexOf('> and last month?'));
    expect(followUp).toMatch(/Top 3 services by spend, October 2026/);
    expect(followUp).toContain('a follow-up to "top 3 services this month"');
  });

  it('should continue a thread across finops ask calls with the same --thread', async () => {
    const ask = async (question: string) => {
      const { io, out } = capture();
      const args = [
        'ask',
        question,
        '--json',
        '--thread',
        'cli-test',
        '--data-dir',
        dataDir,
        '--now',
        '2026-11-24',
      ];
      expect(await main(args, io)).toBe(0);
      return JSON.parse(out.join('\n')) as Answer;
    };
    await ask('spend by region this month');
    const followUp = await ask('and last month?');
    expect(followUp.facts[0]?.period).toEqual({ start: '2026-10-01', end: '2026-11-01' });
    expect(followUp.trace?.planner).toBe('deterministic');
  });

  it('should say which Slack settings are missing when finops slack has no tokens', async () => {
    const result = await run(process.execPath, [BIN, 'slack', '--data-dir', dataDir], {
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
    }).catch((error: { code: number; stderr: string }) => error);
    expect('code' in result ? result.code : 0).toBe(1);
    expect('stderr' in result ? result.stderr : '').toMatch(/finops slack needs SLACK_BOT_TOKEN/);
  });
});
