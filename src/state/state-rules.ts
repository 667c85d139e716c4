import { FinopsError } from '../errors.ts';
import {
  DEFAULT_QUERY_LIMIT,
  MAX_QUERY_LIMIT,
  MAX_TRANSACT_OPERATIONS,
  type QueryOptions,
  type StateItem,
  type StateValue,
  type WriteCondition,
  type WriteOperation,
} from './state-store.ts';

/**
 * The rules every StateStore implementation enforces before it touches storage, so the embedded
 * store refuses exactly what DynamoDB would refuse and both answer with the same clear error.
 */

/** DynamoDB's limits on key attributes (UTF-8 bytes). */
export const MAX_PARTITION_BYTES = 2048;
export const MAX_SORT_BYTES = 1024;
/** DynamoDB's item size limit; the JSON of the value must fit well inside it. */
export const MAX_VALUE_BYTES = 350 * 1024;
/** DynamoDB's number range; the AWS SDK also refuses integers it cannot represent exactly. */
const MAX_NUMBER_MAGNITUDE = Number.MAX_SAFE_INTEGER;
const MIN_NUMBER_MAGNITUDE = 1e-130;

export interface NormalizedQuery {
  sortPrefix: string;
  descending: boolean;
  limit: number;
  /** Sort key of the last item of the previous page. */
  after: string | undefined;
}

function invalid(message: string): FinopsError {
  return new FinopsError('finops_invalid_input', message);
}

export function validateKey(partition: unknown, sort: unknown): void {
  if (typeof partition !== 'string' || partition.length === 0) {
    throw invalid(`a state item needs a non-empty string partition; got ${describe(partition)}`);
  }
  if (typeof sort !== 'string' || sort.length === 0) {
    throw invalid(
      `a state item needs a non-empty string sort key (DynamoDB refuses empty keys); got ${describe(sort)} in partition ${partition}`,
    );
  }
  if (Buffer.byteLength(partition) > MAX_PARTITION_BYTES) {
    throw invalid(
      `the partition ${partition.slice(0, 40)}… is longer than ${MAX_PARTITION_BYTES} UTF-8 bytes`,
    );
  }
  if (Buffer.byteLength(sort) > MAX_SORT_BYTES) {
    throw invalid(`the sort key ${sort.slice(0, 40)}… is longer than ${MAX_SORT_BYTES} UTF-8 bytes`);
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  return typeof value;
}

/** Refuses anything that would not come back from JSON (or DynamoDB) exactly as it went in. */
export function validateValue(value: unknown, where: string): asserts value is StateValue {
  if (!isPlainObject(value)) {
    throw invalid(`the value of ${where} must be a plain JSON object; got ${describeKind(value)}`);
  }
  checkJson(value, 'value', where, new Set());
  const bytes = Buffer.byteLength(JSON.stringify(value));
  if (bytes > MAX_VALUE_BYTES) {
    throw invalid(
      `the value of ${where} is ${bytes} bytes of JSON; at most ${MAX_VALUE_BYTES} fit in one item (DynamoDB's 400 KB item limit): store large data elsewhere and keep a reference`,
    );
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an instance of ${value.constructor?.name ?? 'an unknown class'}`;
  if (typeof value === 'number') return String(value);
  return typeof value;
}

function checkJson(value: unknown, path: string, where: string, ancestors: Set<object>): void {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) {
        throw invalid(`${path} of ${where} is ${value}; JSON has no NaN or Infinity: store null or a string`);
      }
      if (Math.abs(value) > MAX_NUMBER_MAGNITUDE) {
        throw invalid(
          `${path} of ${where} is ${value}, beyond ±${MAX_NUMBER_MAGNITUDE} which cannot be stored exactly: store it as a string`,
        );
      }
      if (value !== 0 && Math.abs(value) < MIN_NUMBER_MAGNITUDE) {
        throw invalid(`${path} of ${where} is ${value}, smaller than DynamoDB's 1e-130: round it to 0`);
      }
      return;
    case 'object': {
      if (value === null) return;
      if (ancestors.has(value))
        throw invalid(`${path} of ${where} refers to itself; JSON cannot hold a cycle`);
      ancestors.add(value);
      if (Array.isArray(value)) {
        value.forEach((element, index) => {
          checkJson(element, `${path}[${index}]`, where, ancestors);
        });
      } else if (isPlainObject(value)) {
        for (const [key, child] of Object.entries(value)) {
          checkJson(child, `${path}.${key}`, where, ancestors);
        }
      } else {
        throw invalid(
          `${path} of ${where} is ${describeKind(value)}, not plain JSON: convert it (e.g. a Date to an ISO string) before storing`,
        );
      }
      ancestors.delete(value);
      return;
    }
    default:
      throw invalid(
        `${path} of ${where} is ${typeof value}, which JSON cannot hold: remove it or store null`,
      );
  }
}

