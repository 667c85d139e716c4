/** Where the scheduler reports what it did; the composition root passes the process's logger. */
export interface DigestLog {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
