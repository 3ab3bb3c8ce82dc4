/**
 * Small statistical helpers the summaries need, written for typed arrays and no allocation.
 */
import { normalQuantile } from './random.js';

/**
 * Sample quantile of sorted data by linear interpolation between order statistics
 * (Hyndman and Fan type 7, R's default), so quantiles line up with what IPACS reports.
 * The arithmetic is R's own, `(1 - h) x[lo] + h x[hi]` and only when the two differ, so
 * even its rounding artefacts (2.19999999999999) come out the same.
 */
export function quantileSorted(sorted: ArrayLike<number>, length: number, p: number): number {
  if (length === 0) return NaN;
  const { lower, upper, weight } = type7(length, p);
  return interpolate(sorted[lower], sorted[upper], weight);
}

/**
 * Where the type 7 quantile at level `p` of `length` sorted values reads: the 0-based
 * positions of the order statistics either side and the weight of the upper one. 1-based as
 * in R: 1 + (n - 1) p loses different low bits from (n - 1) p, and the weight must match.
 */
function type7(length: number, p: number): { lower: number; upper: number; weight: number } {
  const index = 1 + (length - 1) * p;
  const below = Math.floor(index);
  return { lower: below - 1, upper: Math.min(length, Math.ceil(index)) - 1, weight: index - below };
}

/** R's own interpolation between the two order statistics, and only when they differ. */
function interpolate(low: number, high: number, weight: number): number {
  return weight > 0 && high !== low ? (1 - weight) * low + weight * high : low;
}

/** ln Gamma(x) for x > 0 (Lanczos, g = 7, n = 9; relative error below 1e-14). */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = c[0];
  for (let i = 1; i < 9; i++) sum += c[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Regularised incomplete beta I_x(a, b), by its continued fraction (modified Lentz). */
function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  if (x > (a + 1) / (a + b + 2)) return 1 - incompleteBeta(1 - x, b, a);
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x)) / a;
  const tiny = 1e-300;
  let f = 1;
  let c = 1;
  let d = 0;
  for (let i = 0; i <= 400; i++) {
    const m = i >> 1;
    let numerator: number;
    if (i === 0) numerator = 1;
    else if (i % 2 === 0) numerator = (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m));
    else numerator = -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
    d = 1 + numerator * d;
    if (Math.abs(d) < tiny) d = tiny;
    d = 1 / d;
    c = 1 + numerator / c;
    if (Math.abs(c) < tiny) c = tiny;
    const step = c * d;
    f *= step;
    if (Math.abs(1 - step) < 1e-15) break;
  }
  return front * (f - 1);
}

