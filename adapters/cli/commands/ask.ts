import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { type Agents, createAgents } from '../../../agents/create-agents.ts';
import { renderChart } from '../../../charts/index.ts';
import type { Runtime } from '../../../src/composition-root.ts';
import type { Answer } from '../../../src/domain/index.ts';
import { asFinopsError, FinopsError } from '../../../src/errors.ts';
import type { StateStore } from '../../../src/state/index.ts';
import { startDigests, structuredDigestLog } from '../../digest/index.ts';
import { type RunningSlack, slackConfigFromEnv, startSlackFromRuntime } from '../../slack/index.ts';
import { openStateStore } from '../../state/open-state-store.ts';
import type { CommandContext } from '../main.ts';
import { writeBinary } from '../main.ts';
import { renderAnswer } from '../render-answer.ts';
import { openRuntimeWithData } from './ensure-data.ts';

/** The runtime with the agents over it: questions go through the orchestrator, as in chat apps. */
async function openAgents(
  context: CommandContext,
): Promise<{ runtime: Runtime; agents: Agents; stateStore: StateStore; close(): Promise<void> }> {
  const runtime = await openRuntimeWithData(context);
  const stateStore = await openStateStore(context.config.stateStore, () => context.config.now);
  try {
    const agents = await createAgents({
      runtime,
      stateStore,
      ...(process.env.FINOPS_DEBUG ? { log: (entry) => context.err(JSON.stringify(entry)) } : {}),
    });
    return {
      runtime,
      agents,
      stateStore,
      async close() {
        await agents.close();
        await stateStore.close();
        runtime.close();
      },
    };
  } catch (error) {
    await stateStore.close();
    runtime.close();
    throw error;
  }
}

export async function commandAsk(context: CommandContext): Promise<number> {
  const question = context.positionals.join(' ').trim();
  if (!question)
    throw new FinopsError(
      'finops_invalid_input',
      'ask needs a question, e.g. finops ask "top 5 accounts this month"',
    );
  const opened = await openAgents(context);
  try {
    // --thread names a conversation, so a later `finops ask --thread` is a follow-up of this one.
    const answer = await opened.agents.orchestrator.ask({
      question,
      ...(context.flags.thread ? { contextId: `cli:${context.flags.thread}` } : {}),
    });
    await printAnswer(answer, context);
    return answer.intent === 'clarify' ? 3 : 0;
  } finally {
    await opened.close();
  }
}

export async function commandChat(context: CommandContext): Promise<number> {
  const slackConfig = slackConfigFromEnv(context.config.slackEnvironment);
  const opened = await openAgents(context);
  const { runtime, agents } = opened;
  const source = await runtime.engine.source();
  // With Slack tokens set, the bot runs beside the terminal chat on the same data and state.
  let slack: RunningSlack | undefined;
  if (slackConfig) {
    try {
      slack = await startSlackFromRuntime({
        runtime,
        stateStore: opened.stateStore,
        slackConfig,
        log: (entry) => {
          if (entry.level !== 'info') context.err(`slack ${entry.level}: ${JSON.stringify(entry)}`);
        },
      });
      context.err(
        `Slack connected (${slack.mode === 'socket-mode' ? 'Socket Mode' : `HTTP on port ${slackConfig.port}`}).`,
      );
    } catch (error) {
      await opened.close();
      throw error;
    }
  }
  // One chat session is one thread: follow-ups ("and last month?") build on the previous answer.
  const contextId = `cli:${context.flags.thread ?? randomUUID()}`;
  context.out(
    `FinOps Copilot — ${source.name}${source.dataThrough ? `, data through ${source.dataThrough}` : ''}.\nAsk a cost question ("top 5 accounts this month", "why did EC2 spend jump last week?", "how can we cut EC2 and S3 costs?"), follow up ("and last month?", "break that down by account"), "help", or "exit".`,
  );
  // Lines are read with the async iterator, which buffers: question() would drop lines that
  // arrive while an answer is being computed (piped input, pasted questions).
  const interactive = Boolean(process.stdin.isTTY);
  const terminal = createInterface({
    input: process.stdin,
    ...(interactive ? { output: process.stdout } : {}),
    terminal: interactive,
  });
  terminal.setPrompt('\n> ');
  terminal.prompt();
  try {
    for await (const raw of terminal) {
      const line = raw.trim();
      if (['exit', 'quit', ':q'].includes(line.toLowerCase())) break;
      if (line) {
        if (!interactive) context.out(`\n> ${line}`);
        try {
          const answer = await agents.orchestrator.ask({ question: line, contextId });
          await printAnswer(answer, context);
        } catch (error) {
          context.err(`error: ${asFinopsError(error).message}`);
        }
      }
      terminal.prompt();
    }
  } finally {
    terminal.close();
    await slack?.stop();
    await opened.close();
  }
  return 0;
}

async function printAnswer(answer: Answer, context: CommandContext): Promise<void> {
  if (context.flags.chart) {
    const chart = answer.charts[0];
    if (chart) {
      const rendered = await renderChart(chart, { scale: 1 });
      await writeBinary(context.flags.chart, rendered.png);
      context.err(
        `Chart written to ${context.flags.chart} (${rendered.width}×${rendered.height}): ${rendered.altText}`,
      );
    } else {
      context.err('This answer has no chart to write.');
    }
  }
  if (context.flags.json) {
    context.out(JSON.stringify(answer, null, 2));
    return;
  }
  context.out(renderAnswer(answer, { color: context.color }));
}

/**
 * `finops slack`: the Slack bot alone, for a server or container with no terminal. Runs until
 * SIGINT or SIGTERM, then stops receiving, finishes the answers in progress and closes.
 */
export async function commandSlack(context: CommandContext): Promise<number> {
  const slackConfig = slackConfigFromEnv(context.config.slackEnvironment);
  if (!slackConfig) {
    throw new FinopsError(
      'finops_config_error',
      'finops slack needs SLACK_BOT_TOKEN and SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP); see docs/slack.md',
    );
  }
  const opened = await openAgents(context);
  let slack: RunningSlack;
  try {
    slack = await startSlackFromRuntime({
      runtime: opened.runtime,
      stateStore: opened.stateStore,
      slackConfig,
      log: (entry) => context.err(JSON.stringify(entry)),
    });
  } catch (error) {
    await opened.close();
    throw error;
  }
  // Subscribed channels get their digests from this process; Teams subscriptions wait for `finops start`.
  const digests = startDigests({
    runtime: opened.runtime,
    stateStore: opened.stateStore,
    posters: { slack: slack.postDigest },
    log: structuredDigestLog((entry) => context.err(JSON.stringify(entry))),
  });
  context.err(
    `FinOps Copilot is in Slack (${slack.mode === 'socket-mode' ? 'Socket Mode' : `HTTP on port ${slackConfig.port}, path /slack/events`}). Ctrl-C stops it.`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  // No new digest starts once Slack is stopping; one being posted finishes first.
  await digests.stop();
  await slack.stop();
  await opened.close();
  return 0;
}
