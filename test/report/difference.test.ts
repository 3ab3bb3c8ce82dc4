/**
 * The wording of a difference and its interval, shared by the web app's Plan view and
 * `pathflow optimise`: an interval that includes zero is never called a saving, and an
 * interval is never rounded until its two ends read the same.
 */
import { describe, expect, it } from 'vitest';
import { describeDifference, formatInterval } from '../../src/report/difference.js';

describe('describeDifference', () => {
  it('calls a saving a saving only when its whole interval is above zero', () => {
    expect(describeDifference({ mean: 8_400, low: 2_100, high: 19_000 })).toBe('saves £8,400 (95 % CI £2k to £19k)');
    expect(describeDifference({ mean: 7_600, low: -4_200, high: 19_300 })).toBe('no clear difference: −£4k to +£19k (95 % CI includes zero)');
    expect(describeDifference({ mean: -8_000, low: -19_000, high: -2_000 })).toBe('costs £8,000 more (95 % CI £2k to £19k)');
  });

  it('says there is no difference when every replication agrees there is none', () => {
    expect(describeDifference({ mean: 0, low: 0, high: 0 })).toBe('no difference');
  });

  it('treats an interval ending exactly at zero as including it', () => {
    expect(describeDifference({ mean: 5, low: 0, high: 10 })).toMatch(/^no clear difference/);
  });

  it('words a plain quantity with fewer and more', () => {
    expect(describeDifference({ mean: 1_234, low: 1_000, high: 1_468 }, 'number')).toBe('1,234 fewer (95 % CI 1,000 to 1,468)');
    expect(describeDifference({ mean: -12, low: -20, high: -4 }, 'number')).toBe('12 more (95 % CI 4 to 20)');
  });

  it('says it has no figure rather than printing NaN', () => {
    expect(describeDifference({ mean: NaN, low: NaN, high: NaN })).toBe('–');
  });
});

describe('formatInterval', () => {
  it('adds digits until the ends differ instead of collapsing them', () => {
    // Rounded to one decimal of a million, both ends would be £2.7m.
    expect(formatInterval(2_698_053, 2_731_400)).toBe('£2.70m to £2.73m');
    expect(formatInterval(2_698_053, 2_698_065)).toBe('£2,698,053 to £2,698,065');
    expect(formatInterval(19_420, 19_480)).toBe('£19.4k to £19.5k');
    expect(formatInterval(2_000, 19_000)).toBe('£2k to £19k');
  });

  it('falls back to a centre and half-width when the ends are less than a penny apart', () => {
    expect(formatInterval(2_698_053.101, 2_698_053.104)).toBe('£2,698,053 ± £0.0015');
  });

  it('gives both ends a sign when the interval spans zero, and keeps a shared scale', () => {
    expect(formatInterval(-4_200, 19_300)).toBe('−£4k to +£19k');
    expect(formatInterval(-1_500_000, 2_000_000)).toBe('−£1.5m to +£2.0m');
    expect(formatInterval(3, 3)).toBe('exactly £3');
  });

  it('never prints the same text for two different ends', () => {
    // A spread of magnitudes and widths: each pair must read differently.
    for (const centre of [0.3, 7, 512, 9_999, 12_345, 987_654, 2_698_053, 45_000_000]) {
      for (const width of [1e-3, 0.5, 3, 80, 1_234, 50_000]) {
        const text = formatInterval(centre, centre + width);
        const ends = text.split(' to ');
        if (ends.length === 2) expect(ends[0], `${centre} + ${width}`).not.toBe(ends[1]);
        else expect(text, `${centre} + ${width}`).toMatch(/ ± /);
      }
    }
  });
});
