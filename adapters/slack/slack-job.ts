import { z } from 'zod';

/**
 * A question to answer, as a listener hands it off after acknowledging. Plain JSON so it can cross
 * a process boundary (an async Lambda invocation or a queue) as well as run in the same process.
 */
export const slackJobSchema = z.object({
  kind: z.literal('question'),
  /** Where it came from, for logs: `app_mention`, `message.im`, `/finops`. */
  source: z.enum(['app_mention', 'message.im', 'slash_command']),
  teamId: z.string().min(1),
  channel: z.string().min(1),
  /** The thread to answer in; absent for a top-level reply (a DM or a slash command's new message). */
  threadTs: z.string().optional(),
  userId: z.string().min(1),
  question: z.string(),
  /** Slash commands only: where to explain a problem when the app cannot post in the channel. */
  responseUrl: z.string().optional(),
  /** The Events API event id, for logs. */
  eventId: z.string().optional(),
  /** Set when the job was handed off: the time it was acknowledged (ms since epoch), for latency logs. */
  receivedAt: z.number().optional(),
});
export type SlackJob = z.infer<typeof slackJobSchema>;

/** Hands a job to whoever runs it: in-process after the ack, or an async Lambda invocation or queue. */
export type HandOff = (job: SlackJob) => Promise<void>;

/**
 * The conversation a thread is: follow-ups in the same thread reuse its period, filters and grouping.
 * A DM outside a thread is one running conversation per DM channel.
 */
export function slackContextId(job: Pick<SlackJob, 'teamId' | 'channel' | 'threadTs'>): string {
  return `slack:${job.teamId}:${job.channel}:${job.threadTs ?? 'main'}`;
}
