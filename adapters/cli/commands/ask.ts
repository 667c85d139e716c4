import { createInterface } from 'node:readline';
import { renderChart } from '../../../charts/index.ts';
import type { Answer } from '../../../src/domain/index.ts';
import { asFinopsError, FinopsError } from '../../../src/errors.ts';
import type { CommandContext } from '../main.ts';
import { writeBinary } from '../main.ts';
import { renderAnswer } from '../render-answer.ts';
import { openRuntimeWithData } from './ensure-data.ts';

export async function commandAsk(context: CommandContext): Promise<number> {
  const question = context.positionals.join(' ').trim();
  if (!question)
    throw new FinopsError(
      'finops_invalid_input',
      'ask needs a question, e.g. finops ask "top 5 accounts this month"',
    );
  const runtime = await openRuntimeWithData(context);
  try {
    const answer = await runtime.copilot.ask(question);
    await printAnswer(answer, context);
    return answer.intent === 'clarify' ? 3 : 0;
  } finally {
    runtime.close();
  }
}

export async function commandChat(context: CommandContext): Promise<number> {
  const runtime = await openRuntimeWithData(context);
  const source = await runtime.engine.source();
  context.out(
    `FinOps Copilot — ${source.name}${source.dataThrough ? `, data through ${source.dataThrough}` : ''}.\nAsk a cost question ("top 5 accounts this month", "why did EC2 spend jump last week?"), "help", or "exit".`,
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
          const answer = await runtime.copilot.ask(line);
          await printAnswer(answer, context);
        } catch (error) {
          context.err(`error: ${asFinopsError(error).message}`);
        }
      }
      terminal.prompt();
    }
  } finally {
    terminal.close();
    runtime.close();
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
