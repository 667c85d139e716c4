export type {
  ChangeDriver,
  ChangeExplanation,
  CompareInput,
  ComparisonRow,
  CostEngine,
  DataCatalog,
  ExplainChangeInput,
  PeriodComparison,
  PeriodSelection,
} from './cost-engine.ts';
export { createDuckDbCostEngine, DEFAULT_EXPLAIN_LEVELS } from './duckdb-cost-engine.ts';
export { exactToNumber, parseExact } from './exact-decimal.ts';
