import { describe, expect, it } from 'vitest';
import { nextDay, toIsoDate, toNumber, toText } from '../../src/workbook/cells.js';

describe('cell conversions', () => {
  it('reads numbers, and decimal text as numbers', () => {
    expect(toNumber(12.5, 'capacity')).toEqual({ value: 12.5 });
    expect(toNumber('1e3', 'capacity')).toEqual({ value: 1000 });
    expect(toNumber('-.5', 'capacity')).toEqual({ value: -0.5 });
    expect(toNumber('1,250', 'capacity')).toEqual({ problem: 'capacity "1,250" is not a number' });
    // Decimal text that overflows a double, and a numeric infinity, are not finite numbers.
    expect(toNumber('1e999', 'mean_los')).toEqual({ problem: 'mean_los "1e999" is not a finite number' });
    expect(toNumber('-1E400', 'mean_los')).toEqual({ problem: 'mean_los "-1E400" is not a finite number' });
    expect(toNumber(Infinity, 'mean_los')).toEqual({ problem: 'mean_los Infinity is not a finite number' });
    expect(toNumber(NaN, 'mean_los')).toEqual({ problem: 'mean_los NaN is not a number' });
    // Underflow is not overflow: 1e-999 is 0, a finite number.
    expect(toNumber('1e-999', 'mean_los')).toEqual({ value: 0 });
  });

  it('reads names from text or numbers only', () => {
    expect(toText(2024, 'scenario')).toEqual({ value: '2024' });
    expect(toText(new Date(Date.UTC(2024, 0, 1)), 'scenario')).toEqual({ problem: 'scenario 2024-01-01 is not text' });
  });

  it('refuses an invalid date object', () => {
    expect(toIsoDate(new Date(NaN), 'date', false)).toEqual({ problem: 'date is not a valid date' });
    expect(toNumber(new Date(NaN), 'value')).toEqual({ problem: 'value holds a date (an invalid date), not a number' });
  });

  it('converts serial numbers in both date systems, around the ends of months and years', () => {
    expect(toIsoDate(61, 'date', false)).toEqual({ value: '1900-03-01' });
    expect(toIsoDate(45351, 'date', false)).toEqual({ value: '2024-02-29' });
    expect(toIsoDate(2958465, 'date', false)).toEqual({ value: '9999-12-31' });
    expect(toIsoDate(0, 'date', true)).toMatchObject({ problem: expect.stringContaining('is not a date') });
    expect(toIsoDate(61, 'date', true)).toEqual({ value: '1904-03-02' });
  });

  it('steps to the next day across months and years', () => {
    expect(nextDay('2024-02-28')).toBe('2024-02-29');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
  });
});
