import { addDays } from '../../src/domain/time-range.ts';
import type { DailyValue } from '../../src/forecast/index.ts';

/** mulberry32: seeded noise so synthetic series are the same on every run. */
export function seededNormal(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(Math.max(uniform(), 1e-12))) * Math.cos(2 * Math.PI * uniform());
}

/** A daily series from `start` whose day `index` is `valueAt(index, date)`. */
export function series(
  start: string,
  days: number,
  valueAt: (index: number, date: string) => number,
): DailyValue[] {
  return Array.from({ length: days }, (_, index) => {
    const date = addDays(start, index);
    return { date, value: valueAt(index, date) };
  });
}
