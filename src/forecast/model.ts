/**
 * What every forecasting method gives back: point forecasts for the next days and the variance of
 * the error of any run of them summed. Sums need their own variance because daily errors are
 * correlated (a level that was estimated too high is too high every day), so adding daily
 * bounds would overstate, and adding daily variances would understate, a month's uncertainty.
 */
export interface ModelForecast {
  method: string;
  /** Point forecasts; `mean[0]` is the day after the history. */
  mean: number[];
  /** Variance of the error of the sum of the forecasts for horizons `from`..`to` (1-based, inclusive). */
  sumVariance(from: number, to: number): number;
  /** Standard deviation of the one-step error the model made in the history. */
  sigma: number;
}

/** Fits one method to a history on a daily grid (`null` = unknown day) and forecasts `horizon` days. */
export type ForecastModel = (values: readonly (number | null)[], horizon: number) => ModelForecast;

export const WEEK = 7;
