import { createBackends } from '../../../mcp/backends/create-backends.ts';
import {
  createMcpServer,
  isMcpServerName,
  MCP_SERVER_NAMES,
  type McpServerName,
} from '../../../mcp/servers/index.ts';
import { DEFAULT_HTTP_HOST, startHttpServer } from '../../../mcp/transports/http.ts';
import { serveStdio } from '../../../mcp/transports/stdio.ts';
import { FinopsError } from '../../../src/errors.ts';
import type { StateStore } from '../../../src/state/index.ts';
import { openStateStore } from '../../state/open-state-store.ts';
import type { CommandContext } from '../main.ts';
import { type McpDataset, openMcpDataset } from './mcp-dataset.ts';

const USAGE =
  'finops mcp <cost-explorer|cloudwatch|tagging> (stdio), or finops mcp <name|all> --http [--port N] [--host H] (streamable HTTP; needs FINOPS_MCP_TOKEN)';

/**
 * `finops mcp <server>` serves one MCP server over stdio (what Claude Desktop and VS Code launch);
 * `finops mcp all --http` serves every server over streamable HTTP with a bearer token. In stdio
 * mode stdout carries protocol messages only: everything else goes to stderr.
 */
export async function commandMcp(context: CommandContext): Promise<number> {
  const [target, ...extra] = context.positionals;
  if (target === undefined || extra.length > 0 || !(target === 'all' || isMcpServerName(target))) {
    throw new FinopsError(
      'finops_invalid_input',
      `${target === undefined ? 'name a server' : `unknown MCP server "${[target, ...extra].join(' ')}"`}: ${USAGE}`,
    );
  }
  if (target === 'all' && !context.flags.http) {
    throw new FinopsError(
      'finops_invalid_input',
      'stdio carries one server per process: run finops mcp cost-explorer (or cloudwatch, tagging), or add --http to serve all of them',
    );
  }
  const names: McpServerName[] = target === 'all' ? [...MCP_SERVER_NAMES] : [target];
  const { config } = context;
  const http = context.flags.http
    ? { port: parsePort(context.flags.port, config.mcp.port), host: context.flags.host ?? DEFAULT_HTTP_HOST }
    : undefined;
  if (http && !config.mcp.token) {
    throw new FinopsError(
      'finops_config_error',
      'the MCP HTTP transport needs a bearer token: set FINOPS_MCP_TOKEN to a long random value, e.g. FINOPS_MCP_TOKEN=$(openssl rand -hex 32)',
    );
  }
  if (!http) routeConsoleToStderr();
  const logger = (message: string) => context.err(message);

  let runtime: McpDataset | undefined;
  let stateStore: StateStore | undefined;
  let backends: Awaited<ReturnType<typeof createBackends>> | undefined;
  try {
    if (config.backend === 'aws') stateStore = await openStateStore(config.stateStore);
    else runtime = await openMcpDataset(context);
    backends = await createBackends(config, runtime, stateStore);
    const served = backends;
    const factory = (name: McpServerName) => () =>
      createMcpServer(name, served, { requiredTags: config.requiredTags, logger });

    if (!http) {
      const [name] = names as [McpServerName];
      logger(`finops mcp ${name}: serving over stdio (${config.backend} backend)`);
      await serveStdio(factory(name)(), { logger });
      return 0;
    }
    const server = await startHttpServer({
      servers: Object.fromEntries(names.map((name) => [name, factory(name)])),
      host: http.host,
      port: http.port,
      token: config.mcp.token,
      logger,
    });
    logger(
      [
        `finops mcp: streamable HTTP on ${server.url} (${config.backend} backend); send "Authorization: Bearer $FINOPS_MCP_TOKEN"`,
        ...Object.entries(server.endpoints).map(([name, url]) => `  ${name.padEnd(14)} ${url}`),
        'Stop with Ctrl-C.',
      ].join('\n'),
    );
    const signal = await nextShutdownSignal();
    logger(`finops mcp: ${signal}, closing ${server.sessionCount()} session(s)`);
    await server.close();
    return 0;
  } finally {
    backends?.close();
    runtime?.close();
    await stateStore?.close();
  }
}

function parsePort(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new FinopsError(
      'finops_invalid_input',
      `--port "${text}" is not a port: pass a number from 1 to 65535 (0 picks a free one), e.g. --port 3100`,
    );
  }
  return port;
}

/**
 * In stdio mode a stray console.log from any library would corrupt the protocol stream, so
 * console output meant for humans goes to stderr for the life of the process.
 */
function routeConsoleToStderr(): void {
  console.log = console.error;
  console.info = console.error;
  console.debug = console.error;
}

function nextShutdownSignal(): Promise<string> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
}
