import { IngestError } from '../errors.ts';
import type { Database } from '../store/database.ts';
import { quoteLiteral } from './sql.ts';
import type { SourceColumn } from './types.ts';

export type SourceKind = 'csv' | 'parquet';

/** The reader for a billing file, by extension; undefined when the file is not CSV / CSV.gz / Parquet. */
export function sourceKindOf(path: string): SourceKind | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.csv.gz')) return 'csv';
  if (lower.endsWith('.parquet')) return 'parquet';
  return undefined;
}

/**
 * The DuckDB table function reading the file. CSV is read as text so that nothing is guessed:
 * every value is converted (and checked) explicitly; `NULL` and empty cells are missing values.
 */
export function sourceSql(path: string, kind: SourceKind): string {
  if (kind === 'parquet') return `read_parquet(${quoteLiteral(path)})`;
  return `read_csv(${quoteLiteral(path)}, all_varchar = true, nullstr = ['NULL', ''], header = true)`;
}

export async function describeSource(db: Database, path: string, kind: SourceKind): Promise<SourceColumn[]> {
  try {
    const rows = await db.all<{ column_name: string; column_type: string }>(
      `DESCRIBE SELECT * FROM ${sourceSql(path, kind)}`,
    );
    return rows.map((row) => ({ name: row.column_name, type: row.column_type }));
  } catch (error) {
    throw unreadable(path, kind, error);
  }
}

export function unreadable(path: string, kind: SourceKind, error: unknown): IngestError {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  const expected =
    kind === 'parquet'
      ? 'a Parquet file'
      : path.toLowerCase().endsWith('.gz')
        ? 'a gzip-compressed CSV file'
        : 'a CSV file with a header row';
  return new IngestError(
    `${path}: cannot read the file (${reason}). Expected ${expected}; the file may be truncated or corrupt — download it again from the export bucket.`,
    { file: path, cause: error },
  );
}
