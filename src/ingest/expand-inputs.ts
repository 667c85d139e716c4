import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { IngestError } from '../errors.ts';
import type { Database } from '../store/database.ts';
import { type SourceKind, sourceKindOf } from './source-file.ts';
import type { IngestSkip } from './types.ts';

export interface InputFile {
  path: string;
  kind: SourceKind;
  /** Named by the caller (not found by walking a folder or matching a glob): must be billing data. */
  explicit: boolean;
  mtimeMs: number;
  size: number;
}

const GLOB_CHARS = /[*?[]/;

function skipReason(path: string): string {
  const lower = path.toLowerCase();
  if (lower.endsWith('manifest.json'))
    return 'export manifest: it describes the delivery, the data files are read instead';
  if (lower.endsWith('.zip')) return 'ZIP archive: unzip it first (CSV, CSV.gz and Parquet are read)';
  return 'not a billing file: only .csv, .csv.gz and .parquet files are read';
}

/**
 * Files, folders (walked recursively) and globs (expanded by DuckDB's glob()) → the billing files
 * to read, in a stable order, each once. Other files met on the way are listed as skipped.
 */
export async function expandInputs(
  db: Database,
  inputs: string[],
): Promise<{ files: InputFile[]; skipped: IngestSkip[] }> {
  const files: InputFile[] = [];
  const skipped: IngestSkip[] = [];
  const seen = new Set<string>();
  const add = (path: string, explicit: boolean) => {
    const key = resolve(path);
    if (seen.has(key)) return;
    seen.add(key);
    const kind = sourceKindOf(path);
    if (!kind) {
      if (explicit) {
        throw new IngestError(`${path}: ${skipReason(path)}. Pass the export's data files or its folder.`, {
          file: path,
          code: 'finops_not_billing_data',
        });
      }
      skipped.push({ path, reason: skipReason(path) });
      return;
    }
    const stats = statSync(path);
    files.push({ path, kind, explicit, mtimeMs: stats.mtimeMs, size: stats.size });
  };

  if (inputs.length === 0) {
    throw new IngestError(
      'no input given: pass billing files, folders or globs (e.g. "exports/**/*.parquet").',
    );
  }
  for (const input of inputs) {
    if (existsSync(input)) {
      if (statSync(input).isDirectory()) {
        const entries = readdirSync(input, { recursive: true, encoding: 'utf8' })
          .map((entry) => join(input, entry))
          .filter((path) => statSync(path).isFile())
          .sort();
        for (const path of entries) add(path, false);
      } else {
        add(input, true);
      }
      continue;
    }
    if (!GLOB_CHARS.test(input)) {
      throw new IngestError(
        `${input}: no such file or folder. Check the path (globs such as "exports/*.parquet" work too).`,
        {
          file: input,
        },
      );
    }
    const matches = await db.all<{ file: string }>('SELECT file FROM glob($1) ORDER BY file', [input]);
    if (matches.length === 0) {
      throw new IngestError(
        `${input}: no file matches this glob. Check the pattern and the folder it starts from.`,
        {
          file: input,
        },
      );
    }
    for (const match of matches) add(match.file, false);
  }
  return { files, skipped };
}
