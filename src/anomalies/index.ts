export { anomalyChart } from './anomaly-chart.ts';
export { deduplicateAnomalies } from './deduplicate.ts';
export type { AnomalyReport, DetectAnomaliesInput, DetectionSettings } from './detect-anomalies.ts';
export {
  ANOMALY_DIMENSIONS,
  anomalyId,
  DEFAULT_ANOMALY_CHARGE_CATEGORIES,
  detectAnomalies,
  detectAnomalyReport,
  rootCauseDimensionsOf,
  severityOf,
} from './detect-anomalies.ts';
export type { DetectInSeriesOptions } from './detect-in-series.ts';
export { detectInSeries } from './detect-in-series.ts';
export type { DetectionScore } from './evaluate-detection.ts';
export { evaluateDetection, expectedAnomalies, matches, score } from './evaluate-detection.ts';
export type { DayExplanation, ExplainDayInput } from './explain-day.ts';
export { explainDay } from './explain-day.ts';
export type { ExpectedAnomaly } from './planted-scenario.ts';
export { EVALUATION_DAYS, plantedScenario } from './planted-scenario.ts';
export type { RootCause, RootCauseInput } from './root-cause.ts';
export { findRootCause } from './root-cause.ts';
export type { BaselineDay, BaselineOptions } from './seasonal-baseline.ts';
export { baselinePoints, monthPosition, seasonalBaseline } from './seasonal-baseline.ts';
export type {
  AnomalyDimension,
  AnomalyPoint,
  CostAnomaly,
  DailyValue,
  RelatedAnomaly,
  RootCauseItem,
  SeriesAnomaly,
} from './types.ts';
