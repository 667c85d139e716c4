import { randomUUID } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import type { Answer } from '../../src/domain/index.ts';
import { storeAnswerPage } from './answer-pages.ts';
import type { ChannelPacer } from './channel-pacer.ts';
import {
  type ChartImage,
  DEFAULT_MAX_CARDS,
  renderAnswer,
  renderError,
  type SlackMessage,
} from './render/index.ts';
import { CANNOT_POST_ERRORS, describeError, explainCannotPost, slackErrorCode } from './slack-api-errors.ts';
import type { SlackAppDependencies, SlackLog } from './slack-app-dependencies.ts';
import { type SlackJob, slackContextId } from './slack-job.ts';
import { uploadChart } from './upload-chart.ts';

export interface ReplyFlowOptions {
  client: WebClient;
  pacer: ChannelPacer;
  deps: SlackAppDependencies;
  /** The turn's time budget handed to the orchestrator. */
  turnTimeoutMs?: number | undefined;
  /**
   * Waits before retrying an update whose chart Slack has not finished processing (it answers
   * `invalid_blocks` for a slack_file it cannot resolve yet); after the last, the answer goes out without the image.
   */
  imageRetryDelaysMs?: readonly number[] | undefined;
  /** Posts to a slash command's response_url (Bolt's respond), injected so tests see it too. */
  postToResponseUrl?: ((url: string, message: { text: string }) => Promise<void>) | undefined;
}

const DEFAULT_IMAGE_RETRY_DELAYS_MS = [1000, 3000];
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Answers one question in Slack: a placeholder in the thread, the orchestrator's answer, the chart
 * uploaded with the v2 flow, the placeholder replaced by the first message and the rest posted in the
 * thread. Any failure becomes one short message with a reference id; the details go to the log only.
 */
export function createReplyFlow(options: ReplyFlowOptions): (job: SlackJob) => Promise<void> {
  const { client, pacer, deps } = options;
  const log: SlackLog = deps.log ?? (() => {});
  const generateId = deps.generateId ?? (() => randomUUID().slice(0, 8));
  const clock = deps.clock ?? (() => new Date());
  const imageDelays = options.imageRetryDelaysMs ?? DEFAULT_IMAGE_RETRY_DELAYS_MS;

  const post = (channel: string, message: SlackMessage, threadTs: string | undefined) =>
    pacer.run(channel, () =>
      client.chat.postMessage({
        channel,
        text: message.text,
        blocks: message.blocks,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        unfurl_links: false,
        unfurl_media: false,
      }),
    );

  const update = (channel: string, ts: string, message: SlackMessage) =>
    pacer.run(channel, () => client.chat.update({ channel, ts, text: message.text, blocks: message.blocks }));

  async function chartFor(answer: Answer, reference: string): Promise<ChartImage | undefined> {
    const request = answer.charts[0];
    if (!request || !deps.renderChart) return undefined;
    try {
      const rendered = await deps.renderChart(request);
      return await uploadChart(
        client,
        { png: rendered.png, altText: rendered.altText, title: request.title },
        {
          ...(deps.fetch ? { fetch: deps.fetch } : {}),
        },
      );
    } catch (error) {
      // An answer without its picture is still an answer: log and go on.
      log({ level: 'warn', event: 'slack.chart_failed', reference, ...describeError(error) });
      return undefined;
    }
  }

  /** chat.update, retried while Slack is still processing the chart, then without the image. */
  async function replacePlaceholder(
    channel: string,
    ts: string,
    answer: Answer,
    chart: ChartImage | undefined,
    showMoreKey: string,
  ): Promise<SlackMessage[]> {
    let messages = renderAnswer(answer, { chart, showMoreKey });
    const [first] = messages;
    if (!first) return [];
    for (let attempt = 0; ; attempt++) {
      try {
        await update(channel, ts, messages[0] as SlackMessage);
        return messages;
      } catch (error) {
        if (!chart || slackErrorCode(error) !== 'invalid_blocks') throw error;
        const delay = imageDelays[attempt];
        if (delay === undefined) {
          log({ level: 'warn', event: 'slack.chart_not_accepted', channel, attempts: attempt + 1 });
          messages = renderAnswer(answer, { showMoreKey });
          chart = undefined;
        } else {
          await sleep(delay);
        }
      }
    }
  }

  return async function processJob(job: SlackJob): Promise<void> {
    const reference = generateId();
    const started = clock().getTime();
    let channelTs: string | undefined;
    let threadTs = job.threadTs;
    try {
      const preview = await deps.orchestrator.preview({
        question: job.question,
        contextId: job.threadTs ? slackContextId(job) : undefined,
      });
      const placeholderText =
        job.source === 'slash_command'
          ? `<@${job.userId}> asked: “${job.question.slice(0, 500)}”\n${preview}`
          : preview;
      const placeholder = await post(
        job.channel,
        {
          text: placeholderText,
          blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: placeholderText }] }],
        },
        threadTs,
      );
      channelTs = placeholder.ts;
      // A slash command's answer starts a thread of its own: follow-ups there keep the context.
      if (!threadTs && job.source === 'slash_command') threadTs = placeholder.ts;
      log({
        level: 'info',
        event: 'slack.placeholder_posted',
        reference,
        source: job.source,
        ms: clock().getTime() - (job.receivedAt ?? started),
      });

      const answer = await deps.orchestrator.ask({
        question: job.question,
        contextId: slackContextId({ ...job, threadTs }),
        userId: job.userId,
        ...(options.turnTimeoutMs ? { timeoutMs: options.turnTimeoutMs } : {}),
      });
      const chart = await chartFor(answer, reference);
      const showMoreKey = `m${reference.replace(/[^A-Za-z0-9]/g, '')}`.slice(0, 40);
      if (answer.recommendations.length > DEFAULT_MAX_CARDS) {
        await storeAnswerPage(deps.stateStore, showMoreKey, answer.recommendations, clock());
      }
      const messages = channelTs
        ? await replacePlaceholder(job.channel, channelTs, answer, chart, showMoreKey)
        : renderAnswer(answer, { chart, showMoreKey });
      // A DM outside a thread goes on at the top level; everything else continues in its thread.
      for (const message of messages.slice(channelTs ? 1 : 0)) await post(job.channel, message, threadTs);
      log({
        level: 'info',
        event: 'slack.answered',
        reference,
        source: job.source,
        intent: answer.intent,
        messages: messages.length,
        chart: chart !== undefined,
        cards: answer.recommendations.length,
        ms: clock().getTime() - (job.receivedAt ?? started),
      });
    } catch (error) {
      log({
        level: 'error',
        event: 'slack.answer_failed',
        reference,
        source: job.source,
        ...describeError(error),
      });
      await reportFailure(job, error, reference, channelTs, threadTs);
    }
  };

  async function reportFailure(
    job: SlackJob,
    error: unknown,
    reference: string,
    channelTs: string | undefined,
    threadTs: string | undefined,
  ): Promise<void> {
    const code = slackErrorCode(error);
    try {
      if (code && CANNOT_POST_ERRORS.has(code)) {
        // Nothing can be posted there; a slash command still has its response_url.
        if (job.responseUrl && options.postToResponseUrl) {
          await options.postToResponseUrl(job.responseUrl, { text: explainCannotPost(code) });
        }
        return;
      }
      const message = renderError(reference);
      if (channelTs) await update(job.channel, channelTs, message);
      else await post(job.channel, message, threadTs);
    } catch (secondError) {
      log({ level: 'error', event: 'slack.error_report_failed', reference, ...describeError(secondError) });
    }
  }
}
