import type { AnomalyDimension, CostAnomaly } from './types.ts';

/** A root-cause item this dominant ties two anomalies to the same event. */
export const LINK_SHARE = 0.5;
/** A usage type this large a part of a service's change belongs to its event. */
export const MOVER_SHARE = 0.1;

/** Most specific first: the key a group is reported under. */
const SPECIFICITY: AnomalyDimension[] = ['usage_type', 'sub_account', 'service'];

/**
 * One event shows up in several series: a NAT Gateway spike in acme-prod is an anomaly of its
 * usage type, of EC2 and of acme-prod. Two anomalies are the same event when they overlap in time,
 * move the same way and their root causes tie them: a usage type whose change lies mostly (half or
 * more) in a service and is a visible part (a tenth or more) of the service's change, or lies mostly
 * in an account and is the dominant part of its change; a service and an account that are each
 * other's dominant mover; two usage types that lie mostly in the same service and account. Linked anomalies form a group
 * reported once, under its most specific key (usage type, then account, then service; the larger
 * impact among equals); the others are kept in `related`.
 */
export function deduplicateAnomalies(anomalies: CostAnomaly[]): CostAnomaly[] {
  const parent = anomalies.map((_, index) => index);
  const find = (index: number): number => {
    let root = index;
    while (parent[root] !== root) root = parent[root] ?? root;
    parent[index] = root;
    return root;
  };
  for (let a = 0; a < anomalies.length; a++) {
    for (let b = a + 1; b < anomalies.length; b++) {
      const first = anomalies[a];
      const second = anomalies[b];
      if (first && second && isSameEvent(first, second)) parent[find(a)] = find(b);
    }
  }
  const groups = new Map<number, CostAnomaly[]>();
  for (const [index, anomaly] of anomalies.entries()) {
    const root = find(index);
    groups.set(root, [...(groups.get(root) ?? []), anomaly]);
  }
  return [...groups.values()].flatMap((group) => {
    const [primary, ...others] = [...group].sort(
      (a, b) =>
        SPECIFICITY.indexOf(a.dimension) - SPECIFICITY.indexOf(b.dimension) ||
        Math.abs(b.impact) - Math.abs(a.impact),
    );
    if (!primary) return [];
    const merged: CostAnomaly = {
      ...primary,
      related: others.map((other) => ({
        dimension: other.dimension,
        key: other.key,
        ...(other.label ? { label: other.label } : {}),
        start: other.start,
        end: other.end,
        impact: other.impact,
      })),
    };
    return [merged];
  });
}

function isSameEvent(a: CostAnomaly, b: CostAnomaly): boolean {
  if (a.direction !== b.direction) return false;
  if (a.start >= b.end || b.start >= a.end) return false;
  if (a.dimension === 'usage_type' && b.dimension === 'usage_type') {
    // The same usage in another region (USW2-…, EU-…) or a sibling meter of one service in one
    // account: together they are one change of that service there.
    return sameDominant(a, b, 'service') && sameDominant(a, b, 'sub_account');
  }
  if (a.dimension === b.dimension) return false;
  if (a.dimension === 'usage_type' || b.dimension === 'usage_type') {
    const [fine, coarse] = a.dimension === 'usage_type' ? [a, b] : [b, a];
    // The usage type lies inside the service or account and is a visible part of a service's
    // change, or the dominant part of an account's (an account often has two events at once).
    const needed = coarse.dimension === 'service' ? MOVER_SHARE : LINK_SHARE;
    return names(fine, coarse, LINK_SHARE) && names(coarse, fine, needed);
  }
  // A service and an account: each must be the other's dominant mover, else one busy account
  // would tie every service anomaly in it together.
  return names(a, b, LINK_SHARE) && names(b, a, LINK_SHARE);
}

/** `a`'s root cause names `b`'s key on `b`'s dimension with at least `share` of the change. */
function names(a: CostAnomaly, b: CostAnomaly, share: number): boolean {
  return a.rootCause.some(
    (item) => item.dimension === b.dimension && item.key === b.key && item.share >= share,
  );
}

function sameDominant(a: CostAnomaly, b: CostAnomaly, dimension: 'service' | 'sub_account'): boolean {
  const dominant = (anomaly: CostAnomaly) =>
    anomaly.rootCause.find((item) => item.dimension === dimension && item.share >= LINK_SHARE)?.key;
  const key = dominant(a);
  return key !== undefined && key === dominant(b);
}
