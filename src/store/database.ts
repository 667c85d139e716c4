import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { FinopsError } from '../errors.ts';
import { SCHEMA_SQL } from './schema.ts';

export type SqlParams = DuckDBValue[] | Record<string, DuckDBValue>;
export type SqlRow = Record<string, unknown>;

/**
 * The embedded DuckDB database behind the cost engine. One file per data directory.
 * `all()` returns plain JS values: DECIMAL and BIGINT become numbers, dates become strings.
 */
export interface Database {
  readonly path: string;
  run(sql: string, params?: SqlParams): Promise<void>;
  all<T = SqlRow>(sql: string, params?: SqlParams): Promise<T[]>;
  /** Runs `work` in one transaction: everything or nothing is written. */
  transaction<T>(work: (db: Database) => Promise<T>): Promise<T>;
  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;
  close(): void;
}

export interface OpenDatabaseOptions {
  /** Directory for finops.duckdb; ':memory:' for an in-memory database (tests). */
  dataDir: string;
  /** DuckDB threads; defaults to DuckDB's own choice (all cores). */
  threads?: number;
  memoryLimit?: string;
}

export const DATABASE_FILE = 'finops.duckdb';

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  let path = ':memory:';
  if (options.dataDir !== ':memory:') {
    mkdirSync(options.dataDir, { recursive: true });
    path = join(options.dataDir, DATABASE_FILE);
  }
  const settings: Record<string, string> = {};
  if (options.threads) settings.threads = String(options.threads);
  if (options.memoryLimit) settings.memory_limit = options.memoryLimit;
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path, settings);
  } catch (error) {
    throw new FinopsError(
      'finops_config_error',
      `cannot open the database ${path}: ${(error as Error).message}. Is another finops process using this data directory? Pass --data-dir to use another.`,
      { cause: error },
    );
  }
  const connection = await instance.connect();
  const db = createDatabase(path, connection, () => {
    connection.closeSync();
    instance.closeSync();
  });
  await db.run(SCHEMA_SQL);
  return db;
}

function createDatabase(path: string, connection: DuckDBConnection, close: () => void): Database {
  let inTransaction = false;
  const db: Database = {
    path,
    async run(sql, params) {
      await connection.run(sql, params);
    },
    async all<T = SqlRow>(sql: string, params?: SqlParams) {
      const reader = await connection.runAndReadAll(sql, params);
      return reader.getRowObjectsJS().map((row) => normaliseRow(row)) as T[];
    },
    async transaction(work) {
      if (inTransaction) return work(db);
      inTransaction = true;
      await connection.run('BEGIN TRANSACTION');
      try {
        const result = await work(db);
        await connection.run('COMMIT');
        return result;
      } catch (error) {
        await connection.run('ROLLBACK');
        throw error;
      } finally {
        inTransaction = false;
      }
    },
    async getMeta(key) {
      const rows = await db.all<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key]);
      return rows[0]?.value;
    },
    async setMeta(key, value) {
      await db.run('INSERT OR REPLACE INTO meta (key, value) VALUES ($1, $2)', [key, value]);
    },
    close,
  };
  return db;
}

function normaliseValue(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (Array.isArray(value)) return value.map(normaliseValue);
  return value;
}

function normaliseRow(row: Record<string, unknown>): SqlRow {
  const result: SqlRow = {};
  for (const [key, value] of Object.entries(row)) result[key] = normaliseValue(value);
  return result;
}
