import {
  badDecimalCondition,
  badDoubleCondition,
  badJsonCondition,
  badTimestampCondition,
  decimalExpr,
  doubleExpr,
  isTextType,
  mapExpr,
  quoteIdent,
  textExpr,
  timestampExpr,
} from './sql.ts';
import type { SourceColumn } from './types.ts';

export interface ResolvedColumn {
  /** The column's name in the file, for messages. */
  name: string;
  ref: string;
  type: string;
}

export type ValueKind = 'text' | 'decimal' | 'double' | 'timestamp' | 'json';

/** A value check run before loading: the first bad row is reported with its column and value. */
export interface ValueCheck {
  column: ResolvedColumn;
  kind: ValueKind;
  /** Missing values are errors too. */
  required: boolean;
}

/**
 * The columns of one file under logical names (FOCUS PascalCase, or CUR 2.0 snake_case for both
 * CUR formats), with typed accessors that fall back to NULL when the file lacks the column and
 * record a value check for each column used.
 */
export interface SourceColumns {
  get(logical: string): ResolvedColumn | undefined;
  has(logical: string): boolean;
  text(logical: string): string;
  decimal(logical: string): string;
  double(logical: string): string;
  timestamp(logical: string): string;
  map(logical: string): string;
  /** Physical columns matching a predicate on their logical name (for tag columns). */
  matching(predicate: (logical: string) => boolean): { logical: string; column: ResolvedColumn }[];
  readonly checks: ValueCheck[];
}

export function createSourceColumns(
  columns: SourceColumn[],
  toLogical: (name: string) => string = (name) => name,
): SourceColumns {
  const byLogical = new Map<string, ResolvedColumn>();
  for (const column of columns) {
    const logical = toLogical(column.name).toLowerCase();
    if (!byLogical.has(logical)) {
      byLogical.set(logical, { name: column.name, ref: quoteIdent(column.name), type: column.type });
    }
  }
  const checks = new Map<string, ValueCheck>();
  const use = (logical: string, kind: ValueKind) => {
    const column = byLogical.get(logical.toLowerCase());
    if (column && !checks.has(column.name)) checks.set(column.name, { column, kind, required: false });
    return column;
  };
  const typed = (kind: ValueKind, build: (ref: string, type: string) => string) => (logical: string) => {
    const column = use(logical, kind);
    return column ? build(column.ref, column.type) : 'NULL';
  };
  return {
    get: (logical) => byLogical.get(logical.toLowerCase()),
    has: (logical) => byLogical.has(logical.toLowerCase()),
    text: typed('text', textExpr),
    decimal: typed('decimal', decimalExpr),
    double: typed('double', doubleExpr),
    timestamp: typed('timestamp', timestampExpr),
    map: typed('json', mapExpr),
    matching: (predicate) =>
      [...byLogical.entries()]
        .filter(([logical]) => predicate(logical))
        .map(([logical, column]) => ({ logical, column })),
    get checks() {
      return [...checks.values()];
    },
  };
}

/** Marks columns whose values may not be missing. */
export function requireValues(columns: SourceColumns, logicalNames: string[]): ValueCheck[] {
  const required = new Set(
    logicalNames.map((name) => columns.get(name)?.name).filter((name) => name !== undefined),
  );
  return columns.checks.map((check) =>
    required.has(check.column.name) ? { ...check, required: true } : check,
  );
}

/** SQL condition that is true when the value in this row fails the check. */
export function badValueCondition(check: ValueCheck): string | undefined {
  const { ref, type } = check.column;
  const conditions: string[] = [];
  // A typed value is missing only when NULL; testing it directly (not its text) lets Parquet
  // statistics answer without reading the column.
  if (check.required) conditions.push(isTextType(type) ? `${textExpr(ref, type)} IS NULL` : `${ref} IS NULL`);
  const badFormat =
    check.kind === 'decimal'
      ? badDecimalCondition(ref, type)
      : check.kind === 'double'
        ? badDoubleCondition(ref, type)
        : check.kind === 'timestamp'
          ? badTimestampCondition(ref, type)
          : check.kind === 'json'
            ? badJsonCondition(ref, type)
            : undefined;
  if (badFormat) conditions.push(badFormat);
  return conditions.length > 0 ? `(${conditions.join(' OR ')})` : undefined;
}
