import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, humanRange, timeRangeSchema } from '../../src/domain/index.ts';

describe('humanRange', () => {
  it.each([
    [{ start: '2026-10-01', end: '2026-11-01' }, 'October 2026'],
    [{ start: '2026-07-01', end: '2026-10-01' }, 'Q3 2026'],
    [{ start: '2026-01-01', end: '2027-01-01' }, '2026'],
    [{ start: '2025-10-01', end: '2026-10-01' }, 'Oct 2025 – Sep 2026'],
    [{ start: '2026-03-01', end: '2026-06-01' }, 'Mar–May 2026'],
    [{ start: '2026-11-01', end: '2026-11-25' }, 'Nov 1–24, 2026'],
    [{ start: '2026-11-23', end: '2026-11-24' }, 'Nov 23, 2026'],
    [{ start: '2026-10-28', end: '2026-11-04' }, 'Oct 28 – Nov 3, 2026'],
    [{ start: '2025-12-29', end: '2026-01-05' }, 'Dec 29, 2025 – Jan 4, 2026'],
  ])('should describe %o as %s', (range, expected) => {
    expect(humanRange(range)).toBe(expected);
  });
});

describe('time range helpers', () => {
  it('should clamp month arithmetic to the end of shorter months', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-03-15', -3)).toBe('2025-12-15');
  });

  it('should count days across a DST change as whole UTC days', () => {
    expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
    expect(addDays('2026-10-24', 7)).toBe('2026-10-31');
  });

  it('should reject an empty or inverted range', () => {
    expect(timeRangeSchema.safeParse({ start: '2026-01-02', end: '2026-01-02' }).success).toBe(false);
    expect(timeRangeSchema.safeParse({ start: '2026-02-30', end: '2026-03-02' }).success).toBe(false);
  });
});
