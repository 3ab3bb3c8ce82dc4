import { describe, expect, it } from 'vitest';
import { csvField, csvRow, formatNumber, MAX_NUMBER_BYTES, writeNumberAt } from '../../src/csv/format.js';

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

describe('writeNumberAt', () => {
  it('writes exactly the text formatNumber gives, byte for character, edge cases and a million values', () => {
    const out = new Uint8Array(MAX_NUMBER_BYTES);
    const written = (x: number) => String.fromCharCode(...out.subarray(0, writeNumberAt(out, 0, [x], 0)));
    const edges = [0, -0, 1, -1, 9, 10, 99, 100, -0.00004, -0.00005, 0.00005, 0.99995, -0.99995, 2.5, -1.23456, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), 2 ** 31 - 0.25];
    for (const x of [...edges, 2 ** 53, 1e20 + 0.5, 1e21, -1e21, 123456789.98765, NaN, Infinity, -Infinity, Number.MIN_VALUE, Number.MAX_VALUE]) {
      expect(written(x), String(x)).toBe(formatNumber(x));
    }
    let state = 3;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296;
    for (let i = 0; i < 1_000_000; i++) {
      let x = (next() - 0.3) * 10 ** Math.floor(next() * 14 - 5);
      if (i % 3 === 0) x = Math.round(x * 100) / 100;
      if (i % 5 === 0) x = Math.round(x);
      const text = written(x);
      if (text !== formatNumber(x)) expect(text, String(x)).toBe(formatNumber(x));
    }
  });
});

describe('the fractions tables', () => {
  it('give every fraction of ten-thousandths the plain definition, as text and as bytes, the text whichever fraction is asked for first', () => {
    const plain = (x: number) => {
      const rounded = Math.round(x * 1e4) / 1e4;
      return String(Object.is(rounded, -0) ? 0 : rounded);
    };
    const out = new Uint8Array(MAX_NUMBER_BYTES);
    const written = (x: number) => String.fromCharCode(...out.subarray(0, writeNumberAt(out, 0, [x], 0)));
    // Descending, then ascending: formatNumber makes each fraction's text when first asked.
    for (const order of [-1, 1]) {
      for (let i = 0; i < 10_000; i++) {
        const fraction = order < 0 ? 9_999 - i : i;
        for (const whole of [0, 7, -3, 1234]) {
          const x = whole + (whole < 0 ? -fraction : fraction) / 1e4;
          if (formatNumber(x) !== plain(x)) expect(formatNumber(x), String(x)).toBe(plain(x));
          if (written(x) !== plain(x)) expect(written(x), String(x)).toBe(plain(x));
        }
      }
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
