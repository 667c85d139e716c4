import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { serviceCategoryExpr } from '../../src/ingest/service-category.ts';
import { memoryDb } from './helpers.ts';

const MAPPING_CSV = new URL(
  '../../src/ingest/data/aws_productcode_to_focus_servicecategory.csv',
  import.meta.url,
);

/** The mapping table read here on its own, as the expected answer for every code it lists. */
function expectedCategories(): [string, string][] {
  return readFileSync(MAPPING_CSV, 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(','))
    .filter((cells): cells is [string, string] => cells.length === 2 && cells[0] !== '')
    .map(([code, category]) => [code.trim(), category.trim()]);
}

const sqlString = (value: string) => `'${value.replaceAll("'", "''")}'`;

describe('serviceCategoryExpr', () => {
  it('should give every product code of the table its ServiceCategory', async () => {
    const db = await memoryDb();
    const expected = expectedCategories();
    const values = expected.map(([code], index) => `(${index}, ${sqlString(code)})`).join(', ');
    const rows = await db.all<{ code: string; category: string }>(
      `SELECT code, ${serviceCategoryExpr('code')} AS category FROM (VALUES ${values}) AS t(n, code) ORDER BY n`,
    );
    expect(expected.length).toBeGreaterThan(200);
    expect(rows.map((row) => [row.code, row.category])).toEqual(expected);
    db.close();
  });

  it("should give unknown, differently cased and missing codes 'Other'", async () => {
    const db = await memoryDb();
    const rows = await db.all<{ category: string }>(
      `SELECT ${serviceCategoryExpr('code')} AS category
       FROM (VALUES (1, 'NotAnAwsProduct'), (2, 'amazonec2'), (3, NULL)) AS t(n, code) ORDER BY n`,
    );
    expect(rows.map((row) => row.category)).toEqual(['Other', 'Other', 'Other']);
    db.close();
  });
});
