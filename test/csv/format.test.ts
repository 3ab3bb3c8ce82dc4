import { describe, expect, it } from 'vitest';
import { csvField, csvRow, formatNumber } from '../../src/csv/format.js';

describe('formatNumber', () => {
  it('rounds to 4 decimals and drops trailing zeros', () => {
    expect(formatNumber(97.92290097455212)).toBe('97.9229');
    expect(formatNumber(2.5)).toBe('2.5');
    expect(formatNumber(-0.00004)).toBe('0');
    expect(formatNumber(-1.23456)).toBe('-1.2346');
    expect(formatNumber(0.00005)).toBe('0.0001');
    expect(formatNumber(12)).toBe('12');
    expect(formatNumber(1e20 + 0.5)).toBe('100000000000000000000');
    expect(formatNumber(NaN)).toBe('');
    expect(formatNumber(Infinity)).toBe('');
  });

  it('equals the plain definition, String(Math.round(x * 1e4) / 1e4), on a million values', () => {
    const plain = (x: number) => {
      const rounded = Math.round(x * 1e4) / 1e4;
      return String(Object.is(rounded, -0) ? 0 : rounded);
    };
    let state = 1;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296;
    for (let i = 0; i < 1_000_000; i++) {
      let x = (next() - 0.3) * 10 ** Math.floor(next() * 12 - 5);
      if (i % 3 === 0) x = Math.round(x * 100) / 100;
      const text = formatNumber(x);
      if (text !== plain(x)) expect(text, String(x)).toBe(plain(x));
    }
  });
});

describe('csv fields', () => {
  it('quotes only fields that need it', () => {
    expect(csvField('P2_B')).toBe('P2_B');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvRow(['x', 'y\nz'])).toBe('x,"y\nz"');
  });
});