/** Distribution function of Student's t with `n` degrees of freedom. */
export function studentTCdf(t: number, n: number): number {
  const tail = 0.5 * incompleteBeta(n / (n + t * t), n / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/**
 * Quantile of Student's t distribution: exact for 1 and 2 degrees of freedom; otherwise
 * Newton's method on the distribution function from the Cornish-Fisher expansion
 * (Abramowitz and Stegun 26.7.5); accurate to about 1e-9, far finer than any interval needs.
 */
export function studentTQuantile(p: number, degreesOfFreedom: number): number {
  const n = degreesOfFreedom;
  if (!(n > 0)) return NaN;
  if (n === 1) return Math.tan(Math.PI * (p - 0.5));
  if (n === 2) {
    const a = 4 * p * (1 - p);
    return (2 * p - 1) * Math.sqrt(2 / a);
  }
  const z = normalQuantile(p);
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  let t = z + g1 / n + g2 / (n * n) + g3 / (n * n * n) + g4 / (n * n * n * n);
  const logNormaliser = logGamma((n + 1) / 2) - logGamma(n / 2) - 0.5 * Math.log(n * Math.PI);
  for (let i = 0; i < 50; i++) {
    const density = Math.exp(logNormaliser - ((n + 1) / 2) * Math.log1p((t * t) / n));
    const step = (studentTCdf(t, n) - p) / density;
    t -= step;
    if (Math.abs(step) < 1e-12 * Math.max(1, Math.abs(t))) break;
  }
  return t;
}

/** A mean over replications with its 95 % confidence interval (t-based). */
export interface Estimate {
  mean: number;
  low: number;
  high: number;
  /** Standard error of the mean. */
  se: number;
}

/** Mean and t-interval of `values[offset + i * stride]`, i < count. */
export function estimateStrided(values: Float64Array, offset: number, stride: number, count: number): Estimate {
  let sum = 0;
  for (let i = 0; i < count; i++) sum += values[offset + i * stride];
  const mean = sum / count;
  if (count < 2) return { mean, low: NaN, high: NaN, se: NaN };
  let squares = 0;
  for (let i = 0; i < count; i++) {
    const deviation = values[offset + i * stride] - mean;
    squares += deviation * deviation;
  }
  const se = Math.sqrt(squares / (count - 1) / count);
  const half = studentT975(count - 1) * se;
  return { mean, low: mean - half, high: mean + half, se };
}

/** studentTQuantile(0.975, n) by n, each worked out once (see studentT975). */
const studentT975ByDegrees = new Map<number, number>();

/**
 * studentTQuantile(0.975, degreesOfFreedom), the same number, remembered: a run's estimates
 * all have the same count, and each quantile is Newton steps over the incomplete beta's
 * continued fraction, which cold cost the IPACS sample's 648 horizon estimates 9-12 ms of
 * CPU and a TurboFan compile of 28 ms, against a lookup.
 */
export function studentT975(degreesOfFreedom: number): number {
  let t = studentT975ByDegrees.get(degreesOfFreedom);
  if (t === undefined) {
    t = studentTQuantile(0.975, degreesOfFreedom);
    studentT975ByDegrees.set(degreesOfFreedom, t);
  }
  return t;
}

/** Mean over replications with a 95 % t-interval. */
export function estimateOf(values: Float64Array): Estimate {
  return estimateStrided(values, 0, 1, values.length);
}

/** Mean over replications of `a[r] - b[r]`, with its 95 % t-interval. */
export function pairedDifference(a: Float64Array, b: Float64Array): Estimate {
  const differences = new Float64Array(a.length);
  for (let r = 0; r < a.length; r++) differences[r] = a[r] - b[r];
  return estimateOf(differences);
}

/** Integer columns spanning fewer values than this are counting-sorted. */
const COUNTING_RANGE = 4096;
/** Below this many values, insertion sort beats any partitioning (no call overhead). */
const INSERTION_LENGTH = 24;

/**
 * The 0-based positions in sorted data of `length` values that quantileSorted reads for
 * `levels` (two per level at most), ascending and without repeats.
 */
export function quantilePositions(length: number, levels: readonly number[]): Int32Array {
  const positions = new Set<number>();
  if (length > 0) {
    for (const p of levels) {
      const { lower, upper } = type7(length, p);
      positions.add(lower);
      positions.add(upper);
    }
  }
  return Int32Array.from([...positions].sort((a, b) => a - b));
}

/**
 * Type 7 quantiles at fixed levels of columns of `length` values, worked out once: the
 * positions placeOrderStatistics must fill, and how each level reads them.
 */
export class QuantilePlan {
  readonly positions: Int32Array;
  private readonly lower: Int32Array;
  private readonly upper: Int32Array;
  private readonly weight: Float64Array;

  constructor(
    readonly length: number,
    readonly levels: readonly number[],
  ) {
    this.positions = quantilePositions(length, levels);
    this.lower = new Int32Array(levels.length);
    this.upper = new Int32Array(levels.length);
    this.weight = new Float64Array(levels.length);
    levels.forEach((p, q) => {
      const { lower, upper, weight } = type7(length, p);
      this.lower[q] = lower;
      this.upper[q] = upper;
      this.weight[q] = weight;
    });
  }

  /** Level `q` of the column at `values[start ...]`, once placeOrderStatistics has filled it. */
  value(values: Float64Array, start: number, q: number): number {
    if (this.length === 0) return NaN;
    return interpolate(values[start + this.lower[q]], values[start + this.upper[q]], this.weight[q]);
  }
}

/**
 * Puts in every position in `positions` (ascending) of the column `values[start, start +
 * length)` the value it would hold were the column sorted, which is all a quantile reads;
 * the column's other entries are scratch afterwards. Returns the sum of the column, read on
 * the same pass (for the mean). Columns are addressed in place, not as subarrays: a view
 * object per column was an eighth of the summary's time at 50 replications.
 *
 * Whole numbers within a range small beside their number (counts of patients, P1's queue)
 * are counted: linear time however many replications, and only the wanted positions are
 * written back. Other columns of fewer than 128 values (occupancy, cost and wait at 50 or
 * 100 replications) are sorted through buckets, and longer ones get their wanted positions
 * through buckets too (placeByBuckets). What buckets cannot tell apart goes to a multiple
 * selection: a quicksort that only recurses into the parts holding a wanted position.
 * `counts` is scratch from columnSortScratch().
 */
export function placeOrderStatistics(values: Float64Array, start: number, length: number, positions: Int32Array, counts: Int32Array): number {
  const end = start + length;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let whole = true;
  for (let i = start; i < end; i++) {
    const v = values[i];
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
    if (whole && v !== Math.floor(v)) whole = false;
  }
  // Most columns of a network's nodes are one value in every replication (a count nobody
  // reached, a capacity that never changed): every position already holds it. Zeros are
  // written as counting would write them, since -0 and 0 compare equal but are not the same.
  if (min === max) {
    if (min === 0 && length > INSERTION_LENGTH) for (let p = 0; p < positions.length; p++) values[start + positions[p]] = 0;
    return sum;
  }
  // Counting pays when the range is small beside the number of values: walking 4,000
  // empty counts to place the order statistics of 50 replications does not.
  if (whole && max - min < Math.min(COUNTING_RANGE, 2 * length) && length > INSERTION_LENGTH) {
    const range = max - min + 1;
    counts.fill(0, 0, range);
    for (let i = start; i < end; i++) counts[values[i] - min]++;
    // Walk the counts once, writing each wanted position's value as its rank is passed.
    let below = 0;
    let value = 0;
    for (let p = 0; p < positions.length; p++) {
      const position = positions[p];
      while (below <= position) below += counts[value++];
      values[start + position] = min + value - 1;
    }
  } else if (positions.length > 0 && length > 0) {
    const placed =
      length < BUCKETING_LENGTH
        ? length > INSERTION_LENGTH && sortSmallByBuckets(values, start, length, positions, counts, min, max, sum)
        : placeByBuckets(values, start, length, positions, counts, min, max, sum);
    if (!placed) {
      multipleSelect(values, start, start, end - 1, positions, 0, positions.length, selectionDepth(length));
    }
  }
  return sum;
}

/**
 * The sorted values of a short column (fewer than BUCKETING_LENGTH), for placeOrderStatistics:
 * each value is counted into one of `length` buckets of equal width between `min` and `max` (a
 * monotone map, so a bucket holds a range of ranks), the values are laid out bucket by bucket,
 * and an insertion sort puts each bucket in order, moving a value only past others of its
 * bucket; then the wanted positions are written. On the IPACS sample's columns of 50 this
 * took about half the time of an insertion sort in the order of the day before (47-206
 * shifts a column) and a third of a multiple selection. Equal numbers are the same number,
 * so these are the values any sort places, with two exceptions it leaves to the selection
 * (false, the column untouched): a -0 (which of 0 and -0 lands where depends on the order
 * of the work) and a range buckets cannot split (a NaN, an infinity, a range too fine for a
 * finite scale).
 */
function sortSmallByBuckets(values: Float64Array, start: number, length: number, positions: Int32Array, counts: Int32Array, min: number, max: number, sum: number): boolean {
  const scale = (length - 1) / (max - min);
  // (v - min) * scale rounds to at most (length - 1)(1 + 2^-52)^2, so the bucket is below length.
  if (sum !== sum || !Number.isFinite(scale) || !(scale > 0)) return false;
  // counts[1 + b]: values in bucket b, then where bucket b starts; counts[BUCKET_OF + i]: value i's bucket.
  for (let b = 0; b <= length; b++) counts[b] = 0;
  for (let i = 0; i < length; i++) {
    const v = values[start + i];
    if (v === 0 && 1 / v < 0) return false;
    const bucket = ((v - min) * scale) | 0;
    counts[BUCKET_OF + i] = bucket;
    counts[bucket + 1]++;
  }
  for (let b = 1; b <= length; b++) counts[b] += counts[b - 1];
  const sorted = smallColumnScratch;
  for (let i = 0; i < length; i++) sorted[counts[counts[BUCKET_OF + i]]++] = values[start + i];
  insertionSort(sorted, 0, length - 1);
  for (let p = 0; p < positions.length; p++) values[start + positions[p]] = sorted[positions[p]];
  return true;
}

/**
 * Columns at least this long have only their wanted ranks' buckets ordered (placeByBuckets);
 * shorter ones are sorted whole (sortSmallByBuckets).
 */
const BUCKETING_LENGTH = 128;
/** Where sortSmallByBuckets keeps each value's bucket in `counts`, after the bucket counts. */
const BUCKET_OF = BUCKETING_LENGTH + 1;
/** sortSmallByBuckets' values laid out by bucket: one per thread, as the engine runs one column at a time. */
const smallColumnScratch = new Float64Array(BUCKETING_LENGTH);

/**
 * placeOrderStatistics for fractions, in three linear passes instead of a quicksort's many:
 * the values are counted into buckets of equal width between `min` and `max` (a monotone
 * map, so a bucket holds a range of ranks), the few buckets holding a wanted rank are moved to
 * the front of the column, and a multiple selection over them (a few dozen values of 1,000)
 * places the wanted ranks, which are then copied to their positions. The values are the
 * very order statistics a selection over the whole column finds. Returns false, having
 * left the column as it was, when it cannot tell them apart that way: a NaN, an infinite or
 * too fine a range, or a -0 (which of 0 and -0 lands at a position depends on the order of
 * the work). `counts` holds the bucket counts, then the wanted ranks among the values moved.
 */
function placeByBuckets(values: Float64Array, start: number, length: number, positions: Int32Array, counts: Int32Array, min: number, max: number, sum: number): boolean {
  const wanted = positions.length;
  const buckets = Math.min(length, counts.length - wanted);
  const range = max - min;
  const scale = (buckets - 1) / range;
  // (v - min) * scale rounds to at most (buckets - 1)(1 + 2^-52)^2, so the index never reaches buckets.
  if (buckets < 2 || sum !== sum || !Number.isFinite(range) || !Number.isFinite(scale) || !(scale > 0)) return false;
  const end = start + length;
  counts.fill(0, 0, buckets);
  for (let i = start; i < end; i++) {
    const v = values[i];
    if (v === 0 && 1 / v < 0) return false;
    counts[((v - min) * scale) | 0]++;
  }
  // Find each wanted rank's bucket, walking the counts once; mark the bucket (-1) and note
  // the rank's place among the values of marked buckets, which are gathered in bucket order.
  const ranks = buckets;
  let bucket = 0;
  let below = 0;
  let gathered = 0;
  let current = -1;
  let currentCount = 0;
  let currentOffset = 0;
  for (let k = 0; k < wanted; k++) {
    const position = positions[k];
    if (current < 0 || position >= below + currentCount) {
      if (current >= 0) {
        below += currentCount;
        bucket = current + 1;
      }
      while (below + counts[bucket] <= position) below += counts[bucket++];
      current = bucket;
      currentCount = counts[bucket];
      currentOffset = gathered;
      gathered += currentCount;
      counts[bucket] = -1;
    }
    counts[ranks + k] = currentOffset + position - below;
  }
  // Move the marked buckets' values to the front of the column.
  let front = start;
  for (let i = start; i < end; i++) {
    const v = values[i];
    if (counts[((v - min) * scale) | 0] < 0) {
      values[i] = values[front];
      values[front++] = v;
    }
  }
  multipleSelect(values, start, start, front - 1, counts, ranks, ranks + wanted, selectionDepth(gathered));
  // A wanted rank's place among the gathered is never after its position, and both ascend,
  // so copying from the last down never overwrites a place still to be read.
  for (let k = wanted - 1; k >= 0; k--) values[start + positions[k]] = values[start + counts[ranks + k]];
  return true;
}

/** Levels of partitioning allowed before a range is handed to the native sort. */
function selectionDepth(length: number): number {
  return 2 * Math.ceil(Math.log2(length + 1)) + 8;
}

function insertionSort(values: Float64Array, lo: number, hi: number): void {
  for (let i = lo + 1; i <= hi; i++) {
    const value = values[i];
    let j = i - 1;
    while (j >= lo && values[j] > value) {
      values[j + 1] = values[j];
      j--;
    }
    values[j + 1] = value;
  }
}

/**
 * Places the order statistics `positions[first..last)` (relative to `base`; all within
 * [lo, hi]) by Hoare
 * partitioning around a median of three; equal keys are swapped across, so ties (a queue
 * that is often 0) still split the range evenly. Beyond `depth` levels of bad pivots the
 * range is handed to the native sort, which bounds the worst case at n log n.
 */
function multipleSelect(values: Float64Array, base: number, lo: number, hi: number, positions: Int32Array, first: number, last: number, depth: number): void {
  while (first < last) {
    if (hi - lo < INSERTION_LENGTH) {
      insertionSort(values, lo, hi);
      return;
    }
    if (depth-- <= 0) {
      values.subarray(lo, hi + 1).sort();
      return;
    }
    const mid = lo + ((hi - lo) >> 1);
    const a = values[lo];
    const b = values[mid];
    const c = values[hi];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const swap = values[i];
        values[i++] = values[j];
        values[j--] = swap;
      }
    }
    // Now [lo, j] <= pivot, [i, hi] >= pivot, and anything strictly between equals it.
    let leftEnd = first;
    while (leftEnd < last && base + positions[leftEnd] <= j) leftEnd++;
    let rightStart = leftEnd;
    while (rightStart < last && base + positions[rightStart] < i) rightStart++;
    // Recurse into the side with fewer wanted positions, loop on the other.
    if (leftEnd - first < last - rightStart) {
      multipleSelect(values, base, lo, j, positions, first, leftEnd, depth);
      lo = i;
      first = rightStart;
    } else {
      multipleSelect(values, base, i, hi, positions, rightStart, last, depth);
      hi = j;
      last = leftEnd;
    }
  }
}

