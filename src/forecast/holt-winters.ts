import type { ModelForecast } from './model.ts';
import { WEEK } from './model.ts';

/**
 * Additive Holt-Winters with a damped trend and a weekly season (ETS(A,Ad,A) in Hyndman's
 * terms), smoothing parameters chosen by one-step squared error over a small grid. Damping keeps
 * a quarter or a year ahead from running away with a few weeks' growth. Unknown days advance
 * the state without updating it.
 */
interface Parameters {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

interface State {
  level: number;
  trend: number;
  season: number[];
}

const ALPHAS = [0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.7, 0.85, 1];
const BETAS = [0, 0.001, 0.003];
const GAMMAS = [0, 0.05, 0.15, 0.3];
const PHIS = [0.9, 0.97, 0.995];

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function known(values: readonly (number | null)[]): number[] {
  return values.filter((value): value is number => value !== null);
}

/** Level from the first week, trend from week two against week one, season from deviations. */
function initialState(values: readonly (number | null)[], seasonal: boolean): State {
  const firstWeek = values.slice(0, WEEK);
  const secondWeek = values.slice(WEEK, 2 * WEEK);
  const level = mean(known(firstWeek).length > 0 ? known(firstWeek) : known(values));
  const trend =
    known(secondWeek).length > 0 && known(firstWeek).length > 0
      ? (mean(known(secondWeek)) - level) / WEEK
      : 0;
  const season = Array.from({ length: WEEK }, (_, index) => {
    const value = firstWeek[index];
    return seasonal && value !== null && value !== undefined ? value - level : 0;
  });
  return { level, trend, season };
}

/** Days ahead whose summed in-sample error calibrates the intervals: about half a month. */
export const CALIBRATION_HORIZON = 14;
/** Origins needed before the in-sample check is trusted to widen intervals. */
const MIN_CALIBRATION_ORIGINS = 28;

interface RunResult {
  state: State;
  /** One-step squared error. */
  sse: number;
  count: number;
  /** Squared error of the CALIBRATION_HORIZON-day sums forecast from each day of the history. */
  sumSse: number;
  sumCount: number;
}

function run(
  values: readonly (number | null)[],
  parameters: Parameters,
  seasonal: boolean,
  ahead: Ahead,
): RunResult {
  const { alpha, beta, gamma, phi } = parameters;
  const start = initialState(values, seasonal);
  let { level, trend } = start;
  const season = [...start.season];
  let sse = 0;
  let count = 0;
  let sumSse = 0;
  let sumCount = 0;
  // The first week only initialises; its errors would score the initial guess, not the parameters.
  const warmUp = Math.min(WEEK, values.length - 1);
  const dampingSum = dampedSum(phi, ahead.horizon);
  for (let index = 0; index < values.length; index++) {
    const slot = index % WEEK;
    const seasonal0 = season[slot] as number;
    const forecast = level + phi * trend + seasonal0;
    if (index >= warmUp && ahead.actual[index] !== undefined) {
      let seasonSum = 0;
      for (let offset = 0; offset < WEEK; offset++) {
        seasonSum += (season[(index + offset) % WEEK] as number) * (ahead.slotCounts[offset] as number);
      }
      const error =
        (ahead.actual[index] as number) - (ahead.horizon * level + dampingSum * trend + seasonSum);
      sumSse += error * error;
      sumCount++;
    }
    const value = values[index];
    if (value === null || value === undefined) {
      level += phi * trend;
      trend *= phi;
      continue;
    }
    const error = value - forecast;
    if (index >= warmUp) {
      sse += error * error;
      count++;
    }
    level = level + phi * trend + alpha * error;
    trend = phi * trend + beta * error;
    if (seasonal) season[slot] = seasonal0 + gamma * error;
  }
  // Re-align the season so that index 0 is the slot of the day after the history.
  const next = values.length % WEEK;
  return {
    state: { level, trend, season: [...season.slice(next), ...season.slice(0, next)] },
    sse,
    count,
    sumSse,
    sumCount,
  };
}

/** phi + phi^2 + … + phi^h summed over h = 1..horizon: the trend's weight in a summed forecast. */
function dampedSum(phi: number, horizon: number): number {
  let total = 0;
  let damping = 0;
  for (let step = 1; step <= horizon; step++) {
    damping += phi ** step;
    total += damping;
  }
  return total;
}

/** The actual sums the in-sample multi-step forecasts are scored against. */
interface Ahead {
  horizon: number;
  /** actual[i]: sum of values i..i+horizon-1 when all are known. */
  actual: (number | undefined)[];
  /** How many of `horizon` consecutive days fall on each weekday offset 0..6. */
  slotCounts: number[];
}

function aheadSums(values: readonly (number | null)[], horizon: number): Ahead {
  const actual: (number | undefined)[] = values.map((_, index) => {
    if (index + horizon > values.length) return undefined;
    let sum = 0;
    for (let offset = 0; offset < horizon; offset++) {
      const value = values[index + offset];
      if (value === null || value === undefined) return undefined;
      sum += value;
    }
    return sum;
  });
  const slotCounts = Array.from({ length: WEEK }, (_, offset) =>
    offset < horizon ? Math.floor((horizon - 1 - offset) / WEEK) + 1 : 0,
  );
  return { horizon, actual, slotCounts };
}

export interface HoltWintersOptions {
  seasonal: boolean;
  damped: boolean;
}

export function holtWinters(
  values: readonly (number | null)[],
  horizon: number,
  options: HoltWintersOptions = { seasonal: true, damped: true },
): ModelForecast {
  let best: ({ parameters: Parameters } & RunResult) | undefined;
  const ahead = aheadSums(values, CALIBRATION_HORIZON);
  const gammas = options.seasonal ? GAMMAS : [0];
  const phis = options.damped ? PHIS : [1];
  for (const alpha of ALPHAS) {
    for (const beta of BETAS) {
      if (beta > alpha) continue;
      for (const gamma of gammas) {
        if (gamma > 1 - alpha) continue;
        for (const phi of phis) {
          const parameters = { alpha, beta, gamma, phi };
          const result = run(values, parameters, options.seasonal, ahead);
          if (!best || result.sse < best.sse) best = { parameters, ...result };
        }
      }
    }
  }
  if (!best) throw new RangeError('no Holt-Winters parameters were tried');
  const { parameters, state, sse, count } = best;
  const { alpha, beta, gamma, phi } = parameters;
  const sigma = count > 0 ? Math.sqrt(sse / count) : 0;
  const forecasts: number[] = [];
  let damping = 0;
  for (let step = 1; step <= horizon; step++) {
    damping += phi ** step;
    forecasts.push(state.level + damping * state.trend + (state.season[(step - 1) % WEEK] as number));
  }
  // psi[j]: how much an error j days earlier still moves a forecast (Hyndman et al., ch. 6).
  const cumulative: number[] = [];
  let running = 0;
  let phiSum = 0;
  for (let lag = 0; lag < horizon; lag++) {
    if (lag > 0) phiSum += phi ** lag;
    const psi = lag === 0 ? 1 : alpha + beta * phiSum + (lag % WEEK === 0 ? gamma : 0);
    running += psi;
    cumulative.push(running);
  }
  const upTo = (lag: number) => (lag < 0 ? 0 : (cumulative[lag] as number));
  const modelVariance = (from: number, to: number) => {
    let total = 0;
    for (let shock = 1; shock <= to; shock++) {
      const weight = upTo(to - shock) - upTo(Math.max(from, shock) - shock - 1);
      total += weight * weight;
    }
    return sigma * sigma * total;
  };
  // The model's own variance assumes it is the true model; real costs also jump in level. When
  // its half-month sums erred more than that in the history, widen by the ratio (never narrow).
  const expected = horizon >= CALIBRATION_HORIZON ? modelVariance(1, CALIBRATION_HORIZON) : 0;
  const calibration =
    best.sumCount >= MIN_CALIBRATION_ORIGINS && expected > 0
      ? Math.max(1, best.sumSse / best.sumCount / expected)
      : 1;
  return {
    method: options.seasonal ? 'holt-winters' : 'holt',
    mean: forecasts,
    sigma,
    sumVariance: (from, to) => calibration * modelVariance(from, to),
  };
}
