import type { Catalog } from './parsed-question.ts';
import { looseKey } from './question-text.ts';
import {
  ACCOUNT_NAME_SYNONYMS,
  CATEGORY_SYNONYMS,
  DIMENSION_WORDS,
  FILLER_WORDS,
  SERVICE_ALIASES,
  TAG_KEY_SYNONYMS,
  USAGE_ALIASES,
} from './vocabulary.ts';

/** What a service phrase refers to: catalog service names, possibly none (known to AWS, absent from the data). */
export interface ServiceTarget {
  label: string;
  names: string[];
}

export interface AccountTarget {
  id: string;
  name: string | undefined;
}

/**
 * Lookup tables derived once per catalog: every phrase a question may use for a service,
 * account, tag key or category, mapped to the values that exist in the data.
 */
export interface CatalogIndex {
  catalog: Catalog;
  services: Map<string, ServiceTarget>;
  accountsByPhrase: Map<string, AccountTarget[]>;
  accountIds: Set<string>;
  /** Question spelling of a tag key (loose) → the key as written in the data. */
  tagKeys: Map<string, string>;
  /** Phrases for each tag key, for building patterns. */
  tagKeyPhrases: Map<string, string[]>;
  /** Lower-case tag value → the (key, value) pairs that carry it. */
  tagValues: Map<string, { key: string; value: string }[]>;
  /** Category phrase → catalog category names. */
  categories: Map<string, string[]>;
  regions: Set<string>;
  /** Short labels of the services in the data, for clarifications. */
  serviceLabels: string[];
}

const cache = new WeakMap<Catalog, CatalogIndex>();

function add<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key) ?? [];
  list.push(value);
  map.set(key, list);
}

function stripVendor(name: string): string {
  return name.replace(/^(amazon|aws)\s+/i, '');
}

export function indexCatalog(catalog: Catalog): CatalogIndex {
  const cached = cache.get(catalog);
  if (cached) return cached;

  const services = new Map<string, ServiceTarget>();
  const lower = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();
  const labelOf = new Map<string, string>();
  for (const alias of SERVICE_ALIASES) {
    const codes = new Set(alias.codes.map(lower));
    const names = new Set(alias.names.map(lower));
    const matched = catalog.services
      .filter((service) => (service.code && codes.has(lower(service.code))) || names.has(lower(service.name)))
      .map((service) => service.name)
      .filter((name, position, names) => names.indexOf(name) === position);
    for (const name of matched) labelOf.set(name, alias.label);
    for (const phrase of alias.phrases) services.set(lower(phrase), { label: alias.label, names: matched });
  }
  for (const service of catalog.services) {
    const target = { label: labelOf.get(service.name) ?? stripVendor(service.name), names: [service.name] };
    for (const phrase of [service.name, stripVendor(service.name), service.code ?? '']) {
      if (phrase.trim() && !services.get(lower(phrase))?.names.length) services.set(lower(phrase), target);
    }
  }
  for (const alias of USAGE_ALIASES) for (const phrase of alias.phrases) services.delete(lower(phrase));

  const accountsByPhrase = new Map<string, AccountTarget[]>();
  for (const account of catalog.accounts) {
    const target = { id: account.id, name: account.name };
    if (!account.name) continue;
    const name = lower(account.name);
    const phrases = new Set([name, name.replace(/[-_]/g, ' ')]);
    for (const group of ACCOUNT_NAME_SYNONYMS) {
      if (group.some((word) => looseKey(word) === looseKey(name)))
        for (const word of group) phrases.add(word);
    }
    for (const phrase of phrases) add(accountsByPhrase, phrase, target);
  }

  // Distinctive parts of account names: "prod" for acme-prod, when no other account shares them.
  const owners = new Map<string, Set<string>>();
  const targets = new Map<string, AccountTarget>();
  for (const account of catalog.accounts) {
    if (!account.name) continue;
    targets.set(account.id, { id: account.id, name: account.name });
    const tokens = lower(account.name)
      .split(/[\s\-_.]+/)
      .filter(Boolean);
    for (let from = 0; from < tokens.length; from += 1) {
      for (let to = from + 1; to <= tokens.length; to += 1) {
        const part = tokens.slice(from, to).join(' ');
        if (to - from === tokens.length || /^\d+$/.test(part) || isReservedWord(part)) continue;
        const ids = owners.get(part) ?? new Set<string>();
        ids.add(account.id);
        owners.set(part, ids);
      }
    }
  }
  for (const [part, ids] of owners) {
    const [id] = [...ids];
    const target = id === undefined ? undefined : targets.get(id);
    if (ids.size !== 1 || !target || accountsByPhrase.has(part)) continue;
    const group = ACCOUNT_NAME_SYNONYMS.find((words) =>
      words.some((word) => looseKey(word) === looseKey(part)),
    );
    for (const phrase of group ?? [part])
      if (!accountsByPhrase.has(phrase)) add(accountsByPhrase, phrase, target);
  }

  const tagKeys = new Map<string, string>();
  const tagKeyPhrases = new Map<string, string[]>();
  for (const key of catalog.tagKeys) {
    const phrases = new Set([key.toLowerCase(), key.toLowerCase().replace(/[-_]/g, ' ')]);
    for (const group of TAG_KEY_SYNONYMS) {
      if (group.some((word) => looseKey(word) === looseKey(key))) for (const word of group) phrases.add(word);
    }
    tagKeyPhrases.set(key, [...phrases]);
    for (const phrase of phrases) tagKeys.set(looseKey(phrase), key);
  }

  const tagValues = new Map<string, { key: string; value: string }[]>();
  for (const [key, values] of Object.entries(catalog.tagValues)) {
    for (const value of values) if (value.trim()) add(tagValues, value.toLowerCase(), { key, value });
  }

  const categories = new Map<string, string[]>();
  const catalogCategories = [...new Set(catalog.services.flatMap((service) => service.category ?? []))];
  for (const category of catalogCategories) {
    const phrases = new Set([lower(category)]);
    for (const group of CATEGORY_SYNONYMS) {
      if (group.some((word) => looseKey(word) === looseKey(category)))
        for (const word of group) phrases.add(word);
    }
    for (const phrase of phrases) add(categories, phrase, category);
  }

  const serviceLabels = [
    ...new Set(catalog.services.map((service) => labelOf.get(service.name) ?? service.name)),
  ];
  const index: CatalogIndex = {
    catalog,
    services,
    accountsByPhrase,
    accountIds: new Set(catalog.accounts.map((account) => account.id)),
    tagKeys,
    tagKeyPhrases,
    tagValues,
    categories,
    regions: new Set(catalog.regions.map((region) => region.toLowerCase())),
    serviceLabels,
  };
  cache.set(catalog, index);
  return index;
}

const RESERVED_PHRASES = new Set([
  ...DIMENSION_WORDS.flatMap((entry) => [...entry.singular, ...entry.plural]),
  ...SERVICE_ALIASES.flatMap((alias) => alias.phrases),
  ...USAGE_ALIASES.flatMap((alias) => alias.phrases),
]);

/** Words that mean something else in a question and so never name an account on their own. */
function isReservedWord(part: string): boolean {
  return FILLER_WORDS.has(part) || RESERVED_PHRASES.has(part) || part.length < 2;
}

/** The tag key a question word refers to, as written in the data. */
export function resolveTagKey(index: CatalogIndex, word: string): string | undefined {
  return index.tagKeys.get(looseKey(word));
}

export function allTagKeyPhrases(index: CatalogIndex): string[] {
  return [...index.tagKeyPhrases.values()].flat();
}
