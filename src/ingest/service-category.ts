import { readFileSync } from 'node:fs';
import { quoteLiteral } from './sql.ts';

const MAPPING_FILE = new URL('./data/aws_productcode_to_focus_servicecategory.csv', import.meta.url);

let cached: Map<string, string> | undefined;

/** AWS product code → FOCUS ServiceCategory (FinOps Foundation focus_converters table, MIT). */
export function awsServiceCategories(): Map<string, string> {
  if (cached) return cached;
  const lines = readFileSync(MAPPING_FILE, 'utf8').split(/\r?\n/).slice(1);
  cached = new Map();
  for (const line of lines) {
    const [code, category] = line.split(',');
    if (code && category) cached.set(code.trim(), category.trim());
  }
  return cached;
}

/** ServiceCategory for a product-code expression; codes the table does not know are 'Other'. */
export function serviceCategoryExpr(productCode: string): string {
  const cases = [...awsServiceCategories()]
    .map(([code, category]) => `WHEN ${quoteLiteral(code)} THEN ${quoteLiteral(category)}`)
    .join(' ');
  return `(CASE ${productCode} ${cases} ELSE 'Other' END)`;
}
