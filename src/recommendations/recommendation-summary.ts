import type { RecommendationSummary } from '../domain/index.ts';
import { daysBetween } from '../domain/index.ts';
import { formatMoney } from '../questions/format.ts';
import type { StoredRecommendation } from './decisions/index.ts';
import type { Evidence, Recommendation } from './model.ts';

/** What people call each recommendation type, for summaries and charts. */
export const RECOMMENDATION_TYPE_LABELS: Record<Recommendation['type'], string> = {
  'ec2-idle': 'Idle instances to stop',
  'ec2-rightsize': 'Oversized instances to rightsize',
  'ec2-graviton': 'Instances to move to Graviton',
  'ec2-previous-generation': 'Previous-generation instances to upgrade',
  'ebs-gp2-to-gp3': 'EBS volumes to move to the current SSD type',
  'ebs-unattached': 'Unattached EBS volumes',
  'ebs-old-snapshot': 'Old EBS snapshots',
  's3-storage-class': 'Buckets to move to a cheaper storage class',
  's3-lifecycle-missing': 'Buckets without a lifecycle rule',
  'rds-idle': 'Idle databases',
  'rds-rightsize': 'Oversized databases to rightsize',
  'rds-gp2-to-gp3': 'Database storage to move to the current SSD type',
  'tag-missing': 'Resources missing required tags',
  'savings-plan-purchase': 'Savings Plans to buy',
};

/** The card slice of a stored recommendation, with one line of evidence a person can check. */
export function toRecommendationSummary(stored: StoredRecommendation): RecommendationSummary {
  const recommendation = stored.recommendation;
  const evidence = evidenceLine(recommendation);
  return {
    id: recommendation.id,
    type: recommendation.type,
    title: recommendation.title,
    service: recommendation.service,
    account: recommendation.accountId,
    ...(recommendation.accountName ? { accountName: recommendation.accountName } : {}),
    region: recommendation.region,
    resourceId: recommendation.resourceId,
    ...(recommendation.resourceName ? { resourceName: recommendation.resourceName } : {}),
    // An unpriced item (null) is shown with no saving; its evidence line says why.
    estimatedMonthlySavings: recommendation.estimatedMonthlySavings ?? 0,
    currency: 'USD',
    status: stored.status,
    effort: recommendation.effort,
    risk: recommendation.risk,
    ...(evidence ? { evidence } : {}),
  };
}

/**
 * The evidence a rule decided on (the first item compared with a threshold, else the first item),
 * e.g. `CPU p95 1.8 % over 30 days (threshold < 5 %)`; an unpriced item says so.
 */
export function evidenceLine(recommendation: Recommendation): string | undefined {
  if (recommendation.type === 'tag-missing') return tagEvidence(recommendation);
  const decisive = recommendation.evidence.find((item) => item.threshold) ?? recommendation.evidence[0];
  const line = decisive ? describeEvidence(decisive) : undefined;
  if (recommendation.estimatedMonthlySavings !== null) return line;
  const unpriced = 'saving not estimated';
  return line ? `${line}; ${unpriced}` : unpriced;
}

export function describeEvidence(evidence: Evidence): string {
  const value =
    evidence.unit === 'USD'
      ? formatMoney(evidence.value)
      : `${evidence.value.toLocaleString('en-US', { maximumFractionDigits: 4 })} ${evidence.unit}`;
  const window = evidence.window
    ? ` over ${daysBetween(evidence.window.start, evidence.window.end)} days`
    : '';
  const threshold = evidence.threshold ? ` (threshold ${evidence.threshold})` : '';
  return `${evidence.name} ${value}${window}${threshold}`;
}

/** A tagging item is about which keys are missing and how much spend that leaves unallocated. */
function tagEvidence(recommendation: Recommendation): string {
  const missing = String(recommendation.current.missingTags ?? '');
  const spend = recommendation.evidence.find((item) => item.unit === 'USD');
  const window = spend?.window ? ` over ${daysBetween(spend.window.start, spend.window.end)} days` : '';
  return [
    missing ? `missing ${missing}` : '',
    spend ? `${formatMoney(spend.value)} untagged spend${window}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}
