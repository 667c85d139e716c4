import type { Subscription } from '../../src/digest/subscriptions/index.ts';
import type { Answer } from '../../src/domain/index.ts';

/**
 * Posts one built digest to the channel its subscription names. Throws when it cannot: the
 * scheduler records the failure and retries by its own rules (once, after the lease).
 */
export type DigestPoster = (subscription: Subscription, digest: Answer) => Promise<void>;
