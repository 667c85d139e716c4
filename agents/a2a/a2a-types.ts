import { z } from 'zod';

/**
 * The messages agents exchange, shaped after the open Agent2Agent (A2A) protocol's JSON objects
 * (Task, TaskStatus, Message, Part, Artifact; camelCase names and `kind` discriminators as in its
 * JSON-RPC binding), so a specialist could later be exposed to outside A2A clients unchanged.
 *
 * Subset kept on purpose: text and data parts (no file parts: charts travel as chart requests in
 * data parts and are rendered by the adapters), and the six task states the copilot uses.
 */

const metadataSchema = z.record(z.string(), z.json());

export const textPartSchema = z.object({
  kind: z.literal('text'),
  text: z.string(),
  metadata: metadataSchema.optional(),
});

/** Structured content: facts with provenance, tables, chart requests, recommendations. */
export const dataPartSchema = z.object({
  kind: z.literal('data'),
  data: z.record(z.string(), z.json()),
  metadata: metadataSchema.optional(),
});

export const a2aPartSchema = z.discriminatedUnion('kind', [textPartSchema, dataPartSchema]);

export const a2aMessageSchema = z.object({
  kind: z.literal('message'),
  messageId: z.string().min(1),
  /** `user` is the asking side (the orchestrator), `agent` the answering specialist. */
  role: z.enum(['user', 'agent']),
  parts: z.array(a2aPartSchema).min(1),
  taskId: z.string().optional(),
  contextId: z.string().optional(),
  metadata: metadataSchema.optional(),
});

export const a2aArtifactSchema = z.object({
  artifactId: z.string().min(1),
  name: z.string().optional(),
  description: z.string().optional(),
  parts: z.array(a2aPartSchema).min(1),
  metadata: metadataSchema.optional(),
});

export const TASK_STATES = [
  'submitted',
  'working',
  'input-required',
  'completed',
  'failed',
  'canceled',
] as const;
export const a2aTaskStateSchema = z.enum(TASK_STATES);

export const a2aTaskStatusSchema = z.object({
  state: a2aTaskStateSchema,
  message: a2aMessageSchema.optional(),
  /** ISO 8601. */
  timestamp: z.string(),
});

export const a2aTaskSchema = z.object({
  kind: z.literal('task'),
  id: z.string().min(1),
  contextId: z.string(),
  status: a2aTaskStatusSchema,
  /** The request messages and the specialist's answers, oldest first. */
  history: z.array(a2aMessageSchema),
  /** Every artifact the specialist returned, across all steps of the task. */
  artifacts: z.array(a2aArtifactSchema),
  metadata: metadataSchema.optional(),
});

export type A2ATextPart = z.infer<typeof textPartSchema>;
export type A2ADataPart = z.infer<typeof dataPartSchema>;
export type A2APart = z.infer<typeof a2aPartSchema>;
export type A2AMessage = z.infer<typeof a2aMessageSchema>;
export type A2AArtifact = z.infer<typeof a2aArtifactSchema>;
export type A2ATaskState = z.infer<typeof a2aTaskStateSchema>;
export type A2ATaskStatus = z.infer<typeof a2aTaskStatusSchema>;
export type A2ATask = z.infer<typeof a2aTaskSchema>;
export type A2AJson = z.infer<ReturnType<typeof z.json>>;

/** States after which the task never changes again. */
export function isTerminalState(state: A2ATaskState): boolean {
  return state === 'completed' || state === 'failed' || state === 'canceled';
}

/** States in which the specialist has answered the latest request (a question counts as an answer). */
export function isAnsweredState(state: A2ATaskState): boolean {
  return isTerminalState(state) || state === 'input-required';
}

export function textPart(text: string): A2ATextPart {
  return { kind: 'text', text };
}

export function dataPart(data: Record<string, A2AJson>): A2ADataPart {
  return { kind: 'data', data };
}

/** The text of all text parts, joined: what a log line or a plain-text fallback shows. */
export function messageText(message: A2AMessage | undefined): string {
  if (message === undefined) return '';
  return message.parts
    .filter((part): part is A2ATextPart => part.kind === 'text')
    .map((part) => part.text)
    .join('\n');
}
