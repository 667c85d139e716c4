import type { ModelForecast } from './model.ts';
import { WEEK } from './model.ts';

/**
 * Baseline: every future day repeats the last known day of the same weekday (a seasonal random
 * walk). Its error grows by one weekly shock per week ahead, and those shocks are shared by
 * every later day of the same weekday, which `sumVariance` counts.
 */
export function seasonalNaive(values: readonly (number | null)[], horizon: number): ModelForecast {
  const n = values.length;
  const lastKnown = [...values].reverse().find((value) => value !== null) ?? 0;
  const sameWeekday = (position: number): number => {
    for (let index = position; index >= 0; index -= WEEK) {
      const value = values[index];
      if (value !== null && value !== undefined) return value;
    }
    return lastKnown;
  };
  const lastWeek = Array.from({ length: WEEK }, (_, slot) => sameWeekday(n - WEEK + slot));
  const forecasts = Array.from({ length: horizon }, (_, step) => lastWeek[step % WEEK] as number);
  const differences: number[] = [];
  for (let index = WEEK; index < n; index++) {
    const value = values[index];
    const before = values[index - WEEK];
    if (value !== null && value !== undefined && before !== null && before !== undefined) {
      differences.push(value - before);
    }
  }
  const sigma =
    differences.length > 0
      ? Math.sqrt(differences.reduce((sum, value) => sum + value * value, 0) / differences.length)
      : 0;
  return {
    method: 'seasonal-naive',
    mean: forecasts,
    sigma,
    sumVariance(from, to) {
      let total = 0;
      for (let shock = 1; shock <= to; shock++) {
        const first = shock >= from ? shock : shock + Math.ceil((from - shock) / WEEK) * WEEK;
        const count = first > to ? 0 : Math.floor((to - first) / WEEK) + 1;
        total += count * count;
      }
      return sigma * sigma * total;
    },
  };
}
