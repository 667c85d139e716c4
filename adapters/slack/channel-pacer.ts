/**
 * Keeps the app's own messages to about one a second per channel, Slack's posting limit, by
 * queueing calls per channel. Calls for different channels do not wait for each other. (Bursts
 * beyond the limit would be answered with HTTP 429; the WebClient then waits for Retry-After, which
 * this avoids in the common case of an answer split over several messages.)
 */
export interface ChannelPacer {
  run<T>(channel: string, call: () => Promise<T>): Promise<T>;
}

export interface ChannelPacerOptions {
  intervalMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createChannelPacer(options: ChannelPacerOptions): ChannelPacer {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const tails = new Map<string, Promise<unknown>>();
  const lastStart = new Map<string, number>();

  return {
    run<T>(channel: string, call: () => Promise<T>): Promise<T> {
      const previous = tails.get(channel) ?? Promise.resolve();
      const next = previous
        .catch(() => undefined)
        .then(async () => {
          const last = lastStart.get(channel);
          const wait = last === undefined ? 0 : last + options.intervalMs - now();
          if (wait > 0) await sleep(wait);
          lastStart.set(channel, now());
          return call();
        });
      tails.set(channel, next);
      // Forget an idle channel so the maps do not grow with every channel ever seen.
      void next
        .catch(() => undefined)
        .then(() => {
          if (tails.get(channel) === next) tails.delete(channel);
        });
      return next;
    },
  };
}
