import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { FinopsError } from '../../../src/errors.ts';
import type { TeamsLog } from '../teams-app-dependencies.ts';

/** The Playground's own default: the URL the README tells people to open. */
export const DEFAULT_PLAYGROUND_PORT = 56150;
const PACKAGE_NAME = '@microsoft/m365agentsplayground';
const DEFAULT_START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;

export interface LaunchPlaygroundOptions {
  /** Where the Playground posts activities, e.g. `http://127.0.0.1:3978/api/messages`. */
  botEndpoint: string;
  /** The chat page's port; default 56150. The Playground takes a free one if that is in use; 0 = any. */
  port?: number | undefined;
  log?: TeamsLog | undefined;
  /**
   * Where the Playground writes its own log (it would write ./devTools/ in the working directory);
   * default a temporary file removed on stop, since its lines also reach `log`.
   */
  logFile?: string | undefined;
  /** How long to wait for the chat page to answer before giving up. */
  startTimeoutMs?: number | undefined;
  /** The CLI script; default: the installed package's `agentsplayground` bin. */
  cliPath?: string | undefined;
}

export interface RunningPlayground {
  /** The chat page, e.g. `http://localhost:56150`. */
  url: string;
  port: number;
  /** The Playground's process id (its process group, which stop() ends). */
  pid: number;
  /** Ends the Playground's process group: SIGTERM, then SIGKILL if it lingers. Idempotent. */
  stop(): Promise<void>;
}

/**
 * The Agents Playground CLI script from node_modules. It is a devDependency, so a production install
 * (`npm ci --omit=dev`) has none: that is a clear configuration error, never an npx download.
 */
export function resolvePlaygroundCli(from: string = import.meta.url): string {
  const require = createRequire(from);
  let packageJsonPath: string;
  try {
    packageJsonPath = require.resolve(`${PACKAGE_NAME}/package.json`);
  } catch (error) {
    throw new FinopsError(
      'finops_config_error',
      `the Microsoft 365 Agents Playground (${PACKAGE_NAME}) is not installed: it is a devDependency, so run \`npm install\` (or \`npm ci\`) without --omit=dev / --production to use npm start's local chat; to run in real Teams or Slack alone, use \`finops slack\` or set TEAMS_CLIENT_ID`,
      { cause: error },
    );
  }
  const manifest = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { bin?: Record<string, string> };
  const bin = manifest.bin?.agentsplayground;
  if (!bin) {
    throw new FinopsError(
      'finops_config_error',
      `${PACKAGE_NAME} has no agentsplayground command: reinstall it with \`npm install\``,
    );
  }
  return join(dirname(packageJsonPath), bin);
}

function logTail(path: string): string[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .slice(-10);
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

async function pageAnswers(url: string, signal: AbortSignal): Promise<boolean> {
  try {
    const response = await fetch(url, { signal });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Starts the Microsoft 365 Agents Playground (a Teams-like chat page) pointed at a bot endpoint, with
 * telemetry off, without opening a browser and listening on the loopback interface only (a preload
 * gives its host-less listen() one), and resolves once the chat page answers. The process
 * runs in its own process group so stop() ends it and anything it started, and a terminal's Ctrl-C
 * reaches only us: we stop it after the bot has stopped taking turns.
 */
export async function launchPlayground(options: LaunchPlaygroundOptions): Promise<RunningPlayground> {
  const log: TeamsLog = options.log ?? (() => {});
  const cliPath = options.cliPath ?? resolvePlaygroundCli();
  const requestedPort = options.port ?? DEFAULT_PLAYGROUND_PORT;
  const args = [
    '--require',
    fileURLToPath(new URL('./loopback-only.cjs', import.meta.url)),
    cliPath,
    'start',
    '--app-endpoint',
    options.botEndpoint,
    '--channel-id',
    'msteams',
    '--port',
    String(requestedPort),
    '--disable-telemetry',
  ];
  const logFile =
    options.logFile ?? join(tmpdir(), `finops-agents-playground-${process.pid}-${Date.now()}.log`);
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      // The Playground opens the default browser unless told not to; we print the URL instead.
      TEAMSAPPTESTER_BROWSER: 'none',
      M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
    },
  });
  const pid = child.pid;
  if (pid === undefined) {
    throw new FinopsError(
      'finops_config_error',
      `could not start the Agents Playground (${process.execPath})`,
    );
  }
  const recent: string[] = [];
  let announcedPort: number | undefined;
  const portAnnounced = new Promise<number>((resolve) => {
    const onLine = (stream: 'stdout' | 'stderr') => (line: string) => {
      recent.push(line);
      if (recent.length > 20) recent.shift();
      const match = /^Listening on (\d+)/.exec(line);
      if (match?.[1] && announcedPort === undefined) {
        announcedPort = Number(match[1]);
        resolve(announcedPort);
      }
      if (line.trim())
        log({ level: stream === 'stderr' ? 'warn' : 'info', event: 'playground.output', line });
    };
    if (child.stdout) createInterface({ input: child.stdout }).on('line', onLine('stdout'));
    if (child.stderr) createInterface({ input: child.stderr }).on('line', onLine('stderr'));
  });

  // Should we die without stopping it (an uncaught error), the Playground must not outlive us.
  const killOnExit = () => signalGroup(pid, 'SIGKILL');
  process.once('exit', killOnExit);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      process.off('exit', killOnExit);
      const gone = exited(child);
      signalGroup(pid, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), STOP_GRACE_MS);
      await gone;
      clearTimeout(timer);
      // Anything the Playground started shares its group; make sure none outlives it.
      signalGroup(pid, 'SIGKILL');
      if (!options.logFile) rmSync(logFile, { force: true });
      log({ level: 'info', event: 'playground.stopped', pid });
    })();
    return stopping;
  };

  const timeoutMs = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  const deadline = AbortSignal.timeout(timeoutMs);
  const failure = (why: string) => {
    // Once started, the Playground writes its console to the log file only.
    const output = [...recent, ...logTail(logFile)];
    return new FinopsError(
      'finops_config_error',
      `the Agents Playground ${why}${output.length > 0 ? `; its last output:\n${output.join('\n')}` : ''}${options.logFile ? ` (its log: ${logFile})` : ''}`,
    );
  };
  try {
    const port = await Promise.race([
      portAnnounced,
      // 'close' comes after the output is read, so the error can quote it.
      new Promise<void>((resolve) => child.once('close', () => resolve())).then(() => {
        throw failure(`exited (code ${child.exitCode ?? child.signalCode}) before it listened`);
      }),
      new Promise<never>((_, reject) =>
        deadline.addEventListener('abort', () =>
          reject(failure(`did not start listening within ${timeoutMs / 1000} s`)),
        ),
      ),
    ]);
    const url = `http://localhost:${port}`;
    while (!(await pageAnswers(url, deadline))) {
      if (deadline.aborted) throw failure(`chat page ${url} did not answer within ${timeoutMs / 1000} s`);
      if (child.exitCode !== null) throw failure(`exited (code ${child.exitCode}) before its page answered`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    log({ level: 'info', event: 'playground.ready', url, pid, botEndpoint: options.botEndpoint });
    return { url, port, pid, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
