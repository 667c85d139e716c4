import type { ModelForecast } from './model.ts';

/** The baseline fits the last eight weeks: long enough to see a trend, short enough to follow it. */
export const LINEAR_TREND_WINDOW = 56;

/**
 * Baseline: an ordinary least-squares line through the recent known days, extended. Its interval
 * is the textbook one for a sum of new observations (independent errors plus the uncertainty of
 * the fitted line), so it ignores weekly shape and autocorrelation, as the baseline does.
 */
export function linearTrend(values: readonly (number | null)[], horizon: number): ModelForecast {
  const n = values.length;
  const points: { x: number; y: number }[] = [];
  for (let index = Math.max(0, n - LINEAR_TREND_WINDOW); index < n; index++) {
    const value = values[index];
    if (value !== null && value !== undefined) points.push({ x: index, y: value });
  }
  const count = points.length;
  const meanX = points.reduce((sum, point) => sum + point.x, 0) / Math.max(count, 1);
  const meanY = points.reduce((sum, point) => sum + point.y, 0) / Math.max(count, 1);
  const sxx = points.reduce((sum, point) => sum + (point.x - meanX) ** 2, 0);
  const sxy = points.reduce((sum, point) => sum + (point.x - meanX) * (point.y - meanY), 0);
  const slope = count >= 2 && sxx > 0 ? sxy / sxx : 0;
  const intercept = meanY - slope * meanX;
  const residual = points.reduce((sum, point) => sum + (point.y - intercept - slope * point.x) ** 2, 0);
  const degrees = count - (count >= 2 ? 2 : 1);
  const sigma = degrees > 0 ? Math.sqrt(residual / degrees) : 0;
  const forecasts = Array.from({ length: horizon }, (_, step) => intercept + slope * (n + step));
  return {
    method: 'linear-trend',
    mean: forecasts,
    sigma,
    sumVariance(from, to) {
      const days = to - from + 1;
      if (days <= 0 || count === 0) return 0;
      // Sum of forecasts = days · (intercept + slope · mean x of the future days): a line's variance there.
      const futureMeanX = n - 1 + (from + to) / 2;
      const lineVariance = sigma * sigma * (1 / count + (sxx > 0 ? (futureMeanX - meanX) ** 2 / sxx : 0));
      return days * sigma * sigma + days * days * lineVariance;
    },
  };
}
