import { createHash } from 'node:crypto';
import { z } from 'zod';
import { FinopsError } from '../errors.ts';
import type { JsonValue, StateItem, StateValue } from './state-store.ts';

/**
 * The embedded store's file: JSON lines, one per acknowledged write (a put, a delete or a whole
 * transaction, already resolved to final versions so replay never re-evaluates a condition).
 * Each line ends with a checksum of the rest, so a line torn by a crash is recognised rather than
 * half-applied. The first line names the format.
 *
 *   {"header":"finops-state","format":1,"sum":"…"}
 *   {"ops":[{"t":"put","p":"rec#1","s":"state","n":2,"v":{…},"e":1767225600}],"sum":"…"}
 */
export const LOG_HEADER = 'finops-state';
export const LOG_FORMAT = 1;

export type LogOperation =
  | { t: 'put'; p: string; s: string; n: number; v: StateValue; e?: number | undefined }
  | { t: 'del'; p: string; s: string };

export type LogRecord = { header: typeof LOG_HEADER; format: number } | { ops: LogOperation[] };

const jsonObjectSchema = z.custom<StateValue>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
);
const logOperationSchema = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('put'),
    p: z.string(),
    s: z.string(),
    n: z.number().int().positive(),
    v: jsonObjectSchema,
    e: z.number().int().optional(),
  }),
  z.object({ t: z.literal('del'), p: z.string(), s: z.string() }),
]);
const logRecordSchema = z.union([
  z.object({ header: z.literal(LOG_HEADER), format: z.number().int() }),
  z.object({ ops: z.array(logOperationSchema) }),
]);

const SUM_PREFIX = ',"sum":"';
const SUM_LENGTH = 16;
/** `,"sum":"` + 16 hex digits + `"}` */
const SUM_SUFFIX_LENGTH = SUM_PREFIX.length + SUM_LENGTH + 2;
const NEWLINE = 0x0a;

function checksum(payload: string): string {
  return createHash('sha256').update(payload).digest('hex').slice(0, SUM_LENGTH);
}

export function encodeLogRecord(record: LogRecord): string {
  const payload = JSON.stringify(record);
  return `${payload.slice(0, -1)}${SUM_PREFIX}${checksum(payload)}"}\n`;
}

export function toLogOperation(item: StateItem): LogOperation {
  const operation: LogOperation = {
    t: 'put',
    p: item.partition,
    s: item.sort,
    n: item.version,
    v: item.value,
  };
  if (item.expiresAt !== undefined) operation.e = item.expiresAt;
  return operation;
}

export function fromLogOperation(operation: Extract<LogOperation, { t: 'put' }>): StateItem {
  const item: StateItem = {
    partition: operation.p,
    sort: operation.s,
    value: operation.v,
    version: operation.n,
  };
  if (operation.e !== undefined) item.expiresAt = operation.e;
  return item;
}

/** A line whose checksum does not match: torn if nothing complete follows it, corrupt otherwise. */
function decodeLine(line: string): LogRecord | undefined {
  if (line.length < SUM_SUFFIX_LENGTH || !line.endsWith('"}')) return undefined;
  const sumStart = line.length - SUM_SUFFIX_LENGTH;
  if (line.slice(sumStart, sumStart + SUM_PREFIX.length) !== SUM_PREFIX) return undefined;
  const sum = line.slice(sumStart + SUM_PREFIX.length, line.length - 2);
  const payload = `${line.slice(0, sumStart)}}`;
  if (checksum(payload) !== sum) return undefined;
  const parsed = logRecordSchema.safeParse(JSON.parse(payload) as JsonValue);
  return parsed.success ? (parsed.data as LogRecord) : undefined;
}

export interface DecodedLog {
  records: LogRecord[];
  /** Bytes of `chunk` made of complete, valid lines. */
  consumedBytes: number;
  lines: number;
  /** Bytes after the last valid line that do not form a valid line (a torn write, or one still being written). */
  trailingBytes: number;
}

/**
 * Decodes the lines of `chunk`, which starts at a line boundary. An incomplete or invalid last line
 * is left unconsumed (it is either being written right now by another process or was torn by a
 * crash); an invalid line with valid lines after it is corruption, reported with its line number.
 */
export function decodeLogChunk(chunk: Buffer, file: string, firstLineNumber: number): DecodedLog {
  const records: LogRecord[] = [];
  let position = 0;
  let lines = 0;
  while (position < chunk.length) {
    const newline = chunk.indexOf(NEWLINE, position);
    if (newline === -1) break;
    const text = chunk.toString('utf8', position, newline);
    let record: LogRecord | undefined;
    try {
      record = decodeLine(text);
    } catch {
      record = undefined;
    }
    if (record === undefined) {
      // Nothing complete after it: the remains of one torn (or in-flight) write.
      if (chunk.indexOf(NEWLINE, newline + 1) === -1) break;
      throw new FinopsError(
        'finops_state_error',
        `the state file ${file} is damaged at line ${firstLineNumber + lines} (its checksum does not match) and later writes follow it; nothing was changed or dropped. Restore the file from a backup, or move it aside to start with an empty state`,
      );
    }
    records.push(record);
    lines += 1;
    position = newline + 1;
  }
  return { records, consumedBytes: position, lines, trailingBytes: chunk.length - position };
}
