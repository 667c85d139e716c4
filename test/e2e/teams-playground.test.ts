import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedCopilot, startCopilot } from '../../adapters/cli/commands/start.ts';
import type { CommandContext } from '../../adapters/cli/main.ts';
import type { TeamsLog } from '../../adapters/teams/index.ts';
import { PLAYGROUND_DEFAULT_USER } from '../../adapters/teams/playground/playground-user.ts';
import { loadConfig } from '../../src/config.ts';
import { chromiumExecutable, launchChromium } from '../support/chromium.ts';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '../../adapters/cli/bin.js');
const NOW = '2026-11-24';
const QUESTION = 'how can we cut EC2 and S3 costs?';
const DISMISS_REASON = 'batch host, idle by design';
/** Generous for a 2-core CI machine, and still bounded: a hang fails the test instead of the suite. */
const ANSWER_TIMEOUT_MS = 40_000;
const UI_TIMEOUT_MS = 15_000;

// One data directory for the file: the in-process stack generates the demo, the process test reuses it.
const dataDir = mkdtempSync(join(tmpdir(), 'finops-e2e-teams-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function contextFor(env: Record<string, string>): CommandContext & { errors: string[] } {
  const errors: string[] = [];
  return {
    config: loadConfig({ dataDir, now: NOW }, env),
    positionals: [],
    flags: { json: false, force: false, http: false },
    out: () => {},
    err: (text) => errors.push(text),
    color: false,
    errors,
  };
}

async function typeQuestion(page: Page, text: string): Promise<void> {
  const box = page
    .getByRole('textbox', { name: /type a message/i })
    .or(page.getByRole('textbox'))
    .first();
  await box.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await box.click();
  await box.pressSequentially(text);
  await page.keyboard.press('Enter');
}

describe('chromiumExecutable', () => {
  it('should fail, saying how to install it, when Chromium is missing', () => {
    expect(() => chromiumExecutable('/nonexistent/chromium')).toThrow(/apt-get install chromium/);
  });
});

describe('npm start in the Agents Playground (Chromium)', () => {
  let started: StartedCopilot | undefined;
  let browser: Browser | undefined;
  const problems: Array<Parameters<TeamsLog>[0]> = [];

  beforeAll(async () => {
    // Through the config, as FINOPS_APPROVERS would be: the Playground's signed-in user approves.
    const context = contextFor({ FINOPS_APPROVERS: PLAYGROUND_DEFAULT_USER.aadObjectId });
    started = await startCopilot(context, {
      teamsPort: 0,
      playgroundPort: 0,
      log: (entry) => {
        if (entry.level !== 'info') problems.push(entry);
      },
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await started?.stop();
  });

  it('should answer with a chart card, approve the first recommendation, dismiss a second through Dismiss… and show who decided each', async () => {
    if (!started?.chatUrl || !browser) throw new Error('the stack did not start');
    // The approver came from the configuration, not from the local-chat fallback.
    expect(started.playgroundApprover).toBe(false);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(started.chatUrl);
    await typeQuestion(page, QUESTION);

    const chart = page.locator('.ac-adaptiveCard img.ac-image[src^="data:image/png;base64,"]').first();
    await chart.waitFor({ state: 'visible', timeout: ANSWER_TIMEOUT_MS });
    await page.waitForFunction(
      (image) => {
        const element = image as unknown as { complete: boolean; naturalWidth: number } | null;
        return Boolean(element?.complete) && (element?.naturalWidth ?? 0) > 0;
      },
      await chart.elementHandle(),
      { timeout: UI_TIMEOUT_MS },
    );
    const approve = page.locator('.ac-adaptiveCard').getByRole('button', { name: 'Approve', exact: true });
    await approve.first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    const offered = await approve.count();
    expect(offered).toBeGreaterThan(0);

    const recommendations = started.runtime.recommendations(started.stateStore);
    expect(await recommendations.list({ status: 'approved' })).toEqual([]);
    await approve.first().click();

    const decided = page
      .locator('.ac-adaptiveCard .ac-container')
      .filter({ hasText: `Approved by ${PLAYGROUND_DEFAULT_USER.name}` })
      .last();
    await decided.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await expect.poll(() => approve.count(), { timeout: UI_TIMEOUT_MS }).toBe(offered - 1);

    // The store agrees with the page: one approval, by the Playground user's Entra object id.
    const approved = await recommendations.list({ status: 'approved' });
    expect(approved).toHaveLength(1);
    expect(approved[0]?.decision?.actor.id).toBe(PLAYGROUND_DEFAULT_USER.aadObjectId);
    const title = approved[0]?.recommendation.title ?? '';
    expect(await decided.textContent()).toContain(title.slice(0, 40));

    // Dismiss a second one: its reason and snooze inputs only appear once "Dismiss…" is opened.
    const card = page.locator('.ac-adaptiveCard');
    const visibleReasons = card.getByRole('textbox', { name: 'Reason' }).filter({ visible: true });
    expect(await visibleReasons.count()).toBe(0);
    await card.getByRole('button', { name: 'Dismiss…', exact: true }).first().click();
    await visibleReasons.first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    expect(await visibleReasons.count()).toBe(1);
    await visibleReasons.first().fill(DISMISS_REASON);
    const dismiss = card.getByRole('button', { name: 'Dismiss', exact: true }).filter({ visible: true });
    expect(await dismiss.count()).toBe(1);
    await dismiss.click();

    const dismissedOnPage = page
      .locator('.ac-adaptiveCard .ac-container')
      .filter({ hasText: `Dismissed by ${PLAYGROUND_DEFAULT_USER.name}` })
      .last();
    await dismissedOnPage.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    expect(await dismissedOnPage.textContent()).toContain(DISMISS_REASON);
    // The approval is still shown on the refreshed card, and one Approve fewer again.
    expect(await decided.isVisible()).toBe(true);
    await expect.poll(() => approve.count(), { timeout: UI_TIMEOUT_MS }).toBe(offered - 2);
    const dismissed = await recommendations.list({ status: 'dismissed' });
    expect(dismissed).toHaveLength(1);
    expect(dismissed[0]?.decision).toMatchObject({
      action: 'dismiss',
      reason: DISMISS_REASON,
      actor: { id: PLAYGROUND_DEFAULT_USER.aadObjectId },
    });
    expect(dismissed[0]?.recommendation.id).not.toBe(approved[0]?.recommendation.id);
    const dismissedTitle = dismissed[0]?.recommendation.title ?? '';
    expect(await dismissedOnPage.textContent()).toContain(dismissedTitle.slice(0, 40));
    // The Playground logs a warning for card features it cannot show (it did for msteams full width).
    expect(await page.getByText(/is not supported yet in Microsoft 365 Agents playground/).count()).toBe(0);
    expect(problems.filter((entry) => entry.level === 'error')).toEqual([]);
    await page.close();
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function childPids(pid: number): Promise<Array<{ pid: number; args: string }>> {
  const { stdout } = await run('ps', ['-o', 'pid=,args=', '--ppid', String(pid)]).catch(() => ({
    stdout: '',
  }));
  return stdout
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(.*)$/.exec(line))
    .filter((match) => match !== null)
    .map((match) => ({ pid: Number(match[1]), args: match[2] ?? '' }));
}

function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const seen: string[] = [];
    const timer = setTimeout(
      () => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; saw:\n${seen.join('\n')}`)),
      timeoutMs,
    );
    if (!child.stdout) throw new Error('no stdout');
    createInterface({ input: child.stdout }).on('line', (line) => {
      seen.push(line);
      const match = pattern.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`finops start exited with ${code} before printing the URL; saw:\n${seen.join('\n')}`));
    });
  });
}

describe('finops start (a real process)', () => {
  it('should print the chat URL and stop everything, the Playground included, with exit code 0 on SIGINT', async () => {
    const environment = Object.fromEntries(
      Object.entries(process.env).filter(
        ([key]) => !key.startsWith('SLACK_') && !key.startsWith('TEAMS_') && !key.startsWith('FINOPS_'),
      ),
    );
    const teamsPort = await freePort();
    const child = spawn(
      process.execPath,
      [BIN, 'start', '--data-dir', dataDir, '--now', NOW, '--port', '0'],
      {
        env: { ...environment, TEAMS_PORT: String(teamsPort), NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const stderr: string[] = [];
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const [, url] = await waitForLine(
        child,
        /^Open (http:\/\/localhost:\d+) to chat with the copilot/,
        60_000,
      );
      const page = await fetch(url ?? '');
      expect(page.status).toBe(200);
      const bot = await fetch(`http://127.0.0.1:${teamsPort}/api/messages`);
      expect(bot.status).toBe(405);

      const children = await childPids(child.pid ?? 0);
      const playground = children.find((entry) => entry.args.includes('m365agentsplayground'));
      expect(playground, JSON.stringify(children)).toBeDefined();

      child.kill('SIGINT');
      const code = await Promise.race([
        exit,
        new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 30_000)),
      ]);
      expect(code, stderr.join('')).toBe(0);
      expect(isAlive(playground?.pid ?? 0)).toBe(false);
      await expect(fetch(url ?? '')).rejects.toThrow();
      await expect(fetch(`http://127.0.0.1:${teamsPort}/api/messages`)).rejects.toThrow();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 90_000);
});
