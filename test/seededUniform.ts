/**
 * A tiny seeded generator of uniforms in [0, 1) (mulberry32) for tests that make random
 * inputs: the same inputs on every machine, so a failure can be made again from its seed.
 * Not the engine's streams (src/engine/random.ts), which the tests check rather than use.
 */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
