import { formatNextRun } from '../../src/digest/schedule/index.ts';
import {
  type ChannelRef,
  DIGEST_USAGE,
  describeSubscription,
  parseSubscriptionCommand,
  type Subscription,
  type SubscriptionStore,
} from '../../src/digest/subscriptions/index.ts';
import { FinopsError } from '../../src/errors.ts';
import type { Catalog } from '../../src/questions/parse/index.ts';
import { type AdaptiveCard, adaptiveCard, type CardElement } from './render/adaptive-card.ts';

/** `digest weekly mon 09:00 Europe/Berlin for team=payments`: the word that starts a digest command. */
export const DIGEST_COMMAND = /^digest(?:\s+|$)/i;

export interface DigestCommandInput {
  /** What follows `digest`. */
  args: string;
  channel: ChannelRef;
  /** Who typed it (AAD object id, else the Teams user id). */
  createdBy: string;
  subscriptions: SubscriptionStore;
  catalog: Catalog;
  /** YYYY-MM-DD, for the scope parser. */
  today: string;
  /** The wall clock, for the next run times. */
  now: Date;
}

export interface DigestCommandResult {
  ok: boolean;
  card: AdaptiveCard;
  /** The subscription the command created or changed (absent for `list` and errors). */
  subscription?: Subscription | undefined;
  /** True when digests will be posted to this conversation for `subscription` (subscribe, change, resume). */
  posts?: boolean | undefined;
}

/** Slack's usage text says `/finops digest`; in Teams the command is `digest` (or `@FinOps Copilot digest`). */
function forTeams(text: string): string {
  return text.replaceAll('/finops digest', 'digest');
}

function subscriptionFact(subscription: Subscription, now: Date): { title: string; value: string } {
  const next = subscription.paused
    ? 'paused, no digest until resumed'
    : `next ${formatNextRun(subscription, now)}`;
  return { title: subscription.id, value: `${describeSubscription(subscription)}; ${next}` };
}

function resultCard(heading: string, subscriptions: Subscription[], now: Date, note?: string): AdaptiveCard {
  const body: CardElement[] = [{ type: 'TextBlock', text: heading, wrap: true, weight: 'Bolder' }];
  if (subscriptions.length > 0) {
    body.push({
      type: 'FactSet',
      facts: subscriptions.map((subscription) => subscriptionFact(subscription, now)),
    });
  }
  if (note) body.push({ type: 'TextBlock', text: note, wrap: true, isSubtle: true, size: 'Small' });
  return adaptiveCard(body);
}

export function digestErrorCard(message: string): AdaptiveCard {
  return adaptiveCard([
    { type: 'TextBlock', text: `Digest not changed: ${forTeams(message)}`, wrap: true, color: 'Attention' },
    {
      type: 'TextBlock',
      text: `Usage: ${forTeams(DIGEST_USAGE)}`,
      wrap: true,
      isSubtle: true,
      size: 'Small',
    },
  ]);
}

/**
 * Applies one `digest …` command to the channel's subscriptions and says what changed. User mistakes
 * (a bad weekday, an unknown id, a channel with two digests and no id) come back as an error card with
 * the reason and the usage; nothing is stored. Failures of the store itself are thrown.
 */
export async function runDigestCommand(input: DigestCommandInput): Promise<DigestCommandResult> {
  const parsed = parseSubscriptionCommand(input.args, { catalog: input.catalog, today: input.today });
  if (!parsed.ok) return { ok: false, card: digestErrorCard(parsed.message) };
  const { command } = parsed;
  const { channel, subscriptions: store, now } = input;
  try {
    switch (command.kind) {
      case 'list': {
        const listed = await store.list(channel);
        return {
          ok: true,
          card:
            listed.length === 0
              ? resultCard(
                  'This conversation has no digest subscriptions.',
                  [],
                  now,
                  `Subscribe with ${forTeams(DIGEST_USAGE.split(', ')[0] ?? '')}`,
                )
              : resultCard(`Digest subscriptions here (${listed.length}):`, listed, now),
        };
      }
      case 'subscribe': {
        const { subscription, created } = await store.subscribe({
          channel,
          timing: command.timing,
          scope: command.scope,
          createdBy: input.createdBy,
        });
        const heading = created
          ? `Subscribed: a ${subscription.cadence} cost digest for ${subscription.scope.label} will be posted here.`
          : `Updated: this conversation's ${subscription.cadence} digest for ${subscription.scope.label} has a new time.`;
        return {
          ok: true,
          subscription,
          posts: true,
          card: resultCard(
            heading,
            [subscription],
            now,
            'Pause, resume or unsubscribe with `digest pause <id>`.',
          ),
        };
      }
      case 'change': {
        const subscription = await store.change(channel, command.id, {
          timing: command.timing,
          scope: command.scope,
        });
        return { ok: true, subscription, posts: true, card: resultCard('Changed:', [subscription], now) };
      }
      case 'pause': {
        const subscription = await store.pause(channel, command.id);
        return { ok: true, subscription, card: resultCard('Paused:', [subscription], now) };
      }
      case 'resume': {
        const subscription = await store.resume(channel, command.id);
        return { ok: true, subscription, posts: true, card: resultCard('Resumed:', [subscription], now) };
      }
      case 'unsubscribe': {
        const subscription = await store.unsubscribe(channel, command.id);
        return {
          ok: true,
          subscription,
          card: adaptiveCard([
            {
              type: 'TextBlock',
              text: `Unsubscribed: no more ${describeSubscription(subscription)} digests (${subscription.id}) here.`,
              wrap: true,
            },
          ]),
        };
      }
    }
  } catch (error) {
    // The person can fix these; anything else is the store failing and goes to the turn's error handler.
    if (
      error instanceof FinopsError &&
      (error.code === 'finops_invalid_input' || error.code === 'finops_not_found')
    ) {
      return { ok: false, card: digestErrorCard(error.message) };
    }
    throw error;
  }
}
