/** Small SQL-text helpers for the generated ingest statements (all values are quoted, never spliced raw). */

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export function isTextType(type: string): boolean {
  return type === 'VARCHAR' || type === 'JSON';
}

export function isMapType(type: string): boolean {
  return type.startsWith('MAP(');
}

/** Text that is only whitespace counts as missing, like the CSV reader's empty cells. */
export function textExpr(ref: string, type: string): string {
  if (isTextType(type)) return `NULLIF(trim(${ref}), '')`;
  return `CAST(${ref} AS VARCHAR)`;
}

/**
 * A decimal from text or any numeric type. TRY_CAST here is safe because validation has already
 * rejected every text value that does not parse.
 */
export function decimalExpr(ref: string, type: string): string {
  if (isTextType(type)) return `TRY_CAST(NULLIF(trim(${ref}), '') AS DECIMAL(18,10))`;
  return `CAST(${ref} AS DECIMAL(18,10))`;
}

export function doubleExpr(ref: string, type: string): string {
  if (isTextType(type)) return `TRY_CAST(NULLIF(trim(${ref}), '') AS DOUBLE)`;
  return `CAST(${ref} AS DOUBLE)`;
}

/** Matches a trailing zone offset after a time (`…12:00:00+02:00`, `…12:00-0500`). */
const OFFSET_PATTERN = String.raw`\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*[+-]\d{2}(:?\d{2})?$`;

/**
 * A UTC timestamp without zone. Text without a zone is taken as UTC (billing exports are UTC);
 * `Z` is dropped; an explicit offset is converted to UTC. Zoned Parquet timestamps are converted
 * to UTC regardless of the session time zone.
 */
export function timestampExpr(ref: string, type: string): string {
  if (isTextType(type)) {
    const text = `trim(${ref})`;
    // Most exports end in Z or carry no zone at all; only the rest pay for the offset regexp.
    return `(CASE WHEN ends_with(${text}, 'Z') OR NOT regexp_matches(${text}, '${OFFSET_PATTERN}') THEN TRY_CAST(${text} AS TIMESTAMP) ELSE timezone('UTC', TRY_CAST(${text} AS TIMESTAMPTZ)) END)`;
  }
  if (type === 'TIMESTAMP WITH TIME ZONE') return `timezone('UTC', ${ref})`;
  return `CAST(${ref} AS TIMESTAMP)`;
}

/** Is a non-missing text value not a valid number / timestamp? (validation only) */
export function badDecimalCondition(ref: string, type: string): string | undefined {
  if (!isTextType(type)) return undefined;
  return `(NULLIF(trim(${ref}), '') IS NOT NULL AND TRY_CAST(trim(${ref}) AS DECIMAL(18,10)) IS NULL)`;
}

export function badDoubleCondition(ref: string, type: string): string | undefined {
  if (!isTextType(type)) return undefined;
  return `(NULLIF(trim(${ref}), '') IS NOT NULL AND TRY_CAST(trim(${ref}) AS DOUBLE) IS NULL)`;
}

export function badTimestampCondition(ref: string, type: string): string | undefined {
  if (!isTextType(type)) return undefined;
  // Whether a value parses does not depend on its zone, so the cheap cast is enough here.
  return `(NULLIF(trim(${ref}), '') IS NOT NULL AND TRY_CAST(trim(${ref}) AS TIMESTAMPTZ) IS NULL)`;
}

export function badJsonCondition(ref: string, type: string): string | undefined {
  if (!isTextType(type)) return undefined;
  return `(NULLIF(trim(${ref}), '') IS NOT NULL AND NOT coalesce(json_valid(trim(${ref})), false))`;
}

/** A JSON object string or a MAP as MAP(VARCHAR, VARCHAR); empty maps become NULL. */
export function mapExpr(ref: string, type: string): string {
  const map = isTextType(type)
    ? `TRY_CAST(json(NULLIF(trim(${ref}), '')) AS MAP(VARCHAR, VARCHAR))`
    : isMapType(type)
      ? `CAST(${ref} AS MAP(VARCHAR, VARCHAR))`
      : 'NULL::MAP(VARCHAR, VARCHAR)';
  return `(CASE WHEN cardinality(${map}) > 0 THEN ${map} END)`;
}

/** A value from a MAP column, or from a JSON object string. */
export function mapValueExpr(ref: string, type: string, key: string): string {
  if (isTextType(type))
    return `NULLIF(json_extract_string(NULLIF(trim(${ref}), ''), ${quoteLiteral(`$.${key}`)}), '')`;
  if (isMapType(type)) return `NULLIF(CAST(${ref}[${quoteLiteral(key)}] AS VARCHAR), '')`;
  return 'NULL';
}

/**
 * Drops `prefix` from the keys of a map, keeping the first entry when two keys collide (`user_team`
 * and `team` on one resource), because MAP keys must be unique. `map` should be a plain column
 * reference: it is read several times.
 *
 * Building a MAP is the costly part (seconds per few million rows), so maps without a prefixed key
 * are returned as they are, and a collision-free rename pairs the new keys with the old values;
 * only maps with colliding keys pay for the first-wins filter.
 */
export function stripMapKeyPrefixExpr(map: string, prefix: string): string {
  const literal = quoteLiteral(prefix);
  const strip = (key: string) =>
    `(CASE WHEN starts_with(${key}, ${literal}) THEN substr(${key}, ${prefix.length + 1}) ELSE ${key} END)`;
  const keys = `list_transform(map_keys(${map}), k -> ${strip('k')})`;
  const entries = `list_transform(map_entries(${map}), e -> {'key': ${strip('e.key')}, 'value': e.value})`;
  const firstWins = `map_from_entries(list_filter(${entries}, (e, i) -> list_position(${keys}, e.key) = i))`;
  return `(CASE WHEN ${map} IS NULL THEN NULL
    WHEN NOT list_bool_or(list_transform(map_keys(${map}), k -> starts_with(k, ${literal}))) THEN ${map}
    WHEN list_unique(${keys}) = cardinality(${map}) THEN map(${keys}, map_values(${map}))
    ELSE ${firstWins} END)`;
}

/** A MAP from (key, value-expression) pairs; missing values are left out, empty maps become NULL. */
export function entriesMapExpr(entries: { key: string; value: string }[]): string {
  if (entries.length === 0) return 'NULL::MAP(VARCHAR, VARCHAR)';
  const list = `list_filter([${entries.map((entry) => `{'key': ${quoteLiteral(entry.key)}, 'value': ${entry.value}}`).join(', ')}], e -> e.value IS NOT NULL)`;
  const unique = `list_filter(${list}, (e, i) -> list_position(list_transform(${list}, x -> x.key), e.key) = i)`;
  return `(CASE WHEN len(${list}) > 0 THEN map_from_entries(${unique}) END)`;
}
