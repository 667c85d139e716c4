import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FinopsError } from '../../src/errors.ts';
import { compareWithBudget, projectPeriod, runBacktest } from '../../src/forecast/index.ts';
import { seededNormal, series } from './helpers.ts';

const SHARED = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'data', 'public');
const MARCH = { start: '2026-03-01', end: '2026-04-01' };

describe('projectPeriod', () => {
  const noise = seededNormal(11);
  const history = series('2025-12-01', 120, () => 100 + 4 * noise());

  it('should add the actual days before today to a forecast of the rest', () => {
    const projection = projectPeriod(history, MARCH, '2026-03-15');
    const actual = history
      .filter((day) => day.date >= '2026-03-01' && day.date < '2026-03-15')
      .reduce((sum, day) => sum + day.value, 0);
    expect(projection.actualToDate).toBeCloseTo(actual, 9);
    expect(projection.daysActual).toBe(14);
    expect(projection.daysForecast).toBe(17);
    expect(projection.projected).toBeCloseTo(projection.actualToDate + projection.forecastRemaining, 9);
    expect(projection.forecastRemaining / 17).toBeGreaterThan(95);
    expect(projection.forecastRemaining / 17).toBeLessThan(105);
    expect(projection.lo95).toBeLessThan(projection.lo80);
    expect(projection.hi80).toBeLessThan(projection.hi95);
  });

  it('should give the sum an interval of its own, not the sum of daily bounds', () => {
    const projection = projectPeriod(history, MARCH, '2026-03-15');
    const halfWidth = (projection.hi80 - projection.lo80) / 2;
    // Independent days would give sqrt(17) daily sds; summed daily bounds 17 of them.
    expect(halfWidth).toBeGreaterThan(1.2816 * 4 * Math.sqrt(17) * 0.8);
    expect(halfWidth).toBeLessThan(1.2816 * 4 * 17);
  });

  it('should have no spread once the period is all actual', () => {
    const projection = projectPeriod(history, { start: '2026-01-01', end: '2026-02-01' }, '2026-03-15');
    expect(projection.daysForecast).toBe(0);
    expect(projection.hi95).toBe(projection.lo95);
  });

  it('should forecast days the data has not reached and say so', () => {
    const lagging = history.filter((day) => day.date < '2026-03-10');
    const projection = projectPeriod(lagging, MARCH, '2026-03-15');
    expect(projection.daysActual).toBe(9);
    expect(projection.daysForecast).toBe(22);
    expect(projection.caveats.join(' ')).toMatch(/data runs through 2026-03-09/);
  });

  it('should refuse a history with nothing before today', () => {
    expect(() => projectPeriod(history, MARCH, '2025-11-01')).toThrow(FinopsError);
  });
});

describe('compareWithBudget', () => {
  const noise = seededNormal(5);
  const projection = projectPeriod(
    series('2026-01-01', 74, () => 100 + 3 * noise()),
    MARCH,
    '2026-03-15',
  );

  it('should say under, at risk or over from the projection and its spread', () => {
    // About 100 a day: March projects to about 3100 with a narrow interval.
    expect(Math.abs(projection.projected - 3100)).toBeLessThan(60);
    expect(compareWithBudget(projection, 5000).verdict).toBe('under');
    expect(compareWithBudget(projection, 3000).verdict).toBe('over');
    expect(compareWithBudget(projection, 3000).overBy).toBeCloseTo(projection.projected - 3000, 9);
    const atRisk = compareWithBudget(projection, (projection.projected + projection.hi80) / 2);
    expect(atRisk.verdict).toBe('at-risk');
    expect(atRisk.probabilityOver).toBeGreaterThan(0.1);
    expect(atRisk.probabilityOver).toBeLessThan(0.5);
  });

  it('should refuse a budget that is not a positive amount', () => {
    expect(() => compareWithBudget(projection, -5)).toThrow(/positive amount/);
  });
});

describe.skipIf(!existsSync(join(SHARED, 'infralyzer-aws-exports')))(
  'runBacktest on the real CUR 2.0 export (needs ../shared/data/public, present in CI only)',
  () => {
    it('should beat both baselines on mean MAPE over the three origins', async () => {
      const rows = await runBacktest({ datasets: ['infralyzer'], sharedDir: SHARED });
      const meanMape = (method: string) => {
        const chosen = rows.filter((row) => row.method === method);
        expect(chosen).toHaveLength(3);
        return chosen.reduce((sum, row) => sum + row.mape, 0) / chosen.length;
      };
      expect(rows.every((row) => row.months === 11)).toBe(true);
      expect(meanMape('holt-winters')).toBeLessThan(meanMape('seasonal-naive'));
      expect(meanMape('holt-winters')).toBeLessThan(meanMape('linear-trend'));
    }, 60_000);
  },
);
