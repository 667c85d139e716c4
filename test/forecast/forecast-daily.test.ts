import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/time-range.ts';
import { FinopsError } from '../../src/errors.ts';
import { forecastDaily } from '../../src/forecast/index.ts';
import { seededNormal, series } from './helpers.ts';

// 2026-02-02 is a Monday; mid-month starts keep the month-day effects out of the synthetic series.
const START = '2026-02-02';

describe('forecastDaily', () => {
  it('should continue a pure linear trend', () => {
    const history = series(START, 70, (index) => 100 + 2 * index);
    const forecast = forecastDaily(history, 7);
    expect(forecast.method).toBe('holt-winters');
    forecast.points.forEach((point, step) => {
      const expected = 100 + 2 * (70 + step);
      // The damped trend bends a little below the line by design (it keeps a year ahead sane).
      expect(Math.abs(point.value - expected) / expected).toBeLessThan(0.02);
    });
  });

  it('should repeat a pure weekly season', () => {
    // Weekends (days 5 and 6 from a Monday) cost 30 less.
    const history = series(START, 70, (index) => (index % 7 >= 5 ? 70 : 100));
    const forecast = forecastDaily(history, 14);
    forecast.points.forEach((point, step) => {
      const expected = (70 + step) % 7 >= 5 ? 70 : 100;
      expect(point.value).toBeCloseTo(expected, 0);
    });
  });

  it('should follow a step in the level rather than average across it', () => {
    const history = series(START, 84, (index) => (index < 63 ? 100 : 150));
    const forecast = forecastDaily(history, 7);
    for (const point of forecast.points) expect(Math.abs(point.value - 150)).toBeLessThan(7.5);
  });

  it('should widen intervals with the horizon and keep the 95 % interval outside the 80 % one', () => {
    const noise = seededNormal(7);
    const history = series(START, 90, () => 100 + 5 * noise());
    const { points } = forecastDaily(history, 30);
    const width = (index: number) => (points[index]?.hi80 ?? 0) - (points[index]?.lo80 ?? 0);
    expect(width(29)).toBeGreaterThan(width(0));
    for (const point of points) {
      expect(point.lo95).toBeLessThan(point.lo80);
      expect(point.hi95).toBeGreaterThan(point.hi80);
      expect(point.lo80).toBeLessThan(point.value);
      expect(point.hi80).toBeGreaterThan(point.value);
    }
  });

  it('should cover the next day about 80 % of the time on noise it can model', () => {
    let inside = 0;
    const trials = 200;
    for (let trial = 0; trial < trials; trial++) {
      const noise = seededNormal(1000 + trial);
      const all = series(START, 71, () => 100 + 5 * noise());
      const next = all.pop()?.value ?? 0;
      const [point] = forecastDaily(all, 1).points;
      if (point && point.lo80 <= next && next <= point.hi80) inside++;
    }
    expect(inside / trials).toBeGreaterThan(0.7);
    expect(inside / trials).toBeLessThan(0.92);
  });

  it('should keep the baselines available by name', () => {
    const history = series(START, 28, (index) => (index % 7 === 0 ? 50 : 10 + index));
    const naive = forecastDaily(history, 7, { method: 'seasonal-naive' });
    expect(naive.method).toBe('seasonal-naive');
    // Day 28 is a Monday: the last Monday in the history (day 21) was 50.
    expect(naive.points[0]?.value).toBe(50);
    const linear = forecastDaily(
      series(START, 20, (index) => 3 * index + 4),
      2,
      { method: 'linear-trend' },
    );
    expect(linear.points[0]?.value).toBeCloseTo(64, 6);
    expect(linear.points[1]?.value).toBeCloseTo(67, 6);
  });

  it('should add the recurring charge of the 1st back on a forecast 1st', () => {
    // 100 a day plus a 900 monthly fee on the 1st, for four months.
    const history = series('2026-01-01', 120, (_, date) => (date.endsWith('-01') ? 1000 : 100));
    const forecast = forecastDaily(history, 40);
    const first = forecast.points.find((point) => point.date === '2026-06-01');
    const ordinary = forecast.points.find((point) => point.date === '2026-05-20');
    expect(first?.value).toBeCloseTo(1000, -1);
    expect(ordinary?.value).toBeCloseTo(100, 0);
  });

  it('should allow negative days (credits)', () => {
    const history = series(START, 60, (index) => (index % 7 === 3 ? -20 : 40));
    const forecast = forecastDaily(history, 7);
    expect(forecast.points.some((point) => point.value < 0)).toBe(true);
  });
});

describe('forecastDaily with short or broken history', () => {
  it('should model no weekly pattern and widen intervals below two weeks', () => {
    const noise = seededNormal(3);
    const long = series(START, 84, () => 100 + 5 * noise());
    const short = long.slice(-10);
    const shortForecast = forecastDaily(short, 7);
    const longForecast = forecastDaily(long, 7);
    expect(shortForecast.method).toBe('holt');
    expect(shortForecast.caveats.join(' ')).toMatch(/only 10 days of history/);
    const width = (points: typeof shortForecast.points) => (points[6]?.hi95 ?? 0) - (points[6]?.lo95 ?? 0);
    expect(width(shortForecast.points)).toBeGreaterThan(2 * width(longForecast.points));
  });

  it('should hold a single day flat with a wide interval', () => {
    const forecast = forecastDaily([{ date: '2026-03-10', value: 80 }], 3);
    expect(forecast.method).toBe('flat');
    for (const point of forecast.points) {
      expect(point.value).toBe(80);
      expect(point.hi80 - point.lo80).toBeGreaterThan(30);
    }
  });

  it('should treat missing days as unknown, not zero, and say so', () => {
    const history = series(START, 70, () => 100).filter((_, index) => index < 30 || index >= 35);
    const forecast = forecastDaily(history, 7);
    expect(forecast.caveats.join(' ')).toMatch(/5 days missing/);
    for (const point of forecast.points) expect(point.value).toBeCloseTo(100, 0);
  });

  it('should start a new service at its first cost', () => {
    const history = series(START, 60, (index) => (index < 40 ? 0 : 25));
    const forecast = forecastDaily(history, 7);
    expect(forecast.caveats.join(' ')).toMatch(new RegExp(`costs start on ${addDays(START, 40)}`));
    expect(forecast.caveats.join(' ')).toMatch(/only 20 days of history/);
    for (const point of forecast.points) expect(point.value).toBeCloseTo(25, 0);
  });

  it('should refuse empty or malformed history with a clear error', () => {
    expect(() => forecastDaily([], 7)).toThrow(FinopsError);
    expect(() => forecastDaily([{ date: '2026-02-30', value: 1 }], 7)).toThrow(/YYYY-MM-DD/);
    expect(() => forecastDaily([{ date: '2026-02-03', value: Number.NaN }], 7)).toThrow(/finite number/);
    expect(() =>
      forecastDaily(
        [
          { date: '2026-02-03', value: 1 },
          { date: '2026-02-03', value: 2 },
        ],
        7,
      ),
    ).toThrow(/two values for 2026-02-03/);
    expect(() => forecastDaily([{ date: '2026-02-03', value: 1 }], 1.5)).toThrow(/horizon/);
  });
});
