/**
 * A node's external arrivals of a replication, and the first stays drawn ahead for them,
 * kept on a thread for the other scenarios of the same component. Under common random
 * numbers every scenario of a component that shares the node's arrivals and length of stay
 * draws the same times and stays (the network example: four capacity and routing scenarios
 * of each component, one arrival and one LOS scenario), and drawing them was about a twelfth
 * of its simulation: an exponential, a profile's lookup, a normal quantile and an exponential
 * function for every arrival. Nothing kept changes a number, only how often it is computed.
 */
import type { ArrivalProfile } from './arrivalProfile.js';
import { KeptDraws, ReplicationBlocks } from '../keptDraws.js';
import type { LosDistribution } from '../lengthOfStay.js';

export class ArrivalDrawsCache {
  private readonly kept: KeptDraws<ReplicationBlocks>;

  /** At most `maxValues` numbers held (8 bytes each); past that, everything kept is dropped (KeptDraws.makeRoom). */
  constructor(maxValues = 4_000_000) {
    this.kept = new KeptDraws(maxValues, () => new ReplicationBlocks());
  }

  /** The kept block of `profile`'s `replication`: its arrival times, then their stays if the profile draws them; undefined if not kept. */
  find(profile: string, replication: number): Float64Array | undefined {
    return this.kept.find(profile)?.block(replication);
  }

  /** Keeps the first `count` of `times` (and of `stays`) as `profile`'s `replication`. */
  keep(profile: string, replication: number, times: Float64Array, stays: Float64Array | undefined, count: number): void {
    const length = stays ? 2 * count : count;
    this.kept.makeRoom(length);
    const block = this.kept.hold(profile, length).reserve(replication, length);
    block.set(times.subarray(0, count));
    if (stays) block.set(stays.subarray(0, count), count);
  }
}

/**
 * What fixes a node's drawn arrivals (and its stays drawn ahead) besides the seed and the
 * replication: the arrival stream's key, the warm-up, every day's rate, the profile within
 * the day, and for the stays their stream's key and the distribution's parameters. Numbers
 * are written exactly (String gives a double's shortest round-trip form; -0 apart from 0).
 */
export function drawProfileOf(
  arrivalKey: number,
  warmupDays: number,
  rates: Float64Array,
  profile: ArrivalProfile | undefined,
  stays: { key: number; los: LosDistribution } | undefined,
): string {
  const parts = [String(arrivalKey), exact(warmupDays), Array.from(rates, exact).join(','), profile ? profile.fingerprint : '-'];
  if (stays) {
    const { family, mu, sigma, lowerTail } = stays.los;
    parts.push(String(stays.key), family, exact(mu), exact(sigma), exact(lowerTail));
  } else parts.push('-');
  return parts.join('|');
}

function exact(value: number): string {
  return Object.is(value, -0) ? '-0' : String(value);
}
