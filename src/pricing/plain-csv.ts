import { IngestError } from '../errors.ts';

/**
 * The price data files are plain CSV: a header line, no quoting, no embedded commas. Keeping them that
 * simple lets the whole book load with a `split` instead of a CSV library, and the build script
 * refuses any value that would need quoting.
 */
export function parsePlainCsv(text: string, file: string, columns: readonly string[]): string[][] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const expected = columns.join(',');
  const header = (lines[0] ?? '').replace(/\r$/, '');
  if (header !== expected) {
    throw new IngestError(
      `${file}: expected the header "${expected}" but found "${header}"; the price data and the code that reads it are out of step — rebuild the data with \`node --import tsx src/pricing/scripts/build-price-data.ts\``,
      { file, row: 1 },
    );
  }
  const rows: string[][] = [];
  for (let index = 1; index < lines.length; index++) {
    const line = (lines[index] ?? '').replace(/\r$/, '');
    const cells = line.split(',');
    if (cells.length !== columns.length || line.includes('"')) {
      throw new IngestError(
        `${file} line ${index + 1}: expected ${columns.length} unquoted values (${expected}) but found "${line}"; restore the file from git or rebuild it`,
        { file, row: index + 1 },
      );
    }
    rows.push(cells);
  }
  return rows;
}

/** Writes rows as plain CSV; a value that would need quoting is a bug in the caller, so it throws. */
export function toPlainCsv(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [columns.join(',')];
  for (const row of rows) {
    for (const cell of row) {
      if (/[",\r\n]/.test(cell)) {
        throw new IngestError(
          `the value "${cell}" contains a comma, quote or line break; plain CSV cannot hold it`,
        );
      }
    }
    if (row.length !== columns.length) {
      throw new IngestError(
        `a row has ${row.length} values but the header has ${columns.length}: ${row.join(',')}`,
      );
    }
    lines.push(row.join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** A non-negative decimal price or quantity; anything else means the file is damaged. */
export function parseNumberCell(cell: string, file: string, row: number, column: string): number {
  const value = cell === '' ? Number.NaN : Number(cell);
  if (!Number.isFinite(value) || value < 0) {
    throw new IngestError(
      `${file} line ${row}: expected a non-negative number in column ${column} but found "${cell}"; restore the file from git or rebuild it`,
      { file, row, column },
    );
  }
  return value;
}
