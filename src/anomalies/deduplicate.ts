import type { CostAnomaly } from './types.ts';

/** A root-cause value this dominant (half the change or more) ties two anomalies together. */
export const LINK_SHARE = 0.5;
/** A usage type this large a part of a service's change belongs to its event. */
export const MOVER_SHARE = 0.1;

/**
 * One event shows up in several series: a NAT Gateway spike in acme-prod is an anomaly of its
 * usage type, of EC2 and of acme-prod. Events are built around usage types, the most specific
 * key:
 * 1. Usage-type anomalies that overlap, move the same way and lie mostly in the same service and
 *    account (the same usage in another region, sibling meters of one service) are one event.
 * 2. A service or account anomaly joins the one event whose usage types explain most of it: usage
 *    types that lie mostly (half or more) in it and are a visible part (a tenth or more) of its
 *    change. A service joins such an event; an account (which often has two events at once) only
 *    when that event, or the events together, explain half its change. Joining only one event
 *    keeps a long service or account anomaly that spans two events from merging them.
 * 3. A service and an account anomaly that are each other's dominant mover are one event.
 * Each event is reported once under its usage type with the largest impact (else the account,
 * else the service); the other series are kept in `related`.
 */
export function deduplicateAnomalies(anomalies: CostAnomaly[]): CostAnomaly[] {
  const parent = anomalies.map((_, index) => index);
  const find = (index: number): number => {
    let root = index;
    while (parent[root] !== root) root = parent[root] ?? root;
    parent[index] = root;
    return root;
  };
  const union = (a: number, b: number) => {
    parent[find(a)] = find(b);
  };
  const fine = anomalies.flatMap((anomaly, index) => (anomaly.dimension === 'usage_type' ? [index] : []));
  const coarse = anomalies.flatMap((anomaly, index) => (anomaly.dimension === 'usage_type' ? [] : [index]));
  const at = (index: number) => anomalies[index] as CostAnomaly;

  for (const [position, a] of fine.entries()) {
    for (const b of fine.slice(position + 1)) {
      if (overlapSameWay(at(a), at(b)) && sameDominant(at(a), at(b))) union(a, b);
    }
  }
  const attached = new Set<number>();
  for (const c of coarse) {
    const weight = new Map<number, number>();
    for (const f of fine) {
      const share = linkShare(at(f), at(c));
      if (share > 0) weight.set(find(f), (weight.get(find(f)) ?? 0) + share);
    }
    const best = [...weight.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
    const explained = [...weight.values()].reduce((total, share) => total + share, 0);
    const joins =
      at(c).dimension === 'service'
        ? best !== undefined
        : // An account joins the event that dominates it, or the largest of the events that together do.
          best !== undefined && (best[1] >= LINK_SHARE || explained >= LINK_SHARE);
    if (best && joins) {
      union(c, best[0]);
      attached.add(c);
    }
  }
  for (const [position, a] of coarse.entries()) {
    for (const b of coarse.slice(position + 1)) {
      // Two coarse anomalies already in different events stay apart.
      if (attached.has(a) && attached.has(b)) continue;
      const first = at(a);
      const second = at(b);
      if (first.dimension === second.dimension || !overlapSameWay(first, second)) continue;
      if (names(first, second, LINK_SHARE) && names(second, first, LINK_SHARE)) union(a, b);
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

/** Most specific first: the key an event is reported under. */
const SPECIFICITY: CostAnomaly['dimension'][] = ['usage_type', 'sub_account', 'service'];

function overlapSameWay(a: CostAnomaly, b: CostAnomaly): boolean {
  return a.direction === b.direction && a.start < b.end && b.start < a.end;
}

/** How much of coarse's change the usage type `fine` explains (a tenth or more), when it lies in it; else 0. */
function linkShare(fine: CostAnomaly, coarse: CostAnomaly): number {
  if (!overlapSameWay(fine, coarse) || !names(fine, coarse, LINK_SHARE)) return 0;
  const item = coarse.rootCause.find(
    (cause) => cause.dimension === 'usage_type' && cause.key === fine.key && cause.share >= MOVER_SHARE,
  );
  return item?.share ?? 0;
}

/** `a`'s root cause names `b`'s key on `b`'s dimension with at least `share` of the change. */
function names(a: CostAnomaly, b: CostAnomaly, share: number): boolean {
  return a.rootCause.some(
    (item) => item.dimension === b.dimension && item.key === b.key && item.share >= share,
  );
}

/** Both lie mostly in the same service and the same account. */
function sameDominant(a: CostAnomaly, b: CostAnomaly): boolean {
  const dominant = (anomaly: CostAnomaly, dimension: 'service' | 'sub_account') =>
    anomaly.rootCause.find((item) => item.dimension === dimension && item.share >= LINK_SHARE)?.key;
  const service = dominant(a, 'service');
  const account = dominant(a, 'sub_account');
  return (
    service !== undefined &&
    account !== undefined &&
    service === dominant(b, 'service') &&
    account === dominant(b, 'sub_account')
  );
}