/** Scratch for placeOrderStatistics. */
export function columnSortScratch(): Int32Array {
  return new Int32Array(COUNTING_RANGE);
}

/** Most buckets quantileOfRange counts into (256 kB of counts). */
const RANGE_BUCKETS = 1 << 16;

/**
 * The same number as quantileBySelection of a copy of `values[start, start + length)`, without
 * copying or reordering it: the values are counted into buckets of equal width between their
 * least and greatest (a monotone map), and only the bucket or two holding the ranks the
 * quantile reads are gathered and selected in. For the pooled daily queue of every
 * replication (181,000 values at 1,000 replications), a copy and a selection over all of it
 * cost several times these three passes. Falls back to that copy where buckets cannot tell
 * the values apart: a NaN, an infinite or too fine a range, or a -0.
 */
export function quantileOfRange(values: Float64Array, start: number, length: number, p: number): number {
  if (length === 0) return NaN;
  const end = start + length;
  const min = minOfRange(values, start, end);
  const max = maxOfRange(values, start, end);
  const sum = sumOfRange(values, start, end);
  const { lower, weight } = type7(length, p);
  const buckets = Math.min(length, RANGE_BUCKETS);
  const range = max - min;
  const scale = (buckets - 1) / range;
  if (sum !== sum || hasNegativeZero(values, start, end)) return quantileBySelection(values.slice(start, end), p);
  if (range === 0) return min;
  if (buckets < 2 || !Number.isFinite(range) || !Number.isFinite(scale) || !(scale > 0)) return quantileBySelection(values.slice(start, end), p);
  const counts = new Int32Array(buckets);
  countIntoBuckets(values, start, end, min, scale, counts);
  // The buckets of ranks `lower` and, when the quantile interpolates, `lower + 1`; the values
  // of both are gathered, in that order, so the ranks keep their order among them.
  const last = weight > 0 ? lower + 1 : lower;
  const first = bucketOfRank(counts, lower, 0, 0);
  const below = countBelow(counts, first);
  const second = bucketOfRank(counts, last, first, below);
  const gathered = new Float64Array(counts[first] + (second === first ? 0 : counts[second]));
  const size = gatherBuckets(values, start, end, min, scale, first, second, gathered);
  // Gathered in column order, not bucket order: a selection over all of them puts the two
  // ranks in place all the same, at their ranks among the gathered.
  const lowerAmongGathered = lower - below;
  const wanted = last > lower ? Int32Array.of(lowerAmongGathered, lowerAmongGathered + 1) : Int32Array.of(lowerAmongGathered);
  multipleSelect(gathered, 0, 0, size - 1, wanted, 0, wanted.length, selectionDepth(size));
  const low = gathered[lowerAmongGathered];
  if (!(weight > 0)) return low;
  return interpolate(low, gathered[lowerAmongGathered + 1], weight);
}

