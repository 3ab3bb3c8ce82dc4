/* eslint-disable no-loss-of-precision -- the AS 241 and Cody coefficients are kept digit for
   digit as published, so they can be checked against the papers; doubles round them. */
/**
 * Random streams and the samplers built on them.
 *
 * Every (seed, node, replication, purpose) gets its own xoroshiro128+ stream (pure-rand),
 * whose 128-bit state is derived by hashing those four coordinates. Nothing about a
 * stream depends on which worker runs it or on what ran before, which is what makes a
 * run identical for any thread count, and what gives common random numbers: every
 * scenario of a node reads the same streams for the same replication.
 */
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';

/** What a stream is used for; each purpose is an independent stream. */
export const StreamPurpose = {
  Arrivals: 1,
  LengthOfStay: 2,
  InitialState: 3,
  VisitRates: 4,
  /** Network: a patient's own draws (routing, stays after the first node), keyed by origin node and arrival index. */
  PatientJourney: 5,
  /** Network: the same for a patient already in a node at time 0, keyed by their index among that node's initial patients. */
  InitialPatientJourney: 6,
} as const;
export type StreamPurpose = (typeof StreamPurpose)[keyof typeof StreamPurpose];

export interface UniformSource {
  next(): number;
}

/** A stream of 32-bit integers from pure-rand's xoroshiro128+. */
export type RandomStream = UniformSource;

const TWO_POW_MINUS_32 = 1 / 4294967296;

/** 32-bit finaliser of MurmurHash3: a bijection with full avalanche, used to spread seeds. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** FNV-1a of a string: node ids key their streams so adding a node leaves the others' numbers unchanged. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** One 32-bit word of a stream's state: the coordinates hashed in a chain salted by `lane`. */
function stateWord(lane: number, seed: number, nodeKey: number, replication: number, purpose: number): number {
  return stateWordAfter(stateWordPrefix(lane, seed, nodeKey), replication, purpose);
}

/**
 * The first links of stateWord's chain, (lane, seed, node) alone: streams of one node in one
 * run share them, so a caller seeding many (the network's per-patient streams) hashes them once.
 */
export function stateWordPrefix(lane: number, seed: number, nodeKey: number): number {
  return fmix32(fmix32(Math.imul(lane + 1, 0x9e3779b9) ^ seed) ^ nodeKey);
}

/** stateWord from its prefix: the replication (or patient index) and purpose links. */
function stateWordAfter(prefix: number, replication: number, purpose: number): number {
  return stateWordFromLinks(prefix, replicationLink(replication), purposeLink(purpose));
}

/** What the replication (or patient index) mixes into every lane's chain. */
export function replicationLink(replication: number): number {
  return Math.imul(replication + 1, 0x27d4eb2d);
}

/** What the purpose mixes into every lane's chain. */
export function purposeLink(purpose: number): number {
  return Math.imul(purpose, 0x165667b1);
}

/**
 * stateWordAfter with its two links worked out by the caller: they are the same in all four
 * lanes, and a caller seeding hundreds of thousands of streams (each patient's) works them
 * out once a stream rather than once a lane. Word 3 must then be made odd, as createStream does.
 */
export function stateWordFromLinks(prefix: number, replication: number, purpose: number): number {
  return fmix32(fmix32(prefix ^ replication) ^ purpose);
}

/**
 * The stream for one purpose of one replication of one node. Each of the four state words
 * hashes all the coordinates in its own chain, so distinct coordinates give distinct
 * 128-bit states (not 32 bits spread over 128); an all-zero state, the one xoroshiro cannot
 * leave, is excluded by forcing a bit.
 */
export function createStream(seed: number, nodeKey: number, replication: number, purpose: StreamPurpose): RandomStream {
  const generator = xoroshiro128plusFromState([
    stateWord(0, seed, nodeKey, replication, purpose),
    stateWord(1, seed, nodeKey, replication, purpose),
    stateWord(2, seed, nodeKey, replication, purpose),
    stateWord(3, seed, nodeKey, replication, purpose) | 1,
  ]);
  // The first outputs of a freshly seeded xoroshiro are correlated with its state words.
  for (let i = 0; i < 8; i++) generator.next();
  return generator;
}

/** A uniform in the open interval (0, 1): never 0, so its logarithm and normal quantile are finite. */
export function uniform(stream: UniformSource): number {
  return ((stream.next() >>> 0) + 0.5) * TWO_POW_MINUS_32;
}

/** Exponential with rate 1, by inversion (one uniform, monotone: good for common random numbers). */
export function standardExponential(stream: UniformSource): number {
  return -Math.log(uniform(stream));
}

/**
 * Quantile function of the standard normal: Wichura's algorithm AS 241 (PPND16),
 * relative accuracy about 1e-16. Inversion uses one uniform per draw and is monotone,
 * so a scenario with a longer stay gives every patient a longer stay.
 */
