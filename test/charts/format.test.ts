import * as vega from 'vega';
import { describe, expect, it } from 'vitest';
import { formatChange, formatDateLabel, formatValue, valueExpression } from '../../charts/format.ts';
import { displayLabels, truncateLabel } from '../../charts/prepare.ts';

describe('formatValue', () => {
  it('should format dollars compactly', () => {
    expect(formatValue(950)).toBe('$950');
    expect(formatValue(1234)).toBe('$1.2K');
    expect(formatValue(3_400_000)).toBe('$3.4M');
    expect(formatValue(12_000)).toBe('$12K');
    expect(formatValue(2_100_000_000)).toBe('$2.1B');
    expect(formatValue(0.42)).toBe('$0.42');
    expect(formatValue(0)).toBe('$0');
  });

  it('should put the minus sign before the currency symbol for credits', () => {
    expect(formatValue(-1234)).toBe('-$1.2K');
    expect(formatChange(1234)).toBe('+$1.2K');
    expect(formatChange(-800)).toBe('-$800');
  });

  it('should move to the next suffix instead of printing 1000K', () => {
    expect(formatValue(999_960)).toBe('$1M');
  });

  it('should format percentages and other units', () => {
    expect(formatValue(40, 'percent')).toBe('40%');
    expect(formatValue(7.25, 'percent')).toBe('7.3%');
    expect(formatValue(1500, 'GB')).toBe('1.5K GB');
  });
});

describe('valueExpression', () => {
  it('should give the same text in vega as formatValue does in TypeScript', async () => {
    const samples = [0, 0.42, 5, 950, 1234, 12_000, 999_960, 3_400_000, -1234, -10_000];
    const spec = {
      signals: samples.map((value, index) => ({
        name: `s${index}`,
        update: valueExpression(String(value < 0 ? `(${value})` : value)),
      })),
    };
    const view = new vega.View(vega.parse(spec as vega.Spec), { renderer: 'none' });
    await view.runAsync();
    samples.forEach((value, index) => {
      expect(view.signal(`s${index}`)).toBe(formatValue(value));
    });
    view.finalize();
  });

  it('should match formatValue for percent and other currencies too', async () => {
    const cases: [number, string][] = [
      [40, 'percent'],
      [7.25, 'percent'],
      [1234, 'EUR'],
      [-56, 'GBP'],
    ];
    const spec = {
      signals: cases.map(([value, unit], index) => ({
        name: `s${index}`,
        update: valueExpression(`(${value})`, unit),
      })),
    };
    const view = new vega.View(vega.parse(spec as vega.Spec), { renderer: 'none' });
    await view.runAsync();
    cases.forEach(([value, unit], index) => {
      expect(view.signal(`s${index}`)).toBe(formatValue(value, unit));
    });
    view.finalize();
  });
});

describe('formatDateLabel', () => {
  it('should write days and months readably', () => {
    expect(formatDateLabel('2026-11-03')).toBe('Nov 3, 2026');
    expect(formatDateLabel('2026-11-03', false)).toBe('Nov 3');
    expect(formatDateLabel('2026-11')).toBe('Nov 2026');
    expect(formatDateLabel('week 3')).toBe('week 3');
  });
});

describe('truncateLabel', () => {
  it('should keep short labels and cut long names at the end with an ellipsis', () => {
    expect(truncateLabel('AWS Lambda', 20)).toBe('AWS Lambda');
    const cut = truncateLabel('Amazon Elastic Container Service for Kubernetes', 20);
    expect([...cut]).toHaveLength(20);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.startsWith('Amazon Elastic')).toBe(true);
  });

  it('should keep both ends of identifiers such as ARNs', () => {
    const cut = truncateLabel('arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0', 24);
    expect(cut.startsWith('arn:aws:')).toBe(true);
    expect(cut.endsWith('abcdef0')).toBe(true);
  });

  it('should keep truncated labels distinct', () => {
    const labels = displayLabels(
      ['Team Alpha with a very long name one', 'Team Alpha with a very long name two'],
      12,
    );
    expect(new Set(labels).size).toBe(2);
  });
});
