import { randomUUID } from 'node:crypto';
import { formatNextRun } from '../../src/digest/schedule/index.ts';
import {
  type ChannelRef,
  DIGEST_USAGE,
  describeSubscription,
  parseSubscriptionCommand,
  type Subscription,
  type SubscriptionStore,
} from '../../src/digest/subscriptions/index.ts';
import { toDay } from '../../src/domain/index.ts';
import { asFinopsError, FinopsError } from '../../src/errors.ts';
import type { Catalog } from '../../src/questions/parse/index.ts';
import { escapeAndTruncate } from './render/mrkdwn.ts';
import type { SlackMessage } from './render/slack-types.ts';
import type { SlackLog } from './slack-app-dependencies.ts';
import type { DigestCommand, DigestCommandHandler, DigestReply } from './slash-command.ts';

export interface SlackDigestCommandOptions {
  subscriptions: SubscriptionStore;
  /** The data's catalog: scope names (`team=payments`, `account prod`) must exist in it. */
  catalog(): Promise<Catalog>;
  /** The wall clock, for next run times and the scope parser's "today". */
  now?: (() => Date) | undefined;
  log?: SlackLog | undefined;
}

/** User mistakes the store reports (an unknown id, two digests and no id): said back, nothing stored. */
const USER_ERROR_CODES = new Set(['finops_invalid_input', 'finops_not_found']);

function line(subscription: Subscription, now: Date): string {
  const next = subscription.paused ? 'paused' : `next ${formatNextRun(subscription, now)}`;
  return `• \`${subscription.id}\` ${escapeAndTruncate(describeSubscription(subscription), 300)}; ${next}`;
}

function message(text: string, context?: string): SlackMessage {
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: text.slice(0, 3000) } },
      ...(context
        ? [{ type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: context }] }]
        : []),
    ],
  };
}

function errorReply(reason: string): DigestReply {
  return {
    visibility: 'ephemeral',
    message: message(`Digest not changed: ${escapeAndTruncate(reason, 1500)}`, `Usage: ${DIGEST_USAGE}`),
  };
}

/**
 * `/finops digest …` in Slack: parses the command, applies it to the channel's subscriptions and
 * says what changed. Changes are announced in the channel (its members receive the digest); lists
 * and mistakes go only to the person who typed the command.
 */
export function createSlackDigestCommand(options: SlackDigestCommandOptions): DigestCommandHandler {
  const now = options.now ?? (() => new Date());
  const log: SlackLog = options.log ?? (() => {});
  const store = options.subscriptions;

  return async (command: DigestCommand): Promise<DigestReply> => {
    const at = now();
    const channel: ChannelRef = { platform: 'slack', workspace: command.teamId, channel: command.channelId };
    try {
      const parsed = parseSubscriptionCommand(command.args, {
        catalog: await options.catalog(),
        today: toDay(at),
      });
      if (!parsed.ok) return errorReply(parsed.message);
      const parsedCommand = parsed.command;
      const announce = (heading: string, subscription: Subscription): DigestReply => ({
        visibility: 'in_channel',
        message: message(
          `${heading}\n${line(subscription, at)}`,
          `Set by <@${command.userId}>. \`/finops digest list\` shows this channel's digests; \`pause\`, \`resume\` or \`unsubscribe\` them by id.`,
        ),
      });
      switch (parsedCommand.kind) {
        case 'list': {
          const listed = await store.list(channel);
          return {
            visibility: 'ephemeral',
            message:
              listed.length === 0
                ? message(
                    'This channel has no digest subscriptions.',
                    `Subscribe with ${DIGEST_USAGE.split(', ')[0] ?? ''}`,
                  )
                : message(
                    `Digest subscriptions in this channel (${listed.length}):\n${listed.map((item) => line(item, at)).join('\n')}`,
                  ),
          };
        }
        case 'subscribe': {
          const { subscription, created } = await store.subscribe({
            channel,
            timing: parsedCommand.timing,
            scope: parsedCommand.scope,
            createdBy: command.userId,
          });
          return announce(
            created
              ? `Subscribed: a ${subscription.cadence} cost digest for ${escapeAndTruncate(subscription.scope.label, 200)} will be posted here.`
              : `Updated: this channel's ${subscription.cadence} digest for ${escapeAndTruncate(subscription.scope.label, 200)} has a new time.`,
            subscription,
          );
        }
        case 'change':
          return announce(
            'Changed:',
            await store.change(channel, parsedCommand.id, {
              timing: parsedCommand.timing,
              scope: parsedCommand.scope,
            }),
          );
        case 'pause':
          return announce('Paused:', await store.pause(channel, parsedCommand.id));
        case 'resume':
          return announce('Resumed:', await store.resume(channel, parsedCommand.id));
        case 'unsubscribe': {
          const removed = await store.unsubscribe(channel, parsedCommand.id);
          return {
            visibility: 'in_channel',
            message: message(
              `Unsubscribed: \`${removed.id}\` ${escapeAndTruncate(describeSubscription(removed), 300)} will no longer be posted here.`,
              `By <@${command.userId}>.`,
            ),
          };
        }
      }
    } catch (error) {
      if (error instanceof FinopsError && USER_ERROR_CODES.has(error.code)) return errorReply(error.message);
      const reference = randomUUID().slice(0, 8);
      log({
        level: 'error',
        event: 'slack.digest_command_failed',
        reference,
        error: asFinopsError(error).message,
      });
      return {
        visibility: 'ephemeral',
        message: message(
          `Digest not changed: something went wrong on my side (ref ${reference}). Try again.`,
        ),
      };
    }
  };
}
