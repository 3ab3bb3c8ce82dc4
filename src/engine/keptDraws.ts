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

/**
 * One profile's draws by replication, each replication's block of its own length, back to
 * back in one growing array: a small array per replication made the first scenario of a node
 * slower by more than the reuse saved it.
 */
export class ReplicationBlocks {
  private values = new Float64Array(4096);
  private used = 0;
  /** Where each replication's block starts in `values`; -1 when not kept. */
  private start: Int32Array = new Int32Array(0);
  private length: Int32Array = new Int32Array(0);

  /** The kept block of `replication`, or undefined. */
  block(replication: number): Float64Array | undefined {
    if (replication >= this.start.length || this.start[replication] < 0) return undefined;
    const start = this.start[replication];
    return this.values.subarray(start, start + this.length[replication]);
  }

  /** Room for `replication`'s block of `length` values, kept from now on: the caller fills it. */
  reserve(replication: number, length: number): Float64Array {
    if (replication >= this.start.length) {
      const size = Math.max(replication + 1, this.start.length * 2, 64);
      const start = new Int32Array(size).fill(-1);
      start.set(this.start);
      const lengths = new Int32Array(size);
      lengths.set(this.length);
      this.start = start;
      this.length = lengths;
    }
    if (this.used + length > this.values.length) {
      const grown = new Float64Array(Math.max(this.used + length, this.values.length * 2));
      grown.set(this.values.subarray(0, this.used));
      this.values = grown;
    }
    this.start[replication] = this.used;
    this.length[replication] = length;
    this.used += length;
    return this.values.subarray(this.used - length, this.used);
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
