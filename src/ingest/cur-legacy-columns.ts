const camelToSnake = (name: string) =>
  name
    .replace(/([A-Z])/g, '_$1')
    .toLowerCase()
    .replace(/^_/, '');

/**
 * Legacy CUR CSV header → CUR 2.0 column name, so one mapping reads both: `lineItem/UnblendedCost`
 * → `line_item_unblended_cost`, `savingsPlan/SavingsPlanARN` → `savings_plan_savings_plan_a_r_n`
 * (CUR 2.0 spells ARN that way too). Tag columns keep their key: `resource_tags/user:team`.
 */
export function legacyToCur2Name(name: string): string {
  const slash = name.indexOf('/');
  if (slash < 0) return name;
  const category = camelToSnake(name.slice(0, slash));
  const field = name.slice(slash + 1);
  if (category === 'resource_tags') return `resource_tags/${field}`;
  return `${category}_${camelToSnake(field)}`;
}
