import { describe, expect, it } from 'vitest';
import { formatR, MAX_R_NUMBER_BYTES, writeRAt } from '../../src/csv/rFormat.js';
import { seededUniform } from '../seededUniform.js';

const decoder = new TextDecoder();
const out = new Uint8Array(64);

/** writeRAt's text, written after a few bytes of padding; too long a text is marked as a mismatch. */
function written(x: number): string {
  const end = writeRAt(out, 3, [x], 0);
  const text = decoder.decode(out.subarray(3, end));
  return end - 3 > MAX_R_NUMBER_BYTES ? `${text} (longer than MAX_R_NUMBER_BYTES)` : text;
}

/** Compares writeRAt with formatR on every value; one expect per mismatch list, not per value. */
function mismatches(values: Iterable<number>): Array<[number, string, string]> {
  const found: Array<[number, string, string]> = [];
  for (const x of values) {
    const text = written(x);
    const expected = formatR(x);
    if (text !== expected && found.length < 10) found.push([x, text, expected]);
  }
  return found;
}

function* generated(count: number, make: (random: () => number) => number, seed: number): Generator<number> {
  const random = seededUniform(seed);
  for (let i = 0; i < count; i++) {
    const x = make(random);
    yield x;
    yield -x;
  }
}

describe('writeRAt writes what formatR returns', () => {
  it('edge values', () => {
    const edges = [0, -0, NaN, Infinity, -Infinity, 1, -1, 0.5, 1e-3, 0.0009999, 0.001 - 2 ** -60, 0.0005, 1e-4, 5e-324, Number.MIN_VALUE, Number.MAX_VALUE, 99999, 99999.5, 99999.9999, 100000, 100000.5, 123456, 120000, 1e6, 2 ** 31 - 1, 2 ** 31, 2 ** 31 + 0.5, 2 ** 31 - 0.5, 1e11, 1e15, 1e21, 0.1 + 0.2, 1 / 3, 2 / 3, 0.00015, 0.99995, 9.99995, 0.30000000000000004, 2.9999999999999996, 99999.99999999999, 1.0000000000000002, Number.EPSILON];
    expect(mismatches([...edges, ...edges.map((x) => -x)])).toEqual([]);
  });

  it('whole numbers of every size', () => {
    expect(mismatches(generated(300_000, (random) => Math.floor(random() * 10 ** Math.floor(random() * 17)), 1))).toEqual([]);
  });

  it('means of replications and interpolated quantiles: few decimals, as doubles', () => {
    expect(mismatches(generated(300_000, (random) => Math.floor(random() * 100_000) / [2, 4, 5, 7, 8, 10, 20, 30, 50, 100, 1000, 10_000][Math.floor(random() * 12)], 2))).toEqual([]);
    // Type 7 quantiles: a count plus a fraction of the step to the next, as the summaries compute them.
    expect(
      mismatches(
        generated(
          300_000,
          (random) => {
            const low = Math.floor(random() * 200);
            const h = (Math.floor(random() * 200) + 1) * [0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.975][Math.floor(random() * 9)];
            return low + (h - Math.floor(h)) * Math.floor(random() * 5);
          },
          3,
        ),
      ),
    ).toEqual([]);
  });

  it('ten-thousandths near rounding edges', () => {
    expect(mismatches(generated(300_000, (random) => Math.floor(random() * 2 ** 35) / 10_000 + (random() < 0.5 ? 0 : (random() - 0.5) * 1e-9), 4))).toEqual([]);
  });

  it('doubles of any magnitude and digits', () => {
    expect(mismatches(generated(500_000, (random) => random() * 10 ** (Math.floor(random() * 40) - 20), 5))).toEqual([]);
    // Bit patterns: every exponent, subnormals and non-finite values included.
    const bits = new Float64Array(1);
    const words = new Uint32Array(bits.buffer);
    const random = seededUniform(6);
    expect(
      mismatches(
        (function* () {
          for (let i = 0; i < 300_000; i++) {
            words[0] = Math.floor(random() * 2 ** 32);
            words[1] = Math.floor(random() * 2 ** 32);
            yield bits[0];
          }
        })(),
      ),
    ).toEqual([]);
  });
});
