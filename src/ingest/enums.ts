/** FOCUS allowed values of the enumerated columns we normalise (spec spelling). */
export const FOCUS_ENUMS = {
  ChargeCategory: ['Usage', 'Purchase', 'Tax', 'Credit', 'Adjustment'],
  ChargeClass: ['Correction'],
  ChargeFrequency: ['One-Time', 'Recurring', 'Usage-Based'],
  PricingCategory: ['Standard', 'Dynamic', 'Committed', 'Other'],
  CommitmentDiscountCategory: ['Spend', 'Usage'],
  CommitmentDiscountStatus: ['Used', 'Unused'],
} as const;

export type FocusEnumColumn = keyof typeof FOCUS_ENUMS;

const squash = (value: string) => value.toLowerCase().replace(/[\s_-]+/g, '');

/**
 * Rewrites case and separator variants (`Usage-based`, `usage`, `USAGE_BASED`) to the spec
 * spelling; values that match nothing are kept as they are (and reported as a warning). Values
 * already spelled as the spec says skip the regexp: text read from CSV is not dictionary-encoded,
 * so the regexp would run on every row.
 */
export function enumExpr(column: FocusEnumColumn, expr: string): string {
  const spelled = FOCUS_ENUMS[column].map((value) => `WHEN '${value}' THEN '${value}'`).join(' ');
  const cases = FOCUS_ENUMS[column].map((value) => `WHEN '${squash(value)}' THEN '${value}'`).join(' ');
  return `(CASE ${expr} ${spelled} ELSE (CASE lower(regexp_replace(${expr}, '[\\s_-]+', '', 'g')) ${cases} ELSE ${expr} END) END)`;
}