export function validateExpiresAt(expiresAt: unknown, where: string): void {
  if (expiresAt === undefined) return;
  if (typeof expiresAt !== 'number' || !Number.isSafeInteger(expiresAt) || expiresAt < 0) {
    throw invalid(
      `expiresAt of ${where} must be whole epoch seconds (e.g. Math.floor(Date.now() / 1000) + 3600); got ${String(expiresAt)}`,
    );
  }
}

export function validateCondition(condition: unknown, where: string): void {
  if (condition === undefined) return;
  const kind = (condition as { kind?: unknown } | null)?.kind;
  if (kind === 'absent' || kind === 'present') return;
  if (kind === 'version') {
    const version = (condition as { version?: unknown }).version;
    if (typeof version === 'number' && Number.isSafeInteger(version) && version >= 1) return;
    throw invalid(
      `the version condition of ${where} needs a whole version ≥ 1 read from the item; got ${String(version)}`,
    );
  }
  throw invalid(
    `the condition of ${where} must be {kind:'absent'}, {kind:'present'} or {kind:'version', version}`,
  );
}

export function keyLabel(partition: string, sort: string): string {
  return `${partition} / ${sort}`;
}

/** Validates a whole batch before anything is written: a bad operation rejects the batch. */
export function validateOperations(operations: readonly WriteOperation[]): void {
  if (!Array.isArray(operations)) throw invalid('transact needs an array of operations');
  if (operations.length > MAX_TRANSACT_OPERATIONS) {
    throw invalid(
      `a transaction holds at most ${MAX_TRANSACT_OPERATIONS} operations (DynamoDB's limit); got ${operations.length}: split it, or write items that need not be atomic separately`,
    );
  }
  const seen = new Set<string>();
  operations.forEach((operation, index) => {
    validateKey(operation.partition, operation.sort);
    const where = `operation ${index} (${keyLabel(operation.partition, operation.sort)})`;
    if (operation.type === 'put') {
      validateValue(operation.value, where);
      validateExpiresAt(operation.expiresAt, where);
    } else if (operation.type !== 'delete') {
      throw invalid(
        `${where} has type ${String((operation as { type: unknown }).type)}; expected put or delete`,
      );
    }
    validateCondition(operation.condition, where);
    const key = JSON.stringify([operation.partition, operation.sort]);
    if (seen.has(key)) {
      throw invalid(
        `${where} touches the same item as an earlier operation; a transaction may write each item once (DynamoDB's rule): merge the two writes`,
      );
    }
    seen.add(key);
  });
}

export function epochSeconds(now: () => Date): number {
  return Math.floor(now().getTime() / 1000);
}

/** An item whose expiresAt has come is gone for readers and conditions, stored or not. */
export function isLive(item: { expiresAt?: number | undefined }, nowSeconds: number): boolean {
  return item.expiresAt === undefined || item.expiresAt > nowSeconds;
}

export function conditionHolds(condition: WriteCondition | undefined, live: StateItem | undefined): boolean {
  if (condition === undefined) return true;
  switch (condition.kind) {
    case 'absent':
      return live === undefined;
    case 'present':
      return live !== undefined;
    case 'version':
      return live !== undefined && live.version === condition.version;
  }
}

export function normalizeQuery(partition: string, options: QueryOptions = {}): NormalizedQuery {
  if (typeof partition !== 'string' || partition.length === 0) {
    throw invalid(`query needs a non-empty partition; got ${describe(partition)}`);
  }
  const limit = options.limit ?? DEFAULT_QUERY_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_QUERY_LIMIT) {
    throw invalid(
      `query limit must be a whole number from 1 to ${MAX_QUERY_LIMIT}; got ${String(options.limit)}`,
    );
  }
  const sortPrefix = options.sortPrefix ?? '';
  if (typeof sortPrefix !== 'string') throw invalid('query sortPrefix must be a string');
  return {
    sortPrefix,
    descending: options.descending === true,
    limit,
    after: options.cursor === undefined ? undefined : decodeCursor(options.cursor),
  };
}

/** The cursor is the last returned sort key, so both stores hand out and accept the same cursors. */
export function encodeCursor(sort: string): string {
  return Buffer.from(JSON.stringify({ after: sort })).toString('base64url');
}

function decodeCursor(cursor: string): string {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const after = (parsed as { after?: unknown } | null)?.after;
    if (typeof after === 'string' && after.length > 0) return after;
  } catch {
    // Falls through to the error below: a cursor that is not ours is bad input, whatever broke.
  }
  throw invalid(
    'the query cursor is not one this store handed out: pass the `cursor` of the previous page unchanged',
  );
}

/**
 * Orders sort keys by code point, which is DynamoDB's UTF-8 byte order; plain `<` compares UTF-16
 * code units and would put U+E000–U+FFFF after astral characters.
 */
export function compareSortKeys(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index += 1) {
    const left = a.charCodeAt(index);
    const right = b.charCodeAt(index);
    if (left !== right) return codePointRank(left) - codePointRank(right);
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}
