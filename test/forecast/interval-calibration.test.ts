import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/index.ts';
import { type DailyValue, projectPeriod } from '../../src/forecast/index.ts';
import { createRandom } from '../support/line-item-rows.ts';

// 14 months of daily cost around 100 with 1 % noise. In the "jumpy" series the level also moves
// by ±30 % on a random day of every month, something a day-to-day model cannot see coming.
function series(jumpy: boolean): DailyValue[] {
  const random = createRandom(11);
  const days: DailyValue[] = [];
  let level = 100;
  let jumpDay = 0;
  for (let date = '2025-09-01'; date < '2026-11-15'; date = addDays(date, 1)) {
    if (date.endsWith('-01')) jumpDay = 2 + Math.floor(random() * 26);
    if (jumpy && Number(date.slice(8, 10)) === jumpDay) level = 100 * (random() < 0.5 ? 0.7 : 1.3);
    days.push({ date, value: level * (1 + (random() - 0.5) * 0.02) });
  }
  return days;
}

const NOVEMBER = { start: '2026-11-01', end: '2026-12-01' };

describe('projectPeriod interval calibration', () => {
  it('should widen the intervals when past projections of the same kind missed by more than they allowed', () => {
    const projection = projectPeriod(series(true), NOVEMBER, '2026-11-15');
    // 16 days left, and the level can still move between 70 and 130 a day: up to $960 on the
    // month. The model alone allowed about ±$330 at 80 %; the same projection in past months missed by more.
    expect(projection.hi80 - projection.projected).toBeGreaterThan(500);
    expect(projection.projected - projection.lo80).toBeGreaterThan(500);
    expect(projection.hi95 - projection.hi80).toBeGreaterThan(0);
  });

  it('should keep the intervals narrow for a series whose past projections were right', () => {
    const projection = projectPeriod(series(false), NOVEMBER, '2026-11-15');
    expect(projection.hi80 - projection.projected).toBeLessThan(40);
    expect(projection.projected).toBeGreaterThan(2900);
    expect(projection.projected).toBeLessThan(3100);
  });
});
