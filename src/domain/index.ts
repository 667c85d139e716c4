export type { Answer } from './answer.ts';
export { answerSchema } from './answer.ts';
export type { ChartKind, ChartRequest } from './chart-request.ts';
export { chartRequestSchema } from './chart-request.ts';
export type { ChargeCategory, CostFilter, CostQuery, CostQueryInput } from './cost-query.ts';
export { CHARGE_CATEGORIES, chargeCategorySchema, costFilterSchema, costQuerySchema } from './cost-query.ts';
export type { CostRow, CostTable, GroupKey } from './cost-table.ts';
export { costRowSchema, costTableSchema, groupKeySchema, OTHER_GROUP } from './cost-table.ts';
export type { DataSource } from './data-source.ts';
export { dataSourceSchema } from './data-source.ts';
export type { BaseDimension, Dimension, TagDimension } from './dimensions.ts';
export {
  BASE_DIMENSIONS,
  DIMENSION_LABELS,
  dimensionLabel,
  dimensionSchema,
  isTagDimension,
  tagKeyOf,
} from './dimensions.ts';
export type { Fact } from './fact.ts';
export { factSchema } from './fact.ts';
export type { Metric } from './metric.ts';
export { DEFAULT_METRIC, METRIC_ALIASES, METRIC_LABELS, METRICS, metricSchema } from './metric.ts';
export type { RecommendationSummary } from './recommendation.ts';
export { recommendationSummarySchema } from './recommendation.ts';
export type { Granularity, TimeRange } from './time-range.ts';
export {
  addDays,
  addMonths,
  daysBetween,
  describeRange,
  FULL_MONTH_NAMES,
  granularitySchema,
  humanRange,
  startOfMonth,
  timeRangeSchema,
  toDate,
  toDay,
} from './time-range.ts';
