import { describe, expect, it } from 'vitest';
import { formatR, formatRByWidths, quoteR, roundHalfEven } from '../../src/csv/rFormat.js';
import { HAVE_REFERENCE, MISSING_REFERENCE, REFERENCE_FILES, REFERENCE_SETS, readReference, splitLine, unquote } from './ipacsReference.js';

describe('formatR: R write.csv number format (15 significant digits, fixed unless wider)', () => {
  it.each([
    // The notes' worked examples, from the R model's own files.
    [2.67377660968459e-5, '2.67377660968459e-05'], // fixed would be 21 characters against 20
    [0.000418060388742694, '0.000418060388742694'], // 20 against 20: a tie goes to fixed
    [100000, '1e+05'],
    [0.0001, '1e-04'],
    [200000, '2e+05'],
    [31, '31'],
    [97.9229009745521, '97.9229009745521'],
    [2.19999999999999, '2.19999999999999'],
    [0.424999999999983, '0.424999999999983'],
    [41.45, '41.45'],
    [2000, '2000'],
    // Whole numbers: fixed while no wider than scientific.
    [0, '0'],
    [-0, '0'],
    [1, '1'],
    [10, '10'],
    [123456, '123456'],
    [120000, '120000'],
    [1200000, '1200000'],
    [1e6, '1e+06'],
    [123456789012, '123456789012'],
    [1e15, '1e+15'],
    // 15 significant digits make it 1.23456789012346e+15 (20 wide); fixed (16 wide) prints every digit.
    [1234567890123456, '1234567890123456'],
    [2 ** 53, '9007199254740992'],
    [1.2345678901234568e20, '1.23456789012346e+20'],
    [1e21, '1e+21'],
    // Fractions.
    [0.1, '0.1'],
    [0.1 + 0.2, '0.3'],
    [1 / 3, '0.333333333333333'],
    [2 / 3, '0.666666666666667'],
    [0.5, '0.5'],
    [0.001, '0.001'],
    [0.00012, '0.00012'],
    [0.000123, '0.000123'],
    [1.5e-5, '1.5e-05'],
    [2.35502874127685e-7, '2.35502874127685e-07'],
    [1e-300, '1e-300'],
    [1.5e-300, '1.5e-300'],
    [1e100, '1e+100'],
    [123.456, '123.456'],
    [1e-15, '1e-15'],
    // Rounding to 15 digits carries into a new power of ten: R counts one digit fewer.
    [99999.99999999999, '100000'],
    [0.9999999999999999, '1'],
    [9.999999999999999e-5, '1e-04'],
    // Negative numbers: the sign counts in both widths.
    [-1, '-1'],
    [-1.5, '-1.5'],
    [-31, '-31'],
    [-97.9229009745521, '-97.9229009745521'],
    [-2.67377660968459e-5, '-2.67377660968459e-05'],
    [-0.000418060388742694, '-0.000418060388742694'],
    [-100000, '-1e+05'],
    [-0.0001, '-1e-04'],
    [-123456789012, '-123456789012'],
    [-1e-300, '-1e-300'],
  ])('formatR(%s) = %s', (x, expected) => {
    expect(formatR(x)).toBe(expected);
  });

  it('prints NA for values that are not finite', () => {
    expect(formatR(NaN)).toBe('NA');
    expect(formatR(Infinity)).toBe('NA');
    expect(formatR(-Infinity)).toBe('NA');
  });

  it('keeps at most 15 significant digits and round-trips them', () => {
    for (const x of [Math.PI, Math.E * 1e7, 1 / 7, 123.45678901234567, 6.02214076e23, 1.602176634e-19]) {
      const text = formatR(x);
      const digits = text.replace(/^-/, '').replace(/e.*$/, '').replace('.', '').replace(/^0+/, '');
      expect(digits.length).toBeLessThanOrEqual(15);
      expect(Number(text)).toBe(Number(x.toPrecision(15)));
    }
  });
});

describe.skipIf(!HAVE_REFERENCE)(`formatR against every number in the R model's reference CSVs${HAVE_REFERENCE ? '' : ` (${MISSING_REFERENCE})`}`, () => {
  for (const set of REFERENCE_SETS) {
    for (const kind of REFERENCE_FILES) {
      it(`${set.name} ${kind}: every unquoted number prints as R printed it`, () => {
        const lines = readReference(set, kind).split('\n');
        let checked = 0;
        const mismatches: string[] = [];
        for (const line of lines.slice(1)) {
          for (const field of splitLine(line)) {
            // Skip quoted strings and the ISO dates.
            if (field === '' || field.startsWith('"') || /^\d{4}-\d\d-\d\d$/.test(field)) continue;
            checked++;
            const printed = formatR(Number(field));
            if (printed !== field && mismatches.length < 10) mismatches.push(`${field} -> ${printed}`);
          }
        }
        expect(mismatches).toEqual([]);
        expect(checked).toBeGreaterThan(10_000);
      });
    }
  }

  it('the reference files hold scientific and long fixed values, so the check above bites', () => {
    const stochastic = readReference(REFERENCE_SETS[0], 'stochastic_bed_output');
    expect(stochastic).toMatch(/,\d\.\d+e-05,/);
    expect(stochastic).toMatch(/,0\.000\d{15},/);
  });
});

