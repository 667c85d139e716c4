import { createHash } from 'node:crypto';
import { FinopsError } from '../../src/errors.ts';

/**
 * Opaque page tokens for the embedded backends: an offset bound to the query it pages through, so
 * a token reused with other arguments is refused instead of silently returning the wrong rows.
 */
export function queryFingerprint(query: unknown): string {
  return createHash('sha256').update(JSON.stringify(query)).digest('hex').slice(0, 12);
}

export function encodePageToken(offset: number, query: unknown): string {
  return Buffer.from(`${offset}:${queryFingerprint(query)}`, 'utf8').toString('base64url');
}

export function decodePageToken(token: string | undefined, query: unknown): number {
  if (token === undefined) return 0;
  const decoded = Buffer.from(token, 'base64url').toString('utf8');
  const match = /^(\d+):([0-9a-f]{12})$/.exec(decoded);
  if (!match || match[2] !== queryFingerprint(query)) {
    throw new FinopsError(
      'finops_invalid_input',
      'page_token does not belong to this query: pass the next_page_token of the previous call with the same arguments, or omit it to start again',
    );
  }
  return Number(match[1]);
}

/** One page of `rows`, and the token to the next page when there is one. */
export function paginate<T>(
  rows: readonly T[],
  input: { limit: number; page_token?: string | undefined },
  query: unknown,
): { page: T[]; next_page_token?: string; truncated: boolean } {
  const offset = decodePageToken(input.page_token, query);
  const page = rows.slice(offset, offset + input.limit);
  const next = offset + input.limit < rows.length ? encodePageToken(offset + input.limit, query) : undefined;
  return { page, truncated: next !== undefined, ...(next ? { next_page_token: next } : {}) };
}
