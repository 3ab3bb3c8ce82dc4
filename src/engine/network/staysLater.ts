/**
 * A node's arrival stays drawn ahead as their uniforms, and worked out into stays only for
 * the arrivals admitted (SimulatorState.staysLater). Every family's stay is its quantile at
 * one uniform (sampleLos is losQuantile of one draw), so a uniform drawn now and its quantile
 * taken later give the stay a draw then would have given, bit for bit.
 */
import { losQuantile, type LosDistribution } from '../lengthOfStay.js';
import { normalQuantile, uniform, type UniformSource } from '../random.js';

/**
 * Stays worked out at a time beyond the one asked for: admissions come in arrival order, so
 * one call covers the next arrivals as well, and at most a batch past the last admitted is
 * worked out for nothing.
 */
export const STAYS_A_BATCH = 64;

/** Fills `out[0, count)` with the next `count` uniforms of `stream`: the ones `count` calls of sampleLos would use. */
export function drawUniforms(stream: UniformSource, out: Float64Array, count: number): void {
  for (let i = 0; i < count; i++) out[i] = uniform(stream);
}

/** Replaces the uniforms in `values[from, to)` by their stays (losQuantile), in place. */
export function staysFromUniforms(distribution: LosDistribution, values: Float64Array, from: number, to: number): void {
  if (distribution.family === 'lnorm') {
    // losQuantile's lognormal, inlined as drawStays has it: most of a bed node's random-number work.
    const { mu, sigma } = distribution;
    for (let i = from; i < to; i++) values[i] = Math.exp(mu + sigma * normalQuantile(values[i]));
  } else {
    for (let i = from; i < to; i++) values[i] = losQuantile(distribution, values[i]);
  }
}
