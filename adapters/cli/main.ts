import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { type Config, loadConfig } from '../../src/config.ts';
import { asFinopsError } from '../../src/errors.ts';
import { commandAsk, commandChat, commandSlack } from './commands/ask.ts';
import { commandBacktest } from './commands/backtest.ts';
import { commandDemo } from './commands/demo.ts';
import { commandDigest } from './commands/digest.ts';
import { commandIngest } from './commands/ingest.ts';
import { commandMcp } from './commands/mcp.ts';
import { commandAudit, commandDecide, commandRecommendations } from './commands/recommendations.ts';
import { commandStart } from './commands/start.ts';
import { commandStatus } from './commands/status.ts';

export interface CommandContext {
  config: Config;
  positionals: string[];
  flags: CliFlags;
  out: (text: string) => void;
  err: (text: string) => void;
  color: boolean;
}

export interface CliFlags {
  json: boolean;
  chart?: string | undefined;
  scale?: string | undefined;
  seed?: string | undefined;
  force: boolean;
  service?: string | undefined;
  account?: string | undefined;
  minSavings?: string | undefined;
  type?: string | undefined;
  status?: string | undefined;
  limit?: string | undefined;
  reason?: string | undefined;
  as?: string | undefined;
  until?: string | undefined;
  http: boolean;
  port?: string | undefined;
  host?: string | undefined;
  /** A conversation id: questions with the same one are follow-ups of each other. */
  thread?: string | undefined;
  /** `digest preview --scope "team=payments"`: whose digest. */
  scope?: string | undefined;
  budget?: string | undefined;
}

const USAGE = `finops — AWS cost questions answered from your billing data

Usage:
  finops ask "<question>" [--json] [--chart out.png] [--thread ID]
                                                       answer one question through the agents; the same
                                                       --thread makes the next ask a follow-up
  finops start [--port N]                              what npm start runs: the Teams agent on localhost and
                                                       the Agents Playground chat page (port 56150) pointed at it;
                                                       with SLACK_* tokens set, Slack too; Ctrl-C stops it all
  finops chat [--thread ID]                            ask questions interactively in the terminal;
                                                       follow-ups ("and last month?") build on the last answer;
                                                       with SLACK_* tokens set, the Slack bot runs beside it
  finops slack                                         the Slack bot alone, until Ctrl-C (see docs/slack.md)
  finops ingest <file|dir|glob>... [--json]            load FOCUS 1.0–1.2, CUR 2.0 or legacy CUR (CSV, CSV.gz, Parquet)
  finops demo [--scale N] [--seed S]                   (re)generate the demo organisation
  finops status [--json]                               what data is loaded
  finops backtest [--seed 1,2,3] [--json]              backtest month-end forecasts against baselines
  finops recommendations [--service S] [--account A] [--min-savings USD] [--type T] [--status open|approved|dismissed|snoozed|all] [--limit N] [--json]
                                                       find savings (priced from AWS list prices) and list them
  finops decide <id> approve|dismiss|snooze|reopen --as <user> [--reason "…"] [--until YYYY-MM-DD]
                                                       record a decision (authorised, audited, one winner)
  finops audit <id> [--json]                           every decision and refused attempt on a recommendation
  finops digest preview [--scope "team=payments"] [--budget N] [--chart out.png] [--json]
                                                       the weekly digest of the last 7 full days, shown here
  finops mcp <cost-explorer|cloudwatch|tagging>        serve one MCP server over stdio (Claude Desktop, VS Code)
  finops mcp all --http [--port N] [--host H]          serve all three over streamable HTTP (needs FINOPS_MCP_TOKEN)

Every command takes:
  --data-dir <dir>   where the database lives (default ~/.finops-copilot, or $FINOPS_DATA_DIR)
  --now <date>       treat this day as today (YYYY-MM-DD), e.g. to replay a question
`;

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  color: boolean;
}

export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  let parsed: ReturnType<typeof parseCli>;
  try {
    parsed = parseCli(argv);
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { command, positionals, values } = parsed;
  if (!command || command === 'help' || values.help) {
    io.out(USAGE);
    return 0;
  }
  try {
    const config = loadConfig({ dataDir: values['data-dir'], now: values.now });
    const context: CommandContext = {
      config,
      positionals,
      flags: {
        json: values.json ?? false,
        chart: values.chart,
        scale: values.scale,
        seed: values.seed,
        force: values.force ?? false,
        service: values.service,
        account: values.account,
        minSavings: values['min-savings'],
        type: values.type,
        status: values.status,
        limit: values.limit,
        reason: values.reason,
        as: values.as,
        until: values.until,
        http: values.http ?? false,
        port: values.port,
        host: values.host,
        thread: values.thread,
        scope: values.scope,
        budget: values.budget,
      },
      out: io.out,
      err: io.err,
      color: io.color,
    };
    switch (command) {
      case 'ask':
        return await commandAsk(context);
      case 'start':
        return await commandStart(context);
      case 'chat':
        return await commandChat(context);
      case 'slack':
        return await commandSlack(context);
      case 'ingest':
        return await commandIngest(context);
      case 'demo':
        return await commandDemo(context);
      case 'status':
        return await commandStatus(context);
      case 'backtest':
        return await commandBacktest(context);
      case 'recommendations':
        return await commandRecommendations(context);
      case 'decide':
        return await commandDecide(context);
      case 'audit':
        return await commandAudit(context);
      case 'mcp':
        return await commandMcp(context);
      case 'digest':
        return await commandDigest(context);
      default:
        io.err(`unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    const finopsError = asFinopsError(error);
    io.err(`error: ${finopsError.message}`);
    if (process.env.FINOPS_DEBUG && finopsError.cause)
      io.err(String((finopsError.cause as Error).stack ?? finopsError.cause));
    return finopsError.code === 'finops_unknown_error' ? 2 : 1;
  }
}

function parseCli(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      chart: { type: 'string' },
      'data-dir': { type: 'string' },
      now: { type: 'string' },
      scale: { type: 'string' },
      seed: { type: 'string' },
      force: { type: 'boolean' },
      service: { type: 'string' },
      account: { type: 'string' },
      'min-savings': { type: 'string' },
      type: { type: 'string' },
      status: { type: 'string' },
      limit: { type: 'string' },
      reason: { type: 'string' },
      as: { type: 'string' },
      until: { type: 'string' },
      http: { type: 'boolean' },
      port: { type: 'string' },
      host: { type: 'string' },
      thread: { type: 'string' },
      scope: { type: 'string' },
      budget: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  return { command, positionals: rest, values };
}

function defaultIo(): CliIo {
  return {
    out: (text: string) => {
      process.stdout.write(`${text}\n`);
    },
    err: (text: string) => {
      process.stderr.write(`${text}\n`);
    },
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  };
}

export async function writeBinary(path: string, data: Uint8Array): Promise<void> {
  await writeFile(path, data);
}
