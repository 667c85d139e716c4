import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../store/database.ts';

/**
 * The Database port exposes SQL only, not DuckDB's appender, so the demo bulk-loads through
 * temporary CSV files that DuckDB's read_csv reads in parallel. This is the whole escape hatch:
 * files live in a private temp directory that `dispose` removes.
 */
export interface CsvStaging {
  write(name: string, rows: string[]): string;
  dispose(): void;
}

export function createCsvStaging(): CsvStaging {
  const directory = mkdtempSync(join(tmpdir(), 'finops-demo-'));
  return {
    write(name, rows) {
      const path = join(directory, `${name}.csv`);
      writeFileSync(path, `${rows.join('\n')}\n`);
      return path;
    },
    dispose() {
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Loads a staged CSV into a temp table with the given column types (no sniffing: faster and exact). */
export async function loadCsv(
  db: Database,
  table: string,
  path: string,
  columns: Record<string, string>,
): Promise<void> {
  const spec = Object.entries(columns)
    .map(([name, type]) => `${sqlString(name)}: ${sqlString(type)}`)
    .join(', ');
  await db.run(
    `CREATE OR REPLACE TEMP TABLE ${table} AS SELECT * FROM read_csv(${sqlString(path)}, header = true, quote = '"', escape = '"', columns = {${spec}})`,
  );
}
