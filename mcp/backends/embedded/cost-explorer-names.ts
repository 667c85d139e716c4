import type { CostFilter, Dimension } from '../../../src/domain/index.ts';
import { costFilterSchema, dimensionSchema, isTagDimension, tagKeyOf } from '../../../src/domain/index.ts';
import type { DataCatalog } from '../../../src/engine/index.ts';
import { FinopsError } from '../../../src/errors.ts';
import type { FilterInput } from '../../contracts/cost-explorer.ts';

/**
 * Checks the names a call uses against what the data holds, so that a typo ("Snowflake", "EC2",
 * "tag:Team") comes back as an error listing the names that exist instead of an empty result a
 * model would report as "you spent nothing".
 */

const SHOWN_NAMES = 8;

interface KnownValues {
  /** What the dimension is called in messages. */
  noun: string;
  /** Value → the value the engine matches (service codes resolve to service names). */
  resolve: (value: string) => string | undefined;
  examples: string[];
}

function knownValues(dimension: Dimension, catalog: DataCatalog): KnownValues | undefined {
  if (isTagDimension(dimension)) {
    const key = tagKeyOf(dimension);
    const values = catalog.tagValues[key];
    // The catalog keeps at most 200 values per key: a longer list cannot prove a value absent.
    if (!values || values.length >= 200) return undefined;
    return exactly(`value of tag ${key}`, values);
  }
  switch (dimension) {
    case 'service': {
      const byName = new Set(catalog.services.map((service) => service.name));
      const byCode = new Map(
        catalog.services.flatMap((service) =>
          service.code ? [[service.code.toLowerCase(), service.name] as const] : [],
        ),
      );
      return {
        noun: 'service',
        resolve: (value) => (byName.has(value) ? value : byCode.get(value.toLowerCase())),
        examples: catalog.services.map((service) => service.name),
      };
    }
    case 'sub_account': {
      const ids = new Set(catalog.accounts.flatMap((account) => [account.id, account.name ?? account.id]));
      return {
        noun: 'account',
        resolve: (value) => (ids.has(value) ? value : undefined),
        examples: catalog.accounts.map((account) =>
          account.name ? `${account.id} (${account.name})` : account.id,
        ),
      };
    }
    case 'region':
      return exactly('region', catalog.regions);
    case 'usage_type':
      return exactly('usage type', catalog.usageTypes);
    case 'service_category':
      return exactly(
        'service category',
        [
          ...new Set(catalog.services.flatMap((service) => (service.category ? [service.category] : []))),
        ].sort(),
      );
    default:
      return undefined;
  }
}

function exactly(noun: string, values: string[]): KnownValues {
  const set = new Set(values);
  return { noun, resolve: (value) => (set.has(value) ? value : undefined), examples: values };
}

function suggestion(value: string, known: KnownValues): string {
  const lower = value.toLowerCase();
  const close = known.examples.filter(
    (example) => example.toLowerCase().includes(lower) || lower.includes(example.toLowerCase()),
  );
  const shown = (close.length > 0 ? close : known.examples).slice(0, SHOWN_NAMES);
  const more = close.length === 0 && known.examples.length > SHOWN_NAMES ? ', …' : '';
  return `${close.length > 0 ? 'did you mean' : 'known values include'} ${shown.map((name) => `"${name}"`).join(', ')}${more}`;
}

/** A group-by or drill-down dimension: a tag key must exist in the data. */
export function checkDimension(dimension: string, catalog: DataCatalog, field: string): Dimension {
  const parsed = dimensionSchema.safeParse(dimension);
  if (!parsed.success) {
    throw new FinopsError(
      'finops_invalid_input',
      `${field}: "${dimension}" is not a dimension; use service, sub_account, region, usage_type, … or tag:<key>`,
    );
  }
  const result = parsed.data;
  if (isTagDimension(result)) {
    const key = tagKeyOf(result);
    if (!catalog.tagKeys.includes(key)) {
      const close = catalog.tagKeys.filter((known) => known.toLowerCase() === key.toLowerCase());
      const shown = (close.length > 0 ? close : catalog.tagKeys).slice(0, SHOWN_NAMES);
      throw new FinopsError(
        'finops_invalid_input',
        `${field}: no tag key "${key}" in the data; ${close.length > 0 ? 'did you mean' : 'known keys include'} ${shown.map((name) => `tag:${name}`).join(', ')} (see get_tag_values)`,
      );
    }
  }
  return result;
}

/**
 * Tool filters → engine filters. Each value of an in / not_in filter on a dimension whose values
 * the catalog lists must exist (service codes such as AmazonEC2 resolve to the service name).
 */
export function toCostFilters(filters: readonly FilterInput[], catalog: DataCatalog): CostFilter[] {
  return filters.map((filter, index) => {
    const field = `filters[${index}]`;
    const dimension = checkDimension(filter.dimension, catalog, `${field}.dimension`);
    const parsed = costFilterSchema.safeParse({
      dimension,
      op: filter.op,
      ...(filter.op === 'in' || filter.op === 'not_in' ? { values: filter.values ?? [] } : {}),
    });
    if (!parsed.success) {
      const details = parsed.error.issues
        .map((issue) => `${[field, ...issue.path].join('.')}: ${issue.message}`)
        .join('; ');
      throw new FinopsError(
        'finops_invalid_input',
        `${details}. A filter is { dimension, op: in | not_in, values: [...] } or { dimension: "tag:<key>", op: missing | present }`,
      );
    }
    const costFilter = parsed.data;
    if (costFilter.op === 'missing' || costFilter.op === 'present') return costFilter;
    const known = knownValues(dimension, catalog);
    if (!known) return costFilter;
    const values = costFilter.values.map((value) => {
      const resolved = known.resolve(value);
      if (resolved === undefined) {
        throw new FinopsError(
          'finops_invalid_input',
          `${field}: no ${known.noun} "${value}" in the data; ${suggestion(value, known)}; see get_dimension_values for dimension "${dimension}"`,
        );
      }
      return resolved;
    });
    return { ...costFilter, values };
  });
}

/**
 * The schema only checks the YYYY-MM-DD shape; a day that is not on the calendar (2026-02-30)
 * is named here with its field, before the engine would roll it over or refuse it by another name.
 */
export function checkCalendarDays(range: { start: string; end: string }, field: string): void {
  for (const edge of ['start', 'end'] as const) {
    const day = range[edge];
    const time = Date.parse(`${day}T00:00:00Z`);
    if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== day) {
      throw new FinopsError(
        'finops_invalid_input',
        `${field}.${edge}: ${day} is not a calendar date; write an existing day as YYYY-MM-DD, e.g. ${day.slice(0, 8)}01`,
      );
    }
  }
}
