import type { CatalogIndex } from './catalog-index.ts';
import type { Clarification } from './parsed-question.ts';

/** What the parser can answer, shown with every clarification and with help. */
export const CAN_ANSWER: string[] = [
  'totals: "how much did we spend last month?"',
  'breakdowns by service, account, region, usage type, resource, service category or tag: "cost by team this month"',
  'top N: "top 5 accounts this month"',
  'trends: "daily cost last 30 days", "monthly spend this year"',
  'comparisons: "this month vs last month", "Q3 vs Q2", "week over week"',
  'explanations of a change: "why did EC2 spend jump last week?"',
  'a day\'s spike: "what caused the spike on the 12th?", "what happened on 2026-11-03?"',
  'forecasts: "forecast this month", "what will we spend this quarter?", "forecast EC2 for the next 3 months"',
  'budgets: "will we go over our 50k budget?", "are we on track for $1.2M this quarter?"',
  'anomalies: "any anomalies last week?", "unusual spend by account in the last 2 weeks"',
  'filters: services (EC2, S3 …), accounts, regions, tags ("team=payments", "untagged"), and exclusions ("excluding tax")',
  'metrics: billed (unblended), effective (amortized), list (on-demand) or contracted cost',
];

export function clarification(reason: string, extra: string[] = []): Clarification {
  return { reason, canAnswer: [...extra, ...CAN_ANSWER] };
}

/** The names a user can use instead of an unknown word. */
export function knownNames(index: CatalogIndex): string[] {
  const lines = [`services in the data: ${index.serviceLabels.join(', ')}`];
  const accounts = index.catalog.accounts.map((account) => account.name ?? account.id);
  if (accounts.length) lines.push(`accounts: ${accounts.join(', ')}`);
  if (index.catalog.regions.length) lines.push(`regions: ${index.catalog.regions.join(', ')}`);
  if (index.catalog.tagKeys.length) lines.push(`tags: ${index.catalog.tagKeys.join(', ')}`);
  return lines;
}
