import type { InventoryResource } from '../../inventory/index.ts';

/**
 * Where a suggested tag value comes from, strongest first: the instance a volume is attached to
 * (or the volume a snapshot was taken from), the same stack (CloudFormation stack, Auto Scaling
 * group or fleet), resources whose names share a prefix, resources of the same team (for keys
 * other than `team`), and resources of the same account.
 */
export const SUGGESTION_BASES = ['parent', 'same-stack', 'name-prefix', 'same-team', 'same-account'] as const;
export type SuggestionBasis = (typeof SUGGESTION_BASES)[number];

export interface TagSuggestion {
  key: string;
  value: string;
  basis: SuggestionBasis;
  /** For people: "11 of 11 resources named legacy-admin-* in the same account carry env=prod". */
  explanation: string;
  /** Neighbours that carry the key, and how many of them carry `value`. */
  neighbours: number;
  agreeing: number;
  /** Up to three neighbours carrying the value, so a reviewer can check. */
  examples: string[];
}

/** What the suggester needs of the resource to tag; billing-only resources have no attributes. */
export interface TagSubject {
  resourceId: string;
  resourceName?: string | undefined;
  accountId: string;
  tags: Record<string, string>;
  attributes?: Record<string, unknown> | undefined;
}

export interface TagSuggesterOptions {
  /** Share of the neighbours carrying the key that must agree on one value (default 0.8). */
  minimumAgreement?: number;
  /** Neighbours carrying the key a basis needs, except `parent` which has exactly one (default 2). */
  minimumNeighbours?: number;
  /**
   * Agreement the weakest basis, the account, needs (default 1: every tagged resource of the
   * account agrees). An account shared by teams must not hand one team's owner to another's resource.
   */
  accountAgreement?: number;
}

export type TagSuggester = (subject: TagSubject, missingKeys: readonly string[]) => TagSuggestion[];

const STACK_TAGS = ['aws:cloudformation:stack-name', 'aws:autoscaling:groupName'];

/**
 * The name a resource shares with its siblings: everything before the first all-digit part
 * (`payments-api-03-root` → `payments-api`), or the name without its last part when no part is a
 * number and the name has at least three (`staging-use1-nat-a` → `staging-use1-nat`).
 */
export function namePrefix(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const parts = name.split(/[-_]/);
  const numeric = parts.findIndex((part, index) => index > 0 && /^\d+$/.test(part));
  const kept = numeric > 0 ? parts.slice(0, numeric) : parts.length >= 3 ? parts.slice(0, -1) : [];
  const prefix = kept.join('-');
  return prefix.length >= 3 ? prefix : undefined;
}

function stackOf(subject: TagSubject): string | undefined {
  for (const key of STACK_TAGS) {
    const value = subject.tags[key];
    if (value) return `${key}=${value}`;
  }
  const fleet = subject.attributes?.fleet;
  return typeof fleet === 'string' && fleet !== '' ? `fleet=${fleet}` : undefined;
}

function parentIdOf(subject: TagSubject): string | undefined {
  const attached = subject.attributes?.attached_to ?? subject.attributes?.source_volume;
  return typeof attached === 'string' && attached !== '' ? attached : undefined;
}

/**
 * Builds a suggester over the inventory: for each missing key, the first basis whose neighbours
 * agree on one value. A basis whose neighbours disagree gives nothing rather than a guess.
 */
export function createTagSuggester(
  resources: readonly InventoryResource[],
  options: TagSuggesterOptions = {},
): TagSuggester {
  const minimumAgreement = options.minimumAgreement ?? 0.8;
  const minimumNeighbours = options.minimumNeighbours ?? 2;
  const accountAgreement = options.accountAgreement ?? 1;
  const byId = new Map(resources.map((resource) => [resource.resourceId, resource]));
  // Snapshots name their source volume by its short id; instances and volumes use short ids too.
  const byShortId = new Map(
    resources.map((resource) => [resource.resourceId.split('/').pop() ?? '', resource]),
  );

  return (subject, missingKeys) => {
    const suggestions: TagSuggestion[] = [];
    const others = resources.filter((resource) => resource.resourceId !== subject.resourceId);
    const prefix = namePrefix(subject.resourceName);
    const stack = stackOf(subject);
    const parentId = parentIdOf(subject);
    const parent = parentId ? (byId.get(parentId) ?? byShortId.get(parentId)) : undefined;
    const team = subject.tags.team;
    const sameAccount = others.filter((resource) => resource.accountId === subject.accountId);

    for (const key of missingKeys) {
      const candidates: { basis: SuggestionBasis; scope: string; neighbours: InventoryResource[] }[] = [];
      if (parent)
        candidates.push({ basis: 'parent', scope: describeParent(subject, parent), neighbours: [parent] });
      if (stack)
        candidates.push({
          basis: 'same-stack',
          scope: `in the same stack (${stack})`,
          neighbours: sameAccount.filter((resource) => stackOf(resource) === stack),
        });
      if (prefix)
        candidates.push({
          basis: 'name-prefix',
          scope: `named ${prefix}-* in the same account`,
          neighbours: sameAccount.filter((resource) => namePrefix(resource.resourceName) === prefix),
        });
      if (team && key !== 'team')
        candidates.push({
          basis: 'same-team',
          scope: `of team ${team}`,
          neighbours: others.filter((resource) => resource.tags.team === team),
        });
      candidates.push({ basis: 'same-account', scope: 'in the same account', neighbours: sameAccount });

      for (const candidate of candidates) {
        const suggestion = agreeingValue(
          key,
          candidate,
          candidate.basis === 'parent' ? 1 : minimumNeighbours,
        );
        const needed = candidate.basis === 'same-account' ? accountAgreement : minimumAgreement;
        if (suggestion && suggestion.agreeing / suggestion.neighbours >= needed) {
          suggestions.push(suggestion);
          break;
        }
      }
    }
    return suggestions;
  };
}

function describeParent(subject: TagSubject, parent: InventoryResource): string {
  const label = parent.resourceName ? `${parent.resourceName} (${parent.resourceId})` : parent.resourceId;
  return subject.attributes?.attached_to ? `it is attached to: ${label}` : `it was taken from: ${label}`;
}

function agreeingValue(
  key: string,
  candidate: { basis: SuggestionBasis; scope: string; neighbours: InventoryResource[] },
  minimumNeighbours: number,
): TagSuggestion | undefined {
  const carrying = candidate.neighbours.filter((resource) => resource.tags[key]);
  if (carrying.length < minimumNeighbours) return undefined;
  const counts = new Map<string, InventoryResource[]>();
  for (const resource of carrying) {
    const value = resource.tags[key] ?? '';
    counts.set(value, [...(counts.get(value) ?? []), resource]);
  }
  // Most common value; ties go to the alphabetically first value so runs are repeatable.
  const [value, holders] = [...counts.entries()].sort(
    ([a, left], [b, right]) => right.length - left.length || (a < b ? -1 : 1),
  )[0] ?? ['', []];
  const explanation =
    candidate.basis === 'parent'
      ? `${key}=${value} because ${candidate.scope}`
      : `${holders.length} of ${carrying.length} resources ${candidate.scope} that carry ${key} have ${key}=${value}`;
  return {
    key,
    value,
    basis: candidate.basis,
    explanation,
    neighbours: carrying.length,
    agreeing: holders.length,
    examples: holders.slice(0, 3).map((resource) => resource.resourceId),
  };
}
