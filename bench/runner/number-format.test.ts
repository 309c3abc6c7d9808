import { describe, expect, it } from 'vitest';
import { formatNumber, formatValue } from './number-format';

describe('formatNumber', () => {
  it.each([
    [12_345.6, '12,346'],
    [100, '100'],
    [99.95, '100'],
    [12.34, '12.3'],
    [10, '10'],
    [1.2345, '1.23'],
    [0.012345, '0.0123'],
    [0, '0'],
    [-4_200, '-4,200'],
  ])('%d → %s', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });
});

describe('formatValue', () => {
  it('adds the unit, prints percentages with one decimal and says when nothing was measured', () => {
    expect(formatValue(5_120, 'events/s')).toBe('5,120 events/s');
    expect(formatValue(41.25, '%')).toBe('41.3 %');
    expect(formatValue(35, '%')).toBe('35 %');
    expect(formatValue(7, '')).toBe('7');
    expect(formatValue(null, 'ms')).toBe('not measured');
  });
});
