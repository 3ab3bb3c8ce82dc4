import type { UniformSource } from './random.js';

/**
 * Draws kept for the scenarios that share them. Under common random numbers a node's
 * scenarios read the same streams, so many draws are the same across them (referral times
 * across capacity and LOS scenarios; stays and visit rates across capacity and arrival
 * scenarios). A thread keeps them here, by profile (what picks the draws: seed, node and
 * the distribution's parameters), within a bound on the values held. Nothing kept changes a
 * number, only how often it is computed.
 */
export class KeptDraws<Profile> {
  private readonly profiles = new Map<string, Profile>();
  private storedValues = 0;

  constructor(
    private readonly maxValues: number,
    private readonly create: () => Profile,
  ) {}

  /** The profile's draws, if any are kept. */
  find(key: string): Profile | undefined {
    return this.profiles.get(key);
  }

  /**
   * Makes room for `more` values. Past the bound every profile is dropped, rather than
   * tracking use: a run moves through its nodes in order, so what a later node needs is new
   * anyway. Returns true when it dropped them (nothing found before is kept then).
   */
  makeRoom(more: number): boolean {
    if (this.storedValues + more <= this.maxValues) return false;
    this.profiles.clear();
    this.storedValues = 0;
    return true;
  }

  /** The profile's draws, created if need be, counting `values` newly held in them. */
  hold(key: string, values: number): Profile {
    this.storedValues += values;
    let profile = this.profiles.get(key);
    if (!profile) {
      profile = this.create();
      this.profiles.set(key, profile);
    }
    return profile;
  }
}

/** A sequence of draws kept with the stream positioned after it, to draw more. */
export interface KeptSequence<Values extends Float64Array | Int32Array> {
  values: Values;
  count: number;
  stream: UniformSource;
}

/**
 * Extends `kept` to at least `count` draws, with `draw(stream, out, from, to)` filling
 * `out[from, to)`; the array grows with room to spare for a scenario with a few more.
 */
export function extendSequence<Values extends Float64Array | Int32Array>(
  kept: KeptSequence<Values>,
  count: number,
  draw: (stream: UniformSource, out: Values, from: number, to: number) => void,
): void {
  if (kept.values.length < count) {
    const grown = new (kept.values.constructor as new (length: number) => Values)(Math.ceil(count * 1.25) + 16);
    grown.set(kept.values.subarray(0, kept.count));
    kept.values = grown;
  }
  if (kept.count < count) draw(kept.stream, kept.values, kept.count, count);
  kept.count = Math.max(kept.count, count);
}
