import type { CostFilter, Dimension } from '../../domain/index.ts';
import type { AccountTarget, CatalogIndex } from './catalog-index.ts';
import { allTagKeyPhrases, resolveTagKey } from './catalog-index.ts';
import type { QuestionText } from './question-text.ts';
import { phrasePattern } from './question-text.ts';
import { ALLOCATION_TAG_KEYS, REGION_ALIASES, REGION_AREAS, USAGE_ALIASES } from './vocabulary.ts';

/** A filter recognised at a place in the question; exclusions are applied afterwards by position. */
export interface FilterMatch {
  start: number;
  end: number;
  filter: CostFilter;
}

/** "untagged" with or without a key; resolved once the grouping is known. */
export interface UntaggedMatch {
  start: number;
  end: number;
  key: string | undefined;
}

export interface EntityScan {
  filters: FilterMatch[];
  untagged: UntaggedMatch[];
  problems: string[];
  assumptions: string[];
}

export function createEntityScan(): EntityScan {
  return { filters: [], untagged: [], problems: [], assumptions: [] };
}

function inFilter(dimension: Dimension, values: string[]): CostFilter {
  return { dimension, op: 'in', values };
}

function list(values: Iterable<string>): string {
  return [...values].join(', ');
}

function knownTagKeys(index: CatalogIndex): string {
  return index.catalog.tagKeys.length ? list(index.catalog.tagKeys) : 'none';
}

function knownAccounts(index: CatalogIndex): string {
  return list(
    index.catalog.accounts.map((account) => (account.name ? `${account.name} (${account.id})` : account.id)),
  );
}

function record(scan: EntityScan, match: RegExpExecArray, filter: CostFilter, offset = 0): true {
  scan.filters.push({ start: match.index + offset, end: match.index + match[0].length, filter });
  return true;
}

/** key=value, key:value, "tagged env=prod", "team payments", "payments team", "cost-center 1234". */
export function findExplicitTags(text: QuestionText, index: CatalogIndex, scan: EntityScan): void {
  text.claim(/\b(?:tagged (?:with )?|tag )?([a-z][\w.\-/]*)\s*(?:=|==|:)\s*([\w.\-/@]+)/, (match) => {
    const word = match[1] ?? '';
    const raw = match[2] ?? '';
    if (/^\d+$/.test(word)) return false;
    const key = resolveTagKey(index, word);
    if (!key) {
      scan.problems.push(`there is no tag '${word}' in the data; tag keys: ${knownTagKeys(index)}`);
      return true;
    }
    const value = (index.catalog.tagValues[key] ?? []).find((candidate) => candidate.toLowerCase() === raw);
    if (!value) {
      const known = index.catalog.tagValues[key] ?? [];
      scan.problems.push(
        `no resource is tagged ${key}=${raw}; ${key} values in the data: ${list(known) || 'none'}`,
      );
      return true;
    }
    return record(scan, match, inFilter(`tag:${key}`, [value]));
  });

  for (const key of index.catalog.tagKeys) {
    const values = index.catalog.tagValues[key] ?? [];
    if (values.length === 0) continue;
    const keys = phrasePattern(index.tagKeyPhrases.get(key) ?? [key]);
    const valuePattern = phrasePattern(values);
    const toValue = (word: string) =>
      values.find((value) => value.toLowerCase() === word.replace(/\s+/g, ' '));
    const byKeyFirst = new RegExp(
      `(?<![\\w-])(?:tagged |tag )?(?:${keys})(?: tag)?(?: is| of| =)? (${valuePattern})(?![\\w-])`,
    );
    const byValueFirst = new RegExp(`(?<![\\w-])(${valuePattern}) (?:${keys})s?(?: tag)?(?![\\w-])`);
    for (const pattern of [byKeyFirst, byValueFirst]) {
      text.claim(pattern, (match) => {
        const value = toValue(match[1] ?? '');
        return value === undefined ? false : record(scan, match, inFilter(`tag:${key}`, [value]));
      });
    }
  }
}

/**
 * "account 111122223333", or a bare id. AWS account ids have 12 digits; anonymised exports
 * sometimes shorten them, so shorter ids count when the data has them.
 */