/*
 * quantileOfRange's passes, each a function of its own that returns a number. Written as one
 * function, run once a scenario, V8 compiled its first loop on the stack (OSR) during the
 * first call and threw that code away at each later loop whose operations had not yet run:
 * five compiles and four deoptimisations on the IPACS sample (`--trace-deopt`). A pass
 * that stored its results after its loop did worse: the code compiled on the stack was
 * entered again by every later call and thrown away at the store each time (101 times).
 */

function minOfRange(values: Float64Array, start: number, end: number): number {
  let min = Infinity;
  for (let i = start; i < end; i++) if (values[i] < min) min = values[i];
  return min;
}

function maxOfRange(values: Float64Array, start: number, end: number): number {
  let max = -Infinity;
  for (let i = start; i < end; i++) if (values[i] > max) max = values[i];
  return max;
}

function sumOfRange(values: Float64Array, start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum += values[i];
  return sum;
}

function hasNegativeZero(values: Float64Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (values[i] === 0 && 1 / values[i] < 0) return true;
  return false;
}

function countIntoBuckets(values: Float64Array, start: number, end: number, min: number, scale: number, counts: Int32Array): void {
  for (let i = start; i < end; i++) counts[((values[i] - min) * scale) | 0]++;
}

/** The bucket holding the value of rank `rank` (0-based), looked for from `bucket`, which has `below` values before it. */
function bucketOfRank(counts: Int32Array, rank: number, bucket: number, below: number): number {
  while (below + counts[bucket] <= rank) below += counts[bucket++];
  return bucket;
}

