import { randomUUID } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import type { Subscription } from '../../src/digest/subscriptions/index.ts';
import type { Answer } from '../../src/domain/index.ts';
import { FinopsError } from '../../src/errors.ts';
import { storeAnswerPage } from './answer-pages.ts';
import type { ChannelPacer } from './channel-pacer.ts';
import { type ChartImage, DEFAULT_MAX_CARDS, renderAnswer, type SlackMessage } from './render/index.ts';
import { describeError, slackErrorCode } from './slack-api-errors.ts';
import type { SlackAppDependencies, SlackLog } from './slack-app-dependencies.ts';
import { uploadChart } from './upload-chart.ts';

export interface SlackDigestPosterOptions {
  client: WebClient;
  /** The app's own pacer: digests and answers share Slack's one message a second per channel. */
  pacer: ChannelPacer;
  deps: Pick<SlackAppDependencies, 'stateStore' | 'renderChart' | 'fetch' | 'log' | 'clock' | 'generateId'>;
  /** Waits before posting again while Slack has not finished processing the chart; then without it. */
  imageRetryDelaysMs?: readonly number[] | undefined;
}

const DEFAULT_IMAGE_RETRY_DELAYS_MS = [1000, 3000];
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Posts a digest to its Slack channel as the app posts answers: the chart uploaded privately and
 * shown in the first message, the rest of the digest in that message's thread, Approve / Dismiss
 * cards (more behind "show more") handled by the app's interactions like any answer's. Throws when
 * Slack refuses the post, so the scheduler records the failure.
 */
export function createSlackDigestPoster(
  options: SlackDigestPosterOptions,
): (subscription: Subscription, digest: Answer) => Promise<void> {
  const { client, pacer, deps } = options;
  const log: SlackLog = deps.log ?? (() => {});
  const clock = deps.clock ?? (() => new Date());
  const generateId = deps.generateId ?? (() => randomUUID().slice(0, 8));
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

  async function chartFor(digest: Answer, reference: string): Promise<ChartImage | undefined> {
    const request = digest.charts[0];
    if (!request || !deps.renderChart) return undefined;
    try {
      const rendered = await deps.renderChart(request);
      return await uploadChart(
        client,
        { png: rendered.png, altText: rendered.altText, title: request.title },
        deps.fetch ? { fetch: deps.fetch, filename: 'digest.png' } : { filename: 'digest.png' },
      );
    } catch (error) {
      // A digest without its picture is still the digest.
      log({ level: 'warn', event: 'slack.digest_chart_failed', reference, ...describeError(error) });
      return undefined;
    }
  }

  return async (subscription, digest) => {
    if (subscription.platform !== 'slack') {
      throw new FinopsError(
        'finops_invalid_input',
        `digest ${subscription.id} is for ${subscription.platform}, not Slack; give it to the ${subscription.platform} poster`,
      );
    }
    const reference = generateId();
    const channel = subscription.channel;
    let chart = await chartFor(digest, reference);
    const showMoreKey = `d${reference.replace(/[^A-Za-z0-9]/g, '')}`.slice(0, 40);
    if (digest.recommendations.length > DEFAULT_MAX_CARDS) {
      await storeAnswerPage(deps.stateStore, showMoreKey, digest.recommendations, clock());
    }
    let messages = renderAnswer(digest, { chart, showMoreKey });
    let threadTs: string | undefined;
    for (let attempt = 0; threadTs === undefined; attempt++) {
      const first = messages[0];
      if (!first) return;
      try {
        threadTs = (await post(channel, first, undefined)).ts;
        if (threadTs === undefined) {
          throw new FinopsError('finops_unknown_error', 'chat.postMessage answered without the message ts');
        }
      } catch (error) {
        // Slack answers invalid_blocks for a slack_file it has not finished processing yet.
        if (!chart || slackErrorCode(error) !== 'invalid_blocks') throw error;
        const delay = imageDelays[attempt];
        if (delay === undefined) {
          log({
            level: 'warn',
            event: 'slack.digest_chart_not_accepted',
            channel,
            subscription: subscription.id,
          });
          chart = undefined;
          messages = renderAnswer(digest, { showMoreKey });
        } else {
          await sleep(delay);
        }
      }
    }
    for (const message of messages.slice(1)) await post(channel, message, threadTs);
    log({
      level: 'info',
      event: 'slack.digest_posted',
      reference,
      subscription: subscription.id,
      channel,
      messages: messages.length,
      chart: chart !== undefined,
      cards: digest.recommendations.length,
    });
  };
}