describe('roundHalfEven: R round(), halves to even', () => {
  it.each([
    [0, 0],
    [0.4, 0],
    [0.5, 0],
    [0.6, 1],
    [1.5, 2],
    [2.5, 2],
    [3.5, 4],
    [97.5, 98],
    [98.5, 98],
    [-0.5, 0],
    [-1.5, -2],
    [-2.5, -2],
    [-2.6, -3],
    [2.4999999999999996, 2],
    [0.49999999999999994, 0],
    [4503599627370497, 4503599627370497],
    [1e300, 1e300],
  ])('roundHalfEven(%s) = %s', (x, expected) => {
    expect(roundHalfEven(x)).toBe(expected);
  });

  it('never returns -0, so a rounded mean cannot print as "-0"', () => {
    expect(Object.is(roundHalfEven(-0.4), 0)).toBe(true);
    expect(Object.is(roundHalfEven(-0.5), 0)).toBe(true);
    expect(Object.is(roundHalfEven(-0), 0)).toBe(true);
  });

  it('passes non-finite values through', () => {
    expect(roundHalfEven(NaN)).toBeNaN();
    expect(roundHalfEven(Infinity)).toBe(Infinity);
  });
});

describe.skipIf(!HAVE_REFERENCE)(`roundHalfEven reproduces R's rounded bed means${HAVE_REFERENCE ? '' : ` (${MISSING_REFERENCE})`}`, () => {
  for (const set of REFERENCE_SETS) {
    it(`${set.name}: bed_output occ and niq = formatR(roundHalfEven(stochastic mean at time = row - 1))`, () => {
      const stochastic = readReference(set, 'stochastic_bed_output').trimEnd().split('\n');
      const columns = splitLine(stochastic[0]).map(unquote);
      const [nodeAt, timeAt, measureAt, meanAt] = ['node', 'time', 'measure', 'mean'].map((name) => columns.indexOf(name));
      const means = new Map<string, number>();
      for (const line of stochastic.slice(1)) {
        const f = splitLine(line);
        means.set(`${f[nodeAt]}/${f[timeAt]}/${unquote(f[measureAt])}`, Number(f[meanAt]));
      }
      const bed = readReference(set, 'bed_output').trimEnd().split('\n');
      const header = splitLine(bed[0]).map(unquote);
      const occColumns = header.filter((name) => name.endsWith('__occ')).length;
      let checked = 0;
      header.forEach((name, column) => {
        const match = /__(occ|niq)$/.exec(name);
        if (!match) return;
        // Within a block, columns follow the scenario order, i.e. the stochastic `node` index.
        const node = ((column - 1) % occColumns) + 1;
        bed.slice(1).forEach((line, row) => {
          const mean = means.get(`${node}/${row}/${match[1]}`)!;
          expect(splitLine(line)[column]).toBe(formatR(roundHalfEven(mean)));
          checked++;
        });
      });
      // The reference means hold no exact halves, so the unit cases above carry half-to-even.
      expect(checked).toBe(2 * occColumns * (bed.length - 1));
    });
  }
});

describe('quoteR', () => {
  it('quotes always and doubles inner quotes', () => {
    expect(quoteR('P2_B')).toBe('"P2_B"');
    expect(quoteR('a"b')).toBe('"a""b"');
    expect(quoteR('')).toBe('""');
  });
});

describe('formatR fast paths', () => {
  it('agree with the general width rule on 200,000 values of every shape', () => {
    // A fixed LCG so the values are the same on every run.
    let state = 12345;
    const next = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state / 4294967296;
    };
    for (let i = 0; i < 200_000; i++) {
      const magnitude = 10 ** Math.floor(next() * 24 - 8);
      const kind = i % 4;
      let x = next() * magnitude;
      if (kind === 1) x = Math.round(x);
      if (kind === 2) x = Math.round(next() * 1000) * 10 ** Math.floor(next() * 8);
      if (kind === 3) x = Math.round(x * 1000) / 1000;
      if (i % 7 === 0) x = -x;
      expect(formatR(x), String(x)).toBe(formatRByWidths(x));
    }
  });
});
