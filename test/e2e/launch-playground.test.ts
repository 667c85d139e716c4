import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchPlayground, resolvePlaygroundCli } from '../../adapters/teams/playground/launch-playground.ts';
import { FinopsError } from '../../src/errors.ts';

const scratch = mkdtempSync(join(tmpdir(), 'finops-playground-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The local addresses listening on a TCP port, from the kernel's socket tables (Linux). */
function listeningAddresses(port: number): string[] {
  const listening = '0A';
  const found: string[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      const [address, hexPort] = (local ?? '').split(':');
      if (state !== listening || Number.parseInt(hexPort ?? '', 16) !== port || !address) continue;
      found.push(
        address.length === 8
          ? (address.match(/../g) ?? [])
              .reverse()
              .map((byte) => Number.parseInt(byte, 16))
              .join('.')
          : `ipv6:${address}`,
      );
    }
  }
  return found;
}

describe('resolvePlaygroundCli', () => {
  it('should find the installed agentsplayground command', () => {
    const cli = resolvePlaygroundCli();
    expect(cli).toMatch(/@microsoft[/\\]m365agentsplayground[/\\]cli\.js$/);
    expect(existsSync(cli)).toBe(true);
  });

  it('should say the devDependency is missing, and how to install it, where node_modules has none', () => {
    // A module outside the project resolves packages from its own folder: a production install.
    const outside = pathToFileURL(join(scratch, 'bin.js')).href;
    expect(() => resolvePlaygroundCli(outside)).toThrow(FinopsError);
    expect(() => resolvePlaygroundCli(outside)).toThrow(/not installed.*devDependency.*npm install/s);
  });
});

describe('launchPlayground', () => {
  let occupied: Server;
  let occupiedPort = 0;

  beforeAll(async () => {
    occupied = createServer();
    await new Promise<void>((resolve) => occupied.listen(0, resolve));
    const address = occupied.address();
    occupiedPort = typeof address === 'object' && address ? address.port : 0;
  });
  afterAll(() => new Promise<void>((resolve) => occupied.close(() => resolve())));

  it('should serve the chat page on a free port when the asked one is taken, and end its process on stop', async () => {
    const logFile = join(scratch, 'playground.log');
    const lines: string[] = [];
    const playground = await launchPlayground({
      botEndpoint: 'http://127.0.0.1:9/api/messages',
      port: occupiedPort,
      logFile,
      log: (entry) => {
        if (typeof entry.line === 'string') lines.push(entry.line);
      },
    });
    try {
      expect(playground.port).not.toBe(occupiedPort);
      expect(playground.url).toBe(`http://localhost:${playground.port}`);
      const page = await fetch(playground.url);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<html/i);
      expect(lines).toContain(`Listening on ${playground.port}`);
      // Only this machine can open the chat (and approve as its user): 127.0.0.1, not every interface.
      expect(listeningAddresses(playground.port)).toEqual(['127.0.0.1']);
      // The Playground's console goes to the log file we named, not to ./devTools in the working directory.
      await expect
        .poll(() => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''), { timeout: 5000 })
        .toContain(`Port ${occupiedPort} is already in use`);
    } finally {
      await playground.stop();
    }
    expect(isAlive(playground.pid)).toBe(false);
    await expect(fetch(playground.url)).rejects.toThrow();
    // Stopping twice is harmless (Ctrl-C after a failed start, tests' afterAll).
    await playground.stop();
  });

  it("should fail with the Playground's own output when it exits before listening", async () => {
    const broken = join(scratch, 'broken-cli.cjs');
    writeFileSync(broken, 'console.error("cannot bind: EACCES"); process.exit(3);\n');
    const attempt = launchPlayground({ botEndpoint: 'http://127.0.0.1:9/api/messages', cliPath: broken });
    await expect(attempt).rejects.toThrow(FinopsError);
    await expect(attempt).rejects.toThrow(/exited \(code 3\) before it listened.*cannot bind: EACCES/s);
  });

  it('should give up, and stop the process, when the Playground never listens', async () => {
    const silent = join(scratch, 'silent-cli.cjs');
    writeFileSync(silent, 'setInterval(() => {}, 1000);\n');
    let pid = 0;
    const attempt = launchPlayground({
      botEndpoint: 'http://127.0.0.1:9/api/messages',
      cliPath: silent,
      startTimeoutMs: 500,
      log: (entry) => {
        if (entry.event === 'playground.stopped') pid = Number(entry.pid);
      },
    });
    await expect(attempt).rejects.toThrow(/did not start listening within 0.5 s/);
    expect(pid).toBeGreaterThan(0);
    expect(isAlive(pid)).toBe(false);
  });
});