export function findAccountIds(text: QuestionText, index: CatalogIndex, scan: EntityScan): void {
  text.claim(
    /(?:\b(?:aws |sub[\s-]?|linked |member )?account(?: id| number| no| #)?\s*#?\s*)?\b(\d{10,12})\b/,
    (match) => {
      const id = match[1] ?? '';
      if (!index.accountIds.has(id)) {
        if (id.length !== 12) return false;
        scan.problems.push(`account ${id} is not in the billing data; accounts: ${knownAccounts(index)}`);
        return true;
      }
      return record(scan, match, inFilter('sub_account', [id]));
    },
  );
}

/** Region codes as written ("us-east-1"); unknown codes are reported, not dropped. */
export function findRegionCodes(text: QuestionText, index: CatalogIndex, scan: EntityScan): void {
  text.claim(/\b([a-z]{2}(?:-gov)?-[a-z]+-\d)\b/, (match) => {
    const region = match[1] ?? '';
    if (!index.regions.has(region)) {
      scan.problems.push(
        `there is no spend in region ${region} in the data; regions: ${list(index.catalog.regions)}`,
      );
      return true;
    }
    return record(scan, match, inFilter('region', [region]));
  });
}

/** "in Ireland", "N. Virginia", "Oregon". */
export function findRegionNames(text: QuestionText, index: CatalogIndex, scan: EntityScan): void {
  const phraseToRegion = new Map<string, string>();
  for (const [region, names] of Object.entries(REGION_ALIASES)) {
    for (const name of names) phraseToRegion.set(name, region);
  }
  // Regions the data names without a code shape, such as "global".
  for (const region of index.catalog.regions) phraseToRegion.set(region.toLowerCase(), region);
  const pattern = new RegExp(
    `(?<![\\w-])(?:the )?(${phrasePattern([...phraseToRegion.keys()])})(?: region)?(?![\\w-])`,
  );
  text.claim(pattern, (match) => {
    const phrase = (match[1] ?? '').replace(/[\s-]+/g, ' ');
    const region = [...phraseToRegion.entries()].find(
      ([name]) => name.replace(/[\s-]+/g, ' ') === phrase,
    )?.[1];
    if (!region) return false;
    if (!index.regions.has(region.toLowerCase())) {
      scan.problems.push(
        `there is no spend in ${region} (${match[1]}) in the data; regions: ${list(index.catalog.regions)}`,
      );
      return true;
    }
    return record(scan, match, inFilter('region', [region]));
  });
}

/** "in the US", "Europe": every region of the data in that area, said in the assumptions. */
export function findRegionAreas(text: QuestionText, index: CatalogIndex, scan: EntityScan): void {
  for (const area of REGION_AREAS) {
    text.claim(area.pattern, (match) => {
      const regions = index.catalog.regions.filter((region) => region.toLowerCase().startsWith(area.prefix));
      if (regions.length === 0) {
        scan.problems.push(
          `there is no spend in ${area.label} in the data; regions: ${list(index.catalog.regions)}`,
        );
        return true;
      }
      scan.assumptions.push(`'${match[0]}' = the regions ${list(regions)}`);
      return record(scan, match, inFilter('region', regions));
    });
  }
}

/**
 * "untagged", "not tagged", "without a team tag", "missing cost-center tag". Without a key the
 * key is settled later: the grouping may name it ("untagged spend by team"), else the main
 * cost-allocation key in the data.
 */
export function findUntagged(text: QuestionText, index: CatalogIndex, scan: EntityScan): void {
  const keys = phrasePattern(allTagKeyPhrases(index)) || '(?!)';
  const withKey = [
    new RegExp(
      `\\b(?:without|with no|missing|lacking|no|not tagged with) (?:an? |the |any )?(${keys}) tags?\\b`,
    ),
    new RegExp(`\\b(?:untagged|not tagged) (?:for|with|by) (?:an? |the )?(${keys})(?: tag)?\\b`),
    new RegExp(`\\b(${keys}) tags? (?:is |are )?(?:missing|absent|empty|not set)\\b`),
  ];
  for (const pattern of withKey) {
    text.claim(pattern, (match) => {
      const key = resolveTagKey(index, match[1] ?? '');
      if (!key) return false;
      scan.untagged.push({ start: match.index, end: match.index + match[0].length, key });
      return true;
    });
  }
  text.claim(
    /\b(?:untagged|un-tagged|not tagged|without (?:any )?tags|with no tags|missing tags|no tags)\b/,
    (match) => {
      scan.untagged.push({ start: match.index, end: match.index + match[0].length, key: undefined });
      return true;
    },
  );
}

/** The key "untagged" means when the question names none. */
export function defaultAllocationKey(index: CatalogIndex): string | undefined {
  for (const candidate of ALLOCATION_TAG_KEYS) {
    const key = index.catalog.tagKeys.find((tagKey) => tagKey.toLowerCase() === candidate);
    if (key) return key;
  }
  return index.catalog.tagKeys[0];
}

/** "the compute category", "category storage"; with `standalone`, category words on their own ("networking"). */
export function findCategories(
  text: QuestionText,
  index: CatalogIndex,
  scan: EntityScan,
  standalone: boolean,
): void {
  if (index.categories.size === 0) {
    if (!standalone) {
      text.claim(
        /\b(?:service )?categor(?:y|ies) (?:of )?([a-z]+)\b|\b([a-z]+) (?:service )?categor(?:y|ies)\b/,
        (match) => {
          if (/^(?:by|per|each|which|what|top|the|every|across)$/.test(match[1] ?? match[2] ?? ''))
            return false;
          scan.problems.push('the data has no service categories');
          return true;
        },
      );
    }
    return;
  }
  const names = phrasePattern([...index.categories.keys()]);
  const patterns = standalone
    ? [new RegExp(`(?<![\\w-])(${names})(?![\\w-])`)]
    : [
        new RegExp(`(?<![\\w-])(?:the )?(${names}) (?:service )?categor(?:y|ies)(?![\\w-])`),
        new RegExp(`(?<![\\w-])(?:the )?(?:service )?categor(?:y|ies)(?: of| =| :|:)? (${names})(?![\\w-])`),
      ];
  for (const pattern of patterns) {
    text.claim(pattern, (match) => {
      const categories = index.categories.get((match[1] ?? '').replace(/[\s-]+/g, ' '));
      if (!categories) return false;
      if (standalone) scan.assumptions.push(`'${match[1]}' = the ${list(categories)} service category`);
      return record(scan, match, inFilter('service_category', categories));
    });
  }
}

/** Services by name, code or everyday alias. */
export function findServices(text: QuestionText, index: CatalogIndex, scan: EntityScan): void {
  const pattern = new RegExp(
    `(?<![\\w-])(?:the )?(${phrasePattern([...index.services.keys()])})(?: services?)?(?![\\w-])`,
  );
  text.claim(pattern, (match) => {
    const phrase = (match[1] ?? '').replace(/\s+/g, ' ');
    const target =
      index.services.get(phrase) ??
      [...index.services.entries()].find(
        ([key]) => key.replace(/[\s-]+/g, '') === phrase.replace(/[\s-]+/g, ''),
      )?.[1];
    if (!target) return false;
    if (target.names.length === 0) {
      scan.problems.push(
        `${target.label} does not appear in the billing data; services in the data: ${list(index.serviceLabels)}`,
      );
      return true;
    }
    return record(scan, match, inFilter('service', target.names));
  });
}

/** Data transfer, NAT gateways, EBS: a service when the data has one, else their usage types. */
export function findUsageAliases(text: QuestionText, index: CatalogIndex, scan: EntityScan): void {
  for (const alias of USAGE_ALIASES) {
    const pattern = new RegExp(
      `(?<![\\w-])(?:${phrasePattern(alias.phrases)})(?: costs?| charges?| usage)?(?![\\w-])`,
    );
    text.claim(pattern, (match) => {
      const services = index.catalog.services
        .map((service) => service.name)
        .filter((name) =>
          alias.serviceNames.some((candidate) => candidate.toLowerCase() === name.toLowerCase()),
        );
      if (services.length > 0) {
        scan.assumptions.push(`'${match[0]}' = the ${list(services)} service`);
        return record(scan, match, inFilter('service', services));
      }
      const usageTypes = (index.catalog.usageTypes ?? []).filter((usageType) =>
        alias.usageTypePattern.test(usageType),
      );
      if (usageTypes.length === 0) {
        scan.problems.push(
          `I cannot find ${alias.label} charges in the data: no ${alias.label} service or usage type appears in it`,
        );
        return true;
      }
      scan.assumptions.push(
        `'${match[0]}' = the ${usageTypes.length} ${alias.label} usage types in the data`,
      );
      return record(scan, match, inFilter('usage_type', usageTypes));
    });
  }
}

const ACCOUNT_WORD = '(?:aws |sub[\\s-]?|linked |member )?accounts?';

/** Account names qualified by the word account: "the production account", "account staging", "prod and staging accounts". */
export function findQualifiedAccounts(text: QuestionText, index: CatalogIndex, scan: EntityScan): void {
  if (index.accountsByPhrase.size === 0) return;
  const names = phrasePattern([...index.accountsByPhrase.keys()]);
  const nameList = `(?:${names})(?:(?:,| and| or|, and|,) (?:the )?(?:${names}))*`;
  const patterns = [
    new RegExp(`(?<![\\w-])(?:the )?(${nameList}) ${ACCOUNT_WORD}(?![\\w-])`),
    new RegExp(`(?<![\\w-])${ACCOUNT_WORD}(?: called| named)? (${nameList})(?![\\w-])`),
  ];
  const splitter = new RegExp(`(?<![\\w-])(${names})(?![\\w-])`, 'g');
  for (const pattern of patterns) {
    text.claim(pattern, (match) => {
      const ids = new Set<string>();
      for (const nameMatch of (match[1] ?? '').matchAll(splitter)) {
        const phrase = (nameMatch[1] ?? '').replace(/\s+/g, ' ');
        for (const account of lookupAccounts(index, phrase)) {
          ids.add(account.id);
          if (account.name?.toLowerCase() !== phrase) {
            scan.assumptions.push(`'${phrase}' = the ${account.name} account (${account.id})`);
          }
        }
      }
      return ids.size === 0 ? false : record(scan, match, inFilter('sub_account', [...ids]));
    });
  }
}

function lookupAccounts(index: CatalogIndex, phrase: string) {
  const key = phrase.replace(/[\s-]+/g, ' ');
  for (const [name, accounts] of index.accountsByPhrase)
    if (name.replace(/[\s-]+/g, ' ') === key) return accounts;
  return [];
}

interface BareName {
  start: number;
  end: number;
  phrase: string;
  accounts: AccountTarget[];
  tags: { key: string; value: string }[];
  /** 'account' or a tag key, once settled. */
  kind: string | undefined;
}

const LIST_JOINER = /^\s*(?:,|and|or|&|, and|, or)\s*(?:the\s*)?$/;

/**
 * Bare names that may be an account or a tag value ("prod", "payments"). One meaning: used, and
 * said in the assumptions. Several: a name listed next to a settled one takes the same kind
 * ("except sandbox and staging": both accounts); otherwise the user is asked.
 */
export function findBareNames(text: QuestionText, index: CatalogIndex, scan: EntityScan): void {
  const phrases = [...index.accountsByPhrase.keys(), ...index.tagValues.keys()];
  if (phrases.length === 0) return;
  const names: BareName[] = [];
  const pattern = new RegExp(`(?<![\\w-])(?:the )?(${phrasePattern(phrases)})(?![\\w-])`);
  text.claim(pattern, (match) => {
    const phrase = (match[1] ?? '').replace(/\s+/g, ' ');
    const accounts = lookupAccounts(index, phrase);
    const tags = index.tagValues.get(phrase) ?? [];
    const meanings = accounts.length + tags.length;
    if (meanings === 0) return false;
    const kind = meanings > 1 ? undefined : accounts.length ? 'account' : tags[0]?.key;
    names.push({ start: match.index, end: match.index + match[0].length, phrase, accounts, tags, kind });
    return true;
  });

  const joined = (a: BareName, b: BareName) => LIST_JOINER.test(text.original.slice(a.end, b.start));
  for (let changed = true; changed; ) {
    changed = false;
    names.forEach((name, position) => {
      if (name.kind !== undefined) return;
      const neighbours = [names[position - 1], names[position + 1]].filter(
        (other): other is BareName =>
          other?.kind !== undefined && (other.end <= name.start ? joined(other, name) : joined(name, other)),
      );
      for (const neighbour of neighbours) {
        const fits =
          neighbour.kind === 'account'
            ? name.accounts.length === 1
            : name.tags.some((tag) => tag.key === neighbour.kind);
        if (!fits) continue;
        name.kind = neighbour.kind;
        scan.assumptions.push(
          `'${name.phrase}' is listed with '${neighbour.phrase}', so it is read the same way`,
        );
        changed = true;
        return;
      }
    });
  }

  for (const name of names) {
    const located = { start: name.start, end: name.end };
    const account = name.kind === 'account' ? name.accounts[0] : undefined;
    const tag = name.tags.find((candidate) => candidate.key === name.kind);
    if (account) {
      scan.assumptions.push(`'${name.phrase}' = the ${account.name} account (${account.id})`);
      scan.filters.push({ ...located, filter: inFilter('sub_account', [account.id]) });
    } else if (tag) {
      scan.assumptions.push(`'${name.phrase}' = ${tag.key} tag ${tag.value}`);
      scan.filters.push({ ...located, filter: inFilter(`tag:${tag.key}`, [tag.value]) });
    } else {
      const meanings = [
        ...name.accounts.map((candidate) => `the ${candidate.name} account (${candidate.id})`),
        ...name.tags.map(
          (candidate) =>
            `the ${candidate.key} tag value ${candidate.value} (say '${candidate.key}=${candidate.value}')`,
        ),
      ];
      scan.problems.push(
        `'${name.phrase}' could mean ${meanings.join(' or ')}; say which (e.g. '${name.phrase} account')`,
      );
    }
  }
}
