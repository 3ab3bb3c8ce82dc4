/**
 * Every patient's own random stream, kept in typed arrays instead of one generator object
 * per patient: a replication meets hundreds of thousands of patients, and those objects were
 * a fifth of the run time in garbage collection. The draws are exactly createStream's
 * (xoroshiro128+ as pure-rand implements it, seeded by the same state words).
 */
import { purposeLink, replicationLink, stateWordFromLinks, stateWordPrefix, type StreamPurpose, type UniformSource } from '../random.js';

/** createStream discards this many outputs: the first of a freshly seeded xoroshiro are correlated with its state. */
const DISCARDED_OUTPUTS = 8;

export class PatientStreams implements UniformSource {
  private s01 = new Int32Array(1024);
  private s00 = new Int32Array(1024);
  private s11 = new Int32Array(1024);
  private s10 = new Int32Array(1024);
  private selected = 0;
  /** The four lanes' stateWordPrefix for (prefixSeed, prefixKey). */
  private prefix0 = 0;
  private prefix1 = 0;
  private prefix2 = 0;
  private prefix3 = 0;
  private prefixSeed = 0;
  private prefixKey = 0;
  private prefixed = false;

  /** Seeds patient slot `p`'s stream as createStream(seed, nodeKey, index, purpose) would, and selects it. */
  seed(p: number, seed: number, nodeKey: number, index: number, purpose: StreamPurpose): this {
    if (p >= this.s01.length) this.grow(p + 1);
    // Patients of one origin share (seed, node key): its half of the hash chain is kept.
    if (seed !== this.prefixSeed || nodeKey !== this.prefixKey || !this.prefixed) {
      this.prefix0 = stateWordPrefix(0, seed, nodeKey);
      this.prefix1 = stateWordPrefix(1, seed, nodeKey);
      this.prefix2 = stateWordPrefix(2, seed, nodeKey);
      this.prefix3 = stateWordPrefix(3, seed, nodeKey);
      this.prefixSeed = seed;
      this.prefixKey = nodeKey;
      this.prefixed = true;
    }
    // The index and purpose links are the same in every lane: worked out once (a quarter of
    // the seeding's time, which is a twentieth of a network run's).
    const indexLink = replicationLink(index);
    const purposeMix = purposeLink(purpose);
    let s01 = stateWordFromLinks(this.prefix0, indexLink, purposeMix);
    let s00 = stateWordFromLinks(this.prefix1, indexLink, purposeMix);
    let s11 = stateWordFromLinks(this.prefix2, indexLink, purposeMix);
    let s10 = stateWordFromLinks(this.prefix3, indexLink, purposeMix) | 1;
    // The discarded outputs are next()'s steps on locals, stored once at the end.
    for (let i = 0; i < DISCARDED_OUTPUTS; i++) {
      const a0 = s10 ^ s00;
      const a1 = s11 ^ s01;
      const next00 = (s00 << 24) ^ (s01 >>> 8) ^ a0 ^ (a0 << 16);
      s01 = (s01 << 24) ^ (s00 >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16));
      s00 = next00;
      s10 = (a1 << 5) ^ (a0 >>> 27);
      s11 = (a0 << 5) ^ (a1 >>> 27);
    }
    this.s00[p] = s00;
    this.s01[p] = s01;
    this.s10[p] = s10;
    this.s11[p] = s11;
    this.selected = p;
    return this;
  }

  /** Makes slot `p`'s stream the one `next` draws from (it must have been seeded). */
  select(p: number): this {
    this.selected = p;
    return this;
  }

  /** The next 32-bit output of the selected stream (pure-rand's XoroShiro128Plus.next, on the arrays). */
  next(): number {
    const p = this.selected;
    const s00 = this.s00[p];
    const s01 = this.s01[p];
    const s10 = this.s10[p];
    const s11 = this.s11[p];
    const out = (s00 + s10) | 0;
    const a0 = s10 ^ s00;
    const a1 = s11 ^ s01;
    this.s00[p] = (s00 << 24) ^ (s01 >>> 8) ^ a0 ^ (a0 << 16);
    this.s01[p] = (s01 << 24) ^ (s00 >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16));
    this.s10[p] = (a1 << 5) ^ (a0 >>> 27);
    this.s11[p] = (a0 << 5) ^ (a1 >>> 27);
    return out;
  }

  /** Room for patient slots below `total` (see PatientTable.reserve). */
  reserve(total: number): void {
    if (total > this.s01.length) this.grow(total);
  }

  private grow(needed: number): void {
    let size = this.s01.length * 2;
    while (size < needed) size *= 2;
    const grow = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.s01 = grow(this.s01);
    this.s00 = grow(this.s00);
    this.s11 = grow(this.s11);
    this.s10 = grow(this.s10);
  }
}
