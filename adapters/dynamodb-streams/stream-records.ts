import { z } from 'zod';
import {
  type IncomingRequest,
  readIncomingRequest,
  type ServeDependencies,
  type ServeOutcome,
  serveRequest,
} from '../../agents/a2a/index.ts';

/**
 * One DynamoDB Streams record as both GetRecords (the SDK) and a Lambda event source mapping
 * deliver it. Only what the bus reads is checked; the bus's attributes are strings and numbers, so
 * the new image is read without unmarshalling.
 */
const stringAttribute = z.object({ S: z.string() });
const numberAttribute = z.object({ N: z.string() });

export const streamRecordSchema = z.object({
  eventName: z.string().optional(),
  /** Present in Lambda events, absent from GetRecords. */
  eventSourceARN: z.string().optional(),
  dynamodb: z
    .object({
      SequenceNumber: z.string().optional(),
      NewImage: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
});

export type StreamRecordLike = z.input<typeof streamRecordSchema>;

export interface StreamHandlingOptions extends ServeDependencies {
  tableName: string;
  /** Called with the task id of every bus record seen: wakes gathers waiting on that task. */
  onTaskChange?: ((taskId: string) => void) | undefined;
}

export interface StreamBatchSummary {
  /** The sequence number of the batch's last record: where a consumer checkpoints. */
  lastSequenceNumber: string | undefined;
  outcomes: Record<ServeOutcome, number>;
  /** Records that are not requests for anyone here: other tables, statuses, results, removals. */
  skipped: number;
}

function attribute(image: Record<string, unknown>, name: string, kind: 'S' | 'N'): string | undefined {
  const parsed = (kind === 'S' ? stringAttribute : numberAttribute).safeParse(image[name]);
  if (!parsed.success) return undefined;
  return 'S' in parsed.data ? parsed.data.S : parsed.data.N;
}

function tableOfArn(arn: string): string | undefined {
  return /:table\/([^/]+)\/stream\//.exec(arn)?.[1];
}

type Routed =
  | { kind: 'skip' }
  | { kind: 'change'; taskId: string; canceled: boolean }
  | { kind: 'request'; taskId: string; incoming: IncomingRequest };

function route(raw: unknown, tableName: string): Routed {
  const parsed = streamRecordSchema.safeParse(raw);
  if (!parsed.success) return { kind: 'skip' };
  const record = parsed.data;
  if (record.eventSourceARN !== undefined && tableOfArn(record.eventSourceARN) !== tableName)
    return { kind: 'skip' };
  // REMOVE records are TTL expiry or clean-up: nothing to serve or wake.
  const image = record.dynamodb?.NewImage;
  if (record.eventName === 'REMOVE' || image === undefined) return { kind: 'skip' };
  const pk = attribute(image, 'pk', 'S');
  const taskId = attribute(image, 'taskId', 'S');
  if (pk === undefined || !pk.startsWith('task#') || taskId === undefined) return { kind: 'skip' };
  const type = attribute(image, 'type', 'S');
  if (type !== 'request') {
    return {
      kind: 'change',
      taskId,
      canceled: type === 'result' && attribute(image, 'state', 'S') === 'canceled',
    };
  }
  const body = attribute(image, 'body', 'S');
  let candidate: unknown;
  try {
    candidate = body === undefined ? undefined : JSON.parse(body);
  } catch {
    candidate = undefined;
  }
  if (candidate !== undefined) {
    const incoming = readIncomingRequest(candidate);
    if (!incoming.ok || incoming.record.taskId === taskId) return { kind: 'request', taskId, incoming };
  }
  // The item names its task beside the body, so an unreadable body still fails the right task.
  const step = Number(attribute(image, 'step', 'N'));
  const agent = attribute(image, 'agent', 'S');
  const contextId = attribute(image, 'contextId', 'S');
  const incoming: IncomingRequest = {
    ok: false,
    envelope: Number.isInteger(step) && step >= 1 ? { taskId, step, agent, contextId } : undefined,
    problem: candidate === undefined ? 'its body is not JSON' : 'its body names another task than its key',
  };
  return { kind: 'request', taskId, incoming };
}

/**
 * Serves a batch of stream records with the given handlers: the one entry point for the bus's own
 * poller and for a Lambda function behind a Streams event source mapping. Requests of different
 * tasks are served concurrently, those of one task in order. A request that cannot be read or whose
 * handler fails fails its own task and the batch goes on; the function throws only when storage
 * fails, and then the whole batch should be retried (redelivery is harmless: results are
 * create-once).
 */
export async function handleStreamRecords(
  records: readonly unknown[],
  options: StreamHandlingOptions,
): Promise<StreamBatchSummary> {
  const outcomes: Record<ServeOutcome, number> = {
    answered: 0,
    failed: 0,
    duplicate: 0,
    ignored: 0,
    aborted: 0,
  };
  let skipped = 0;
  let lastSequenceNumber: string | undefined;
  const byTask = new Map<string, IncomingRequest[]>();
  for (const raw of records) {
    const sequenceNumber = streamRecordSchema.safeParse(raw).data?.dynamodb?.SequenceNumber;
    if (sequenceNumber !== undefined) lastSequenceNumber = sequenceNumber;
    const routed = route(raw, options.tableName);
    if (routed.kind === 'skip') {
      skipped += 1;
      continue;
    }
    options.onTaskChange?.(routed.taskId);
    if (routed.kind === 'change') {
      skipped += 1;
      // Canceled, perhaps by another process: stop a handler of ours still working on the task.
      if (routed.canceled) {
        for (const [key, controller] of options.running) {
          if (key.startsWith(`${routed.taskId}#`)) controller.abort(new Error('the task was canceled'));
        }
      }
      continue;
    }
    byTask.set(routed.taskId, [...(byTask.get(routed.taskId) ?? []), routed.incoming]);
  }
  await Promise.all(
    [...byTask.entries()].map(async ([taskId, requests]) => {
      for (const incoming of requests) {
        const outcome = await serveRequest(incoming, options);
        outcomes[outcome] += 1;
        // The result's own stream record follows, but a gather on this bus need not wait for it.
        if (outcome === 'answered' || outcome === 'failed') options.onTaskChange?.(taskId);
      }
    }),
  );
  return { lastSequenceNumber, outcomes, skipped };
}
