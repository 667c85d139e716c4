import type { Subscription } from '../../src/digest/subscriptions/index.ts';
import type { Answer } from '../../src/domain/index.ts';
import { FinopsError } from '../../src/errors.ts';
import type { StateStore } from '../../src/state/index.ts';
import { readConversationReference } from './conversation-references.ts';
import type { TeamsApp } from './create-teams-app.ts';
import type { TeamsLog } from './teams-app-dependencies.ts';

/** The scheduler's poster contract (adapters/digest DigestPoster), spelled out so this adapter stands alone. */
export type TeamsDigestPoster = (subscription: Subscription, digest: Answer) => Promise<void>;

export interface TeamsDigestPosterOptions {
  app: Pick<TeamsApp, 'postAnswer'>;
  /** Where the `digest` command stored the conversation reference of each subscribed conversation. */
  stateStore: StateStore;
  log?: TeamsLog | undefined;
}

/**
 * Posts a digest into the subscribed Teams conversation, proactively, as the answer cards (facts,
 * chart, Approve / Dismiss), split under the card size budget. Throws when it cannot: the scheduler
 * records the failure and retries by its own rules.
 */
export function createTeamsDigestPoster(options: TeamsDigestPosterOptions): TeamsDigestPoster {
  const log: TeamsLog = options.log ?? (() => {});
  return async (subscription, digest) => {
    if (subscription.platform !== 'teams') {
      throw new FinopsError(
        'finops_invalid_input',
        `digest ${subscription.id} is for ${subscription.platform}, not Teams; give it to the ${subscription.platform} poster`,
      );
    }
    const reference = await readConversationReference(options.stateStore, subscription.channel);
    if (!reference) {
      throw new FinopsError(
        'finops_not_found',
        `no Teams conversation reference for digest ${subscription.id} (conversation ${subscription.channel}): ` +
          'the bot can only post where it has been spoken to; repeat the subscribe command in that conversation (it updates the same digest) to store it',
      );
    }
    const cards = await options.app.postAnswer(reference, digest);
    log({ level: 'info', event: 'teams.digest_posted', subscription: subscription.id, cards });
  };
}
