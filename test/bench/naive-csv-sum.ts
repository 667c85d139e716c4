import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * The naive approach the bench compares against: stream a FOCUS CSV line by line in plain
 * Node.js and sum one column. Handles quoted fields (the Tags column holds JSON with commas).
 */
export async function naiveCsvSum(path: string, column: string): Promise<{ rows: number; total: number }> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
  let index = -1;
  let rows = 0;
  let total = 0;
  for await (const line of lines) {
    const fields = splitCsvLine(line);
    if (index < 0) {
      index = fields.indexOf(column);
      if (index < 0) throw new Error(`column ${column} not in ${path}`);
      continue;
    }
    rows += 1;
    total += Number(fields[index] ?? 0) || 0;
  }
  return { rows, total };
}

function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index];
    if (quoted) {
      if (char === '"' && line[index + 1] === '"') {
        current += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else current += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(current);
      current = '';
    } else current += char;
  }
  fields.push(current);
  return fields;
}
