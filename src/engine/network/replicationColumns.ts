/**
 * Rows of each replication turned into columns across replications, for daily means and
 * quantiles. A replication arrives as one row of `width` values; reading a column out of the
 * rows would stride across memory a page per value, so rows are staged in small blocks and
 * transposed while the block is in cache (as ScenarioAccumulator does for isolated nodes).
 *
 * Given `segment` (a node-metric's days), it also keeps aside every segment that no
 * replication has changed so far: most network metrics of most nodes are zero, or a capacity
 * that is the same in every replication, and those are never transposed or even touched in
 * the columns. On this machine memory touched for the first time costs about 1.5 ms a
 * megabyte, far more than the copying, and PathSimR's Stroke case has 169 such segments of
 * which 111 are zero throughout.
 */
const BLOCK = 32;
const TILE = 64;

export class ReplicationColumns {
  /** `columns[c * replications + r]`. */
  readonly columns: Float64Array;
  private readonly staging: Float64Array;
  private readonly slots: number;
  private stagedFirst = 0;
  private stagedCount = 0;
  /** The first replication added, -1 before any. */
  private first = -1;
  /** Per segment: 1 while every replication added had the first one's values there. */
  private readonly unchanged: Uint8Array;
  /** The first replication's row: the values of the segments still unchanged. */
  private readonly firstRow: Float64Array;

  /**
   * `columns`, when given, is where the columns go (`width * replications` long), e.g. part of
   * a store other threads fill with other replications; `replicationsAdded` bounds the staging
   * to the replications this instance will be given; `segment` (dividing `width`) turns on the
   * keeping aside of unchanged segments (0: off, every value is transposed).
   */
  constructor(
    readonly width: number,
    readonly replications: number,
    columns?: Float64Array,
    replicationsAdded = replications,
    readonly segment = 0,
  ) {
    if (columns && columns.length !== width * replications) throw new RangeError(`columns of ${replications} replications of ${width} values need ${width * replications} values, not ${columns.length}`);
    if (segment < 0 || (segment > 0 && width % segment !== 0)) throw new RangeError(`segments of ${segment} values do not divide rows of ${width}`);
    this.columns = columns ?? new Float64Array(width * replications);
    this.slots = Math.max(1, Math.min(BLOCK, replicationsAdded));
    this.staging = new Float64Array(this.slots * width);
    this.unchanged = new Uint8Array(segment > 0 ? width / segment : 0);
    this.firstRow = new Float64Array(segment > 0 ? width : 0);
  }

  /** Replication `r`'s row (`width` values). */
  add(r: number, row: Float64Array): void {
    if (this.stagedCount > 0 && r !== this.stagedFirst + this.stagedCount) this.flush();
    if (this.stagedCount === 0) this.stagedFirst = r;
    const at = this.stagedCount * this.width;
    if (this.segment === 0) this.staging.set(row, at);
    else {
      this.compare(r, row);
      // Only what will be transposed: the segments kept aside are in firstRow.
      const { unchanged, segment, staging } = this;
      for (let k = 0; k < unchanged.length; k++) {
        if (unchanged[k]) continue;
        for (let c = k * segment; c < (k + 1) * segment; c++) staging[at + c] = row[c];
      }
    }
    if (++this.stagedCount === this.slots) this.flush();
  }

  /** The columns, every replication in (segments kept aside excepted: see unchangedSegments). */
  finish(): Float64Array {
    this.flush();
    return this.columns;
  }

  /** The segments every replication added left as the first had them, with those values (views: copy to keep). */
  unchangedSegments(): [number, Float64Array][] {
    const kept: [number, Float64Array][] = [];
    for (let k = 0; k < this.unchanged.length; k++) {
      if (this.unchanged[k]) kept.push([k, this.firstRow.subarray(k * this.segment, (k + 1) * this.segment)]);
    }
    return kept;
  }

  /** Notes the segments where replication `r` differs from the first; the first row itself is kept. */
  private compare(r: number, row: Float64Array): void {
    const { segment, firstRow, unchanged } = this;
    if (this.first < 0) {
      this.first = r;
      firstRow.set(row);
      unchanged.fill(1);
      return;
    }
    for (let k = 0; k < unchanged.length; k++) {
      if (unchanged[k] && !sameNumbers(row, firstRow, k * segment, (k + 1) * segment)) this.startColumns(k, r);
    }
  }

  /**
   * Segment `k` changed in replication `r`: from now on it is transposed like any other. The
   * replications before `r` had the first row's values there: those already moved into the
   * columns get them there, and those still staged (whose staging left the segment out) in
   * the staging.
   */
  private startColumns(k: number, r: number): void {
    this.unchanged[k] = 0;
    const { columns, replications, firstRow, segment, staging, width, stagedCount } = this;
    const flushedEnd = stagedCount > 0 ? this.stagedFirst : r;
    for (let c = k * segment; c < (k + 1) * segment; c++) {
      const value = firstRow[c];
      const base = c * replications;
      for (let q = this.first; q < flushedEnd; q++) columns[base + q] = value;
      for (let i = 0; i < stagedCount; i++) staging[i * width + c] = value;
    }
  }

  /**
   * Transposes the staged rows in tiles of TILE columns: each row is read along a tile, and
   * the tile's columns are written a few values at a time, so neither side strides a page per
   * value (a plain column-by-column copy spent more time here than the simulation).
   */
  private flush(): void {
    const { width, segment, unchanged } = this;
    if (segment === 0) this.transpose(0, width);
    else {
      for (let k = 0; k < unchanged.length; k++) if (!unchanged[k]) this.transpose(k * segment, (k + 1) * segment);
    }
    this.stagedCount = 0;
  }

  private transpose(from: number, to: number): void {
    const { staging, columns, replications, stagedFirst, stagedCount, width } = this;
    for (let tile = from; tile < to; tile += TILE) {
      const end = Math.min(to, tile + TILE);
      for (let i = 0; i < stagedCount; i++) {
        const row = i * width;
        const at = stagedFirst + i;
        for (let c = tile; c < end; c++) columns[c * replications + at] = staging[row + c];
      }
    }
  }
}

/** The same number to the bit (so -0 is not 0 and NaN never matches: such a segment is simply transposed). */
export function sameNumber(a: number, b: number): boolean {
  return a === b && (a !== 0 || Object.is(a, b));
}

/** Whether `a` and `b` hold the same numbers (sameNumber) from index `from` to before `to`. */
export function sameNumbers(a: Float64Array, b: Float64Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!sameNumber(a[i], b[i])) return false;
  return true;
}
