import type { DigestLog } from '../../src/digest/schedule/index.ts';

/** The adapters' one-line structured log (SlackLog, TeamsLog have this shape). */
export type StructuredLog = (entry: {
  level: 'info' | 'warn' | 'error';
  event: string;
  [key: string]: unknown;
}) => void;

/** The scheduler's log written as `digest.*` lines of the process's structured log. */
export function structuredDigestLog(log: StructuredLog): DigestLog {
  const emit = (level: 'info' | 'warn' | 'error') => (message: string, fields?: Record<string, unknown>) =>
    log({ ...fields, level, event: 'digest', message });
  return { info: emit('info'), warn: emit('warn'), error: emit('error') };
}