export function normalQuantile(p: number): number {
  const q = p - 0.5;
  return Math.abs(q) <= 0.425 ? centralNormalQuantile(q) : tailNormalQuantile(p, q);
}

/**
 * AS 241's central region, |p - 0.5| <= 0.425 (85 % of draws), apart from the tails: small
 * enough for V8 to inline into a draw loop, so the result stays an unboxed double there
 * instead of a new heap number a draw. Whole, the function was too large to inline, and its
 * results were the largest source of the sample's garbage after the bed kernel's own.
 */
function centralNormalQuantile(q: number): number {
  const r = 0.180625 - q * q;
  return (
    (q *
      (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r +
        45921.953931549871457) *
        r +
        13731.693765509461125) *
        r +
        1971.5909503065514427) *
        r +
        133.14166789178437745) *
        r +
        3.387132872796366608)) /
    (((((((r * 5226.495278852545925 + 28729.085735721942674) * r + 39307.89580009271061) * r +
      21213.794301586595867) *
      r +
      5394.1960214247511077) *
      r +
      687.1870074920579083) *
      r +
      42.313330701600911252) *
      r +
      1)
  );
}

/** AS 241 beyond the central region: `p` and `q = p - 0.5` as normalQuantile has them. */
function tailNormalQuantile(p: number, q: number): number {
  let r = q < 0 ? p : 1 - p;
  if (r <= 0) return q < 0 ? -Infinity : Infinity;
  r = Math.sqrt(-Math.log(r));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value =
      (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r +
        1.27045825245236838258) *
        r +
        3.64784832476320460504) *
        r +
        5.7694972214606914055) *
        r +
        4.6303378461565452959) *
        r +
        1.42343711074968357734) /
      (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
        0.14810397642748007459) *
        r +
        0.68976733498510000455) *
        r +
        1.6763848301838038494) *
        r +
        2.05319162663775882187) *
        r +
        1);
  } else {
    r -= 5;
    value =
      (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
        0.026532189526576123093) *
        r +
        0.29656057182850489123) *
        r +
        1.7848265399172913358) *
        r +
        5.4637849111641143699) *
        r +
        6.6579046435011037772) /
      (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
        7.868691311456132591e-4) *
        r +
        0.0148753612908506148525) *
        r +
        0.13692988092273580531) *
        r +
        0.59983220655588793769) *
        r +
        1);
  }
  return q < 0 ? -value : value;
}

/** Standard normal by inversion. */
export function standardNormal(stream: UniformSource): number {
  return normalQuantile(uniform(stream));
}

/**
 * Standard normal distribution function, from the complementary error function
 * (W. J. Cody's rational Chebyshev approximation, absolute error below 1e-15).
 * Used only when setting up a scenario (truncation points), never per patient.
 */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

function erfc(x: number): number {
  const ax = Math.abs(x);
  let result: number;
  if (ax < 0.5) {
    const t = x * x;
    const top = (((0.185777706184603153 * t + 3.16112374387056560) * t + 113.864154151050156) * t + 377.485237685302021) * t + 3209.37758913846947;
    const bottom = (((t + 23.6012909523441209) * t + 244.024637934444173) * t + 1282.61652607737228) * t + 2844.23683343917062;
    return 1 - (x * top) / bottom;
  } else if (ax < 4) {
    const top =
      (((((((2.15311535474403846e-8 * ax + 0.564188496988670089) * ax + 8.88314979438837594) * ax + 66.1191906371416295) * ax +
        298.635138197400131) *
        ax +
        881.95222124176909) *
        ax +
        1712.04761263407058) *
        ax +
        2051.07837782607147) *
        ax +
      1230.33935479799725;
    const bottom =
      (((((((ax + 15.7449261107098347) * ax + 117.693950891312499) * ax + 537.181101862009858) * ax + 1621.38957456669019) * ax +
        3290.79923573345963) *
        ax +
        4362.61909014324716) *
        ax +
        3439.36767414372164) *
        ax +
      1230.33935480374942;
    result = Math.exp(-ax * ax) * (top / bottom);
  } else {
    const z = 1 / (ax * ax);
    const top = ((((0.0163153871373020978 * z + 0.305326634961232344) * z + 0.360344899949804439) * z + 0.125781726111229246) * z + 0.0160837851487422766) * z + 6.58749161529837803e-4;
    const bottom = ((((z + 2.56852019228982242) * z + 1.87295284992346725) * z + 0.527905102951428412) * z + 0.0605183413124413191) * z + 2.33520497626869185e-3;
    const INV_SQRT_PI = 0.5641895835477563;
    result = (Math.exp(-ax * ax) / ax) * (INV_SQRT_PI - (z * top) / bottom);
  }
  return x < 0 ? 2 - result : result;
}