/** How many values lie in the buckets before `bucket`. */
function countBelow(counts: Int32Array, bucket: number): number {
  let below = 0;
  for (let b = 0; b < bucket; b++) below += counts[b];
  return below;
}

/** The values of buckets `first` and `second` (the same bucket or not), in column order, into `gathered`; returns how many. */
function gatherBuckets(values: Float64Array, start: number, end: number, min: number, scale: number, first: number, second: number, gathered: Float64Array): number {
  let size = 0;
  for (let i = start; i < end; i++) {
    const v = values[i];
    const bucket = ((v - min) * scale) | 0;
    if (bucket === first || bucket === second) gathered[size++] = v;
  }
  return size;
}

/**
 * One quantile (type 7, as quantileSorted) of unsorted data, by selection rather than a
 * sort: linear time, for the pooled daily queue of every replication (181 days x 1,000
 * replications is 181,000 values). Reorders `values`.
 */
export function quantileBySelection(values: Float64Array, p: number): number {
  const length = values.length;
  if (length === 0) return NaN;
  const { lower, weight } = type7(length, p);
  multipleSelect(values, 0, 0, length - 1, Int32Array.of(lower), 0, 1, selectionDepth(length));
  const low = values[lower];
  if (!(weight > 0)) return low;
  // Everything to the right of the selected value is no smaller; the next order statistic
  // is the least of it.
  let high = Infinity;
  for (let i = lower + 1; i < length; i++) if (values[i] < high) high = values[i];
  return interpolate(low, high, weight);
}
